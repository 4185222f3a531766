import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  api,
  escalationPeriodDays,
  hasPermission,
  incomingRequestMessage,
  isBranchType,
  maskIdCard,
  parseIdCard,
  transferAcceptKind,
  transferActionProblem,
  transferDecisionProblems,
  transferDueOn,
  transferLookupLimitProblem,
  transferOverdue,
  transferRequestLapsesOn,
  transferRequestProblems,
  transferTargetProblems,
  type GraduateDestination,
  type OrgType,
  type Rules,
  type TransferAction,
  type TransferInitiator,
  type TransferKind,
  type TransferStatus,
  type TransferTarget,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { transferUnderWay } from './interprovince.js';
import { chinaDate, likePattern, loadPeople, loadPerson, memberFacts, paging, pgError, refuse, today } from './common.js';

/*
 * 组织关系转接, with the consent of both sides. A transfer row is visible to
 * both sides (row-level security on from_org_id or to_org_id) and so are its
 * audit rows (migration 0017); the person is visible only to the side that
 * holds them. A transfer the sending side (or the member) starts is accepted
 * by the receiving side; a request of the receiving side is agreed to by the
 * sending side, or after its due date by the committee above both
 * (transferActionProblem). Until the sending side agrees, the receiving side
 * learns nothing about the person: requests by ID number outside the caller's
 * scope are matched inside the database (tj_request_transfer_in) and answered
 * alike whatever matched. The move itself is tj_accept_transfer: one
 * statement, so the member is never in two organizations or in none.
 */

interface TransferRow {
  id: number;
  person_id: number | null;
  person_name: string;
  person_id_masked: string;
  from_org_id: number | null;
  from_org_name: string | null;
  from_org_short_name: string | null;
  to_org_id: number;
  to_org_name: string | null;
  to_org_short_name: string | null;
  initiated_by: TransferInitiator;
  status: TransferStatus;
  reason: string;
  requested_on: string;
  decided_on: string | null;
  decided_by: string | null;
  note: string | null;
  due_on: string | null;
  lapses_on: string | null;
  from_visible: boolean;
  to_visible: boolean;
  from_in: boolean;
  to_in: boolean;
}

/** Rows with the names the caller may see; `base` decides in/out (default: the caller's scope). */
function selectTransfers(base: SQL | null) {
  const inBase = (alias: string) => (base ? sql`coalesce(${sql.raw(alias)}.path <@ ${base}, false)` : sql`(${sql.raw(alias)}.id is not null)`);
  return sql`
    select t.id, t.person_id, coalesce(p.name, t.person_name) as person_name, t.person_id_masked,
           t.from_org_id, f.name as from_org_name, f.short_name as from_org_short_name, t.to_org_id, d.name as to_org_name, d.short_name as to_org_short_name,
           t.initiated_by, t.status, t.reason, ${chinaDate('t.created_at')} as requested_on,
           t.decided_on::text as decided_on, t.decided_by, t.note, t.due_on::text as due_on, t.lapses_on::text as lapses_on,
           (f.id is not null) as from_visible, (d.id is not null) as to_visible,
           ${inBase('f')} as from_in, ${inBase('d')} as to_in
      from transfers t
      left join people p on p.id = t.person_id
      left join organizations f on f.id = t.from_org_id
      left join organizations d on d.id = t.to_org_id`;
}

function toItem(r: TransferRow, user: SessionUser): api.membership.TransferItem {
  const sides = { from: r.from_visible, to: r.to_visible };
  const on = today();
  const t = { status: r.status, initiatedBy: r.initiated_by, dueOn: r.due_on };
  const writer = hasPermission(user.role, 'membership:write');
  const may = (a: TransferAction) => writer && transferActionProblem(t, a, sides, on) === null;
  // The receiving side of a request the sending side has not agreed to: nothing about the person beyond what it typed.
  const hidden = r.initiated_by === 'receiving' && !sides.from && r.status !== 'accepted';
  return {
    id: Number(r.id),
    personId: hidden || r.person_id === null ? null : Number(r.person_id),
    personName: r.person_name,
    personIdMasked: r.person_id_masked,
    fromOrgId: hidden || r.from_org_id === null ? null : Number(r.from_org_id),
    fromOrgName: r.from_org_name,
    fromOrgShortName: r.from_org_short_name,
    toOrgId: Number(r.to_org_id),
    toOrgName: r.to_org_name,
    toOrgShortName: r.to_org_short_name,
    direction: r.from_in && r.to_in ? 'internal' : r.to_in ? 'in' : 'out',
    initiatedBy: r.initiated_by,
    status: r.status,
    reason: r.reason,
    requestedOn: r.requested_on,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    note: r.note,
    dueOn: r.due_on,
    lapsesOn: r.lapses_on,
    overdue: !hidden && transferOverdue(t, on),
    acceptAs: writer && r.status === 'pending' ? transferAcceptKind(t, sides) : null,
    can: { accept: may('accept'), reject: may('reject'), cancel: may('cancel') },
  };
}

