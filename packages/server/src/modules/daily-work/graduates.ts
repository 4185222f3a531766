import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  GRADUATE_DESTINATION_LABELS,
  TRANSFER_KINDS,
  api,
  currentGraduationYear,
  escalationLevels,
  escalationPeriodDays,
  escalationTarget,
  graduateState,
  graduateTransferProblems,
  graduationYearProblems,
  isBranchType,
  isTempGraduateBranchName,
  maskIdCard,
  shiftDays,
  tempGraduateBranchName,
  transferDueOn,
  type GraduateDestination,
  type GraduateState,
  type OrgType,
  type Rules,
  type TransferKind,
  type TransferStatus,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { loadPeople } from '../membership/common.js';
import { acceptTransfer, requestIncomingTransfer, requestTransfer } from '../membership/transfers.js';
import { chinaDate, loadOrgRef, num, numOrNull, paging, refuse, subtreeOf, today } from './common.js';

/*
 * 学社衔接 and transfer deadlines. Graduate transfers are ordinary transfers
 * (membership/transfers.ts creates them and tj_accept_transfer moves the
 * member) marked kind 'graduate' with a destination and a due date. Past its
 * due date an unhandled transfer is escalated to the level above the
 * receiving organization — checked whenever these lists are read and by an
 * explicit call — and it stays pending: it is never accepted or dropped here.
 */

type B<C> = api.BodyOf<C>;
const d = api.dailyWork;

/* ------------------------------------------------------------- deadlines */

interface PendingRow {
  id: number;
  kind: TransferKind;
  due_on: string | null;
  requested_on: string;
  escalated_on: string | null;
  escalated_to_org_id: number | null;
  to_path: string;
}

/**
 * Escalates every pending transfer the caller can see on the receiving side
 * whose due date has passed (within `base` when given). The target and the
 * date of each escalation follow from the due date alone, so checking twice
 * or late changes nothing.
 */
export async function escalateDue(tx: Tx, rules: Rules, base: SQL | null): Promise<{ checked: number; escalated: number }> {
  const on = today();
  const scope = base ? sql`(d.path <@ ${base} or f.path <@ ${base})` : sql`true`;
  const rows = await query<PendingRow>(
    tx,
    sql`select t.id, t.kind, t.due_on::text as due_on, ${chinaDate('t.created_at')} as requested_on, t.escalated_on::text as escalated_on,
               t.escalated_to_org_id, d.path::text as to_path
          from transfers t join organizations d on d.id = t.to_org_id left join organizations f on f.id = t.from_org_id
         where t.status = 'pending' and t.initiated_by <> 'receiving' and ${scope}
         order by t.id for update of t`,
  );
  let escalated = 0;
  for (const r of rows) {
    const kind: TransferKind = TRANSFER_KINDS.includes(r.kind) ? r.kind : 'regular';
    const due = r.due_on ?? transferDueOn(kind, r.requested_on, rules);
    const period = escalationPeriodDays(kind, rules);
    const levels = escalationLevels(due, on, period);
    if (levels === 0) continue;
    const target = escalationTarget(r.to_path.split('.').map(Number), levels);
    const escalatedOn = shiftDays(due, 1 + (levels - 1) * period);
    if (r.due_on === due && numOrNull(r.escalated_to_org_id) === target && r.escalated_on === escalatedOn) continue;
    await query(tx, sql`update transfers set due_on = ${due}, escalated_on = ${escalatedOn}, escalated_to_org_id = ${target} where id = ${r.id}`);
    escalated++;
  }
  return { checked: rows.length, escalated };
}

async function basePath(tx: Tx, under: number | undefined): Promise<SQL | null> {
  if (!under) return null;
  const org = await loadOrgRef(tx, under, 'under');
  return sql`${org.path}::ltree`;
}

export async function escalate(tx: Tx, rules: Rules, under: number | undefined) {
  return escalateDue(tx, rules, await basePath(tx, under));
}

interface OverdueRow {
  id: number;
  kind: TransferKind;
  person_name: string;
  person_id_masked: string;
  from_org_id: number;
  from_org_name: string | null;
  to_org_id: number;
  to_org_name: string | null;
  initiated_by: 'sending' | 'receiving' | 'member';
  requested_on: string;
  due_on: string;
  escalated_on: string | null;
  escalated_to_org_id: number | null;
  escalated_to_name: string | null;
}

