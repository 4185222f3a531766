import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  DOCUMENT_KIND_LABELS,
  DEVELOPMENT_STEP_LABELS,
  DomainError,
  GENDER_LABELS,
  REGISTRATION_STATUS_LABELS,
  ageOn,
  documentValidUntil,
  documentValidity,
  educationName,
  ethnicityName,
  makeDocumentCode,
  normalizeDocumentCode,
  politicalStatusName,
  verifyPath,
  type DevelopmentStep,
  type RegistrationStatus,
  type Rules,
  type VerifiableDocumentKind,
  type api,
} from '@tuanjian/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { caseDetail } from '../development/service.js';
import { growthRecord } from '../membership/growth.js';
import { personHonors } from '../membership/person-records.js';
import { cnDate } from './pdf.js';
import { applicationFormPdf, certificatePdf, memberRecordPdf, transferLetterPdf, type Identity, type Verification } from './forms.js';

/*
 * What each document prints, read in the caller's scope (the route's scoped
 * transaction), and the issued copies of the verifiable ones.
 */

interface IdentityRow {
  id: number;
  org_id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string;
  ethnicity: string;
  education: string | null;
  political_status: string;
  occupation: string | null;
  phone: string | null;
  member_no: string | null;
  joined_on: string | null;
  member_status: 'active' | 'left' | null;
  org_name: string;
}

function identity(r: IdentityRow): Identity {
  return {
    name: r.name,
    gender: GENDER_LABELS[r.gender] ?? r.gender,
    ethnicity: ethnicityName(r.ethnicity) ?? r.ethnicity,
    birthDate: r.birth_date,
    idNumber: r.id_number,
    education: educationName(r.education) ?? r.education ?? '',
    politicalStatus: politicalStatusName(r.political_status) ?? r.political_status,
    occupation: r.occupation ?? '',
    phone: r.phone ?? '',
    orgName: r.org_name,
    memberNo: r.member_no ?? '',
    joinedOn: r.joined_on,
    memberStatus: r.member_status ? ((r.member_status === 'active' ? '在册团员' : '已离团')) : '非团员',
  };
}

async function loadIdentity(tx: Tx, personId: number): Promise<IdentityRow> {
  const [row] = await query<IdentityRow>(
    tx,
    sql`select p.id, p.org_id, p.name, p.gender, p.id_number, p.birth_date::text as birth_date, p.ethnicity, p.education, p.political_status,
               p.occupation, p.phone, p.member_no, p.joined_on::text as joined_on, p.member_status, o.name as org_name
          from people p join organizations o on o.id = p.org_id where p.id = ${personId}`,
  );
  if (!row) throw new HttpError(404, 'not_found', '人员不存在', '人员');
  return { ...row, id: Number(row.id), org_id: Number(row.org_id) };
}

/** The public page's address for a code, on the host the request came to (the QR code holds it). */
export function verifyUrl(req: FastifyRequest, code: string): string {
  return `${req.protocol}://${req.host}${verifyPath(code)}`;
}

export function sendPdf(reply: FastifyReply, fileName: string, pdf: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(pdf);
}

/**
 * Records an issued copy (scoped to the issuing organization, audited by the trigger) and returns what the paper prints.
 * A download again the same day of the same document (same person, same transfer, same issuer) prints the copy already
 * issued, while it is not revoked: one paper, one code, however often it is downloaded or printed.
 */
async function issue(
  tx: Tx,
  req: FastifyRequest,
  i: { kind: VerifiableDocumentKind; orgId: number; issuerName: string; personId: number; transferId?: number; subjectName: string; issuedBy: number },
  rules: Rules,
): Promise<Verification> {
  const issuedOn = today();
  const [copy] = await query<{ code: string; valid_until: string }>(
    tx,
    sql`select code, valid_until::text as valid_until from document_issues
         where kind = ${i.kind} and org_id = ${i.orgId} and person_id = ${i.personId} and transfer_id is not distinct from ${i.transferId ?? null}::bigint
           and issued_on = ${issuedOn} and revoked_on is null
         order by id desc limit 1`,
  );
  if (copy) return { code: copy.code, url: verifyUrl(req, copy.code), issuedOn, validUntil: copy.valid_until };
  const code = makeDocumentCode(Array.from({ length: 12 }, () => randomInt(0, 1 << 30)));
  const validUntil = documentValidUntil(i.kind, issuedOn, rules);
  await tx.execute(
    sql`insert into document_issues (org_id, kind, code, person_id, transfer_id, subject_name, issuer_name, issued_by, issued_on, valid_until)
        values (${i.orgId}, ${i.kind}, ${code}, ${i.personId}, ${i.transferId ?? null}, ${i.subjectName}, ${i.issuerName}, ${i.issuedBy}, ${issuedOn}, ${validUntil})`,
  );
  return { code, url: verifyUrl(req, code), issuedOn, validUntil };
}