/** Requests of the receiving side that nobody answered in time lapse (every reader and writer sees them lapsed). */
async function lapseRequests(tx: Tx) {
  await query(tx, sql`select tj_lapse_transfer_requests(${today()}::date)`);
}

async function loadTransferRow(tx: Tx, id: number, lock = false): Promise<TransferRow> {
  if (lock) await query(tx, sql`select id from transfers where id = ${id} for update`);
  const [row] = await query<TransferRow>(tx, sql`${selectTransfers(null)} where t.id = ${id}`);
  if (!row) throw notFound('转接记录');
  return row;
}

export async function getTransfer(tx: Tx, user: SessionUser, id: number): Promise<api.membership.TransferItem> {
  return toItem(await loadTransferRow(tx, id), user);
}

export async function listTransfers(tx: Tx, user: SessionUser, q: api.QueryOf<typeof api.membership.listTransfers>) {
  await lapseRequests(tx);
  const base = q.under ? sql`${(await loadOrg(tx, q.under)).path}::ltree` : null;
  const fromIn = base ? sql`f.path <@ ${base}` : sql`f.id is not null`;
  const toIn = base ? sql`d.path <@ ${base}` : sql`d.id is not null`;
  const conds: SQL[] = [q.direction === 'in' ? toIn : q.direction === 'out' ? fromIn : sql`(${fromIn} or ${toIn})`];
  if (q.status) conds.push(sql`t.status = ${q.status}`);
  if (q.q) conds.push(sql`coalesce(p.name, t.person_name) like ${likePattern(q.q)}`);
  const where = sql.join(conds, sql` and `);
  const rows = await query<TransferRow>(tx, sql`${selectTransfers(base)} where ${where}
    order by (t.status = 'pending') desc, t.created_at desc, t.id desc ${paging(q)}`);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from transfers t
      left join people p on p.id = t.person_id
      left join organizations f on f.id = t.from_org_id
      left join organizations d on d.id = t.to_org_id where ${where}`);
  return { items: rows.map((r) => toItem(r, user)), total: Number(count!.n), page: q.page, pageSize: q.pageSize };
}

/** Active organizations anywhere, by name (the only view of organizations outside the caller's scope). */
export async function searchDirectory(tx: Tx, q: string) {
  const rows = await query<{ id: number; name: string; type: OrgType; parent_name: string | null }>(
    tx,
    sql`select id, name, type, parent_name from tj_org_directory(${q})`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, type: r.type, parentName: r.parent_name, canReceive: isBranchType(r.type) }));
}

/** The target of a transfer: in scope by id, otherwise through the directory by its exact name. */
async function findTarget(tx: Tx, id: number, name: string): Promise<TransferTarget | null> {
  const [own] = await query<{ id: number; type: string; status: string }>(tx, sql`select id, type, status from organizations where id = ${id}`);
  if (own) return { id: Number(own.id), type: own.type, status: own.status };
  const found = await query<{ id: number; type: string }>(tx, sql`select id, type from tj_org_directory(${name}) where id = ${id}`);
  return found[0] ? { id: Number(found[0].id), type: found[0].type, status: 'active' } : null;
}

async function hasVisiblePending(tx: Tx, personId: number): Promise<boolean> {
  const rows = await query(tx, sql`select 1 from transfers where person_id = ${personId} and status = 'pending'`);
  return rows.length > 0;
}

interface NewTransfer {
  personId: number;
  fromOrgId: number;
  toOrgId: number;
  initiatedBy: TransferInitiator;
  reason: string;
  personName: string;
  masked: string;
  requestedBy?: number;
  graduate?: { destination: GraduateDestination; dueOn: string };
}

async function insertTransfer(tx: Tx, v: NewTransfer) {
  const across = await transferUnderWay(tx, v.personId, false);
  if (across) throw new DomainError('transfer_pending', `${v.personName}有尚未办结的${across}，办结或撤回后才能办理省内转接`, 'personId', 409);
  try {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, reason, person_name, person_id_masked, requested_by, kind, destination, due_on)
          values (${v.personId}, ${v.fromOrgId}, ${v.toOrgId}, ${v.initiatedBy}, ${v.reason}, ${v.personName}, ${v.masked}, ${v.requestedBy ?? null},
                  ${v.graduate ? 'graduate' : 'regular'}, ${v.graduate?.destination ?? null}, ${v.graduate?.dueOn ?? null})
          returning id`,
    );
    return Number(row!.id);
  } catch (err) {
    const pg = pgError(err);
    if (pg?.code === '23505') throw new DomainError('transfer_pending', '该团员已有一项待处理的组织关系转接，请先办结', undefined, 409);
    throw err;
  }
}

