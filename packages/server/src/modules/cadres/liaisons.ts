import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  api,
  contactProblems,
  hasPermission,
  isLiaisonActive,
  liaisonCoverage,
  liaisonProblems,
  type ContactMethod,
  type LiaisonRole,
  type OrgType,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { liaisonContacts, liaisons } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { currentYear, today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { loadCadre, loadOrgRef, n, subtreeCondition } from './common.js';

/*
 * 一专一站两联: a liaison is registered under the branch it covers (or the
 * organization of the young person contacted), so the committees above the
 * branch see who covers it; the cadre's name is shown when their record is
 * visible too.
 */

interface LiaisonRow {
  id: number;
  cadre_id: number | null;
  deputy_id: number | null;
  cadre_name: string | null;
  role: LiaisonRole;
  org_id: number;
  target_org_id: number | null;
  target_org_name: string | null;
  target_person_id: number | null;
  target_person_name: string | null;
  since: string;
  until: string | null;
  contacts: number;
  last_contact_on: string | null;
}

const LIAISON_SELECT = sql`
  select l.id, l.cadre_id, l.deputy_id, coalesce(c.name, d.name) as cadre_name, l.role, l.org_id, l.target_org_id, tor.name as target_org_name,
         l.target_person_id, tp.name as target_person_name, l.since::text as since, l.until::text as until,
         (select count(*)::int from liaison_contacts lc where lc.liaison_id = l.id) as contacts,
         (select max(lc.contacted_on)::text from liaison_contacts lc where lc.liaison_id = l.id) as last_contact_on
    from liaisons l join organizations o on o.id = l.org_id
    left join cadres c on c.id = l.cadre_id
    left join congress_deputies d on d.id = l.deputy_id
    left join organizations tor on tor.id = l.target_org_id
    left join people tp on tp.id = l.target_person_id`;

const toItem = (r: LiaisonRow, on: string) => ({
  id: Number(r.id),
  cadreId: n(r.cadre_id),
  deputyId: n(r.deputy_id),
  cadreName: r.cadre_name,
  role: r.role,
  orgId: Number(r.org_id),
  targetOrgId: n(r.target_org_id),
  targetOrgName: r.target_org_name,
  targetPersonId: n(r.target_person_id),
  targetPersonName: r.target_person_name,
  since: r.since,
  until: r.until,
  active: isLiaisonActive(r, on),
  contacts: r.contacts,
  lastContactOn: r.last_contact_on,
});

async function loadLiaison(tx: Tx, id: number): Promise<LiaisonRow> {
  const [row] = await query<LiaisonRow>(tx, sql`${LIAISON_SELECT} where l.id = ${id}`);
  if (!row) throw notFound('联系');
  return row;
}

export async function listLiaisons(tx: Tx, q: { under?: number; role?: LiaisonRole; active?: boolean }) {
  const conds: SQL[] = [await subtreeCondition(tx, q.under, 'o')];
  if (q.role) conds.push(sql`l.role = ${q.role}`);
  const on = today();
  const rows = await query<LiaisonRow>(tx, sql`${LIAISON_SELECT} where ${sql.join(conds, sql` and `)} order by o.path, l.since desc, l.id`);
  return rows.map((r) => toItem(r, on)).filter((l) => q.active === undefined || l.active === q.active);
}

export async function liaisonDetail(tx: Tx, user: SessionUser, id: number) {
  const l = await loadLiaison(tx, id);
  const contacts = await query<{ id: number; contacted_on: string; method: ContactMethod; content: string }>(
    tx,
    sql`select id, contacted_on::text as contacted_on, method, content from liaison_contacts where liaison_id = ${id} order by contacted_on desc, id desc`,
  );
  return {
    ...toItem(l, today()),
    contactLog: contacts.map((c) => ({ id: Number(c.id), contactedOn: c.contacted_on, method: c.method, content: c.content })),
    can: { record: hasPermission(user.role, 'org:edit') },
  };
}

/** Who holds a liaison: a committee member's cadre, or a deputy of the congress registry (with the deputy's cadre, if any). */
export type LiaisonHolder = { role: 'committee_member'; cadreId: number; name: string } | { role: 'deputy'; deputyId: number; cadreId: number | null; name: string };

export async function createLiaison(tx: Tx, body: api.BodyOf<typeof api.cadres.createLiaison>): Promise<number> {
  const cadre = await loadCadre(tx, body.cadreId, 'cadreId');
  if (body.role === 'deputy') {
    // One liaison mechanism: a deputy's liaison names a deputy of the registry (团代会代表).
    const [deputy] = await query<{ id: number }>(
      tx,
      sql`select id from congress_deputies where cadre_id = ${cadre.id} and status = 'serving' order by id desc limit 1`,
    );
    if (!deputy) throw new DomainError('liaison_refused', `${cadre.name}不是在任的团代会代表，请先在团代会代表名册中登记`, 'cadreId');
    return insertLiaison(tx, { role: 'deputy', deputyId: Number(deputy.id), cadreId: Number(cadre.id), name: cadre.name }, body);
  }
  const [post] = await query<{ id: number }>(tx, sql`select id from cadre_posts where cadre_id = ${cadre.id} and end_on is null limit 1`);
  const problems = post ? [] : [`${cadre.name}没有现任团内职务，不能作为委员联系团支部`];
  return insertLiaison(tx, { role: 'committee_member', cadreId: Number(cadre.id), name: cadre.name }, body, problems);
}

/** A liaison of a committee member or a deputy to a branch and/or a young person (checked by liaisonProblems). */
export async function insertLiaison(
  tx: Tx,
  who: LiaisonHolder,
  body: { targetOrgId?: number; targetPersonId?: number; since: string },
  extraProblems: string[] = [],
): Promise<number> {
  const target = body.targetOrgId ? await loadOrgRef(tx, body.targetOrgId, 'targetOrgId', '团支部') : null;
  let person: { id: number; org_id: number } | undefined;
  if (body.targetPersonId) {
    [person] = await query<{ id: number; org_id: number }>(tx, sql`select id, org_id from people where id = ${body.targetPersonId}`);
    if (!person) throw new HttpError(404, 'not_found', '所选青年不存在或不在您的管理范围内', 'targetPersonId');
  }
  const holder = who.role === 'deputy' ? sql`deputy_id = ${who.deputyId}` : sql`cadre_id = ${who.cadreId} and role = 'committee_member'`;
  const [dup] = await query<{ id: number }>(
    tx,
    sql`select id from liaisons where ${holder} and until is null
          and target_org_id is not distinct from ${target?.id ?? null}::bigint and target_person_id is not distinct from ${person?.id ?? null}::bigint`,
  );
  const problems = liaisonProblems({
    targetOrg: target ? { type: target.type as OrgType, status: target.status } : null,
    hasTargetPerson: !!person,
    since: body.since,
    today: today(),
    duplicate: !!dup,
  });
  problems.push(...extraProblems);
  if (problems.length) throw new DomainError('liaison_refused', problems.join('；'));
  const [row] = await tx
    .insert(liaisons)
    .values({
      orgId: Number(target?.id ?? person!.org_id),
      cadreId: who.cadreId,
      deputyId: who.role === 'deputy' ? who.deputyId : null,
      role: who.role,
      targetOrgId: target ? Number(target.id) : null,
      targetPersonId: person ? Number(person.id) : null,
      since: body.since,
    })
    .returning({ id: liaisons.id });
  return row!.id;
}

export async function endLiaison(tx: Tx, id: number, until: string) {
  const l = await loadLiaison(tx, id);
  if (l.until) throw new DomainError('liaison_refused', `该联系已于${l.until}结束`, undefined, 409);
  if (until < l.since) throw new DomainError('liaison_refused', `结束日期不能早于开始日期（${l.since}）`, 'until');
  if (until > today()) throw new DomainError('liaison_refused', '结束日期不能晚于今天', 'until');
  await tx.update(liaisons).set({ until }).where(sql`id = ${id}`);
}

export async function logContact(tx: Tx, id: number, body: api.BodyOf<typeof api.cadres.logContact>) {
  const l = await loadLiaison(tx, id);
  const problems = contactProblems(l, body.contactedOn, today());
  if (problems.length) throw new DomainError('contact_refused', problems.join('；'), 'contactedOn');
  await tx.insert(liaisonContacts).values({ liaisonId: id, orgId: Number(l.org_id), contactedOn: body.contactedOn, method: body.method, content: body.content });
}

export async function coverage(tx: Tx, q: { orgId: number; year?: number }) {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear();
  const on = today();
  const branches = await query<{ id: number; name: string; parent_name: string | null; covered: boolean; contacted: boolean }>(
    tx,
    sql`select b.id, b.name, (select pp.name from organizations pp where pp.id = b.parent_id) as parent_name,
               exists (select 1 from liaisons l where l.target_org_id = b.id and l.since <= ${on}::date and (l.until is null or l.until >= ${on}::date)) as covered,
               exists (select 1 from liaisons l join liaison_contacts lc on lc.liaison_id = l.id
                        where l.target_org_id = b.id and extract(year from lc.contacted_on)::int = ${year}) as contacted
          from organizations b
         where b.status = 'active' and b.type in ('branch', 'joint_branch') and b.path <@ ${org.path}::ltree
         order by b.path`,
  );
  const [stats] = await query<{ liaisons: number; youth: number; contacts: number }>(
    tx,
    sql`select count(distinct l.id) filter (where l.since <= ${on}::date and (l.until is null or l.until >= ${on}::date))::int as liaisons,
               count(distinct l.target_person_id) filter (where l.since <= ${on}::date and (l.until is null or l.until >= ${on}::date))::int as youth,
               (select count(*)::int from liaison_contacts lc join organizations lo on lo.id = lc.org_id
                 where lo.path <@ ${org.path}::ltree and extract(year from lc.contacted_on)::int = ${year}) as contacts
          from liaisons l join organizations o on o.id = l.org_id where o.path <@ ${org.path}::ltree`,
  );
  const cov = liaisonCoverage(branches);
  return {
    year,
    branches: cov.total,
    covered: cov.covered,
    rate: cov.rate,
    contactedThisYear: branches.filter((b) => b.contacted).length,
    liaisons: stats?.liaisons ?? 0,
    youthAssigned: stats?.youth ?? 0,
    contacts: stats?.contacts ?? 0,
    uncovered: branches.filter((b) => !b.covered).map((b) => ({ orgId: Number(b.id), orgName: b.name, parentName: b.parent_name })),
  };
}