export async function listOverdue(tx: Tx, rules: Rules, q: { under?: number; kind?: TransferKind; page?: number; pageSize?: number }) {
  const base = await basePath(tx, q.under);
  await escalateDue(tx, rules, base);
  const on = today();
  const due = sql`coalesce(t.due_on, (${chinaDate('t.created_at')})::date + case when t.kind = 'graduate' then ${rules.dailyWork.graduateTransferDueDays}::int else ${rules.dailyWork.transferDueDays}::int end)`;
  const conds: SQL[] = [sql`t.status = 'pending'`, sql`t.initiated_by <> 'receiving'`, sql`${due} < ${on}::date`];
  conds.push(base ? sql`(f.path <@ ${base} or d.path <@ ${base})` : sql`(f.id is not null or d.id is not null)`);
  if (q.kind) conds.push(sql`t.kind = ${q.kind}`);
  const where = sql.join(conds, sql` and `);
  const limit = q.page && q.pageSize ? paging({ page: q.page, pageSize: q.pageSize }) : sql``;
  const from = sql`from transfers t left join organizations f on f.id = t.from_org_id left join organizations d on d.id = t.to_org_id
                   left join organizations e on e.id = t.escalated_to_org_id`;
  const rows = await query<OverdueRow>(
    tx,
    sql`select t.id, t.kind, t.person_name, t.person_id_masked, t.from_org_id, f.name as from_org_name, t.to_org_id, d.name as to_org_name,
               t.initiated_by, ${chinaDate('t.created_at')} as requested_on, (${due})::text as due_on, t.escalated_on::text as escalated_on,
               t.escalated_to_org_id, e.name as escalated_to_name
          ${from} where ${where} order by ${due}, t.id ${limit}`,
  );
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n ${from} where ${where}`);
  const items = rows.map((r) => ({
    id: num(r.id),
    kind: r.kind,
    personName: r.person_name,
    personIdMasked: r.person_id_masked,
    fromOrgId: num(r.from_org_id),
    fromOrgName: r.from_org_name,
    toOrgId: num(r.to_org_id),
    toOrgName: r.to_org_name,
    initiatedBy: r.initiated_by,
    requestedOn: r.requested_on,
    dueOn: r.due_on,
    daysLate: Math.round((Date.parse(`${on}T00:00:00Z`) - Date.parse(`${r.due_on}T00:00:00Z`)) / 86_400_000),
    escalatedOn: r.escalated_on,
    escalatedToOrgId: numOrNull(r.escalated_to_org_id),
    escalatedToOrgName: r.escalated_to_name,
  }));
  return { items, total: Number(count!.n) };
}

/* ------------------------------------------------- temporary graduates' branch */

/**
 * The county's temporary graduates' branch for organizations under `path`:
 * found by name under the county committee (created there when missing and
 * the caller holds the county); a caller below the county finds it through
 * the organization directory.
 */
export async function tempBranchFor(tx: Tx, path: string, create: boolean): Promise<{ id: number; name: string; visible: boolean } | null> {
  const ids = path.split('.').map(Number);
  const [county] = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where type = 'county' and id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) order by nlevel(path) desc limit 1`,
  );
  if (county) {
    const name = tempGraduateBranchName(county.name);
    const [own] = await query<{ id: number }>(tx, sql`select id from organizations where parent_id = ${county.id} and name = ${name} and status = 'active'`);
    if (own) return { id: num(own.id), name, visible: true };
    if (!create) return null;
    const [made] = await query<{ id: number }>(
      tx,
      sql`insert into organizations (parent_id, name, type, sector, founded_on) values (${county.id}, ${name}, 'branch', 'other', ${today()}) returning id`,
    );
    return { id: num(made!.id), name, visible: true };
  }
  // Below the county: the county's name shows in the names of the caller's own organizations ("共青团余庆县白泥镇委员会").
  const candidates = await query<{ id: number; name: string }>(tx, sql`select id, name from tj_org_directory(${'毕业生临时团支部'})`);
  if (!candidates.length) return null;
  const [top] = await query<{ name: string }>(
    tx,
    sql`select name from organizations where id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) order by nlevel(path) limit 1`,
  );
  const fits = candidates.filter((c) => top && top.name.includes(c.name.replace(/毕业生临时团支部$/, '')));
  const pick = fits.length === 1 ? fits[0] : candidates.length === 1 ? candidates[0] : undefined;
  return pick ? { id: num(pick.id), name: pick.name, visible: false } : null;
}

/* ---------------------------------------------------------------- classes */

