import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  NEW_SECTOR_KINDS,
  NEW_SECTOR_KIND_LABELS,
  SECTORS,
  SECTOR_LABELS,
  api,
  coverageBreakdown,
  coverageMetrics,
  isBranchType,
  newSectorUnitProblems,
  type CoverageUnit,
  type NewSectorKind,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { cellDate } from '../../excel/read.js';
import type { SheetColumn } from '../../excel/workbook.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { importTemplate, orgMatcher, readImportSheet } from './sheet-import.js';
import { likeText, loadOne, loadOrgRef, num, numOrNull, pageOf, refuse, subtreeFilter } from '../org-life/common.js';

type R = typeof api.registries;
type Item = api.registries.NewSectorUnitItem;

interface UnitRow {
  id: number;
  org_id: number;
  org_name: string;
  kind: NewSectorKind;
  name: string;
  credit_code: string | null;
  platform: string | null;
  station: string | null;
  address: string | null;
  employees: number | null;
  young_employees: number | null;
  league_org_id: number | null;
  league_org_name: string | null;
  covered_on: string | null;
  registered_on: string;
  closed_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
}

const UNIT_SELECT = sql`
  select u.id, u.org_id, o.name as org_name, u.kind, u.name, u.credit_code, u.platform, u.station, u.address, u.employees, u.young_employees,
         u.league_org_id, lo.name as league_org_name, u.covered_on::text as covered_on, u.registered_on::text as registered_on,
         u.closed_on::text as closed_on, u.contact_name, u.contact_phone
    from new_sector_units u join organizations o on o.id = u.org_id left join organizations lo on lo.id = u.league_org_id`;

function toItem(r: UnitRow, on: string): Item {
  const active = r.registered_on <= on && (r.closed_on === null || r.closed_on > on);
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: r.org_name,
    kind: r.kind,
    name: r.name,
    creditCode: r.credit_code,
    platform: r.platform,
    station: r.station,
    address: r.address,
    employees: r.employees,
    youngEmployees: r.young_employees,
    leagueOrgId: numOrNull(r.league_org_id),
    leagueOrgName: r.league_org_name,
    coveredOn: r.covered_on,
    registeredOn: r.registered_on,
    closedOn: r.closed_on,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    covered: active && r.league_org_id !== null && r.covered_on !== null && r.covered_on <= on,
    active,
  };
}

async function unitFilter(tx: Tx, q: api.QueryOf<R['exportNewSectorUnits']>): Promise<SQL> {
  const on = today();
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.kind) conds.push(sql`u.kind = ${q.kind}`);
  if (!q.includeClosed) conds.push(sql`(u.closed_on is null or u.closed_on > ${on}::date)`);
  const covered = sql`(u.league_org_id is not null and u.covered_on <= ${on}::date)`;
  if (q.covered !== undefined) conds.push(q.covered ? covered : sql`not ${covered}`);
  if (q.q) conds.push(sql`(u.name like ${likeText(q.q)} or u.platform like ${likeText(q.q)} or u.station like ${likeText(q.q)})`);
  return sql.join(conds, sql` and `);
}