/** 团员证明 for an active member, issued in the name of the member's branch. */
export async function memberCertificate(tx: Tx, req: FastifyRequest, user: SessionUser, personId: number, rules: Rules): Promise<{ name: string; pdf: Buffer }> {
  const row = await loadIdentity(tx, personId);
  if (row.member_status !== 'active') throw new DomainError('not_member', `${row.name}不是在册团员，不能开具团员证明`, 'personId');
  const [reg] = await query<{ year: number; status: RegistrationStatus }>(tx, sql`select year, status from registrations where person_id = ${personId} order by year desc limit 1`);
  const verification = await issue(tx, req, { kind: 'member_certificate', orgId: row.org_id, issuerName: row.org_name, personId, subjectName: row.name, issuedBy: user.id }, rules);
  const pdf = await certificatePdf({
    person: identity(row),
    registration: reg ? `${reg.year}年度团籍注册：${REGISTRATION_STATUS_LABELS[reg.status] ?? reg.status}` : null,
    issuerName: row.org_name,
    verification,
  });
  return { name: row.name, pdf };
}

/** 组织关系介绍信 of an accepted transfer, issued by the sending side. */
export async function transferLetter(tx: Tx, req: FastifyRequest, user: SessionUser, transferId: number, rules: Rules): Promise<{ name: string; pdf: Buffer }> {
  const [t] = await query<{ status: string; reason: string; from_org_id: number | null; from_name: string | null; from_visible: boolean }>(
    tx,
    sql`select t.status, t.reason, t.from_org_id, f.name as from_name, f.id is not null as from_visible
          from transfers t left join organizations f on f.id = t.from_org_id where t.id = ${transferId}`,
  );
  if (!t) throw new HttpError(404, 'not_found', '组织关系转接不存在', '组织关系转接');
  if (t.status !== 'accepted') throw new DomainError('transfer_not_accepted', '转接尚未完成（转入方接收后才能开具介绍信）', 'id');
  if (!t.from_visible || t.from_org_id === null) throw new HttpError(403, 'letter_by_sender', '介绍信由转出方开具', 'id');
  const [p] = await query<Omit<IdentityRow, 'org_id' | 'org_name'> & { person_id: number; to_org_name: string }>(tx, sql`select * from tj_transfer_letter_person(${transferId})`);
  if (!p) throw new HttpError(403, 'letter_by_sender', '介绍信由转出方开具', 'id');
  const row: IdentityRow = { ...p, id: Number(p.person_id), org_id: Number(t.from_org_id), org_name: t.from_name! };
  const verification = await issue(tx, req, {
    kind: 'transfer_letter',
    orgId: Number(t.from_org_id),
    issuerName: t.from_name!,
    personId: row.id,
    transferId,
    subjectName: row.name,
    issuedBy: user.id,
  }, rules);
  const pdf = await transferLetterPdf({
    person: identity(row),
    age: ageOn(row.birth_date, verification.issuedOn),
    fromOrgName: t.from_name!,
    toOrgName: p.to_org_name,
    reason: t.reason,
    duesPaidTo: null,
    verification,
  });
  return { name: row.name, pdf };
}

/** 入团志愿书 filled from what the development case has recorded (the applicant writes and signs the rest). */
export async function applicationForm(tx: Tx, user: SessionUser, caseId: number, rules: Rules): Promise<{ name: string; pdf: Buffer }> {
  const c = await caseDetail(tx, user, caseId, rules);
  const row = await loadIdentity(tx, c.personId);
  const step = (s: DevelopmentStep) => [...c.steps].reverse().find((x) => x.step === s);
  const sponsorIds = [...new Set(c.steps.flatMap((s) => (Array.isArray(s.data.sponsorIds) ? (s.data.sponsorIds as number[]) : [])))];
  const sponsors = sponsorIds.length
    ? (await query<{ name: string }>(tx, sql`select name from people where id in (${sql.join(sponsorIds.map((i) => sql`${i}`), sql`, `)}) order by name`)).map((r) => r.name)
    : [];
  const meeting = step('branch_meeting');
  const approval = step('approval');
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  const pdf = await applicationFormPdf({
    person: identity(row),
    branchName: c.branchName,
    steps: c.steps.map((s) => ({ label: DEVELOPMENT_STEP_LABELS[s.step], actedOn: s.actedOn, actor: s.actor, note: typeof s.data.note === 'string' ? s.data.note : '' })),
    applicationOn: step('application')?.actedOn ?? null,
    sponsors,
    meeting: meeting ? { on: meeting.actedOn, entitled: n(meeting.data.entitled), present: n(meeting.data.present), votesFor: n(meeting.data.votesFor) } : null,
    approval: approval ? { on: approval.actedOn, actor: approval.actor } : null,
    filledOn: step('application_form')?.actedOn ?? today(),
  });
  return { name: row.name, pdf };
}

