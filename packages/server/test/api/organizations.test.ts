import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

let t: TestContext;
let county: Session;
let baini: Session;
let bainiId: number;
let longxiId: number;

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
});
afterAll(() => t?.close());

const branch = (parentId: number, name: string, extra: Record<string, unknown> = {}) => ({
  parentId,
  name,
  type: 'branch',
  sector: 'non_public_enterprise',
  foundedOn: '2024-05-04',
  contactName: '张三',
  contactPhone: '13800000000',
  ...extra,
});

describe('organizations', () => {
  it('creates a branch under a township, with its path under the township', async () => {
    const res = await baini.post('/api/orgs', branch(bainiId, '白泥镇新创科技有限公司团支部'));
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org.parentId).toBe(bainiId);
    expect(org.path.endsWith(`${bainiId}.${org.id}`)).toBe(true);
    expect(org.ancestors.map((a: { id: number }) => a.id)).toEqual([bainiId]);
    expect(org.can).toEqual({ edit: true, manage: true, move: true, dissolve: true, restore: false });
    const children = await baini.get(`/api/orgs/${bainiId}/children`);
    expect(children.json().map((c: { id: number }) => c.id)).toContain(org.id);
  });

  it('refuses invalid input with Chinese messages naming the field', async () => {
    const res = await baini.post('/api/orgs', { parentId: bainiId, name: 'x', type: 'branch', sector: 'mars' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'sector']);
    expect(body.message).toContain('组织名称');
    expect(body.message).toContain('所属领域');
    const phone = await baini.post('/api/orgs', branch(bainiId, '白泥镇电话错误团支部', { contactPhone: '12345' }));
    expect(phone.statusCode).toBe(400);
    expect(phone.json().message).toContain('联系电话');
  });

  it('refuses a type that cannot sit under the parent, and duplicate sibling names', async () => {
    const wrong = await baini.post('/api/orgs', branch(bainiId, '白泥镇错误团委', { type: 'township', sector: 'government' }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().message).toBe('乡镇团委不能设在乡镇团委之下');
    await baini.post('/api/orgs', branch(bainiId, '白泥镇重名测试团支部'));
    const dup = await baini.post('/api/orgs', branch(bainiId, '白泥镇重名测试团支部'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('同一上级组织下已有同名组织');
  });

  it('renames and edits with optimistic locking', async () => {
    const created = (await baini.post('/api/orgs', branch(bainiId, '白泥镇改名前团支部'))).json();
    const renamed = await baini.patch(`/api/orgs/${created.id}`, { version: created.version, name: '白泥镇改名后团支部', address: '白泥镇新街1号' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '白泥镇改名后团支部', address: '白泥镇新街1号', version: created.version + 1 });
    const stale = await baini.patch(`/api/orgs/${created.id}`, { version: created.version, name: '白泥镇又改名团支部' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
  });

  it('moves a whole subtree in one transaction and refuses cycles', async () => {
    const gb = (await county.post('/api/orgs', { parentId: bainiId, name: '白泥镇移动测试团总支', type: 'general_branch', sector: 'school' })).json();
    const leaf = (await county.post('/api/orgs', branch(gb.id, '白泥镇移动测试一班团支部', { sector: 'school' }))).json();
    const moved = await county.post(`/api/orgs/${gb.id}/move`, { parentId: longxiId });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentId).toBe(longxiId);
    const [row] = await systemRows<{ path: string; parent_path: string }>(
      t.database,
      sql`select o.path::text as path, p.path::text as parent_path from organizations o join organizations p on p.id = ${gb.id} where o.id = ${leaf.id}`,
    );
    expect(row!.path).toBe(`${row!.parent_path}.${leaf.id}`);
    expect(row!.path).toContain(`.${longxiId}.`);
    // Every path in the database equals its parent's path plus its own id.
    const broken = await systemRows(t.database, sql`select o.id from organizations o left join organizations p on p.id = o.parent_id
      where o.path <> coalesce(p.path || o.id::text, o.id::text::ltree)`);
    expect(broken).toEqual([]);
    const cycle = await county.post(`/api/orgs/${gb.id}/move`, { parentId: leaf.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().message).toContain('自身或其下级');
    const self = await county.post(`/api/orgs/${gb.id}/move`, { parentId: gb.id });
    expect(self.statusCode).toBe(422);
  });

  it('a township admin cannot move an organization out of its township, nor move its own township', async () => {
    const created = (await baini.post('/api/orgs', branch(bainiId, '白泥镇外移测试团支部'))).json();
    const out = await baini.post(`/api/orgs/${created.id}/move`, { parentId: longxiId });
    expect(out.statusCode).toBe(404);
    // A parent outside the scope is refused by the route layer's check of the contract's refs, before the handler.
    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const up = await baini.post(`/api/orgs/${bainiId}/move`, { parentId: countyId });
    expect(up.statusCode).toBe(404);
    expect(up.json()).toMatchObject({ message: '新的上级组织不存在或不在您的管理范围内', fields: [{ field: 'parentId' }] });
    // The own township cannot be moved, whatever the parent.
    const own = await baini.post(`/api/orgs/${bainiId}/move`, { parentId: created.id });
    expect(own.statusCode).toBe(403);
  });

  it('dissolves an organization, keeps it in history, and restores it', async () => {
    const created = (await baini.post('/api/orgs', branch(bainiId, '白泥镇撤销测试团支部'))).json();
    const res = await baini.post(`/api/orgs/${created.id}/dissolve`, { dissolvedOn: '2026-06-30', reason: '企业注销' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dissolved', dissolvedOn: '2026-06-30', dissolvedReason: '企业注销' });
    expect(res.json().can).toMatchObject({ edit: false, dissolve: false, restore: true });
    const active = (await baini.get(`/api/orgs/${bainiId}/children`)).json().map((c: { id: number }) => c.id);
    expect(active).not.toContain(created.id);
    const all = (await baini.get(`/api/orgs/${bainiId}/children?includeDissolved=true`)).json().map((c: { id: number }) => c.id);
    expect(all).toContain(created.id);
    const edit = await baini.patch(`/api/orgs/${created.id}`, { version: res.json().version, name: '白泥镇撤销后改名团支部' });
    expect(edit.statusCode).toBe(409);
    const restored = await baini.post(`/api/orgs/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().status).toBe('active');
  });

  it('refuses to dissolve an organization that still has active children', async () => {
    const schoolId = await orgId(t.database, '余庆县白泥镇中学团总支');
    const res = await baini.post(`/api/orgs/${schoolId}/dissolve`, { dissolvedOn: '2026-06-30', reason: '学校合并' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/还有\d+个下级组织/);
  });

  it('audits every write with actor, address and the changed fields before and after', async () => {
    const created = (await baini.post('/api/orgs', branch(bainiId, '白泥镇审计测试团支部'))).json();
    await baini.patch(`/api/orgs/${created.id}`, { version: created.version, name: '白泥镇审计测试二团支部' });
    const res = await baini.get(`/api/audit?entity=organizations&entityId=${created.id}`);
    expect(res.statusCode).toBe(200);
    const [update, insert] = res.json().items;
    expect(insert).toMatchObject({ action: 'insert', actorName: '白泥镇团委书记', ip: '127.0.0.1', orgId: created.id });
    // The 简称 generated by rule follows the new name (migration 0023).
    expect(update).toMatchObject({ action: 'update', changed: ['name', 'short_name'] });
    expect(update.before).toMatchObject({ name: '白泥镇审计测试团支部' });
    expect(update.after).toMatchObject({ name: '白泥镇审计测试二团支部' });
  });

  it('searches and exports only within scope', async () => {
    const res = await baini.get('/api/orgs?q=龙溪');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
    const mine = await baini.get('/api/orgs?q=白泥&pageSize=5');
    expect(mine.json().total).toBeGreaterThan(5);
    expect(mine.json().items).toHaveLength(5);
    const file = await baini.get(`/api/orgs/export?under=${bainiId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('overview figures', () => {
  it('counts by type and sector equal a direct recount of the subtree', async () => {
    const res = await county.get(`/api/stats/org-overview?orgId=${bainiId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const [expected] = await systemRows<{ total: number; branches: number }>(
      t.database,
      sql`select count(*)::int as total, count(*) filter (where type in ('branch','joint_branch'))::int as branches
            from organizations where status = 'active' and path <@ (select path from organizations where id = ${bainiId})`,
    );
    expect(body.total).toBe(expected!.total);
    const typeSum = body.byType.reduce((s: number, r: { count: number }) => s + r.count, 0);
    const sectorSum = body.bySector.reduce((s: number, r: { count: number }) => s + r.count, 0);
    expect(typeSum).toBe(expected!.total);
    expect(sectorSum).toBe(expected!.total);
    // The demo leaves one village of 白泥镇 without a branch.
    expect(body.coverage.units - body.coverage.covered).toBe(1);
    const countyView = (await county.get(`/api/stats/org-overview?orgId=${await orgId(t.database, '共青团余庆县委员会')}`)).json();
    expect(countyView.coverage.units).toBe(69);
    expect(countyView.children.find((c: { id: number }) => c.id === bainiId).total).toBe(expected!.total);
  });
});