export async function listUnits(tx: Tx, q: api.QueryOf<R['listNewSectorUnits']>) {
  const where = await unitFilter(tx, q);
  const { offset, limit } = pageOf(q);
  const on = today();
  const rows = await query<UnitRow>(tx, sql`${UNIT_SELECT} where ${where} order by o.path, u.kind, u.name, u.id offset ${offset} limit ${limit}`);
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from new_sector_units u join organizations o on o.id = u.org_id where ${where}`)) as [{ n: number }];
  return { items: rows.map((r) => toItem(r, on)), total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function allUnits(tx: Tx, q: api.QueryOf<R['exportNewSectorUnits']>): Promise<Item[]> {
  const where = await unitFilter(tx, q);
  const on = today();
  return (await query<UnitRow>(tx, sql`${UNIT_SELECT} where ${where} order by o.path, u.kind, u.name, u.id`)).map((r) => toItem(r, on));
}

export async function unitItem(tx: Tx, id: number): Promise<Item> {
  return toItem(await loadOne<UnitRow>(tx, sql`${UNIT_SELECT} where u.id = ${id}`, '应覆盖单位'), today());
}

/* ------------------------------------------------------------- create, update */

type UnitFields = api.BodyOf<R['updateNewSectorUnit']>;

/** The league organization that covers a unit: visible, active; its founding date is the default coverage date. */
async function leagueOrg(tx: Tx, id: number, field = 'leagueOrgId') {
  const org = await loadOrgRef(tx, id, field, '团组织');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', `“${org.name}”已撤销，不能作为覆盖该单位的团组织`, field);
  return org;
}

/** The committee that registers units: a township (street) committee or one above it, never a branch. */
function refuseBranch(org: { type: string; name: string }) {
  if (isBranchType(org.type as Parameters<typeof isBranchType>[0])) {
    throw new DomainError('not_committee', `应覆盖单位由乡镇（街道）团委或上级团委登记，“${org.name}”是团支部，不能登记`, 'orgId');
  }
}

export async function createUnit(tx: Tx, body: api.BodyOf<R['createNewSectorUnit']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '所属组织');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销，不能登记单位', 'orgId');
  refuseBranch(org);
  const on = today();
  const registeredOn = body.registeredOn ?? on;
  refuse('unit_refused', newSectorUnitProblems({ ...body, registeredOn }), 'kind');
  let coveredOn: string | null = null;
  if (body.leagueOrgId) coveredOn = body.coveredOn ?? (await leagueOrg(tx, body.leagueOrgId)).foundedOn ?? on;
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into new_sector_units (org_id, kind, name, credit_code, platform, station, address, employees, young_employees, league_org_id, covered_on,
                                      registered_on, closed_on, contact_name, contact_phone)
        values (${org.id}, ${body.kind}, ${body.name}, ${body.creditCode || null}, ${body.platform || null}, ${body.station || null}, ${body.address || null},
                ${body.employees ?? null}, ${body.youngEmployees ?? null}, ${body.leagueOrgId ?? null}, ${coveredOn}, ${registeredOn}, ${body.closedOn ?? null},
                ${body.contactName || null}, ${body.contactPhone || null}) returning id`,
  );
  return num(row!.id);
}

export async function updateUnit(tx: Tx, id: number, body: UnitFields): Promise<void> {
  const u = await loadOne<UnitRow>(tx, sql`${UNIT_SELECT} where u.id = ${id} for update of u`, '应覆盖单位');
  const pick = <K extends keyof UnitFields, V>(k: K, old: V): V | NonNullable<UnitFields[K]> | null => (body[k] === undefined ? old : ((body[k] ?? null) as NonNullable<UnitFields[K]> | null));
  const next = {
    kind: body.kind ?? u.kind,
    name: body.name ?? u.name,
    creditCode: pick('creditCode', u.credit_code),
    platform: pick('platform', u.platform),
    station: pick('station', u.station),
    address: pick('address', u.address),
    employees: pick('employees', u.employees),
    youngEmployees: pick('youngEmployees', u.young_employees),
    registeredOn: body.registeredOn ?? u.registered_on,
    closedOn: pick('closedOn', u.closed_on),
    contactName: pick('contactName', u.contact_name),
    contactPhone: pick('contactPhone', u.contact_phone),
  };
  refuse('unit_refused', newSectorUnitProblems(next), 'kind');
  let leagueOrgId = numOrNull(u.league_org_id);
  let coveredOn = u.covered_on;
  if (body.leagueOrgId !== undefined) {
    leagueOrgId = body.leagueOrgId ?? null;
    if (leagueOrgId === null) coveredOn = null;
    else if (leagueOrgId !== numOrNull(u.league_org_id) || !coveredOn) coveredOn = (await leagueOrg(tx, leagueOrgId)).foundedOn ?? today();
  }
  if (body.coveredOn !== undefined) {
    if (body.coveredOn && !leagueOrgId) throw new DomainError('no_league_org', '未关联团组织的单位不能填写建团日期', 'coveredOn');
    coveredOn = leagueOrgId ? (body.coveredOn ?? coveredOn) : null;
  }
  await tx.execute(sql`update new_sector_units set kind = ${next.kind}, name = ${next.name}, credit_code = ${next.creditCode || null}, platform = ${next.platform || null},
      station = ${next.station || null}, address = ${next.address || null}, employees = ${next.employees}, young_employees = ${next.youngEmployees},
      league_org_id = ${leagueOrgId}, covered_on = ${coveredOn}, registered_on = ${next.registeredOn}, closed_on = ${next.closedOn},
      contact_name = ${next.contactName || null}, contact_phone = ${next.contactPhone || null}
    where id = ${id}`);
}

