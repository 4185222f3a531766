import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  api,
  hasPermission,
  isBranchType,
  maskIdCard,
  parseIdCard,
  transferActionProblem,
  transferDecisionProblems,
  transferRequestProblems,
  type OrgType,
  type TransferAction,
  type TransferInitiator,
  type TransferStatus,
  type TransferTarget,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { chinaDate, likePattern, loadPeople, loadPerson, memberFacts, paging, pgError, refuse, today } from './common.js';

/*
 * 组织关系转接. A transfer row is visible to both sides (row-level security on
 * from_org_id or to_org_id); the person is visible only to the side that holds
 * them. The move itself is tj_accept_transfer: one statement, so the member is
 * never in two organizations or in none.
 */

interface TransferRow {
  id: number;
  person_id: number;
  person_name: string;
  person_id_masked: string;
  from_org_id: number;
  from_org_name: string | null;
  to_org_id: number;
  to_org_name: string | null;
  initiated_by: TransferInitiator;
  status: TransferStatus;
  reason: string;
  requested_on: string;
  decided_on: string | null;
  decided_by: string | null;
  note: string | null;
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
           t.from_org_id, f.name as from_org_name, t.to_org_id, d.name as to_org_name,
           t.initiated_by, t.status, t.reason, ${chinaDate('t.created_at')} as requested_on,
           t.decided_on::text as decided_on, t.decided_by, t.note,
           (f.id is not null) as from_visible, (d.id is not null) as to_visible,
           ${inBase('f')} as from_in, ${inBase('d')} as to_in
      from transfers t
      left join people p on p.id = t.person_id
      left join organizations f on f.id = t.from_org_id
      left join organizations d on d.id = t.to_org_id`;
}

function toItem(r: TransferRow, user: SessionUser): api.membership.TransferItem {
  const sides = { from: r.from_visible, to: r.to_visible };
  const t = { status: r.status, initiatedBy: r.initiated_by };
  const may = (a: TransferAction) => hasPermission(user.role, 'membership:write') && transferActionProblem(t, a, sides) === null;
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    personName: r.person_name,
    personIdMasked: r.person_id_masked,
    fromOrgId: Number(r.from_org_id),
    fromOrgName: r.from_org_name,
    toOrgId: Number(r.to_org_id),
    toOrgName: r.to_org_name,
    direction: r.from_in && r.to_in ? 'internal' : r.to_in ? 'in' : 'out',
    initiatedBy: r.initiated_by,
    status: r.status,
    reason: r.reason,
    requestedOn: r.requested_on,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    note: r.note,
    can: { accept: may('accept'), reject: may('reject'), cancel: may('cancel') },
  };
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

async function insertTransfer(tx: Tx, values: { personId: number; fromOrgId: number; toOrgId: number; initiatedBy: TransferInitiator; reason: string; personName: string; masked: string }) {
  try {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, reason, person_name, person_id_masked)
          values (${values.personId}, ${values.fromOrgId}, ${values.toOrgId}, ${values.initiatedBy}, ${values.reason}, ${values.personName}, ${values.masked})
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

/**
 * The receiving side asks for a member registered elsewhere, by ID number.
 * Where the person is registered comes from tj_person_location; the record
 * itself stays hidden until the transfer is accepted.
 */
export async function requestIncomingTransfer(tx: Tx, user: SessionUser, body: api.BodyOf<typeof api.membership.requestIncomingTransfer>) {
  const org = await loadOrg(tx, body.toOrgId);
  const parsed = parseIdCard(body.idNumber, today());
  if (!parsed.ok) throw new DomainError('id_number', parsed.reason, 'idNumber');
  const idNumber = body.idNumber.trim().toUpperCase();
  const [loc] = await query<{ person_id: number; org_id: number; in_scope: boolean }>(
    tx,
    sql`select person_id, org_id, in_scope from tj_person_location(${idNumber})`,
  );
  if (!loc) throw new DomainError('not_registered', '该身份证号尚未在系统中登记，请由其所在组织先行登记', 'idNumber');
  const personId = Number(loc.person_id);
  const person = loc.in_scope ? await loadPerson(tx, personId) : null;
  if (person && person.name !== body.personName) {
    throw new DomainError('name_mismatch', `姓名与该身份证号登记的姓名（${person.name}）不一致`, 'personName');
  }
  const hasPending = await hasVisiblePending(tx, personId);
  refuse(
    'transfer_refused',
    transferRequestProblems({
      person: person ? memberFacts(person) : null,
      currentOrgId: Number(loc.org_id),
      target: { id: org.id, type: org.type, status: org.status },
      hasPending,
    }),
    undefined,
    hasPending ? 409 : 422,
  );
  const id = await insertTransfer(tx, {
    personId,
    fromOrgId: Number(loc.org_id),
    toOrgId: org.id,
    initiatedBy: 'receiving',
    reason: body.reason,
    personName: person?.name ?? body.personName,
    masked: maskIdCard(idNumber),
  });
  return getTransfer(tx, user, id);
}

function checkAction(row: TransferRow, action: TransferAction) {
  const problem = transferActionProblem({ status: row.status, initiatedBy: row.initiated_by }, action, { from: row.from_visible, to: row.to_visible });
  if (!problem) return;
  if (row.status !== 'pending') throw new DomainError('transfer_closed', problem, undefined, 409);
  throw new HttpError(403, 'transfer_side', problem);
}

export async function acceptTransfer(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.membership.acceptTransfer>) {
  const row = await loadTransferRow(tx, id, true);
  checkAction(row, 'accept');
  const target = await loadOrg(tx, row.to_org_id);
  if (target.status !== 'active') throw new DomainError('target_dissolved', '转入组织已撤销，不能接收，请退回该转接', undefined, 409);
  refuse('transfer_date', transferDecisionProblems(body.onDate, row.requested_on, today()), 'onDate');
  try {
    await query(tx, sql`select tj_accept_transfer(${id}, ${body.decidedBy}, ${body.onDate}::date)`);
  } catch (err) {
    const pg = pgError(err) as { code?: string; constraint?: string; message?: string } | undefined;
    if (pg?.constraint === 'transfers_person_moved' || /no longer in the sending/.test(pg?.message ?? '')) {
      throw new DomainError('person_moved', '该团员已不在转出组织，无法接收，请退回该转接', undefined, 409);
    }
    if (pg?.constraint === 'transfers_not_pending' || /is (accepted|rejected|cancelled)/.test(pg?.message ?? '')) {
      throw new DomainError('transfer_closed', '该转接已办结，不能再接收', undefined, 409);
    }
    if (pg?.code === 'P0002') throw notFound('转接记录');
    throw err;
  }
  return getTransfer(tx, user, id);
}

export async function rejectTransfer(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.membership.rejectTransfer>) {
  const row = await loadTransferRow(tx, id, true);
  checkAction(row, 'reject');
  refuse('transfer_date', transferDecisionProblems(body.onDate, row.requested_on, today()), 'onDate');
  await query(tx, sql`update transfers set status = 'rejected', decided_on = ${body.onDate}::date, decided_by = ${body.decidedBy}, note = ${body.reason}
                       where id = ${id} and status = 'pending'`);
  return getTransfer(tx, user, id);
}

export async function cancelTransfer(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.membership.cancelTransfer>) {
  const row = await loadTransferRow(tx, id, true);
  checkAction(row, 'cancel');
  await query(tx, sql`update transfers set status = 'cancelled', decided_on = ${today()}::date, decided_by = ${user.displayName}, note = ${body.note ?? null}
                       where id = ${id} and status = 'pending'`);
  return getTransfer(tx, user, id);
}
