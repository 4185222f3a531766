import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withScope, withSystem } from '../../src/db/context.js';
import { query, textArray } from '../../src/db/sql.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import { insertChunk } from '../../src/modules/people/import.js';
import { packPlan, unpackPlan } from '../../src/modules/import/pipeline.js';
import type { PlanItem } from '../../src/modules/import/kind.js';
import { YUQING, generateCounty } from '../../src/seed/demo-county.js';
import { writeTree } from '../../src/seed/tree.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';

/**
 * The mapped import at scale (issue 14: 100,000 people), without timing anything.
 *
 * A first import is previewed while the registry is still empty, then committed; the same file
 * previewed again must read a few index pages per ID number, not the whole registry once per number.
 * The re-import preview of 100,000 people failed (查询过大) because PostgreSQL 18 (PGlite) had cached,
 * during the first preview, the ID-number lookup's plan made for an empty table: a scan of people that
 * searched the file's 5,000 numbers for every stored person (migrations/0040_import_perf.sql). Here the
 * work is counted in buffer pages, which does not depend on how busy the machine is.
 *
 * A commit is one transaction: refused at a row after the first thousand (the first insert statement
 * already done), nothing of the file is left.
 */
let t: TestContext;
let session: Session;
let countyId: number;
let countyPath: string;
let branch: { id: number; name: string };