/* ------------------------------------------------------------------ coverage */

/**
 * The units under an organization, each grouped by the child of the organization it lies under (itself
 * for its own units), and their coverage breakdown: all the coverage figures (reports/figures.ts) need.
 */
export async function coverageBreakdownOf(tx: Tx, org: { path: string }, on: string) {
  const rows = await query<{ kind: NewSectorKind; registered_on: string; closed_on: string | null; covered_on: string | null; young: number | null; child_id: number; child_name: string }>(
    tx,
    sql`select u.kind, u.registered_on::text as registered_on, u.closed_on::text as closed_on,
               case when u.league_org_id is not null then u.covered_on::text end as covered_on, u.young_employees as young,
               c.id as child_id, c.name as child_name
          from new_sector_units u join organizations o on o.id = u.org_id
          join organizations c on c.path = subpath(o.path, 0, least(nlevel(o.path), nlevel(${org.path}::ltree) + 1))
         where o.path <@ ${org.path}::ltree
         order by c.sort_order, c.path`,
  );
  const units: CoverageUnit[] = rows.map((r) => ({ kind: r.kind, group: String(r.child_id), registeredOn: r.registered_on, closedOn: r.closed_on, coveredOn: r.covered_on }));
  return { rows, units, breakdown: coverageBreakdown(units, on) };
}

export async function coverage(tx: Tx, orgId: number, on = today()): Promise<api.ResponseOf<R['getNewSectorCoverage']>> {
  const org = await loadOrg(tx, orgId);
  const year = Number(on.slice(0, 4));
  const { rows, units, breakdown: b } = await coverageBreakdownOf(tx, org, on);
  const names = new Map(rows.map((r) => [String(r.child_id), Number(r.child_id) === Number(org.id) ? `${org.name}（本级）` : r.child_name]));
  let young = 0;
  let youngCovered = 0;
  rows.forEach((r, i) => {
    const u = units[i]!;
    const listed = u.registeredOn <= on && (u.closedOn === null || u.closedOn > on);
    if (!listed) return;
    young += r.young ?? 0;
    if (u.coveredOn !== null && u.coveredOn <= on) youngCovered += r.young ?? 0;
  });
  const years = [year - 4, year - 3, year - 2, year - 1, year];
  const joined = await query<{ y: number; sector: string; n: number }>(
    tx,
    sql`select extract(year from p.joined_on)::int as y, o.sector, count(*)::int as n
          from people p join organizations o on o.id = p.org_id
         where o.path <@ ${org.path}::ltree and p.joined_on >= ${`${years[0]}-01-01`}::date and p.joined_on <= ${on}::date
         group by 1, 2`,
  );
  const count = (sector: string, y: number) => joined.filter((j) => j.sector === sector && Number(j.y) === y).reduce((s, j) => s + Number(j.n), 0);
  return {
    on,
    orgName: org.name,
    total: b.total,
    byKind: b.byKind,
    byChild: b.byGroup.map((g) => ({ ...g, orgId: Number(g.group), orgName: names.get(g.group) ?? '' })),
    youngEmployees: { total: young, covered: youngCovered },
    newMembers: {
      years,
      rows: SECTORS.map((s) => ({ sector: s, label: SECTOR_LABELS[s], counts: years.map((y) => count(s, y)) })),
      // 社会领域: every sector but schools (the reports' “社会领域团员”).
      social: years.map((y) => SECTORS.filter((s) => s !== 'school').reduce((sum, s) => sum + count(s, y), 0)),
    },
  };
}

/* -------------------------------------------------------- import and export */

/** The columns of the template, the export and the import (export → edit → import round-trips). */
const COLUMNS = [
  { key: 'name', header: '单位名称', required: true, width: 30, value: (u: Item) => u.name },
  { key: 'kind', header: '类别', required: true, width: 12, value: (u: Item) => NEW_SECTOR_KIND_LABELS[u.kind] },
  { key: 'creditCode', header: '统一社会信用代码', width: 22, value: (u: Item) => u.creditCode },
  { key: 'platform', header: '所属平台', width: 12, value: (u: Item) => u.platform },
  { key: 'station', header: '站点', width: 20, value: (u: Item) => u.station },
  { key: 'township', header: '所属乡镇（街道）', width: 30, alias: /^所属乡镇|^乡镇/, value: (u: Item) => u.orgName },
  { key: 'address', header: '地址', width: 30, value: (u: Item) => u.address },
  { key: 'employees', header: '职工数', width: 10, value: (u: Item) => u.employees },
  { key: 'youngEmployees', header: '青年职工数', width: 12, alias: /^(?=.*青年)(?=.*(职工|员工))/, value: (u: Item) => u.youngEmployees },
  { key: 'leagueOrg', header: '已建团组织', width: 34, value: (u: Item) => u.leagueOrgName },
  { key: 'coveredOn', header: '建团日期', width: 12, value: (u: Item) => u.coveredOn },
  { key: 'contactName', header: '联系人', width: 10, value: (u: Item) => u.contactName },
  { key: 'contactPhone', header: '联系电话', width: 14, value: (u: Item) => u.contactPhone },
  { key: 'registeredOn', header: '纳入名录日期', width: 14, value: (u: Item) => u.registeredOn },
] as const;