/** The sending side (or the member through it) asks to move a member to another branch. */
export async function requestTransfer(tx: Tx, user: SessionUser, body: api.BodyOf<typeof api.membership.requestTransfer>) {
  // Locked: a leaving decision on the same member waits for this request, and sees it.
  const [person] = await loadPeople(tx, [body.personId]);
  if (!person) throw notFound('团员');
  const target = await findTarget(tx, body.toOrgId, body.toOrgName);
  const hasPending = await hasVisiblePending(tx, person.id);
  refuse(
    'transfer_refused',
    transferRequestProblems({ person: memberFacts(person), currentOrgId: person.org_id, target, hasPending }),
    undefined,
    hasPending ? 409 : 422,
  );
  const id = await insertTransfer(tx, {
    personId: person.id,
    fromOrgId: person.org_id,
    toOrgId: target!.id,
    initiatedBy: body.byMember ? 'member' : 'sending',
    reason: body.reason,
    personName: person.name,
    masked: maskIdCard(person.id_number),
  });
  return getTransfer(tx, user, id);
}

/** Look-ups by ID number are limited per account and hour (rules: dailyWork.transferLookupsPerHour). */
async function checkLookupLimit(tx: Tx, user: SessionUser, rules: Rules) {
  const [row] = await query<{ n: number }>(
    tx,
    sql`select count(*)::int as n from transfers where requested_by = ${user.id} and created_at > now() - interval '1 hour'`,
  );
  const problem = transferLookupLimitProblem(Number(row!.n), rules);
  if (problem) throw new HttpError(429, 'too_many_lookups', problem);
}

/**
 * The receiving side asks for a member by ID number and name. A person in the
 * caller's own scope is transferred as the sending side would (the caller
 * holds both sides). Outside it, the request is recorded for the sending side
 * to answer, and the answer is the same whether the number is registered
 * there, registered under another name, or not at all. Used for graduates too
 * (`graduate`: kind 'graduate' with its destination and deadlines).
 */
export async function requestIncomingTransfer(
  tx: Tx,
  user: SessionUser,
  rules: Rules,
  body: api.BodyOf<typeof api.membership.requestIncomingTransfer>,
  graduate?: { destination: GraduateDestination },
): Promise<api.membership.IncomingTransferAnswer> {
  const org = await loadOrg(tx, body.toOrgId);
  const on = today();
  const parsed = parseIdCard(body.idNumber, on);
  if (!parsed.ok) throw new DomainError('id_number', parsed.reason, 'idNumber');
  refuse('transfer_refused', transferTargetProblems({ id: org.id, type: org.type, status: org.status }, null), 'toOrgId');
  await checkLookupLimit(tx, user, rules);
  const idNumber = body.idNumber.trim().toUpperCase();
  const kind: TransferKind = graduate ? 'graduate' : 'regular';
  const dueOn = transferDueOn(kind, on, rules);
  const [loc] = await query<{ person_id: number; in_scope: boolean }>(tx, sql`select person_id, in_scope from tj_person_location(${idNumber})`);
  if (loc?.in_scope) {
    const person = await loadPerson(tx, Number(loc.person_id));
    if (person.name !== body.personName) {
      throw new DomainError('name_mismatch', `姓名与该身份证号登记的姓名（${person.name}）不一致`, 'personName');
    }
    const hasPending = await hasVisiblePending(tx, person.id);
    refuse(
      'transfer_refused',
      transferRequestProblems({ person: memberFacts(person), currentOrgId: person.org_id, target: { id: org.id, type: org.type, status: org.status }, hasPending }),
      undefined,
      hasPending ? 409 : 422,
    );
    const id = await insertTransfer(tx, {
      personId: person.id,
      fromOrgId: person.org_id,
      toOrgId: org.id,
      initiatedBy: 'sending',
      reason: body.reason,
      personName: person.name,
      masked: maskIdCard(idNumber),
      requestedBy: user.id,
      graduate: graduate ? { destination: graduate.destination, dueOn } : undefined,
    });
    return { message: '该团员在本组织管辖范围内，已按转出办理，请在转接列表中接收', transfer: await getTransfer(tx, user, id) };
  }
  await lapseRequests(tx);
  const lapsesOn = transferRequestLapsesOn(dueOn, escalationPeriodDays(kind, rules));
  await query(
    tx,
    sql`select tj_request_transfer_in(${idNumber}, ${body.personName}, ${org.id}, ${body.reason}, ${maskIdCard(idNumber)},
                                      ${kind}, ${graduate?.destination ?? null}, ${dueOn}::date, ${lapsesOn}::date)`,
  );
  return { message: incomingRequestMessage(dueOn, lapsesOn), transfer: null };
}

