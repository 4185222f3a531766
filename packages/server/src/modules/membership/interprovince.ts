import { sql } from 'drizzle-orm';
import { DomainError, maskIdCard, notActiveMemberProblem, provinceName, type api } from '@tuanjian/domain';
import { HttpError } from '../../http/errors.js';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';

type Query = api.QueryOf<typeof api.membership.listInterprovinceTransfers>;
type Item = api.membership.InterprovinceTransferItem;

interface Row {
  kind: 'request' | 'transfer';
  id: number;
  key: string | null;
  direction: 'out' | 'in';
  person_id: number | null;
  person_name: string;
  id_number: string;
  org_id: number;
  org_name: string;
  other_province: string;
  other_province_name: string | null;
  other_org_name: string | null;
  status: Item['status'];
  reason: string | null;
  decision_note: string | null;
  created_at: Date | string;
  decided_at: Date | string | null;
  total: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function item(r: Row): Item {
  return {
    kind: r.kind,
    id: Number(r.id),
    key: r.key,
    direction: r.direction,
    personId: r.person_id === null ? null : Number(r.person_id),
    personName: r.person_name,
    idNumberMasked: maskIdCard(r.id_number),
    orgId: Number(r.org_id),
    orgName: r.org_name,
    otherProvince: r.other_province,
    otherProvinceName: r.other_province_name,
    otherOrgName: r.other_org_name,
    status: r.status,
    reason: r.reason,
    decisionNote: r.decision_note,
    createdAt: iso(r.created_at),
    decidedAt: r.decided_at === null ? null : iso(r.decided_at),
  };
}

/**
 * Both kinds of row as one list: the transfers the national coordinator wrote (national/transfer.ts) and the
 * requests this province made that it has not started yet (a started request is shown by its transfer row).
 */
const ROWS = sql`(select 'transfer' as kind, t.id, t.key, t.direction, t.person_id, t.person_name, t.id_number, t.org_id, t.other_province,
                         t.other_province_name, t.other_org_name, t.status, null::text as reason, t.decision_note, t.created_at, t.decided_at
                    from interprovince_transfers t
                  union all
                  select 'request', r.id, null::uuid, 'out', r.person_id, r.person_name, r.id_number, r.org_id, r.to_province,
                         r.to_province_name, r.to_org_name, r.status, r.reason, r.decision_note, r.created_at, r.decided_at
                    from interprovince_requests r where r.status <> 'started')`;

/** The national tier this province is linked to, null on a server that is not part of one. */
export async function nationalLink(tx: Tx): Promise<{ province: string; name: string } | null> {
  const [r] = await query<{ link: { province: string; name: string } | null }>(tx, sql`select tj_national_link() as link`);
  return r?.link ?? null;
}

/**
 * 跨省转接 as this province keeps it, for the caller's organizations (row-level security on org_id), optionally
 * under one of them; open ones (a request waiting for the national coordinator, a transfer waiting for the
 * receiving side) first. The transfers themselves are decided on the national server.
 */
export async function listInterprovinceTransfers(tx: Tx, q: Query): Promise<api.ResponseOf<typeof api.membership.listInterprovinceTransfers>> {
  const under = q.under ? sql`and o.path <@ ${(await loadOrg(tx, q.under)).path}::ltree` : sql``;
  const rows = await query<Row>(
    tx,
    sql`select x.*, o.name as org_name, count(*) over ()::int as total
          from ${ROWS} x join organizations o on o.id = x.org_id
         where true ${under}
         order by (x.status in ('requested', 'pending')) desc, x.created_at desc, x.kind, x.id desc
         limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { items: rows.map(item), total: rows[0] ? Number(rows[0].total) : 0, page: q.page, pageSize: q.pageSize, national: await nationalLink(tx) };
}

/** The 跨省转接 of one person as this province keeps them (the member's portal), newest first. */
export async function personInterprovince(tx: Tx, personId: number): Promise<Item[]> {
  const rows = await query<Row>(
    tx,
    sql`select x.*, o.name as org_name, 0 as total from ${ROWS} x join organizations o on o.id = x.org_id
         where x.person_id = ${personId} order by x.created_at desc, x.kind, x.id desc`,
  );
  return rows.map(item);
}

async function requestRow(tx: Tx, id: number): Promise<Item> {
  const [r] = await query<Row>(
    tx,
    sql`select 'request' as kind, r.id, null::uuid as key, 'out' as direction, r.person_id, r.person_name, r.id_number, r.org_id, o.name as org_name,
               r.to_province as other_province, r.to_province_name as other_province_name, r.to_org_name as other_org_name, r.status,
               r.reason, r.decision_note, r.created_at, r.decided_at, 1 as total
          from interprovince_requests r join organizations o on o.id = r.org_id where r.id = ${id}`,
  );
  return item(r!);
}

/**
 * What moves the person already (as the caller's scope sees it): a 跨省转接 waiting for the receiving province,
 * an open 跨省转出申请, and with `withinProvince` a transfer within the province; null when nothing does.
 * A person is moved one way at a time.
 */
export async function transferUnderWay(tx: Tx, personId: number, withinProvince: boolean): Promise<string | null> {
  const [busy] = await query<{ what: string }>(
    tx,
    sql`select '跨省转接' as what from interprovince_transfers where person_id = ${personId} and direction = 'out' and status = 'pending'
        union all select '跨省转出申请' from interprovince_requests where person_id = ${personId} and status = 'requested'
        ${withinProvince ? sql`union all select '组织关系转接' from transfers where person_id = ${personId} and status = 'pending'` : sql``}
        limit 1`,
  );
  return busy?.what ?? null;
}

/**
 * 跨省转出 asked for by the member's branch or a committee above it: the member must be on the roll, with no
 * transfer under way (within the province or between provinces) and no other open request. The national
 * coordinator starts it later (national/transfer-routes.ts), in the same sending-side transaction that
 * writes the pending 'out' row.
 */
export async function requestInterprovince(tx: Tx, body: api.BodyOf<typeof api.membership.requestInterprovinceTransfer>): Promise<Item> {
  const link = await nationalLink(tx);
  if (!link) throw new HttpError(409, 'not_national', '本系统尚未接入全国系统，不能办理跨省转接；请联系上级团委');
  if (body.toProvince === link.province) throw new DomainError('transfer_refused', `转入省份就是本省（${link.name}），请按省内转接办理`, 'toProvince');
  const [p] = await query<{ id: number; org_id: number; name: string; id_number: string; member_status: string; birth_date: string; joined_on: string | null }>(
    tx,
    sql`select id, org_id, name, id_number, member_status, birth_date::text as birth_date, joined_on::text as joined_on from people where id = ${body.personId} for update`,
  );
  const problem = notActiveMemberProblem({ name: p!.name, memberStatus: p!.member_status, birthDate: p!.birth_date, joinedOn: p!.joined_on });
  if (problem) throw new DomainError('transfer_refused', `${problem}，只有在册团员可以转接组织关系`, 'personId');
  const busy = await transferUnderWay(tx, p!.id, true);
  if (busy) throw new DomainError('transfer_refused', `${p!.name}有尚未办结的${busy}，办结或撤回后才能再申请`, 'personId');
  const [r] = await query<{ id: number }>(
    tx,
    sql`insert into interprovince_requests (org_id, person_id, person_name, id_number, to_province, to_province_name, to_org_name, reason)
        values (${p!.org_id}, ${p!.id}, ${p!.name}, ${p!.id_number}, ${body.toProvince}, ${provinceName(body.toProvince)}, ${body.toOrgName}, ${body.reason})
        returning id`,
  );
  return requestRow(tx, Number(r!.id));
}

/** Withdraws the member's open request; once the national coordinator has started it, the transfer is decided there. */
export async function withdrawInterprovince(tx: Tx, personId: number): Promise<Item> {
  const [r] = await query<{ id: number }>(
    tx,
    sql`update interprovince_requests set status = 'withdrawn', decided_at = now() where person_id = ${personId} and status = 'requested' returning id`,
  );
  if (!r) throw new DomainError('transfer_refused', '该团员没有待办理的跨省转出申请（已由全国系统办理的，请联系全国系统退回）', 'personId');
  return requestRow(tx, Number(r.id));
}

/** The receiving side's row of a transfer, in the caller's scope (404 otherwise), still to be decided. */
async function pendingIn(tx: Tx, key: string): Promise<void> {
  const [r] = await query<{ status: string }>(tx, sql`select status from interprovince_transfers where key = ${key}::uuid and direction = 'in'`);
  if (!r) throw new HttpError(404, 'not_found', '没有该跨省转接，或不在您的管理范围内');
  if (r.status !== 'pending') throw new DomainError('transfer_refused', r.status === 'accepted' ? '该跨省转接已接收' : '该跨省转接已退回', 'key');
}

async function inRow(tx: Tx, key: string): Promise<Item> {
  const [r] = await query<Row>(tx, sql`select x.*, o.name as org_name, 1 as total from ${ROWS} x join organizations o on o.id = x.org_id where x.key = ${key}::uuid and x.direction = 'in'`);
  return item(r!);
}

/**
 * 跨省转入 accepted by the receiving branch (or a committee above it) on its own server: the person and the row in
 * this transaction (tj_interprovince_receive, as the national coordinator does); the ID number moves in the
 * national registry with it. The national coordinator then finishes the sending side (settleTransfers).
 */
export async function receiveInterprovince(tx: Tx, key: string): Promise<Item> {
  await pendingIn(tx, key);
  await query(tx, sql`select tj_interprovince_receive(${key}::uuid) as id`);
  return inRow(tx, key);
}

/** 跨省转入 declined by the receiving side, with its reason: the person stays in the sending province. */
export async function declineInterprovince(tx: Tx, key: string, reason: string): Promise<Item> {
  await pendingIn(tx, key);
  await query(
    tx,
    sql`update interprovince_transfers set status = 'rejected', decision_note = ${reason}, decided_at = now(), decided_by = nullif(current_setting('tj.actor_name', true), '')
         where key = ${key}::uuid and direction = 'in' and status = 'pending'`,
  );
  return inRow(tx, key);
}