/** 团员档案: identity, development, registrations, appraisals, transfers, changes of membership, honors. */
export async function memberRecord(tx: Tx, user: SessionUser, personId: number): Promise<{ name: string; pdf: Buffer }> {
  const row = await loadIdentity(tx, personId);
  const { events } = await growthRecord(tx, personId);
  const honors = await personHonors(tx, personId);
  const list = (kinds: string[]) => events.filter((e) => kinds.includes(e.kind)).map((e) => [cnDate(e.date), e.title, e.detail ?? '']);
  const three = { head: ['日期', '事项', '说明'], columns: [18, 32, 50] };
  const pdf = await memberRecordPdf({
    person: identity(row),
    printedOn: today(),
    printedBy: user.displayName,
    sections: [
      { title: '发展经历', ...three, rows: list(['pioneer', 'development', 'joined']) },
      { title: '团籍注册', ...three, rows: list(['registration']) },
      { title: '团员教育评议', ...three, rows: list(['appraisal']) },
      { title: '组织关系转接', ...three, rows: list(['transfer']) },
      { title: '团籍变动与推优入党', ...three, rows: list(['membership', 'party_recommendation', 'party']) },
      {
        title: '奖励表彰',
        head: ['年度', '表彰', '状态', '推荐单位'],
        columns: [12, 44, 16, 28],
        rows: honors.map((h) => [h.year ? String(h.year) : '', h.title, h.statusLabel, h.orgName]),
      },
    ],
  });
  return { name: row.name, pdf };
}

/* ------------------------------------------------------------ issued copies */

interface IssueRow {
  id: number;
  kind: VerifiableDocumentKind;
  code: string;
  subject_name: string;
  issuer_name: string;
  issued_on: string;
  valid_until: string;
  revoked_on: string | null;
  revoke_reason: string | null;
}

const ISSUE_SELECT = sql`select id, kind, code, subject_name, issuer_name, issued_on::text as issued_on, valid_until::text as valid_until,
                                revoked_on::text as revoked_on, revoke_reason from document_issues`;

function issuedItem(r: IssueRow): api.documents.IssuedItem {
  return {
    id: Number(r.id),
    kind: r.kind,
    kindLabel: DOCUMENT_KIND_LABELS[r.kind],
    code: r.code,
    subjectName: r.subject_name,
    issuerName: r.issuer_name,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    validity: documentValidity({ validUntil: r.valid_until, revokedOn: r.revoked_on }, today()),
    revokedOn: r.revoked_on,
    revokeReason: r.revoke_reason,
  };
}

export async function listIssued(tx: Tx, q: { personId?: number; transferId?: number }) {
  if (!q.personId && !q.transferId) throw new DomainError('missing_filter', '请选择人员或组织关系转接', 'personId');
  const rows = await query<IssueRow>(
    tx,
    sql`${ISSUE_SELECT} where ${q.personId ? sql`person_id = ${q.personId}` : sql`true`} and ${q.transferId ? sql`transfer_id = ${q.transferId}` : sql`true`}
        order by id desc limit 200`,
  );
  return { items: rows.map(issuedItem) };
}

/** Revocation by the issuing side (only it sees the row); the trigger audits the change with the reason. */
export async function revokeIssued(tx: Tx, user: SessionUser, code: string, reason: string) {
  const normalized = normalizeDocumentCode(code);
  const [row] = await query<IssueRow>(tx, sql`${ISSUE_SELECT} where code = ${normalized} for update`);
  if (!row) throw new HttpError(404, 'not_found', '没有本单位开具的这份证明，请核对验证码', 'code');
  const id = Number(row.id);
  if (row.revoked_on) throw new DomainError('already_revoked', `该证明已于${row.revoked_on}作废`, 'id');
  const [updated] = await query<IssueRow>(
    tx,
    sql`update document_issues set revoked_on = ${today()}, revoked_by = ${user.id}, revoke_reason = ${reason} where id = ${id}
        returning id, kind, code, subject_name, issuer_name, issued_on::text as issued_on, valid_until::text as valid_until, revoked_on::text as revoked_on, revoke_reason`,
  );
  return issuedItem(updated!);
}
