import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { dailyWorkRoutes } from '../../src/modules/daily-work/routes.js';
import { dailyWorkPublicRoutes } from '../../src/modules/daily-work/resets-public.js';
import { loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { SAMPLE_BODIES, createDailyWorkApp, prepareRecords, secretaryBranch, thisYear } from './scope-samples-daily-work.js';

/**
 * The route walk of scope.test.ts over the daily-work routes, on a demo
 * county that also holds the daily-work demo data: as the 龙溪镇 admin, every
 * route aimed at a 白泥镇 record answers 403 or 404 and writes nothing.
 */
let t: TestContext;
type Targets = Partial<Record<api.RefKind, number>>;
let outside: Targets;
let inside: Targets;

const KIND_TABLES: Partial<Record<api.RefKind, [string, string]>> = {
  person: ['people', 'org_id'],
  duesPayment: ['dues_payments', 'org_id'],
  starRating: ['star_ratings', 'org_id'],
  starRatingEntry: ['star_rating_entries', 'org_id'],
  rectificationTask: ['rectification_tasks', 'org_id'],
  duesReceipt: ['dues_receipts', 'org_id'],
  joinApplication: ['join_applications', 'org_id'],
};

async function targetsIn(township: string, orgType: 'branch' | 'general_branch'): Promise<Targets> {
  const townshipId = await orgId(t.database, `共青团余庆县${township}委员会`);
  const ids: Targets = {};
  const [org] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${townshipId} and type = ${orgType} order by id limit 1`);
  ids.org = Number(org!.id);
  for (const [kind, [table, column]] of Object.entries(KIND_TABLES)) {
    const [row] = await systemRows<{ id: number }>(
      t.database,
      sql`select x.id from ${sql.identifier(table)} x join organizations o on o.id = x.${sql.identifier(column)}
           where o.path <@ (select path from organizations where id = ${townshipId}) order by x.id limit 1`,
    );
    if (row) ids[kind as api.RefKind] = Number(row.id);
  }
  return ids;
}

beforeAll(async () => {
  t = await createDailyWorkApp({ seed: true });
  await prepareRecords(t);
  outside = await targetsIn('白泥镇', 'branch');
  inside = await targetsIn('龙溪镇', 'general_branch');
});
afterAll(() => t?.close());

describe('data scope: every daily-work route refuses another township', () => {
  it('walks all daily-work routes', async () => {
    const routes = [...dailyWorkRoutes, ...dailyWorkPublicRoutes(t.database)];
    const before = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout', 'login_failed')`);
    const checked: string[] = [];
    for (const { contract: c } of routes) {
      const key = `${c.method} ${c.path}`;
      if (c.permission === 'public') continue;
      const refs = c.refs ?? {};
      const hasBody = c.method !== 'GET';
      if (hasBody && !SAMPLE_BODIES[key]) throw new Error(`${key}: add a sample body to SAMPLE_BODIES`);
      const variants = Object.keys(refs).length ? Object.keys(refs) : [null];
      for (const outRef of variants) {
        const session = await loginAs(t.app, 'longxi_admin');
        const idFor = (ref: string) => {
          const id = (ref === outRef ? outside : inside)[refs[ref]!];
          if (id === undefined) throw new Error(`${key} ${ref}: no ${refs[ref]} record`);
          return id;
        };
        const path = c.path.replace(/:(\w+)/g, (_m, name: string) => {
          if (!refs[`params.${name}`]) throw new Error(`${c.path}: :${name} is not declared in refs`);
          return String(idFor(`params.${name}`));
        });
        const url = new URL(path, 'http://x');
        for (const ref of Object.keys(refs).filter((r) => r.startsWith('query.'))) url.searchParams.set(ref.slice(6), String(idFor(ref)));
        let body = hasBody ? (SAMPLE_BODIES[key]!(inside) as Record<string, unknown> | undefined) : undefined;
        if (body) {
          body = { ...body };
          for (const ref of Object.keys(refs).filter((r) => r.startsWith('body.'))) {
            const field = ref.slice(5);
            body[field] = Array.isArray(body[field]) ? (body[field] as unknown[]).map(() => idFor(ref)) : idFor(ref);
          }
        }
        const res = await session.request(c.method, url.pathname + url.search, body);
        const label = `${key} with ${outRef ?? 'no reference'} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (outRef) expect([403, 404], label).toContain(res.statusCode);
        else {
          expect(res.statusCode, label).toBeLessThan(500);
          expect(res.body, label).not.toContain('白泥');
        }
        checked.push(label);
      }
    }
    const after = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout', 'login_failed')`);
    expect(after[0]!.n, checked.join('\n')).toBe(before[0]!.n);
    expect(checked.length).toBeGreaterThan(50);
  });

  it('the same routes answer the township that holds the records', async () => {
    const baini = await loginAs(t.app, 'baini_admin');
    const branch = outside.org!;
    for (const url of [
      `/api/daily-work/dues/ledger?orgId=${branch}`,
      `/api/daily-work/dues/report?under=${branch}`,
      `/api/daily-work/quality?under=${branch}`,
      `/api/daily-work/star-entries/${outside.starRatingEntry}`,
      `/api/daily-work/graduates/classes/${branch}/members`,
    ]) {
      const res = await baini.get(url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
    }
  });
});

