import { sql, type SQL } from 'drizzle-orm';
import {
  ORG_TYPE_LABELS,
  QUALITY_CHECKS,
  QUALITY_CHECK_HINTS,
  api,
  branchSizeProblem,
  isTempGraduateBranchName,
  memberRecordProblems,
  needsSecretary,
  orgNameProblem,
  qualityCheckLabel,
  twoPlacesText,
  type OrgType,
  type QualityCheck,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query, textArray } from '../../db/sql.js';
import { loadOrgRef, num, today } from './common.js';

/*
 * 数据质量: each check computed from the records as they are, within the
 * caller's scope (and an optional subtree), with the record to open for
 * fixing it. Nothing is stored: a count drops as soon as the data is fixed.
 */

type Item = api.dailyWork.QualityItem;

interface OrgRow {
  id: number;
  name: string;
  type: OrgType;
  sector: string;
  path: string;
}

async function base(tx: Tx, under: number | undefined): Promise<{ where: (alias: string) => SQL; path: string | null }> {
  if (!under) return { where: () => sql`true`, path: null };
  const org = await loadOrgRef(tx, under, 'under');
  return { where: (alias) => sql`${sql.raw(alias)}.path <@ ${org.path}::ltree`, path: org.path };
}

type Base = Awaited<ReturnType<typeof base>>;

async function branchSizes(tx: Tx, b: Base, rules: Rules): Promise<{ small: Item[]; large: Item[] }> {
  const rows = await query<OrgRow & { n: number; parent_name: string | null }>(
    tx,
    sql`select o.id, o.name, o.type, o.sector, o.path::text as path,
               (select count(*) from people p where p.org_id = o.id and p.member_status = 'active')::int as n,
               (select x.name from organizations x where x.id = o.parent_id) as parent_name
          from organizations o where o.status = 'active' and o.type in ('branch', 'joint_branch') and ${b.where('o')} order by o.path`,
  );
  const small: Item[] = [];
  const large: Item[] = [];
  for (const r of rows) {
    if (isTempGraduateBranchName(r.name)) continue;
    const problem = branchSizeProblem(Number(r.n), rules);
    if (!problem) continue;
    const item: Item = {
      check: problem,
      target: { kind: 'org', id: num(r.id) },
      name: r.name,
      orgId: num(r.id),
      orgName: r.parent_name,
      detail:
        problem === 'branch_too_small'
          ? `在册团员${r.n}人，少于${rules.organization.branchMinMembers}人`
          : `在册团员${r.n}人，多于${rules.organization.branchMaxMembers}人`,
    };
    (problem === 'branch_too_small' ? small : large).push(item);
  }
  return { small, large };
}

async function orgNames(tx: Tx, b: Base): Promise<Item[]> {
  const rows = await query<OrgRow>(
    tx,
    sql`select o.id, o.name, o.type, o.sector, o.path::text as path from organizations o
         where o.status = 'active' and (${b.where('o')} ${b.path ? sql`or o.path @> ${b.path}::ltree` : sql``}) order by o.path`,
  );
  const byId = new Map(rows.map((r) => [num(r.id), r]));
  const inside = b.path ? rows.filter((r) => r.path === b.path || r.path.startsWith(`${b.path}.`)) : rows;
  const items: Item[] = [];
  for (const r of inside) {
    const ancestors = r.path
      .split('.')
      .slice(0, -1)
      .map((id) => byId.get(Number(id)))
      .filter((a): a is OrgRow => !!a);
    const problem = orgNameProblem({ name: r.name, type: r.type, sector: r.sector }, ancestors);
    if (!problem) continue;
    const parent = ancestors[ancestors.length - 1];
    items.push({ check: 'org_name', target: { kind: 'org', id: num(r.id) }, name: r.name, orgId: num(r.id), orgName: parent?.name ?? null, detail: `${ORG_TYPE_LABELS[r.type]}：${problem}` });
  }
  return items;
}

async function memberFields(tx: Tx, b: Base, rules: Rules): Promise<Item[]> {
  const rows = await query<{
    id: number;
    name: string;
    id_number: string;
    birth_date: string;
    gender: string;
    phone: string | null;
    education: string | null;
    member_no: string | null;
    joined_on: string | null;
    political_status: string;
    is_student: boolean;
    org_id: number;
    org_name: string;
  }>(
    tx,
    sql`select p.id, p.name, p.id_number, p.birth_date::text as birth_date, p.gender, p.phone, p.education, p.member_no, p.joined_on::text as joined_on,
               p.political_status, p.is_student, p.org_id, o.name as org_name
          from people p join organizations o on o.id = p.org_id
         where p.member_status = 'active' and ${b.where('o')} order by o.path, p.id`,
  );
  const on = today();
  const items: Item[] = [];
  for (const r of rows) {
    const problems = memberRecordProblems(
      {
        idNumber: r.id_number,
        birthDate: r.birth_date,
        gender: r.gender,
        phone: r.phone,
        education: r.education,
        memberNo: r.member_no,
        joinedOn: r.joined_on,
        politicalStatus: r.political_status,
        isStudent: r.is_student,
      },
      rules,
      on,
    );
    if (problems.length) items.push({ check: 'member_fields', target: { kind: 'person', id: num(r.id) }, name: r.name, orgId: num(r.org_id), orgName: r.org_name, detail: problems.join('；') });
  }
  return items;
}

interface RecordRow {
  id: number;
  name: string;
  id_number: string;
  person_id: number | null;
  org_id: number;
  org_name: string;
  path: string;
}