interface GradTransferRow {
  id: number;
  person_id: number;
  person_name: string;
  person_id_masked: string;
  from_org_id: number | null;
  to_org_id: number;
  to_org_name: string | null;
  destination: GraduateDestination | null;
  status: TransferStatus;
  requested_on: string;
  due_on: string | null;
  escalated_on: string | null;
  escalated_to_name: string | null;
  decided_on: string | null;
}

interface ClassRow {
  id: number;
  name: string;
  graduation_year: number;
  path: string;
}

interface GraduateRow {
  personId: number;
  name: string;
  masked: string;
  classId: number;
  state: GraduateState;
  transfer: GradTransferRow | null;
}

async function graduatesOf(tx: Tx, rules: Rules, classes: ClassRow[], tempIds: Set<number>): Promise<GraduateRow[]> {
  if (!classes.length) return [];
  const classIds = classes.map((c) => c.id);
  const inList = sql.join(classIds.map((i) => sql`${i}`), sql`, `);
  const members = await query<{ id: number; name: string; id_number: string; org_id: number }>(
    tx,
    sql`select id, name, id_number, org_id from people where org_id in (${inList}) and member_status = 'active' order by org_id, id`,
  );
  const fromClass = await query<{ person_id: number; from_org_id: number }>(
    tx,
    sql`select distinct on (person_id) person_id, from_org_id from transfers where kind = 'graduate' and from_org_id in (${inList}) order by person_id, id`,
  );
  const personIds = [...new Set([...members.map((m) => num(m.id)), ...fromClass.map((f) => num(f.person_id))])];
  const transfers = personIds.length
    ? await query<GradTransferRow>(
        tx,
        sql`select distinct on (t.person_id) t.id, t.person_id, t.person_name, t.person_id_masked, t.from_org_id, t.to_org_id, o.name as to_org_name,
                   t.destination, t.status, ${chinaDate('t.created_at')} as requested_on, t.due_on::text as due_on, t.escalated_on::text as escalated_on,
                   e.name as escalated_to_name, t.decided_on::text as decided_on
              from transfers t left join organizations o on o.id = t.to_org_id left join organizations e on e.id = t.escalated_to_org_id
             where t.kind = 'graduate' and t.person_id in (${sql.join(personIds.map((i) => sql`${i}`), sql`, `)})
             order by t.person_id, t.created_at desc, t.id desc`,
      )
    : [];
  const latest = new Map(transfers.map((t) => [num(t.person_id), t]));
  const yearOf = new Map(classes.map((c) => [c.id, Number(c.graduation_year)]));
  const on = today();
  const out: GraduateRow[] = [];
  const seen = new Set<number>();
  const add = (personId: number, name: string, masked: string, classId: number) => {
    if (seen.has(personId)) return;
    seen.add(personId);
    const t = latest.get(personId) ?? null;
    const facts = t
      ? {
          status: t.status,
          toTemp: tempIds.has(num(t.to_org_id)) || (t.to_org_name !== null && isTempGraduateBranchName(t.to_org_name)) || t.destination === 'unknown',
          requestedOn: t.requested_on,
          decidedOn: t.decided_on,
          dueOn: t.due_on ?? transferDueOn('graduate', t.requested_on, rules),
          escalatedOn: t.escalated_on,
        }
      : null;
    out.push({ personId, name, masked, classId, state: graduateState(facts, yearOf.get(classId)!, on, rules), transfer: t });
  };
  for (const m of members) add(num(m.id), m.name, maskIdCard(m.id_number), num(m.org_id));
  for (const f of fromClass) {
    const t = latest.get(num(f.person_id));
    add(num(f.person_id), t?.person_name ?? '', t?.person_id_masked ?? '', num(f.from_org_id));
  }
  return out;
}

const emptyCounts = (): Record<GraduateState, number> => ({ not_started: 0, pending: 0, escalated: 0, transferred: 0, held: 0, lost: 0 });

async function classesUnder(tx: Tx, under: number | undefined, year: number): Promise<ClassRow[]> {
  const where = await subtreeOf(tx, under);
  const rows = await query<ClassRow>(
    tx,
    sql`select o.id, o.name, o.graduation_year, o.path::text as path from organizations o
         where o.graduation_year = ${year} and o.type in ('branch', 'joint_branch') and ${where} order by o.path`,
  );
  return rows.map((r) => ({ ...r, id: num(r.id), graduation_year: Number(r.graduation_year) }));
}

