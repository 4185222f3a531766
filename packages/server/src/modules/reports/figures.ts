import { sql } from 'drizzle-orm';
import {
  DomainError,
  NEW_SECTORS,
  growthValue,
  rateValue,
  type FigureKey,
  type FigureSet,
  type FigureValue,
  type OrgType,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query, textArray } from '../../db/sql.js';
import { today } from '../../lib/clock.js';
import { rates } from '../cadres/stats.js';
import { compliance } from '../org-life/meetings.js';
import { studyStats } from '../org-life/study.js';
import { listAdminUnits } from '../organizations/admin-units.js';
import { loadOrg } from '../organizations/service.js';
import { buildStatTable } from '../stats/tables.js';
import { coverageBreakdownOf } from '../registries/new-sector.js';
import { NEEDS_MEMBERS, WORK_FIGURES, workFigures } from './work-figures.js';

/**
 * The catalogue's figures (packages/domain/src/stats/figures.ts) for one
 * organization's subtree as of a date, computed by the registries' own
 * service functions: the statistical tables (rollups now, month-end snapshot
 * for a past date), cadres' 配备率/在岗率, organizational life's compliance,
 * 青年大学习's participation and the village/community register. Only what
 * no registry computes is queried here (三新 organizations as of a date).
 * Read-only: everything runs in the caller's scoped transaction.
 */

/** The month-end snapshot usable for a past date: its own month when the date is a month end, else the month before. */
export function snapshotMonthFor(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d === last) return date.slice(0, 7);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

type TableTotals = Record<string, number>;
interface Tables {
  /** The organization's own figures (the 合计 row), by column key. */
  total: TableTotals;
  /** Each child's row, by column key. */
  rows: Map<number, TableTotals>;
}

/** A standard statistical table: its total row and each child's row, by column key. */
async function readTable(tx: Tx, key: string, orgId: number, month: string | undefined, rules: Rules): Promise<Tables> {
  const t = await buildStatTable(tx, key, orgId, month, rules);
  const byKey = (values: number[]) => Object.fromEntries(t.columns.map((c, i) => [c.key, values[i] ?? 0]));
  return { total: byKey(t.total), rows: new Map(t.rows.filter((r) => r.orgId !== orgId).map((r) => [r.orgId, byKey(r.values)])) };
}

/** The three statistical tables as of `asOf`: a past date reads its month-end snapshot, when one was taken. */
async function statTables(tx: Tx, orgId: number, asOf: string, rules: Rules) {
  let month: string | undefined = asOf < today() ? snapshotMonthFor(asOf) : undefined;
  let basis = month ? `${month}月末快照` : '实时数据';
  const read = (key: string) => readTable(tx, key, orgId, month, rules);
  let organizations: Tables;
  try {
    organizations = await read('organizations');
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'no_snapshot') throw err;
    month = undefined;
    basis = `实时数据（${snapshotMonthFor(asOf)}月末无快照）`;
    organizations = await read('organizations');
  }
  return { basis, organizations, members: await read('members'), development: await read('development') };
}

const STAT_TABLE_FIGURES: readonly FigureKey[] = ['orgs_total', 'branches', 'members', 'youth', 'member_youth_ratio', 'approved_members'];

function fromTables(values: FigureSet['values'], want: Set<FigureKey>, o: TableTotals, m: TableTotals, d: TableTotals) {
  const set = (k: FigureKey, v: FigureValue) => want.has(k) && (values[k] = v);
  set('orgs_total', { value: o.total ?? 0 });
  set('branches', { value: (o.type_branch ?? 0) + (o.type_joint_branch ?? 0) });
  set('members', { value: m.members ?? 0 });
  set('youth', { value: m.youth ?? 0 });
  set('member_youth_ratio', rateValue(m.members ?? 0, m.youth ?? 0));
  set('approved_members', { value: d.approved ?? 0 });
}

/** 三新 (非公企业、新社会组织) organizations founded by `on` and not dissolved by it. */
async function newSectorOrgs(tx: Tx, path: string, on: string): Promise<number> {
  const [r] = await query<{ n: number }>(
    tx,
    sql`select count(*)::int as n from organizations o
         where o.path <@ ${path}::ltree and o.sector = any(${textArray(NEW_SECTORS)})
           and (o.founded_on is null or o.founded_on <= ${on}::date)
           and (o.status = 'active' or (o.dissolved_on is not null and o.dissolved_on > ${on}::date))`,
  );
  return Number(r!.n);
}