async function twoPlaces(tx: Tx, b: Base): Promise<Item[]> {
  const items: Item[] = [];
  for (const source of ['cadre', 'volunteer'] as const) {
    const table = source === 'cadre' ? sql`cadres` : sql`volunteers`;
    const records = await query<RecordRow>(
      tx,
      sql`select x.id, x.name, x.id_number, x.person_id, x.org_id, o.name as org_name, o.path::text as path
            from ${table} x join organizations o on o.id = x.org_id where ${b.where('o')} order by o.path, x.id`,
    );
    if (!records.length) continue;
    const locations = await query<{ id_number: string; person_id: number; org_id: number; org_name: string | null; in_scope: boolean }>(
      tx,
      sql`select * from tj_people_locations(${textArray([...new Set(records.map((r) => r.id_number.toUpperCase()))])})`,
    );
    const byId = new Map(locations.map((l) => [l.id_number, l]));
    const orgIds = [...new Set(locations.filter((l) => l.in_scope).map((l) => num(l.org_id)))];
    const paths = orgIds.length
      ? new Map(
          (await query<{ id: number; path: string }>(tx, sql`select id, path::text as path from organizations where id in (${sql.join(orgIds.map((i) => sql`${i}`), sql`, `)})`)).map((r) => [
            num(r.id),
            r.path,
          ]),
        )
      : new Map<number, string>();
    for (const r of records) {
      const loc = byId.get(r.id_number.toUpperCase());
      const target = { kind: source, id: num(r.id) } as const;
      const linkedElsewhere = r.person_id !== null && (!loc || num(loc.person_id) !== num(r.person_id));
      if (linkedElsewhere) {
        items.push({ check: 'two_places', target, name: r.name, orgId: num(r.org_id), orgName: r.org_name, detail: twoPlacesText(`${source}_link`, { recordOrg: r.org_name, registryOrg: null }) });
        continue;
      }
      if (!loc) continue;
      const registryPath = loc.in_scope ? paths.get(num(loc.org_id)) : undefined;
      const within = registryPath !== undefined && (registryPath === r.path || registryPath.startsWith(`${r.path}.`));
      if (within) continue;
      items.push({
        check: 'two_places',
        target: loc.in_scope ? { kind: 'person', id: num(loc.person_id) } : target,
        name: r.name,
        orgId: num(r.org_id),
        orgName: r.org_name,
        detail: twoPlacesText(source, { recordOrg: r.org_name, registryOrg: loc.in_scope ? loc.org_name : null }),
      });
    }
  }
  // A member's own account opened in a branch the member no longer belongs to.
  const accounts = await query<{ id: number; username: string; display_name: string; org_id: number; org_name: string; person_org: number | null; person_org_name: string | null }>(
    tx,
    sql`select a.id, a.username, a.display_name, a.scope_org_id as org_id, o.name as org_name, p.org_id as person_org, po.name as person_org_name
          from accounts a join organizations o on o.id = a.scope_org_id
          left join people p on p.id = a.person_id left join organizations po on po.id = p.org_id
         where a.role = 'member' and a.person_id is not null and a.status = 'active' and ${b.where('o')}
           and (p.id is null or p.org_id <> a.scope_org_id) order by o.path, a.id`,
  );
  for (const a of accounts) {
    items.push({
      check: 'two_places',
      target: { kind: 'account', id: num(a.id) },
      name: `${a.display_name}（${a.username}）`,
      orgId: num(a.org_id),
      orgName: a.org_name,
      detail: twoPlacesText('account', { recordOrg: a.org_name, registryOrg: a.person_org_name }),
    });
  }
  return items;
}

async function noSecretary(tx: Tx, b: Base): Promise<Item[]> {
  const rows = await query<OrgRow & { parent_name: string | null }>(
    tx,
    sql`select o.id, o.name, o.type, o.sector, o.path::text as path, (select x.name from organizations x where x.id = o.parent_id) as parent_name
          from organizations o
         where o.status = 'active' and ${b.where('o')}
           and not exists (select 1 from cadre_posts cp where cp.org_id = o.id and cp.title = 'secretary' and cp.end_on is null)
         order by o.path`,
  );
  return rows
    .filter((r) => needsSecretary(r.type) && !isTempGraduateBranchName(r.name))
    .map((r) => ({ check: 'no_secretary' as const, target: { kind: 'org' as const, id: num(r.id) }, name: r.name, orgId: num(r.id), orgName: r.parent_name, detail: `${ORG_TYPE_LABELS[r.type]}未登记在任书记` }));
}

/** The items of the checks asked for (all when none given). */
export async function qualityItems(tx: Tx, rules: Rules, under: number | undefined, only?: QualityCheck): Promise<Item[]> {
  const b = await base(tx, under);
  const wants = (c: QualityCheck) => !only || only === c;
  const out: Item[] = [];
  if (wants('branch_too_small') || wants('branch_too_large')) {
    const sizes = await branchSizes(tx, b, rules);
    if (wants('branch_too_small')) out.push(...sizes.small);
    if (wants('branch_too_large')) out.push(...sizes.large);
  }
  if (wants('org_name')) out.push(...(await orgNames(tx, b)));
  if (wants('member_fields')) out.push(...(await memberFields(tx, b, rules)));
  if (wants('two_places')) out.push(...(await twoPlaces(tx, b)));
  if (wants('no_secretary')) out.push(...(await noSecretary(tx, b)));
  return out;
}

export async function overview(tx: Tx, rules: Rules, under: number | undefined) {
  const items = await qualityItems(tx, rules, under);
  return {
    checks: QUALITY_CHECKS.map((check) => ({
      check,
      label: qualityCheckLabel(check, rules),
      hint: QUALITY_CHECK_HINTS[check],
      count: items.filter((i) => i.check === check).length,
    })),
  };
}
