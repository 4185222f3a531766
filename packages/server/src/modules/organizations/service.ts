import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  assertPlacement,
  hasPermission,
  isBranchType,
  api,
  type OrgType,
  type Sector,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { adminUnits, organizations } from '../../db/schema.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import type { z } from 'zod';

type OrgRow = typeof organizations.$inferSelect;

// Written out in full: inside the subquery drizzle would render the outer column unqualified.
const childCount = sql<number>`(select count(*) from organizations c where c.parent_id = organizations.id and c.status = 'active')`.mapWith(Number);

const summaryColumns = {
  id: organizations.id,
  parentId: organizations.parentId,
  name: organizations.name,
  type: organizations.type,
  sector: organizations.sector,
  status: organizations.status,
  childCount,
};

type Summary = api.OrgSummary;
const asSummary = (r: { type: string; sector: string; status: string } & Omit<Summary, 'type' | 'sector' | 'status'>) => r as Summary;

/** Loads one organization visible to the caller, or 404. */
export async function loadOrg(tx: Tx, id: number): Promise<OrgRow> {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw notFound('组织');
  return row;
}

/** The subtree condition for "under organization X" filters: X must be visible. */
export async function underCondition(tx: Tx, orgId: number): Promise<SQL> {
  const org = await loadOrg(tx, orgId);
  return sql`${organizations.path} <@ ${org.path}::ltree`;
}

export async function listRoots(tx: Tx, user: SessionUser): Promise<Summary[]> {
  const where = user.scopeOrgId === null ? sql`${organizations.parentId} is null` : eq(organizations.id, user.scopeOrgId);
  return (await tx.select(summaryColumns).from(organizations).where(where).orderBy(asc(organizations.id))).map(asSummary);
}

export async function listChildren(tx: Tx, id: number, includeDissolved: boolean): Promise<Summary[]> {
  await loadOrg(tx, id);
  const rows = await tx
    .select(summaryColumns)
    .from(organizations)
    .where(and(eq(organizations.parentId, id), includeDissolved ? undefined : eq(organizations.status, 'active')))
    .orderBy(asc(organizations.sortOrder), asc(organizations.type), asc(organizations.id));
  return rows.map(asSummary);
}

export async function getDetail(tx: Tx, user: SessionUser, id: number): Promise<api.OrgDetail> {
  const org = await loadOrg(tx, id);
  const ancestorIds = org.path.split('.').map(Number).slice(0, -1);
  // Only ancestors inside the caller's scope are visible (RLS), which is what the breadcrumb should show.
  const ancestors = ancestorIds.length
    ? await tx
        .select({ id: organizations.id, name: organizations.name, path: organizations.path })
        .from(organizations)
        .where(sql`${organizations.id} in (${sql.join(ancestorIds.map((a) => sql`${a}`), sql`, `)})`)
    : [];
  ancestors.sort((a, b) => a.path.length - b.path.length);
  const [unit] = org.adminUnitId ? await tx.select({ name: adminUnits.name }).from(adminUnits).where(eq(adminUnits.id, org.adminUnitId)) : [];
  const [{ n }] = (await tx.select({ n: childCount }).from(organizations).where(eq(organizations.id, id))) as [{ n: number }];
  const isScopeRoot = user.scopeOrgId === org.id;
  const manage = hasPermission(user.role, 'org:manage') && org.status === 'active';
  return {
    id: org.id,
    parentId: org.parentId,
    path: org.path,
    name: org.name,
    shortName: org.shortName,
    type: org.type as OrgType,
    sector: org.sector as Sector,
    schoolStage: org.schoolStage as api.OrgDetail['schoolStage'],
    status: org.status as api.OrgDetail['status'],
    adminUnitId: org.adminUnitId,
    adminUnitName: unit?.name ?? null,
    foundedOn: org.foundedOn,
    dissolvedOn: org.dissolvedOn,
    dissolvedReason: org.dissolvedReason,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    address: org.address,
    version: org.version,
    childCount: n,
    ancestors: ancestors.map(({ id: aid, name }) => ({ id: aid, name })),
    can: {
      edit: hasPermission(user.role, 'org:edit') && org.status === 'active',
      manage,
      move: manage && !isScopeRoot && org.parentId !== null,
      dissolve: manage && !isScopeRoot && org.parentId !== null,
      restore: hasPermission(user.role, 'org:manage') && org.status === 'dissolved' && !isScopeRoot,
    },
  };
}

