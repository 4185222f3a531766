import { sql, type SQL } from 'drizzle-orm';
import {
  APPRAISAL_GRADE_LABELS,
  DomainError,
  REGISTRATION_STATUS_LABELS,
  api,
  currentGraduationYear,
  maskIdCard,
  maskPhone,
  registrationDeadline,
  type AppraisalGrade,
  type OrgType,
  type RegistrationStatus,
  type Rules,
  type TransferKind,
  type TransferStatus,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadPerson, type PersonRow } from '../membership/common.js';
import { updatePerson } from '../people/service.js';
import { growthRecord } from '../membership/growth.js';
import { nationalLink, personInterprovince } from '../membership/interprovince.js';
import { requestTransfer, searchDirectory } from '../membership/transfers.js';
import { loadOrg } from '../organizations/service.js';
import { duesYear } from './dues.js';
import { setDueDate } from './graduates.js';
import { chinaDate, iso, num, numOrNull, subtreeOf, today } from './common.js';

/*
 * 团员自助 (member portal): a member's own record, history, registrations,
 * dues and transfers, a transfer application and correction requests. The
 * member's account (role member, scope = their branch) names the person; every
 * query here is filtered to that person on top of the branch scope.
 *
 * Correction requests have no table of their own yet: each is an audit event
 * (entity "correction_requests", written through tj_audit_event), and its
 * handling a later event naming it. See the report of issue 7.
 */

type B<C> = api.BodyOf<C>;
const d = api.dailyWork;

/** The person behind the caller's own account, visible in the caller's scope. */
export async function loadSelf(tx: Tx, user: SessionUser): Promise<PersonRow> {
  const [acc] = await query<{ person_id: number | null }>(tx, sql`select person_id from accounts where id = ${user.id}`);
  if (!acc || acc.person_id === null) throw new HttpError(403, 'not_member_account', '当前账号不是团员本人账号，团员自助功能仅供团员使用');
  return loadPerson(tx, Number(acc.person_id)).catch(() => {
    throw new DomainError('portal_moved', '您的组织关系已不在本账号所属团支部，请联系现所在团支部书记重新发放登录码', undefined, 409);
  });
}

export async function me(tx: Tx, user: SessionUser, rules: Rules) {
  const person = await loadSelf(tx, user);
  const [extra] = await query<{ phone: string | null; education: string | null; org_type: OrgType }>(
    tx,
    sql`select p.phone, p.education, o.type as org_type from people p join organizations o on o.id = p.org_id where p.id = ${person.id}`,
  );
  const year = Number(today().slice(0, 4));
  const dues = await duesYear(tx, person, rules, year);
  const pending = await query(tx, sql`select 1 from transfers where person_id = ${person.id} and status = 'pending'`);
  return {
    personId: person.id,
    name: person.name,
    gender: person.gender,
    idNumberMasked: maskIdCard(person.id_number),
    birthDate: person.birth_date,
    phone: extra!.phone,
    education: extra!.education,
    politicalStatus: person.political_status,
    memberNo: person.member_no,
    joinedOn: person.joined_on,
    memberStatus: person.member_status,
    orgId: person.org_id,
    orgName: person.org_name,
    orgType: extra!.org_type,
    username: user.username,
    dues: { year, dueFen: dues.months.reduce((s, m) => s + (m.owed || m.payment ? m.dueFen : 0), 0), paidFen: dues.paidFen, unpaidMonths: dues.months.filter((m) => m.owed).length },
    pendingTransfer: pending.length > 0,
  };
}

export async function history(tx: Tx, user: SessionUser) {
  const person = await loadSelf(tx, user);
  const record = await growthRecord(tx, person.id);
  return { events: record.events };
}