async function tempIdsFor(tx: Tx, classes: ClassRow[]): Promise<{ ids: Set<number>; branch: { id: number; name: string; visible: boolean } | null }> {
  const first = classes[0];
  const branch = first ? await tempBranchFor(tx, first.path, false) : null;
  return { ids: new Set(branch ? [branch.id] : []), branch };
}

export async function listClasses(tx: Tx, user: SessionUser, rules: Rules, q: { under?: number; year?: number }) {
  const base = await basePath(tx, q.under);
  await escalateDue(tx, rules, base);
  const year = q.year ?? currentGraduationYear(today());
  const classes = await classesUnder(tx, q.under, year);
  // The county's holding branch: created on first use by the county itself.
  const scopePath = q.under ? (await loadOrg(tx, q.under)).path : user.scopeOrgId ? (await loadOrg(tx, user.scopeOrgId)).path : classes[0]?.path;
  const temp = scopePath ? await tempBranchFor(tx, scopePath, false) : null;
  const graduates = await graduatesOf(tx, rules, classes, new Set(temp ? [temp.id] : []));
  const totals = { ...emptyCounts(), graduates: graduates.length };
  const items = classes.map((c) => {
    const mine = graduates.filter((g) => g.classId === c.id);
    const counts = emptyCounts();
    for (const g of mine) counts[g.state]++;
    return { orgId: c.id, name: c.name, graduationYear: c.graduation_year, inClass: 0, graduates: mine.length, counts };
  });
  const inClass = classes.length
    ? await query<{ org_id: number; n: number }>(
        tx,
        sql`select org_id, count(*)::int as n from people where member_status = 'active' and org_id in (${sql.join(classes.map((c) => sql`${c.id}`), sql`, `)}) group by org_id`,
      )
    : [];
  for (const r of inClass) {
    const item = items.find((i) => i.orgId === num(r.org_id));
    if (item) item.inClass = Number(r.n);
  }
  for (const g of graduates) totals[g.state]++;
  let tempBranch = null;
  if (temp?.visible) {
    const [t] = await query<{ members: number }>(tx, sql`select count(*)::int as members from people where org_id = ${temp.id} and member_status = 'active'`);
    const overdue = await query<{ n: number }>(
      tx,
      sql`select count(distinct p.id)::int as n from people p join transfers t on t.person_id = p.id and t.to_org_id = ${temp.id} and t.status = 'accepted'
           where p.org_id = ${temp.id} and p.member_status = 'active' and t.decided_on < ${shiftDays(today(), -rules.dailyWork.graduateTransferDueDays)}::date`,
    );
    tempBranch = { id: temp.id, name: temp.name, members: Number(t!.members), overdue: Number(overdue[0]!.n) };
  }
  return { year, classes: items, totals, tempBranch };
}

function toItem(g: GraduateRow, classNames: Map<number, string>): api.dailyWork.GraduateItem {
  const t = g.transfer;
  return {
    personId: g.personId,
    name: g.name,
    idNumberMasked: g.masked,
    classId: g.classId,
    className: classNames.get(g.classId) ?? null,
    state: g.state,
    transfer: t
      ? {
          id: num(t.id),
          toOrgId: num(t.to_org_id),
          toOrgName: t.to_org_name,
          destination: t.destination,
          status: t.status,
          requestedOn: t.requested_on,
          dueOn: t.due_on,
          escalatedOn: t.escalated_on,
          escalatedToOrgName: t.escalated_to_name,
          decidedOn: t.decided_on,
        }
      : null,
  };
}

export async function classMembers(tx: Tx, rules: Rules, id: number) {
  const org = await loadOrgRef(tx, id, 'id', '班级团支部');
  await escalateDue(tx, rules, sql`${org.path}::ltree`);
  const cls: ClassRow = { id: org.id, name: org.name, graduation_year: org.graduationYear ?? currentGraduationYear(today()), path: org.path };
  const { ids } = await tempIdsFor(tx, [cls]);
  const graduates = await graduatesOf(tx, rules, [cls], ids);
  return { orgId: org.id, name: org.name, graduationYear: org.graduationYear, items: graduates.map((g) => toItem(g, new Map([[org.id, org.name]]))) };
}