function checkAction(row: TransferRow, action: TransferAction) {
  const problem = transferActionProblem(
    { status: row.status, initiatedBy: row.initiated_by, dueOn: row.due_on },
    action,
    { from: row.from_visible, to: row.to_visible },
    today(),
  );
  if (!problem) return;
  if (row.status !== 'pending') throw new DomainError('transfer_closed', problem, undefined, 409);
  throw new HttpError(403, 'transfer_side', problem);
}

/** The consent that completes a transfer: the receiving side receives, the sending side (or the committee above both) releases. */
export async function acceptTransfer(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.membership.acceptTransfer>) {
  await lapseRequests(tx);
  const row = await loadTransferRow(tx, id, true);
  checkAction(row, 'accept');
  refuse('transfer_date', transferDecisionProblems(body.onDate, row.requested_on, today()), 'onDate');
  try {
    await query(tx, sql`select tj_accept_transfer(${id}, ${body.decidedBy}, ${body.onDate}::date)`);
  } catch (err) {
    const pg = pgError(err) as { code?: string; constraint?: string; message?: string } | undefined;
    if (pg?.constraint === 'transfers_person_moved' || /no longer in the sending/.test(pg?.message ?? '')) {
      throw new DomainError('person_moved', '该团员已不在转出组织，无法接收，请退回该转接', undefined, 409);
    }
    if (pg?.constraint === 'transfers_target_dissolved' || /receiving organization .* is not active/.test(pg?.message ?? '')) {
      throw new DomainError('target_dissolved', '转入组织已撤销，不能接收，请退回该转接', undefined, 409);
    }
    if (pg?.constraint === 'transfers_not_pending' || /is (accepted|rejected|cancelled|lapsed)/.test(pg?.message ?? '')) {
      throw new DomainError('transfer_closed', '该转接已办结，不能再接收', undefined, 409);
    }
    if (pg?.code === 'P0002') throw notFound('转接记录');
    throw err;
  }
  return getTransfer(tx, user, id);
}

export async function rejectTransfer(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.membership.rejectTransfer>) {
  await lapseRequests(tx);
  const row = await loadTransferRow(tx, id, true);
  checkAction(row, 'reject');
  refuse('transfer_date', transferDecisionProblems(body.onDate, row.requested_on, today()), 'onDate');
  await query(tx, sql`update transfers set status = 'rejected', decided_on = ${body.onDate}::date, decided_by = ${body.decidedBy}, note = ${body.reason}
                       where id = ${id} and status = 'pending'`);
  return getTransfer(tx, user, id);
}

export async function cancelTransfer(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.membership.cancelTransfer>) {
  await lapseRequests(tx);
  const row = await loadTransferRow(tx, id, true);
  checkAction(row, 'cancel');
  await query(tx, sql`update transfers set status = 'cancelled', decided_on = ${today()}::date, decided_by = ${user.displayName}, note = ${body.note ?? null}
                       where id = ${id} and status = 'pending'`);
  return getTransfer(tx, user, id);
}