export const UNIT_EXPORT_COLUMNS: SheetColumn<Item>[] = [
  ...COLUMNS.map((c) => ({ header: c.header, width: c.width, value: c.value })),
  { header: '是否已覆盖', width: 10, value: (u: Item) => (u.covered ? '是' : '否') },
  { header: '注销日期', width: 12, value: (u: Item) => u.closedOn },
];

export async function buildTemplate(): Promise<Buffer> {
  return importTemplate('应覆盖单位', COLUMNS, [
    ['某某电子商务有限公司', '非公企业', '91520329MA6XXXXXXX', '', '', '白泥镇', '', 60, 35, '', '', '张三', '13800000000', ''],
    ['美团外卖', '新就业群体', '', '美团', '县城站', '白泥镇', '', 40, 36, '', '', '李四', '13900000000', ''],
  ]);
}

const KIND_BY_LABEL: Record<string, NewSectorKind> = {
  ...Object.fromEntries(NEW_SECTOR_KINDS.map((k) => [NEW_SECTOR_KIND_LABELS[k], k])),
  非公有制企业: 'non_public_enterprise',
  民营企业: 'non_public_enterprise',
  企业: 'non_public_enterprise',
  新社会组织: 'social_organization',
  社会团体: 'social_organization',
  民办非企业单位: 'social_organization',
  新就业形态: 'new_employment',
};
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