export async function searchOrgs(tx: Tx, q: api.QueryOf<typeof api.orgs.searchOrgs>, limit?: { offset: number; limit: number }) {
  const conds: SQL[] = [];
  if (q.under) conds.push(await underCondition(tx, q.under));
  if (q.q) conds.push(ilike(organizations.name, `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (q.type) conds.push(eq(organizations.type, q.type));
  if (q.sector) conds.push(eq(organizations.sector, q.sector));
  conds.push(eq(organizations.status, q.status ?? 'active'));
  const where = and(...conds);
  const parentName = sql<string | null>`(select p.name from organizations p where p.id = organizations.parent_id)`;
  const base = tx
    .select({ ...summaryColumns, parentName, path: organizations.path })
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.path));
  const items = limit ? await base.offset(limit.offset).limit(limit.limit) : await base;
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(organizations).where(where)) as [{ total: number }];
  return { items: items.map((i) => ({ ...asSummary(i), parentName: i.parentName, path: i.path })), total };
}

type OrgFields = Partial<api.BodyOf<typeof api.orgs.createOrg>>;

/** Checks that apply to the fields of an organization whatever the operation. */
async function checkFields(tx: Tx, fields: OrgFields & { type: OrgType; sector: Sector }) {
  // References first: an unknown or out-of-scope village answers 404 whatever else is wrong.
  const [unit] = fields.adminUnitId ? await tx.select().from(adminUnits).where(eq(adminUnits.id, fields.adminUnitId)) : [];
  if (fields.adminUnitId && !unit) throw new HttpError(404, 'not_found', '所选村（社区）不存在或不在您的管理范围内', 'adminUnitId');
  if (fields.schoolStage && fields.sector !== 'school') {
    throw new DomainError('stage_without_school', '只有学校领域的组织可以填写学段', 'schoolStage');
  }
  if (unit) {
    const expected: Sector = unit.kind === 'village' ? 'village' : 'community';
    if (fields.sector !== expected) {
      throw new DomainError('sector_mismatch', `服务${unit.kind === 'village' ? '村' : '社区'}的组织，所属领域应为“${expected === 'village' ? '农村' : '社区'}”`, 'sector');
    }
  }
}

export async function createOrg(tx: Tx, input: api.BodyOf<typeof api.orgs.createOrg>): Promise<number> {
  const parent = await loadOrg(tx, input.parentId).catch(() => {
    throw new HttpError(404, 'not_found', '上级组织不存在或不在您的管理范围内', 'parentId');
  });
  assertPlacement({ type: input.type }, { id: parent.id, type: parent.type as OrgType, path: parent.path, status: parent.status });
  await checkFields(tx, input);
  const [row] = await tx
    .insert(organizations)
    .values({
      parentId: input.parentId,
      name: input.name,
      shortName: input.shortName ?? null,
      type: input.type,
      sector: input.sector,
      schoolStage: input.schoolStage ?? null,
      adminUnitId: input.adminUnitId ?? null,
      foundedOn: input.foundedOn ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      address: input.address ?? null,
      sortOrder: sql`(select coalesce(max(sort_order), 0) + 10 from organizations where parent_id = ${input.parentId})`,
    })
    .returning({ id: organizations.id });
  // Its place among its siblings in the tree's order (migration 0023): a branch comes last, after those set up
  // before it (its sort_order at insert); a township, unit or school takes its place among the others.
  const lastGroup = !['township', 'subdistrict', 'unit_committee', 'youth_work_committee'].includes(input.type) && input.sector !== 'school';
  if (!lastGroup) await tx.execute(sql`select tj_renumber_children(${input.parentId})`);
  return row!.id;
}

export async function updateOrg(tx: Tx, id: number, input: api.BodyOf<typeof api.orgs.updateOrg>) {
  const org = await loadOrg(tx, id);
  if (org.status !== 'active') throw new DomainError('dissolved', '已撤销的组织不能修改，请先恢复', undefined, 409);
  if (input.version !== org.version) {
    throw new DomainError('stale', '该组织已被他人修改，请刷新后再编辑', 'version', 409);
  }
  const merged = { ...org, ...stripUndefined(input) } as OrgRow & OrgFields;
  if (input.type && input.type !== org.type) {
    const parent = org.parentId ? await loadOrg(tx, org.parentId).catch(() => null) : null;
    if (parent) assertPlacement({ type: input.type }, { id: parent.id, type: parent.type as OrgType, path: parent.path, status: parent.status });
    const children = await tx.select({ type: organizations.type }).from(organizations).where(and(eq(organizations.parentId, id), eq(organizations.status, 'active')));
    for (const c of children) {
      assertPlacement({ type: c.type as OrgType }, { id, type: input.type, path: org.path, status: 'active' });
    }
  }
  if (input.sector !== undefined || input.adminUnitId !== undefined || input.schoolStage !== undefined) {
    await checkFields(tx, { ...merged, type: merged.type as OrgType, sector: merged.sector as Sector, adminUnitId: merged.adminUnitId ?? undefined, schoolStage: merged.schoolStage as never });
  }
  const { version: _v, ...changes } = stripUndefined(input);
  await tx
    .update(organizations)
    .set({ ...changes, version: org.version + 1 })
    .where(eq(organizations.id, id));
}

export async function moveOrg(tx: Tx, user: SessionUser, id: number, parentId: number) {
  const org = await loadOrg(tx, id);
  if (user.scopeOrgId === id) throw new HttpError(403, 'scope_root', '不能移动您所管理范围的顶层组织，请联系上级');
  if (org.status !== 'active') throw new DomainError('dissolved', '已撤销的组织不能移动', undefined, 409);
  if (org.parentId === parentId) throw new DomainError('same_parent', '新的上级组织与原上级相同', 'parentId');
  const parent = await loadOrg(tx, parentId).catch(() => {
    throw new HttpError(404, 'not_found', '新的上级组织不存在或不在您的管理范围内', 'parentId');
  });
  assertPlacement({ id, type: org.type as OrgType, path: org.path }, { id: parent.id, type: parent.type as OrgType, path: parent.path, status: parent.status });
  await tx.update(organizations).set({ parentId, version: org.version + 1 }).where(eq(organizations.id, id));
  await tx.execute(sql`select tj_renumber_children(${parentId})`);
}

export async function dissolveOrg(tx: Tx, user: SessionUser, id: number, input: { dissolvedOn: string; reason: string }) {
  const org = await loadOrg(tx, id);
  if (user.scopeOrgId === id || org.parentId === null) throw new HttpError(403, 'scope_root', '不能撤销您所管理范围的顶层组织，请由上级团组织办理');
  if (org.status !== 'active') throw new DomainError('dissolved', '该组织已撤销', undefined, 409);
  if (org.foundedOn && input.dissolvedOn < org.foundedOn) throw new DomainError('date_order', '撤销日期不能早于成立日期', 'dissolvedOn');
  const [{ n }] = (await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(organizations)
    .where(and(eq(organizations.parentId, id), eq(organizations.status, 'active')))) as [{ n: number }];
  if (n > 0) throw new DomainError('has_children', `该组织下还有${n}个下级组织，请先将其撤销或调整到其他组织`, undefined, 409);
  await tx
    .update(organizations)
    .set({ status: 'dissolved', dissolvedOn: input.dissolvedOn, dissolvedReason: input.reason, version: org.version + 1 })
    .where(eq(organizations.id, id));
}

export async function restoreOrg(tx: Tx, id: number) {
  const org = await loadOrg(tx, id);
  if (org.status === 'active') throw new DomainError('active', '该组织未撤销', undefined, 409);
  if (org.parentId) {
    const parent = await loadOrg(tx, org.parentId).catch(() => null);
    if (!parent || parent.status !== 'active') throw new DomainError('parent_dissolved', '上级组织已撤销或不在您的管理范围内，不能恢复', undefined, 409);
  }
  await tx
    .update(organizations)
    .set({ status: 'active', dissolvedOn: null, dissolvedReason: null, version: org.version + 1 })
    .where(eq(organizations.id, id));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