beforeAll(async () => {
  // An installation without the demo registry: the import meets an empty people table, as a county's first import does.
  t = await createTestApp({ demo: false });
  const password = 'Scale2026x';
  const hash = await hashPassword(password);
  ({ countyId, countyPath, branch } = await withSystem(t.database, 'test', async (tx) => {
    await writeTree(tx, generateCounty(YUQING));
    const [c] = await query<{ id: number; path: string }>(tx, sql`select id, path::text as path from organizations where type = 'county' order by id limit 1`);
    const [b] = await query<{ id: number; name: string }>(
      tx,
      sql`select id, name from organizations o where type = 'branch' and status = 'active' and (select count(*) from organizations d where d.name = o.name) = 1 order by id limit 1`,
    );
    await tx.execute(sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
      values ('import_scale', '导入规模测试', ${hash}, 'org_admin', ${c!.id}, false)`);
    return { countyId: Number(c!.id), countyPath: c!.path, branch: { id: Number(b!.id), name: b!.name } };
  }));
  session = await loginAs(t.app, 'import_scale', password);
});
afterAll(() => t?.close());

/** Distinct ID numbers of this county (a new birth date every 400, so the factory's sequence never repeats one). */
function idNumbers(n: number, from: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const day = Math.floor(k / 400);
    return makeIdNumber(`${1995 + (day % 12)}-${String(1 + (Math.floor(day / 12) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(day / 144) % 28)).padStart(2, '0')}`, 'male', '520329');
  });
}

const asCounty = <T>(fn: Parameters<typeof withScope<T>>[2]) => withScope(t.database, { accountId: null, name: 'test', scopePath: countyPath }, fn);

/** Buffer pages the statement touched, executing (EXPLAIN ANALYZE BUFFERS: a count, not a time). */
async function pagesRead(statement: ReturnType<typeof sql>): Promise<number> {
  const [row] = await asCounty((tx) => query<{ 'QUERY PLAN': unknown }>(tx, sql`explain (analyze, buffers, format json) ${statement}`));
  const raw = row!['QUERY PLAN'];
  const plan = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: Record<string, number> }[])[0]!.Plan;
  return (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
}

describe('the mapped import at scale', () => {
  it('looks ID numbers up through the unique index however much the registry grew since the lookup was first planned', async () => {
    const ids = idNumbers(6000, 0);
    // A first import's preview: the lookup runs once per 5,000 rows of the file, all against an empty registry.
    for (let i = 0; i < 8; i++) {
      const found = await asCounty((tx) => query(tx, sql`select * from tj_people_locations(${textArray(ids)})`));
      expect(found).toEqual([]);
    }
    // The commit (same session): the registry now holds the file's people.
    await withSystem(t.database, 'test', async (tx) => {
      for (let i = 0; i < ids.length; i += 1000) {
        await insertChunk(tx, ids.slice(i, i + 1000).map((idNumber, k) => ({ idNumber, name: `规模${i + k}`, gender: 'male', ethnicity: '01', politicalStatus: '13', orgId: branch.id })));
      }
    });
    const [{ pages }] = (await withSystem(t.database, 'test', (tx) =>
      query<{ pages: number }>(tx, sql`select (pg_relation_size('people') / current_setting('block_size')::int)::int as pages`),
    )) as [{ pages: number }];
    expect(pages).toBeGreaterThan(80);

    // The same file again: two of its numbers looked up read a few index and heap pages each, not the table.
    const two = [ids[10]!, ids[5990]!];
    const found = await asCounty((tx) => query<{ id_number: string; in_scope: boolean }>(tx, sql`select id_number, in_scope from tj_people_locations(${textArray(two)}) order by id_number`));
    expect(found).toEqual([...two].sort().map((id_number) => ({ id_number, in_scope: true })));
    const read = await pagesRead(sql`select * from tj_people_locations(${textArray(two)})`);
    expect(read, `pages read for two ID numbers (people has ${pages} pages)`).toBeLessThan(pages / 4);
  });

  it('commits a file in one transaction: refused at a row after the first thousand, nothing of the file is written', async () => {
    const ids = idNumbers(1100, 8000);
    const csv = ['序号,姓名,性别,民族,公民身份号码,政治面貌,所在团支部', ...ids.map((id, i) => `${i + 1},事务${i},男,汉,${id},群众,${branch.name}`)].join('\n');
    const p = await session.post('/api/imports/preview', { kind: 'people', orgId: countyId, fileName: 'people.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(p.statusCode, p.body).toBe(200);
    expect({ created: p.json().created, errors: p.json().errors }).toEqual({ created: 1100, errors: [] });
    // Between preview and commit, someone registers the person of row 1,052 (the 1,051st data row) elsewhere.
    const other = await withSystem(t.database, 'test', async (tx) => {
      const [o] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'branch' and id <> ${branch.id} order by id limit 1`);
      await insertChunk(tx, [{ idNumber: ids[1050]!, name: '先登记者', gender: 'male', ethnicity: '01', politicalStatus: '13', orgId: Number(o!.id) }]);
      return Number(o!.id);
    });
    const c = await session.post(`/api/imports/${p.json().batchId}/commit`);
    expect(c.statusCode, c.body).toBe(422);
    expect(c.json().message).toMatch(/^第1052行“身份证号”：.*本次未导入任何数据$/);
    const left = await withSystem(t.database, 'test', (tx) =>
      query<{ org_id: number; n: number }>(tx, sql`select org_id, count(*)::int as n from people where id_number = any(${textArray(ids)}) group by org_id`),
    );
    expect(left.map((r) => ({ org_id: Number(r.org_id), n: r.n }))).toEqual([{ org_id: other, n: 1 }]);
    const [batch] = await withSystem(t.database, 'test', (tx) => query<{ committed_at: string | null }>(tx, sql`select committed_at from import_batches where id = ${p.json().batchId}`));
    expect(batch!.committed_at).toBeNull();
  });

  it('keeps a plan in its batch with each key once, and reads back exactly the items (absent keys stay absent, nulls stay null)', () => {
    const items: PlanItem[] = [
      { row: 3, op: 'create', label: '甲', fields: [], data: { name: '甲', phone: null, orgId: 7 } },
      { row: 4, op: 'update', label: '乙', fields: ['联系电话'], data: { id: 9, name: '乙', phone: '13800001111', term: { orgId: 7, startedOn: '2024-01-01' } } },
    ];
    const stored = JSON.parse(JSON.stringify(packPlan(items)));
    expect(stored.keys).toEqual(['name', 'phone', 'orgId', 'id', 'term']);
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(items).length);
    expect(unpackPlan(stored)).toEqual(items);
    expect(unpackPlan(JSON.parse(JSON.stringify(items)))).toEqual(items);
  });
});
