import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  LEAVING_KINDS,
  POLITICAL,
  api,
  leavingProblems,
  maskIdCard,
  memberAgeLimitReachedOn,
  reinstatementProblems,
  type LeavingKind,
  type MembershipEventKind,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { currentYear, loadPeople, loadPerson, memberFacts, paging, refuse, refuseBatch, subtree, today, type PersonRow } from './common.js';

/*
 * Leaving (超龄离团、退团、除名、开除团籍) and 恢复团籍. Each writes one
 * membership_events row and the person's member_status / left_on / left_reason
 * in the same transaction.
 */

interface DueRow {
  person_id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  member_no: string | null;
  joined_on: string | null;
  org_id: number;
  org_name: string;
  birth_date: string;
  pending_transfer: boolean;
}

type DueQuery = { year?: number; under?: number; page?: number; pageSize?: number };

/** Active members who reach the age limit by the end of `year` (including earlier years, not yet done). */
export async function listDueToLeave(tx: Tx, q: DueQuery, rules: Rules) {
  const year = q.year ?? currentYear();
  const max = rules.ages.memberMax;
  const where = sql`p.member_status = 'active' and p.birth_date <= ${`${year - max}-12-31`}::date and ${await subtree(tx, q.under)}`;
  const rows = await query<DueRow>(
    tx,
    sql`select p.id as person_id, p.name, p.gender, p.id_number, p.member_no, p.joined_on::text as joined_on, p.org_id, o.name as org_name,
               p.birth_date::text as birth_date,
               exists (select 1 from transfers t where t.person_id = p.id and t.status = 'pending') as pending_transfer
          from people p join organizations o on o.id = p.org_id
         where ${where}
         order by p.birth_date, o.path, p.id ${q.page && q.pageSize ? paging({ page: q.page, pageSize: q.pageSize }) : sql``}`,
  );
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from people p join organizations o on o.id = p.org_id where ${where}`);
  const items = rows.map((r) => {
    const reachesOn = memberAgeLimitReachedOn(r.birth_date, rules);
    return {
      personId: Number(r.person_id),
      name: r.name,
      gender: r.gender,
      idNumberMasked: maskIdCard(r.id_number),
      memberNo: r.member_no,
      joinedOn: r.joined_on,
      orgId: Number(r.org_id),
      orgName: r.org_name,
      birthDate: r.birth_date,
      reachesOn,
      overdue: reachesOn < `${year}-01-01`,
      pendingTransfer: !!r.pending_transfer,
    };
  });
  return { items, total: Number(count!.n), year, ageLimit: max };
}

async function pendingTransfers(tx: Tx, personIds: number[]): Promise<Set<number>> {
  const rows = await query<{ person_id: number }>(
    tx,
    sql`select person_id from transfers where status = 'pending' and person_id in (${sql.join(personIds.map((i) => sql`${i}`), sql`, `)})`,
  );
  return new Set(rows.map((r) => Number(r.person_id)));
}

interface EventRow {
  id: number;
  person_id: number;
  person_name: string;
  org_id: number;
  org_name: string;
  kind: MembershipEventKind;
  reason: string;
  on_date: string;
  approved_by: string;
}

const EVENT_SELECT = sql`
  select e.id, e.person_id, coalesce(p.name, '（已转出）') as person_name, e.org_id, o.name as org_name, e.kind, e.reason,
         e.on_date::text as on_date, e.approved_by
    from membership_events e join organizations o on o.id = e.org_id left join people p on p.id = e.person_id`;

const toEvent = (r: EventRow): api.membership.MembershipEvent => ({
  id: Number(r.id),
  personId: Number(r.person_id),
  personName: r.person_name,
  orgId: Number(r.org_id),
  orgName: r.org_name,
  kind: r.kind,
  reason: r.reason,
  onDate: r.on_date,
  approvedBy: r.approved_by,
});

export async function getEvent(tx: Tx, id: number): Promise<api.membership.MembershipEvent> {
  const [row] = await query<EventRow>(tx, sql`${EVENT_SELECT} where e.id = ${id}`);
  return toEvent(row!);
}

export async function listEvents(tx: Tx, q: api.QueryOf<typeof api.membership.listMembershipEvents>) {
  const conds: SQL[] = [await subtree(tx, q.under)];
  if (q.personId) {
    await loadPerson(tx, q.personId);
    conds.push(sql`e.person_id = ${q.personId}`);
  }
  if (q.kind) conds.push(sql`e.kind = ${q.kind}`);
  if (q.year) conds.push(sql`extract(year from e.on_date) = ${q.year}`);
  const where = sql.join(conds, sql` and `);
  const rows = await query<EventRow>(tx, sql`${EVENT_SELECT} where ${where} order by e.on_date desc, e.id desc ${paging(q)}`);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from membership_events e join organizations o on o.id = e.org_id where ${where}`);
  return { items: rows.map(toEvent), total: Number(count!.n), page: q.page, pageSize: q.pageSize };
}