export async function exportRows(tx: Tx, rules: Rules, q: { under?: number; year?: number; state?: GraduateState }) {
  const base = await basePath(tx, q.under);
  await escalateDue(tx, rules, base);
  const year = q.year ?? currentGraduationYear(today());
  const classes = await classesUnder(tx, q.under, year);
  const { ids } = await tempIdsFor(tx, classes);
  const names = new Map(classes.map((c) => [c.id, c.name]));
  const rows = (await graduatesOf(tx, rules, classes, ids)).filter((g) => !q.state || g.state === q.state);
  return { year, items: rows.map((g) => toItem(g, names)) };
}

export async function setGraduationYear(tx: Tx, id: number, year: number | null) {
  const org = await loadOrgRef(tx, id, 'id', '班级团支部');
  refuse('graduation_year', graduationYearProblems({ isBranch: isBranchType(org.type as OrgType), sector: org.sector, year, today: today() }), 'graduationYear');
  await query(tx, sql`update organizations set graduation_year = ${year} where id = ${id}`);
  return { orgId: id, graduationYear: year };
}

/* --------------------------------------------------------------- transfers */

/** Marks a transfer created by the membership module as a graduate transfer with its destination and due date. */
async function markGraduate(tx: Tx, transferId: number, destination: GraduateDestination | null, rules: Rules) {
  const due = transferDueOn('graduate', today(), rules);
  await query(tx, sql`update transfers set kind = 'graduate', destination = ${destination}, due_on = ${due} where id = ${transferId}`);
}

/** Gives a transfer created by the membership module its due date (regular transfers). */
export async function setDueDate(tx: Tx, transferId: number, kind: TransferKind, rules: Rules) {
  await query(tx, sql`update transfers set due_on = ${transferDueOn(kind, today(), rules)} where id = ${transferId}`);
}

export async function startTransfers(tx: Tx, user: SessionUser, rules: Rules, body: B<typeof d.startGraduateTransfers>) {
  const people = await loadPeople(tx, body.personIds);
  const on = today();
  const orgs = new Map<number, Awaited<ReturnType<typeof loadOrg>>>();
  for (const p of people) if (!orgs.has(p.org_id)) orgs.set(p.org_id, await loadOrg(tx, p.org_id));
  const unknown = body.destination === 'unknown';
  const hasTarget = unknown || (body.toOrgId !== undefined && !!body.toOrgName);
  const problems = people.flatMap((p) => {
    const cls = orgs.get(p.org_id)!;
    const inTemp = isTempGraduateBranchName(cls.name);
    const list = graduateTransferProblems({
      name: p.name,
      memberStatus: p.member_status,
      inGraduatingClass: cls.graduationYear !== null || inTemp,
      graduationYear: cls.graduationYear,
      destination: body.destination,
      hasTarget,
      today: on,
    });
    if (unknown && inTemp) list.push(`${p.name}已在毕业生临时团支部托管`);
    return list;
  });
  refuse('graduate_transfer', [...new Set(problems)], unknown ? 'personIds' : 'toOrgId');
  let target: { id: number; name: string; visible: boolean } | null;
  if (unknown) {
    target = await tempBranchFor(tx, orgs.get(people[0]!.org_id)!.path, true).catch(() => null);
    if (!target) throw new DomainError('no_temp_branch', '县毕业生临时团支部尚未设立，请联系团县委', 'destination');
  } else {
    target = { id: body.toOrgId!, name: body.toOrgName!, visible: false };
  }
  const reason = body.reason?.trim() || `毕业生转接：${GRADUATE_DESTINATION_LABELS[body.destination]}`;
  const ids: number[] = [];
  let held = 0;
  for (const p of people) {
    const t = await requestTransfer(tx, user, { personId: p.id, toOrgId: target.id, toOrgName: target.name, reason, byMember: false });
    await markGraduate(tx, t.id, body.destination, rules);
    ids.push(t.id);
    if (unknown && target.visible) {
      // The county holds its own temporary branch: the graduate is taken in at once.
      await acceptTransfer(tx, user, t.id, { onDate: on, decidedBy: user.displayName.slice(0, 30) });
      held++;
    }
  }
  return { created: ids.length, held, transferIds: ids };
}

/** The receiving side's request by ID number: the membership module's, marked as a graduate transfer. */
export async function incoming(tx: Tx, user: SessionUser, rules: Rules, body: B<typeof d.requestIncomingGraduate>) {
  const reason = body.reason?.trim() || `毕业生转入：${GRADUATE_DESTINATION_LABELS[body.destination]}`;
  return requestIncomingTransfer(tx, user, rules, { idNumber: body.idNumber, personName: body.personName, toOrgId: body.toOrgId, reason }, { destination: body.destination });
}