/** Computes `keys` for the subtree of `orgId` as of `asOf`. */
export async function computeFigures(tx: Tx, rules: Rules, orgId: number, asOf: string, keys: readonly FigureKey[]): Promise<FigureSet> {
  const org = await loadOrg(tx, orgId);
  const want = new Set(keys);
  const values: FigureSet['values'] = {};
  const year = Number(asOf.slice(0, 4));
  let basis = '实时数据';
  let members = 0;

  if (STAT_TABLE_FIGURES.some((k) => want.has(k)) || NEEDS_MEMBERS.some((k) => want.has(k))) {
    const t = await statTables(tx, org.id, asOf, rules);
    basis = t.basis;
    members = t.members.total.members ?? 0;
    fromTables(values, want, t.organizations.total, t.members.total, t.development.total);
  }
  if (WORK_FIGURES.some((k) => want.has(k))) await workFigures(tx, rules, org, [{ id: org.id, path: org.path, values }], asOf, want, () => members);
  if (want.has('new_sector_orgs') || want.has('new_sector_growth')) {
    const now = await newSectorOrgs(tx, org.path, asOf);
    if (want.has('new_sector_orgs')) values.new_sector_orgs = { value: now };
    if (want.has('new_sector_growth')) values.new_sector_growth = growthValue(now, await newSectorOrgs(tx, org.path, `${year - 1}-12-31`));
  }
  if (want.has('new_sector_coverage')) {
    const c = (await coverageBreakdownOf(tx, org, asOf)).breakdown.total;
    values.new_sector_coverage = rateValue(c.covered, c.shouldCover);
  }
  if (want.has('village_coverage')) {
    const units = await listAdminUnits(tx, { under: org.id });
    values.village_coverage = rateValue(units.filter((u) => u.branchCount > 0).length, units.length);
  }
  if (want.has('cadre_staffing') || want.has('cadre_on_duty')) {
    const r = await rates(tx, { orgId: org.id } as Parameters<typeof rates>[1]);
    if (want.has('cadre_staffing')) values.cadre_staffing = rateValue(r.staffing.numerator, r.staffing.denominator);
    if (want.has('cadre_on_duty')) values.cadre_on_duty = rateValue(r.onDuty.numerator, r.onDuty.denominator);
  }
  if (want.has('meeting_compliance')) {
    const c = await compliance(tx, rules, { orgId: org.id, from: `${year}-01-01`, to: asOf } as Parameters<typeof compliance>[2]);
    const required = c.items.reduce((s, i) => s + i.required, 0);
    const met = c.items.reduce((s, i) => s + i.met, 0);
    values.meeting_compliance = rateValue(met, required);
  }
  if (want.has('study_rate')) {
    const s = await studyStats(tx, rules, { orgId: org.id, year }, Number(today().slice(0, 4)));
    values.study_rate = rateValue(s.participants, s.base);
  }
  return { asOf, takenOn: today(), basis, values };
}

const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/**
 * The same figures for every active child of `parentId` at once (the
 * assessment's ranking): each registry's function is called once for the
 * parent and its per-child breakdown is used (statistical table rows, cadre
 * rates and study participation by child, compliance and villages assigned
 * to the child whose subtree holds them), so the cost does not grow with the
 * number of children.
 */
