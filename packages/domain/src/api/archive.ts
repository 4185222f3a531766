import { z } from 'zod';
import { ARCHIVE_DOC_KINDS, ARCHIVE_DOC_STATUSES } from '../people/archive.js';
import { contract, idParam, field, pageQuery } from './contract.js';
import { UPLOAD_BODY_LIMIT, attachmentItem, uploadBody } from './org-life.js';

/*
 * 电子档案 (issue 14 item 4): scans of a member's file (入团申请书, 入团志愿书,
 * photos), uploaded on the person or on the development case, reviewed by the
 * committee above (approve / return with a reason); 团员身份已认证 once every
 * document the 发展档案清单 (rules.archive) requires is approved. Rules:
 * people/archive.ts.
 */

const TAG = '电子档案';
const { id: positiveId, queryId, optionalText } = field;
const under = queryId('组织').optional();

const kind = z.enum(ARCHIVE_DOC_KINDS, { error: '材料类型无效' }).describe('材料类型');
const status = z.enum(ARCHIVE_DOC_STATUSES);

export const archiveDocumentItem = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  caseId: z.number().nullable(),
  kind,
  status,
  returnReason: z.string().nullable(),
  uploadedOn: z.string(),
  reviewedOn: z.string().nullable(),
  attachment: attachmentItem,
});
export type ArchiveDocumentItem = z.infer<typeof archiveDocumentItem>;

export const personArchive = z.object({
  personId: z.number(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  isMember: z.boolean(),
  joinedOn: z.string().nullable(),
  /** The last day to upload the signed 入团志愿书 (approval + rules.archive.uploadDueDays), members only. */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  /** 团员身份已认证 since (null: not yet). */
  verifiedOn: z.string().nullable(),
  complete: z.boolean(),
  missing: z.array(z.string()),
  items: z.array(z.object({ kind, label: z.string(), required: z.boolean(), status: z.enum(['missing', ...ARCHIVE_DOC_STATUSES]) })),
  documents: z.array(archiveDocumentItem),
  /** Whether the caller may approve or return this person's uploads (the committee above the branch). */
  canReview: z.boolean(),
});
export type PersonArchive = z.infer<typeof personArchive>;

export const getPersonArchive = contract({
  method: 'GET',
  path: '/api/people/:id/archive',
  permission: 'person:read',
  tag: TAG,
  summary: '人员的电子档案：发展档案清单、已上传材料及审核情况、团员身份是否已认证',
  params: idParam,
  response: personArchive,
  refs: { 'params.id': 'person' },
});

export const uploadArchiveDocument = contract({
  method: 'POST',
  path: '/api/people/:id/archive',
  permission: 'person:write',
  tag: TAG,
  summary: '上传电子档案材料（入团申请书、入团志愿书 PDF、照片等；可关联发展程序），提交上级团委审核',
  params: idParam,
  body: uploadBody.extend({ kind, caseId: positiveId('发展程序').optional() }),
  bodyLimit: UPLOAD_BODY_LIMIT,
  response: personArchive,
  refs: { 'params.id': 'person', 'body.caseId': 'developmentCase' },
});

export const reviewArchiveDocument = contract({
  method: 'POST',
  path: '/api/archive/documents/:id/review',
  permission: 'development:approve',
  tag: TAG,
  summary: '上级团委审核电子档案材料：通过，或退回并说明原因',
  params: idParam,
  body: z
    .object({ decision: z.enum(['approve', 'return'], { error: '请选择审核结果' }).describe('审核结果'), reason: optionalText('退回原因', 200) })
    .refine((b) => b.decision !== 'return' || (b.reason ?? '').trim().length >= 2, { message: '退回须说明原因（至少2个字）', path: ['reason'] }),
  response: personArchive,
  refs: { 'params.id': 'archiveDocument' },
});

export const downloadArchiveDocument = contract({
  method: 'GET',
  path: '/api/archive/documents/:id/file',
  permission: 'person:read',
  tag: TAG,
  summary: '下载电子档案材料',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'archiveDocument' },
});

export const listArchivePending = contract({
  method: 'GET',
  path: '/api/archive/pending',
  permission: 'development:approve',
  tag: TAG,
  summary: '待审核的电子档案材料（本级以下各团支部上传的）',
  query: z.object({ under }),
  response: z.array(archiveDocumentItem),
  refs: { 'query.under': 'org' },
});

export const archiveBranchRow = z.object({
  orgId: z.number(),
  orgName: z.string(),
  members: z.number(),
  complete: z.number(),
  verified: z.number(),
  notVerified: z.number(),
  pendingReview: z.number(),
});
export type ArchiveBranchRow = z.infer<typeof archiveBranchRow>;

export const archiveOverview = contract({
  method: 'GET',
  path: '/api/archive/overview',
  permission: 'person:read',
  tag: TAG,
  summary: '各团支部电子档案完整率和团员身份认证情况（按团支部分页；合计为整个组织的数字）',
  query: z.object({
    under,
    ...pageQuery,
    notVerifiedOnly: z.stringbool().optional().describe('仅看有未认证团员的团支部'),
  }),
  response: z.object({
    checklist: z.array(z.string()),
    /** The organization's own figures (every active member of its subtree), not the sum of a page. */
    totals: archiveBranchRow.omit({ orgId: true, orgName: true }),
    /** One page of the subtree's active branches in tree order (notVerifiedOnly: those with members not verified). */
    branches: z.array(archiveBranchRow),
    /** Branches listed over all pages. */
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  }),
  refs: { 'query.under': 'org' },
});