export async function registrations(tx: Tx, user: SessionUser, rules: Rules) {
  const person = await loadSelf(tx, user);
  const regs = await query<{ year: number; status: RegistrationStatus; decided_on: string; note: string | null }>(
    tx,
    sql`select year, status, decided_on::text as decided_on, note from registrations where person_id = ${person.id} order by year desc`,
  );
  const apps = await query<{ year: number; grade: AppraisalGrade }>(tx, sql`select year, grade from appraisals where person_id = ${person.id} order by year desc`);
  return {
    registrations: regs.map((r) => ({ year: Number(r.year), status: r.status, statusLabel: REGISTRATION_STATUS_LABELS[r.status] ?? r.status, decidedOn: r.decided_on, note: r.note })),
    appraisals: apps.map((a) => ({ year: Number(a.year), grade: a.grade, gradeLabel: APPRAISAL_GRADE_LABELS[a.grade] ?? a.grade })),
    open: await openRegistration(tx, person, rules),
  };
}

/*
 * 团员自助注册: this year's registration is open for the member from 1 January
 * (as the branch's 待办 counts it, inbox/sources.ts) until the branch has
 * decided on the member. The member confirms their details; the decision stays
 * the branch's (团籍注册 is done by the branch, domain.md), so the request is an
 * audit event (entity "registration_requests", like correction requests) that
 * the branch sees on its 团籍注册 list and in its 待办 until it registers them.
 */
const isSelfRegistration = sql`r.entity = 'registration_requests' and r.action = 'insert'`;

async function openRegistration(tx: Tx, person: PersonRow, rules: Rules) {
  const year = Number(today().slice(0, 4));
  if (person.member_status !== 'active' || (person.joined_on && person.joined_on > `${year}-12-31`)) return null;
  const decided = await query(tx, sql`select 1 from registrations where person_id = ${person.id} and year = ${year}`);
  if (decided.length) return null;
  const [req] = await query<{ at: string; after: unknown }>(
    tx,
    sql`select r.at, r.after from audit_log r where ${isSelfRegistration} and r.entity_id = ${String(person.id)} and (r.after->>'year')::int = ${year} order by r.id desc limit 1`,
  );
  const after = req ? parse<{ note: string | null }>(req.after) : null;
  return { year, deadline: registrationDeadline(year, rules), requestedAt: req ? iso(req.at) : null, note: after?.note ?? null };
}

export async function selfRegister(tx: Tx, user: SessionUser, rules: Rules, body: B<typeof d.portalSelfRegister>) {
  const person = await loadSelf(tx, user);
  const open = await openRegistration(tx, person, rules);
  if (!open || open.year !== body.year) throw new DomainError('registration_not_open', `${body.year}年度团籍注册未开放或已由团支部办理`, 'year', 409);
  if (open.requestedAt) throw new DomainError('registration_requested', `您已提交${body.year}年度团籍注册，请等待团支部确认`, 'year', 409);
  const after = { personId: person.id, personName: person.name, year: body.year, note: body.note?.trim() || null };
  await tx.execute(sql`select tj_audit_event('insert', 'registration_requests', ${String(person.id)}, ${person.org_id}, ${JSON.stringify(after)}::jsonb)`);
  return registrations(tx, user, rules);
}

/** Self-registrations for `year` not yet decided by the branch, by person: a SQL fragment giving the time, for a row `p` of people. */
export const selfRegisteredAt = (year: number) => sql`(select max(r.at) from audit_log r where ${isSelfRegistration}
  and r.entity_id = p.id::text and (r.after->>'year')::int = ${year})`;

export async function dues(tx: Tx, user: SessionUser, rules: Rules, year: number | undefined) {
  const person = await loadSelf(tx, user);
  return duesYear(tx, person, rules, year ?? Number(today().slice(0, 4)));
}

interface PortalTransferRow {
  id: number;
  kind: TransferKind;
  from_name: string | null;
  to_name: string | null;
  status: TransferStatus;
  reason: string;
  requested_on: string;
  due_on: string | null;
  decided_on: string | null;
  note: string | null;
}