describe('the demo county', () => {
  it('holds a year of dues for most members, some unpaid, and remittances', async () => {
    const [r] = await systemRows<{ members: number; paying: number; payments: number; remittances: number }>(
      t.database,
      sql`select (select count(*)::int from people where member_status = 'active') as members,
                 (select count(distinct person_id)::int from dues_payments) as paying,
                 (select count(*)::int from dues_payments) as payments,
                 (select count(*)::int from dues_remittances) as remittances`,
    );
    expect(r!.paying / r!.members).toBeGreaterThan(0.8);
    expect(r!.payments).toBeGreaterThan(r!.members * 6);
    expect(r!.remittances).toBeGreaterThan(10);
    const county = await loginAs(t.app, 'county_admin');
    const unpaid = (await county.get('/api/daily-work/dues/unpaid')).json();
    expect(unpaid.total).toBeGreaterThan(0);
  });

  it('has a star rating in progress with a weak branch under rectification', async () => {
    const county = await loginAs(t.app, 'county_admin');
    const [rating] = (await county.get('/api/daily-work/star-ratings')).json();
    expect(rating.status).toBe('open');
    for (const s of ['pending', 'self_assessed', 'reviewed', 'confirmed']) expect(rating.byStatus[s], s).toBeGreaterThan(0);
    expect(rating.byGrade.weak).toBe(1);
    const tasks = (await county.get('/api/daily-work/rectifications')).json();
    expect(tasks.items.find((i: { orgName: string }) => i.orgName === '白泥镇青年创业园团支部')).toMatchObject({ status: 'open' });
    const secretary = await loginAs(t.app, 'branch_secretary');
    const own = (await secretary.get(`/api/daily-work/star-entries?year=${thisYear()}`)).json();
    expect(own.items.map((i: { status: string }) => i.status)).toContain('self_assessed');
  });

  it('has a graduating class with transfers pending, accepted, escalated and held in the temporary branch', async () => {
    const county = await loginAs(t.app, 'county_admin');
    const res = (await county.get('/api/daily-work/graduates/classes')).json();
    const cls = res.classes.find((c: { name: string }) => c.name.includes('届高三（1）班团支部'));
    expect(cls.graduates).toBe(13);
    expect(cls.counts).toMatchObject({ pending: 3, escalated: 2, transferred: 3, held: 2 });
    expect(res.tempBranch).toMatchObject({ name: '余庆县毕业生临时团支部', members: 2 });
    const overdue = (await county.get('/api/daily-work/transfers/overdue?kind=graduate')).json();
    expect(overdue.items.every((i: { escalatedToOrgName: string | null }) => i.escalatedToOrgName !== null)).toBe(true);
  });

  it('has member accounts named by member number and data-quality problems to find', async () => {
    const branch = await secretaryBranch(t);
    const accounts = await systemRows<{ username: string; member_no: string }>(
      t.database,
      sql`select a.username, p.member_no from accounts a join people p on p.id = a.person_id where a.role = 'member' and a.scope_org_id = ${branch}`,
    );
    expect(accounts.length).toBe(3);
    for (const a of accounts) expect(a.username).toBe(a.member_no);
    const county = await loginAs(t.app, 'county_admin');
    const find = async (check: string) => (await county.get(`/api/daily-work/quality/items?check=${check}&pageSize=500`)).json().items as { name: string; detail: string }[];
    expect((await find('branch_too_small')).map((i) => i.name)).toContain('白泥镇青年创业园团支部');
    expect((await find('org_name')).map((i) => i.name)).toContain('余中高一（10）班团支部');
    expect((await find('member_fields')).find((i) => i.detail.startsWith('缺联系电话；缺学历'))).toBeDefined();
    expect((await find('two_places')).length).toBeGreaterThan(0);
    const secretary = await loginAs(t.app, 'branch_secretary');
    expect((await secretary.get('/api/daily-work/corrections?status=open')).json()).toHaveLength(1);
  });
});