export async function computeChildFigures(
  tx: Tx,
  rules: Rules,
  parentId: number,
  asOf: string,
  keys: readonly FigureKey[],
): Promise<{ basis: string; children: { id: number; name: string; type: OrgType; figures: FigureSet }[] }> {
  const parent = await loadOrg(tx, parentId);
  const want = new Set(keys);
  const year = Number(asOf.slice(0, 4));
  const kids = await query<{ id: number; name: string; type: OrgType; path: string }>(
    tx,
    sql`select id, name, type, path::text as path from organizations where parent_id = ${parent.id} and status = 'active' order by sort_order, path`,
  );
  const children = kids.map((k) => ({ id: Number(k.id), name: k.name, type: k.type, path: k.path, values: {} as FigureSet['values'] }));
  const childOf = (path: string) => children.find((c) => within(path, c.path));
  let basis = '实时数据';
  let members = new Map<number, TableTotals>();

  if (STAT_TABLE_FIGURES.some((k) => want.has(k)) || NEEDS_MEMBERS.some((k) => want.has(k))) {
    const t = await statTables(tx, parent.id, asOf, rules);
    basis = t.basis;
    members = t.members.rows;
    for (const c of children) fromTables(c.values, want, t.organizations.rows.get(c.id) ?? {}, t.members.rows.get(c.id) ?? {}, t.development.rows.get(c.id) ?? {});
  }
  if (WORK_FIGURES.some((k) => want.has(k))) await workFigures(tx, rules, parent, children, asOf, want, (id) => members.get(id)?.members ?? 0);
  if (want.has('new_sector_orgs') || want.has('new_sector_growth')) {
    const rows = await query<{ path: string; now: number; base: number }>(
      tx,
      sql`select o.path::text as path,
                 ((o.founded_on is null or o.founded_on <= ${asOf}::date)
                   and (o.status = 'active' or (o.dissolved_on is not null and o.dissolved_on > ${asOf}::date)))::int as now,
                 ((o.founded_on is null or o.founded_on <= ${`${year - 1}-12-31`}::date)
                   and (o.status = 'active' or (o.dissolved_on is not null and o.dissolved_on > ${`${year - 1}-12-31`}::date)))::int as base
            from organizations o
           where o.path <@ ${parent.path}::ltree and o.id <> ${parent.id} and o.sector = any(${textArray(NEW_SECTORS)})`,
    );
    for (const c of children) {
      const mine = rows.filter((r) => within(r.path, c.path));
      const now = mine.reduce((s, r) => s + Number(r.now), 0);
      const base = mine.reduce((s, r) => s + Number(r.base), 0);
      if (want.has('new_sector_orgs')) c.values.new_sector_orgs = { value: now };
      if (want.has('new_sector_growth')) c.values.new_sector_growth = growthValue(now, base);
    }
  }
  if (want.has('new_sector_coverage')) {
    const byChild = (await coverageBreakdownOf(tx, parent, asOf)).breakdown.byGroup;
    for (const c of children) {
      const row = byChild.find((x) => x.group === String(c.id));
      c.values.new_sector_coverage = rateValue(row?.covered ?? 0, row?.shouldCover ?? 0);
    }
  }
  if (want.has('village_coverage')) {
    const units = await listAdminUnits(tx, { under: parent.id });
    const townships = await query<{ id: number; path: string }>(
      tx,
      sql`select id, path::text as path from organizations where id = any(${bigintArray([...new Set(units.map((u) => u.townshipOrgId))])})`,
    );
    const pathOf = new Map(townships.map((x) => [Number(x.id), x.path]));
    for (const c of children) {
      const mine = units.filter((u) => within(pathOf.get(u.townshipOrgId) ?? '', c.path));
      c.values.village_coverage = rateValue(mine.filter((u) => u.branchCount > 0).length, mine.length);
    }
  }
  if (want.has('cadre_staffing') || want.has('cadre_on_duty')) {
    const r = await rates(tx, { orgId: parent.id } as Parameters<typeof rates>[1]);
    for (const c of children) {
      const row = r.children.find((x) => x.orgId === c.id);
      if (want.has('cadre_staffing')) c.values.cadre_staffing = rateValue(row?.staffing.numerator ?? 0, row?.staffing.denominator ?? 0);
      if (want.has('cadre_on_duty')) c.values.cadre_on_duty = rateValue(row?.onDuty.numerator ?? 0, row?.onDuty.denominator ?? 0);
    }
  }
  if (want.has('meeting_compliance')) {
    const comp = await compliance(tx, rules, { orgId: parent.id, from: `${year}-01-01`, to: asOf } as Parameters<typeof compliance>[2]);
    const paths = await query<{ id: number; path: string }>(tx, sql`select id, path::text as path from organizations where id = any(${bigintArray(comp.items.map((i) => i.orgId))})`);
    const pathOf = new Map(paths.map((x) => [Number(x.id), x.path]));
    const sums = new Map<number, { met: number; required: number }>();
    for (const i of comp.items) {
      const c = childOf(pathOf.get(i.orgId) ?? '');
      if (!c) continue;
      const s = sums.get(c.id) ?? { met: 0, required: 0 };
      s.met += i.met;
      s.required += i.required;
      sums.set(c.id, s);
    }
    for (const c of children) c.values.meeting_compliance = rateValue(sums.get(c.id)?.met ?? 0, sums.get(c.id)?.required ?? 0);
  }
  if (want.has('study_rate')) {
    const st = await studyStats(tx, rules, { orgId: parent.id, year }, Number(today().slice(0, 4)));
    for (const c of children) {
      const row = st.children.find((x) => x.orgId === c.id);
      c.values.study_rate = rateValue(row?.participants ?? 0, row?.base ?? 0);
    }
  }
  return { basis, children: children.map((c) => ({ id: c.id, name: c.name, type: c.type, figures: { asOf, takenOn: today(), basis, values: c.values } })) };
}