interface ImportRow {
  row: number;
  orgId: number;
  kind: NewSectorKind;
  name: string;
  creditCode: string | null;
  platform: string | null;
  station: string | null;
  address: string | null;
  employees: number | null;
  youngEmployees: number | null;
  leagueOrgId: number | null;
  coveredOn: string | null;
  registeredOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

/**
 * Reads a list of units (the market-supervision or civil-affairs list put in
 * the template's columns, or an export of this registry) into the committee
 * `orgId`: 所属乡镇 names a committee under it (full name, 简称 or the
 * township's name), else the unit is the committee's own; 已建团组织 names a
 * league organization under it by full name. Every row is checked; only a
 * file without errors is written (dryRun: never). A unit already registered
 * under the committee with the same credit code, or the same name and
 * station, is updated.
 */
export async function importUnits(tx: Tx, body: api.BodyOf<R['importNewSectorUnits']>): Promise<api.registries.NewSectorImportResult> {
  const root = await loadOrgRef(tx, body.orgId, 'orgId', '导入到组织');
  refuseBranch(root);
  const { lines, total, errors } = await readImportSheet(body, COLUMNS);
  const committees = await query<{ id: number; name: string; short_name: string | null; type: string }>(
    tx,
    sql`select id, name, short_name, type from organizations where path <@ ${root.path}::ltree and status = 'active'
          and type not in ('branch', 'joint_branch')`,
  );
  const committeeOf = orgMatcher({ id: Number(root.id), name: root.name }, committees);
  const parsed: (ImportRow & { leagueName: string | null })[] = [];
  for (const r of lines) {
    const { cell, txt, err } = r;
    const before = errors.length;
    const name = txt('name');
    if (!name) err('name', '单位名称为空');
    else if (name.length > 100) err('name', '单位名称不能超过100个字');
    const kind = KIND_BY_LABEL[txt('kind')];
    if (!kind) err('kind', txt('kind') ? `类别“${txt('kind')}”无效，应为非公企业、社会组织或新就业群体` : '类别为空（非公企业、社会组织或新就业群体）');
    const count = (k: 'employees' | 'youngEmployees', label: string): number | null => {
      const t = txt(k);
      if (!t) return null;
      if (!/^\d+$/.test(t)) {
        err(k, `${label}“${t}”不是整数`);
        return null;
      }
      return Number(t);
    };
    const employees = count('employees', '职工数');
    const youngEmployees = count('youngEmployees', '青年职工数');
    const date = (k: 'coveredOn' | 'registeredOn', label: string): string | null => {
      const d = cellDate(cell(k));
      if (d === undefined) err(k, `${label}“${txt(k)}”不是有效日期`);
      return d ?? null;
    };
    const coveredOn = date('coveredOn', '建团日期');
    const registeredOn = date('registeredOn', '纳入名录日期');
    const phone = txt('contactPhone');
    if (phone && !PHONE.test(phone)) err('contactPhone', `联系电话“${phone}”格式不正确`);
    const committee = committeeOf(txt('township'));
    if (typeof committee === 'string') err('township', committee);
    const creditCode = txt('creditCode') || null;
    if (creditCode && !/^[0-9A-Z]{18}$/.test(creditCode)) err('creditCode', `统一社会信用代码“${creditCode}”应为18位数字或大写字母`);
    const leagueName = txt('leagueOrg') || null;
    if (coveredOn && !leagueName) err('coveredOn', '填写了建团日期但未填写已建团组织');
    if (kind) {
      for (const p of newSectorUnitProblems({ kind, platform: txt('platform'), employees, youngEmployees })) err(p.startsWith('新就业') ? 'platform' : 'youngEmployees', p);
    }
    if (errors.length > before) continue;
    parsed.push({
      row: r.row,
      orgId: (committee as { id: number }).id,
      kind: kind!,
      name,
      creditCode,
      platform: txt('platform') || null,
      station: txt('station') || null,
      address: txt('address') || null,
      employees,
      youngEmployees,
      leagueOrgId: null,
      coveredOn,
      registeredOn,
      contactName: txt('contactName') || null,
      contactPhone: phone || null,
      leagueName,
    });
  }
  // League organizations by full name under the committee.
  const leagueNames = [...new Set(parsed.map((p) => p.leagueName).filter((n): n is string => !!n))];
  const leagues = leagueNames.length
    ? await query<{ id: number; name: string; status: string; founded_on: string | null }>(
        tx,
        sql`select id, name, status, founded_on::text as founded_on from organizations where name = any(${sql.param(leagueNames)}::text[]) and path <@ ${root.path}::ltree`,
      )
    : [];
  const seen = new Map<string, number>();
  const valid: ImportRow[] = [];
  for (const p of parsed) {
    if (p.leagueName) {
      const found = leagues.filter((l) => l.name === p.leagueName);
      const active = found.filter((l) => l.status === 'active');
      if (!found.length) {
        errors.push({ row: p.row, column: '已建团组织', message: `在“${root.name}”之下找不到名为“${p.leagueName}”的团组织（按全称精确匹配）` });
        continue;
      }
      if (!active.length) {
        errors.push({ row: p.row, column: '已建团组织', message: `“${p.leagueName}”已撤销` });
        continue;
      }
      if (active.length > 1) {
        errors.push({ row: p.row, column: '已建团组织', message: `“${p.leagueName}”有${active.length}个同名组织，无法确定是哪一个` });
        continue;
      }
      p.leagueOrgId = Number(active[0]!.id);
      p.coveredOn = p.coveredOn ?? active[0]!.founded_on ?? today();
    }
    const key = p.creditCode ?? `${p.name}|${p.station ?? ''}`;
    const first = seen.get(key);
    if (first) {
      errors.push({ row: p.row, column: p.creditCode ? '统一社会信用代码' : '单位名称', message: `与第${first}行是同一单位` });
      continue;
    }
    seen.set(key, p.row);
    valid.push(p);
  }
  errors.sort((a, b) => a.row - b.row);
  const result = { total, valid: valid.length, created: 0, updated: 0, written: false, errors };
  if (errors.length || body.dryRun || !valid.length) return result;
  const existing = await query<{ id: number; credit_code: string | null; name: string; station: string | null }>(
    tx,
    sql`select u.id, u.credit_code, u.name, u.station from new_sector_units u join organizations o on o.id = u.org_id where o.path <@ ${root.path}::ltree`,
  );
  const byKey = new Map<string, number>();
  for (const e of existing) {
    if (e.credit_code) byKey.set(e.credit_code, Number(e.id));
    byKey.set(`${e.name}|${e.station ?? ''}`, Number(e.id));
  }
  const on = today();
  // Set-based writes, a thousand rows a statement (not a statement per row: a list has thousands).
  const updates = new Map<number, ImportRow>(); // by unit: a later row of the file wins
  const creates: ImportRow[] = [];
  for (const v of valid) {
    const id = (v.creditCode && byKey.get(v.creditCode)) || byKey.get(`${v.name}|${v.station ?? ''}`);
    if (id) updates.set(id, v);
    else creates.push(v);
  }
  const CHUNK = 1000;
  const updateRows = [...updates];
  for (let i = 0; i < updateRows.length; i += CHUNK) {
    const values = updateRows.slice(i, i + CHUNK).map(
      ([id, v]) => sql`(${id}::bigint, ${v.orgId}::bigint, ${v.kind}::text, ${v.name}::text, ${v.creditCode}::text, ${v.platform}::text, ${v.station}::text,
        ${v.address}::text, ${v.employees}::int, ${v.youngEmployees}::int, ${v.leagueOrgId}::bigint, ${v.coveredOn}::date, ${v.registeredOn}::date,
        ${v.contactName}::text, ${v.contactPhone}::text)`,
    );
    await tx.execute(sql`update new_sector_units u set org_id = v.org_id, kind = v.kind, name = v.name, credit_code = v.credit_code, platform = v.platform,
        station = v.station, address = coalesce(v.address, u.address), employees = v.employees, young_employees = v.young_employees,
        league_org_id = coalesce(v.league_org_id, u.league_org_id), covered_on = case when v.league_org_id is null then u.covered_on else v.covered_on end,
        registered_on = coalesce(v.registered_on, u.registered_on), contact_name = v.contact_name, contact_phone = v.contact_phone
      from (values ${sql.join(values, sql`, `)}) as v(id, org_id, kind, name, credit_code, platform, station, address, employees, young_employees, league_org_id,
                                                    covered_on, registered_on, contact_name, contact_phone)
      where u.id = v.id`);
  }
  for (let i = 0; i < creates.length; i += CHUNK) {
    const values = creates.slice(i, i + CHUNK).map(
      (v) => sql`(${v.orgId}, ${v.kind}, ${v.name}, ${v.creditCode}, ${v.platform}, ${v.station}, ${v.address}, ${v.employees}, ${v.youngEmployees}, ${v.leagueOrgId},
                  ${v.coveredOn}::date, ${v.registeredOn ?? on}::date, ${v.contactName}, ${v.contactPhone})`,
    );
    await tx.execute(sql`insert into new_sector_units (org_id, kind, name, credit_code, platform, station, address, employees, young_employees, league_org_id, covered_on,
                                      registered_on, contact_name, contact_phone)
        values ${sql.join(values, sql`, `)}`);
  }
  result.updated = updates.size;
  result.created = creates.length;
  result.written = true;
  return result;
}

/* ------------------------------------------------------------------ 统计表 */

/**
 * Adds the coverage metrics of each organization's subtree (as of the month's
 * last day for a month-end table, else today) to the statistical table's rows.
 */
export async function addCoverageMetrics(tx: Tx, rows: { id: number; metrics: Record<string, number> }[], asOf?: string): Promise<void> {
  const on = asOf ? new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)), 0)).toISOString().slice(0, 10) : today();
  const ids = rows.map((r) => r.id);
  const units = await query<{ anchor: number; kind: NewSectorKind; registered_on: string; closed_on: string | null; covered_on: string | null }>(
    tx,
    sql`select a.id as anchor, u.kind, u.registered_on::text as registered_on, u.closed_on::text as closed_on,
               case when u.league_org_id is not null then u.covered_on::text end as covered_on
          from organizations a join organizations o on o.path <@ a.path join new_sector_units u on u.org_id = o.id
         where a.id = any(${sql.param(ids)}::bigint[])`,
  );
  const byAnchor = new Map<number, CoverageUnit[]>();
  for (const u of units) {
    const list = byAnchor.get(Number(u.anchor)) ?? [];
    list.push({ kind: u.kind, group: '', registeredOn: u.registered_on, closedOn: u.closed_on, coveredOn: u.covered_on });
    byAnchor.set(Number(u.anchor), list);
  }
  for (const r of rows) Object.assign(r.metrics, coverageMetrics(byAnchor.get(r.id) ?? [], on));
}
