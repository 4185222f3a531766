import type { Rules } from '../rules/config.js';
import { attachmentProblems, type AttachmentType } from '../org-life/attachments.js';

/**
 * 电子档案 (shared/domain.md, step 7): the scans a member's file holds — the
 * signed 入团申请书 and 入团志愿书 (PDF up to `rules.archive.documentMaxMb`),
 * photos — each uploaded by the branch (on the person or on the development
 * case) and reviewed by the committee above (approve / return with a reason).
 * The 发展档案清单 (which kinds a file must hold) is configuration
 * (`rules.archive.require…`); once every listed document is approved the
 * member counts as 团员身份已认证.
 */
export const ARCHIVE_DOC_KINDS = ['application_letter', 'application_form', 'photo', 'certificate', 'other'] as const;
export type ArchiveDocKind = (typeof ARCHIVE_DOC_KINDS)[number];

export const ARCHIVE_DOC_INFO: Record<ArchiveDocKind, { label: string; types: readonly AttachmentType[]; hint: string }> = {
  application_letter: { label: '入团申请书', types: ['pdf', 'jpeg', 'png'], hint: '本人手写并签名的申请书扫描件（PDF 或照片）' },
  application_form: { label: '入团志愿书', types: ['pdf'], hint: '签字盖章后的入团志愿书，各页扫描为一个 PDF' },
  photo: { label: '照片', types: ['jpeg', 'png'], hint: '本人证件照（JPG、PNG）' },
  certificate: { label: '团员证', types: ['pdf', 'jpeg', 'png'], hint: '团员证扫描件（PDF 或照片）' },
  other: { label: '其他材料', types: ['pdf', 'jpeg', 'png'], hint: '其他入团材料（PDF 或照片）' },
};

export const ARCHIVE_DOC_STATUSES = ['pending', 'approved', 'returned'] as const;
export type ArchiveDocStatus = (typeof ARCHIVE_DOC_STATUSES)[number];
export const ARCHIVE_DOC_STATUS_LABELS: Record<ArchiveDocStatus | 'missing', string> = {
  missing: '未上传',
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
};

/** The kinds the 发展档案清单 requires, in order. */
export function archiveChecklist(rules: Rules): ArchiveDocKind[] {
  const a = rules.archive;
  const required: Record<ArchiveDocKind, boolean> = {
    application_letter: a.requireApplicationLetter,
    application_form: a.requireApplicationForm,
    photo: a.requirePhoto,
    certificate: a.requireCertificate,
    other: false,
  };
  return ARCHIVE_DOC_KINDS.filter((k) => required[k]);
}

/** Why an archive file is refused: the attachment rules with the archive's size limit, then the types its kind takes. */
export function archiveFileProblems(f: { kind: ArchiveDocKind; fileName: string; size: number; sniffed: AttachmentType | null }, rules: Rules): string[] {
  const problems = attachmentProblems(f, rules, rules.archive.documentMaxMb);
  if (problems.length) return problems;
  const info = ARCHIVE_DOC_INFO[f.kind];
  if (!info.types.includes(f.sniffed!)) {
    const allowed = info.types.map((t) => (t === 'pdf' ? 'PDF' : t.toUpperCase())).join('、');
    return [`${info.label}只能上传 ${allowed} 文件`];
  }
  return [];
}

export interface ArchiveDocFacts {
  kind: ArchiveDocKind;
  status: ArchiveDocStatus;
  /** Upload order: the latest of a kind decides its state. */
  id: number;
}

export interface ArchiveState {
  items: { kind: ArchiveDocKind; label: string; required: boolean; status: ArchiveDocStatus | 'missing' }[];
  /** Required kinds with no upload, or whose latest upload was returned. */
  missing: ArchiveDocKind[];
  /** Every required kind has an upload that is pending or approved. */
  complete: boolean;
  /** Every required kind's latest upload is approved (团员身份已认证). */
  verified: boolean;
}

/** The state of one member's archive against the checklist (the latest upload of each kind counts). */
export function archiveState(docs: ArchiveDocFacts[], rules: Rules): ArchiveState {
  const required = new Set(archiveChecklist(rules));
  const latest = new Map<ArchiveDocKind, ArchiveDocFacts>();
  for (const d of [...docs].sort((a, b) => a.id - b.id)) latest.set(d.kind, d);
  const items = ARCHIVE_DOC_KINDS.filter((k) => required.has(k) || latest.has(k)).map((kind) => ({
    kind,
    label: ARCHIVE_DOC_INFO[kind].label,
    required: required.has(kind),
    status: latest.get(kind)?.status ?? ('missing' as const),
  }));
  const missing = [...required].filter((k) => !latest.has(k) || latest.get(k)!.status === 'returned');
  return {
    items,
    missing,
    complete: missing.length === 0,
    verified: [...required].every((k) => latest.get(k)?.status === 'approved'),
  };
}

/** The last day the signed 入团志愿书 may be uploaded: `uploadDueDays` after the approval. */
export function archiveUploadDueOn(approvedOn: string, rules: Rules): string {
  const d = new Date(`${approvedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + rules.archive.uploadDueDays);
  return d.toISOString().slice(0, 10);
}