const toPortalTransfer = (r: PortalTransferRow) => ({
  id: num(r.id),
  kind: r.kind,
  fromOrgName: r.from_name,
  toOrgName: r.to_name,
  status: r.status,
  reason: r.reason,
  requestedOn: r.requested_on,
  dueOn: r.due_on,
  decidedOn: r.decided_on,
  note: r.note,
});

async function ownTransfers(tx: Tx, personId: number, id?: number) {
  const rows = await query<PortalTransferRow>(
    tx,
    sql`select t.id, t.kind, f.name as from_name, o.name as to_name, t.status, t.reason, ${chinaDate('t.created_at')} as requested_on,
               t.due_on::text as due_on, t.decided_on::text as decided_on, t.note
          from transfers t left join organizations f on f.id = t.from_org_id left join organizations o on o.id = t.to_org_id
         where t.person_id = ${personId} ${id ? sql`and t.id = ${id}` : sql``} order by t.created_at desc, t.id desc`,
  );
  return rows.map(toPortalTransfer);
}

export async function transfers(tx: Tx, user: SessionUser) {
  const person = await loadSelf(tx, user);
  return ownTransfers(tx, person.id);
}

export async function interprovince(tx: Tx, user: SessionUser) {
  const person = await loadSelf(tx, user);
  return { national: (await nationalLink(tx)) !== null, items: await personInterprovince(tx, person.id) };
}

export async function directory(tx: Tx, user: SessionUser, q: string) {
  await loadSelf(tx, user);
  return (await searchDirectory(tx, q)).map((e) => ({ id: e.id, name: e.name, parentName: e.parentName, canReceive: e.canReceive }));
}

export async function applyTransfer(tx: Tx, user: SessionUser, rules: Rules, body: B<typeof d.portalApplyTransfer>) {
  const person = await loadSelf(tx, user);
  const t = await requestTransfer(tx, user, { personId: person.id, toOrgId: body.toOrgId, toOrgName: body.toOrgName, reason: body.reason, byMember: true });
  const branch = await loadOrg(tx, person.org_id);
  const graduating = branch.graduationYear !== null && branch.graduationYear <= currentGraduationYear(today()) + 1;
  if (graduating) {
    await query(tx, sql`update transfers set kind = 'graduate', destination = ${body.destination ?? null} where id = ${t.id}`);
    await setDueDate(tx, t.id, 'graduate', rules);
  } else {
    await setDueDate(tx, t.id, 'regular', rules);
  }
  const [item] = await ownTransfers(tx, person.id, t.id);
  return item!;
}

/* ---------------------------------------------------------- corrections */

interface CorrectionRow {
  id: number;
  at: string;
  org_id: number | null;
  org_name: string | null;
  after: { personId: number; personName: string; field: string; value: string; note: string | null } | string;
  resolved_at: string | null;
  resolution: { status: 'accepted' | 'declined'; note: string } | string | null;
}

const CORRECTION_SELECT = sql`
  select r.id, r.at, r.org_id, o.name as org_name, r.after, s.at as resolved_at, s.after as resolution
    from audit_log r left join organizations o on o.id = r.org_id
    left join lateral (select x.at, x.after from audit_log x where x.entity = 'correction_requests' and x.action = 'update' and x.entity_id = r.id::text order by x.id desc limit 1) s on true`;

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toCorrection(r: CorrectionRow): api.dailyWork.CorrectionItem {
  const a = parse<{ personId: number; personName: string; field: api.dailyWork.CorrectionItem['field']; value: string; note: string | null }>(r.after);
  const res = parse<{ status: 'accepted' | 'declined'; note: string } | null>(r.resolution);
  return {
    id: num(r.id),
    personId: Number(a.personId),
    personName: a.personName,
    orgId: numOrNull(r.org_id),
    orgName: r.org_name,
    field: a.field,
    value: a.value,
    note: a.note ?? null,
    requestedAt: iso(r.at)!,
    status: res?.status ?? 'open',
    resolvedAt: iso(r.resolved_at),
    resolution: res?.note ?? null,
  };
}