/** Marks people as having left and records why, one event each. Returns the event ids. */
export async function markLeft(tx: Tx, people: Pick<PersonRow, 'id' | 'org_id'>[], kind: LeavingKind, reason: string, onDate: string, approvedBy: string): Promise<number[]> {
  const ids = people.map((p) => sql`${p.id}`);
  await query(
    tx,
    // A former member is 群众 again, unless a (probationary) party member.
    sql`update people set member_status = 'left', left_on = ${onDate}::date, left_reason = ${kind}, version = version + 1,
                          political_status = case when political_status = ${POLITICAL.leagueMember} then ${POLITICAL.masses} else political_status end
         where id in (${sql.join(ids, sql`, `)}) and member_status = 'active'`,
  );
  const values = people.map((p) => sql`(${p.id}, ${p.org_id}, ${kind}, ${reason}, ${onDate}::date, ${approvedBy})`);
  const rows = await query<{ id: number }>(
    tx,
    sql`insert into membership_events (person_id, org_id, kind, reason, on_date, approved_by) values ${sql.join(values, sql`, `)} returning id`,
  );
  return rows.map((r) => Number(r.id));
}

export async function leaveOverAge(tx: Tx, body: api.BodyOf<typeof api.membership.leaveOverAge>, rules: Rules) {
  const people = await loadPeople(tx, body.personIds);
  const pending = await pendingTransfers(tx, people.map((p) => p.id));
  const on = today();
  refuseBatch(
    'leaving_refused',
    people.map((p) => ({
      name: p.name,
      problems: leavingProblems(memberFacts(p), 'over_age', body.onDate, { today: on, rules, hasPendingTransfer: pending.has(p.id) }),
    })),
  );
  await markLeft(tx, people, 'over_age', `年满${rules.ages.memberMax}周岁，超龄离团`, body.onDate, body.approvedBy);
  return { count: people.length };
}

export async function recordLeaving(tx: Tx, id: number, body: api.BodyOf<typeof api.membership.recordLeaving>, rules: Rules) {
  const [person] = await loadPeople(tx, [id]);
  const pending = await pendingTransfers(tx, [id]);
  refuse('leaving_refused', leavingProblems(memberFacts(person!), body.kind, body.onDate, { today: today(), rules, hasPendingTransfer: pending.has(id) }));
  const [eventId] = await markLeft(tx, [person!], body.kind, body.reason, body.onDate, body.approvedBy);
  return getEvent(tx, eventId!);
}

export async function reinstate(tx: Tx, id: number, body: api.BodyOf<typeof api.membership.reinstate>, rules: Rules) {
  const [person] = await loadPeople(tx, [id]);
  const [last] = await query<{ kind: string; on_date: string }>(
    tx,
    sql`select kind, on_date::text as on_date from membership_events where person_id = ${id} order by on_date desc, id desc limit 1`,
  );
  const lastLeaving = last && (LEAVING_KINDS as readonly string[]).includes(last.kind) ? { kind: last.kind, onDate: last.on_date } : null;
  refuse('reinstatement_refused', reinstatementProblems(memberFacts(person!), lastLeaving, body.onDate, { today: today(), rules }));
  const updated = await query<{ id: number }>(
    tx,
    sql`update people set member_status = 'active', left_on = null, left_reason = null, version = version + 1,
                          political_status = case when political_status = ${POLITICAL.masses} then ${POLITICAL.leagueMember} else political_status end
         where id = ${id} and member_status = 'left' returning id`,
  );
  if (!updated.length) throw new DomainError('stale', '该同志的团籍状态已变化，请刷新后重试', undefined, 409);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into membership_events (person_id, org_id, kind, reason, on_date, approved_by)
        values (${id}, ${person!.org_id}, 'reinstated', ${body.reason}, ${body.onDate}::date, ${body.approvedBy}) returning id`,
  );
  return getEvent(tx, Number(row!.id));
}