const isRequest = sql`r.entity = 'correction_requests' and r.action = 'insert'`;

export async function requestCorrection(tx: Tx, user: SessionUser, body: B<typeof d.portalRequestCorrection>) {
  const person = await loadSelf(tx, user);
  // Kept in the audit log for now, where phone numbers are always masked: the branch confirms a new number with the member.
  const value = body.field === 'phone' ? maskPhone(body.value.replace(/\s/g, '')) : body.value;
  const after = { personId: person.id, personName: person.name, field: body.field, value, note: body.note?.trim() || null };
  await tx.execute(sql`select tj_audit_event('insert', 'correction_requests', ${String(person.id)}, ${person.org_id}, ${JSON.stringify(after)}::jsonb)`);
  const [row] = await query<CorrectionRow>(
    tx,
    sql`${CORRECTION_SELECT} where ${isRequest} and r.entity_id = ${String(person.id)} and r.request_id = current_setting('tj.request_id', true) order by r.id desc limit 1`,
  );
  return toCorrection(row!);
}

export async function ownCorrections(tx: Tx, user: SessionUser) {
  const person = await loadSelf(tx, user);
  const rows = await query<CorrectionRow>(tx, sql`${CORRECTION_SELECT} where ${isRequest} and r.entity_id = ${String(person.id)} order by r.id desc`);
  return rows.map(toCorrection);
}

export async function listCorrections(tx: Tx, q: { under?: number; status?: 'open' | 'accepted' | 'declined' }) {
  const where: SQL = await subtreeOf(tx, q.under);
  const rows = await query<CorrectionRow>(tx, sql`${CORRECTION_SELECT} where ${isRequest} and ${where} order by r.id desc`);
  const items = rows.map(toCorrection);
  return q.status ? items.filter((i) => i.status === q.status) : items;
}

/** Requested values applied to the record on acceptance (free text the roster keeps as is); the others are corrected in the roster first. */
export const APPLIED_CORRECTION_FIELDS = ['name', 'occupation'] as const;

export async function resolveCorrection(tx: Tx, body: B<typeof d.resolveCorrection>, rules: Rules) {
  const person = await loadPerson(tx, body.personId);
  const [row] = await query<CorrectionRow>(tx, sql`${CORRECTION_SELECT} where ${isRequest} and r.id = ${body.requestId} and r.entity_id = ${String(person.id)}`);
  if (!row) throw new HttpError(404, 'not_found', '更正申请不存在或不在您的管理范围内', 'requestId');
  const request = toCorrection(row);
  if (request.status !== 'open') throw new DomainError('correction_closed', '该申请已办理', undefined, 409);
  const field = request.field as (typeof APPLIED_CORRECTION_FIELDS)[number];
  if (body.accepted && APPLIED_CORRECTION_FIELDS.includes(field)) {
    // Through the roster's own update, with its validation (and version), as if edited there.
    const [v] = await query<{ version: number }>(tx, sql`select version from people where id = ${person.id}`);
    const parsed = api.people.updatePerson.body!.safeParse({ [field]: request.value, version: Number(v!.version) });
    if (!parsed.success) throw new DomainError('invalid_correction', `申请更正的${d.CORRECTION_FIELD_LABELS[field]}无效：${parsed.error.issues[0]!.message}`, 'value');
    await updatePerson(tx, person.id, parsed.data, rules);
  }
  const after = { status: body.accepted ? 'accepted' : 'declined', note: body.note, personId: person.id };
  await tx.execute(sql`select tj_audit_event('update', 'correction_requests', ${String(body.requestId)}, ${row.org_id === null ? person.org_id : Number(row.org_id)}, ${JSON.stringify(after)}::jsonb)`);
  const [updated] = await query<CorrectionRow>(tx, sql`${CORRECTION_SELECT} where r.id = ${body.requestId}`);
  return toCorrection(updated!);
}

