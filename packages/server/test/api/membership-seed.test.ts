import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withSystem } from '../../src/db/context.js';
import { seedMembershipDemo } from '../../src/seed/demo-membership.js';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { thisYear } from './scope-samples-membership.js';

/** The demo's membership records: in both demo townships, consistent with the rules, the same every time. */
let t: TestContext;
let Y: number;

/** Seeds unless the bootstrap already did (once it calls seedMembershipDemo after the people). */
async function ensureSeeded(ctx: TestContext) {
  const [row] = await systemRows<{ n: number }>(ctx.database, sql`select count(*)::int as n from review_campaigns`);
  if (row!.n === 0) await withSystem(ctx.database, '演示数据', (tx) => seedMembershipDemo(tx));
}

beforeAll(async () => {
  t = await createTestApp();
  Y = thisYear();
  await ensureSeeded(t);
});
afterAll(() => t?.close());

const TOWNS = ['白泥镇', '龙溪镇'];
const inTown = (town: string, column: string) =>
  sql.raw(`${column} in (select id from organizations where path <@ (select path from organizations where name = '共青团余庆县${town}委员会'))`);
const count = async (statement: ReturnType<typeof sql>) => Number((await systemRows<{ n: number }>(t.database, statement))[0]!.n);

describe('demo membership records', () => {
  for (const town of TOWNS) {
    it(`${town}: a pending transfer, this year's registration with members not yet registered, last year's appraisal`, async () => {
      expect(await count(sql`select count(*)::int as n from transfers where status = 'pending' and ${inTown(town, 'from_org_id')}`)).toBeGreaterThan(0);
      expect(await count(sql`select count(*)::int as n from transfers where status = 'accepted' and ${inTown(town, 'to_org_id')}`)).toBeGreaterThan(0);
      expect(await count(sql`select count(*)::int as n from transfers where status = 'rejected' and ${inTown(town, 'from_org_id')}`)).toBeGreaterThan(0);
      expect(await count(sql`select count(*)::int as n from registrations where year = ${Y} and status = 'registered' and ${inTown(town, 'org_id')}`)).toBeGreaterThan(0);
      const unregistered = await count(sql`select count(*)::int as n from people p where p.member_status = 'active' and ${inTown(town, 'p.org_id')}
        and not exists (select 1 from registrations r where r.person_id = p.id and r.year = ${Y})`);
      expect(unregistered).toBeGreaterThan(0);
      expect(await count(sql`select count(*)::int as n from appraisals where year = ${Y - 1} and ${inTown(town, 'org_id')}`)).toBeGreaterThan(0);
    });

    it(`${town}: members who left (超龄离团, 退团), one still due, with events matching the people`, async () => {
      for (const kind of ['over_age', 'voluntary']) {
        const rows = await systemRows<{ member_status: string; left_reason: string; left_on: string; on_date: string; age: number }>(
          t.database,
          sql`select p.member_status, p.left_reason, p.left_on::text as left_on, e.on_date::text as on_date,
                     extract(year from age(e.on_date, p.birth_date))::int as age
                from membership_events e join people p on p.id = e.person_id where e.kind = ${kind} and ${inTown(town, 'e.org_id')}`,
        );
        expect(rows.length, kind).toBeGreaterThan(0);
        for (const r of rows) {
          expect(r).toMatchObject({ member_status: 'left', left_reason: kind, left_on: r.on_date });
          if (kind === 'over_age') expect(r.age).toBeGreaterThanOrEqual(28);
        }
      }
      const county = await loginAs(t.app, 'county_admin');
      const due = (await county.get(`/api/membership/leaving/due?under=${await orgId(t.database, `共青团余庆县${town}委员会`)}&year=${Y}`)).json();
      expect(due.items.some((i: { reachesOn: string }) => i.reachesOn < `${Y + 1}-01-01`)).toBe(true);
    });

    it(`${town}: 推优入党 with outcomes, party dates on the people`, async () => {
      const recs = await systemRows<{ outcome: string; party_joined_on: string | null; political_status: string; age: number; votes_for: number; entitled: number }>(
        t.database,
        sql`select r.outcome, p.party_joined_on::text as party_joined_on, p.political_status, r.votes_for, r.entitled,
                   extract(year from age(r.meeting_on, p.birth_date))::int as age
              from party_recommendations r join people p on p.id = r.person_id where ${inTown(town, 'r.org_id')}`,
      );
      const outcomes = new Set(recs.map((r) => r.outcome));
      for (const o of ['pending', 'activist', 'not_accepted']) expect(outcomes.has(o), o).toBe(true);
      expect(outcomes.has('probationary') || outcomes.has('full')).toBe(true);
      for (const r of recs) {
        expect(r.age).toBeLessThanOrEqual(28);
        expect(r.votes_for * 2).toBeGreaterThan(r.entitled);
        if (r.outcome === 'full') expect(r).toMatchObject({ political_status: '01' });
        if (r.outcome === 'probationary') expect(r).toMatchObject({ political_status: '02' });
        if (r.outcome === 'full' || r.outcome === 'probationary') expect(r.party_joined_on).not.toBeNull();
      }
    });

    it(`${town}: a 回头看 with findings confirmed (清退), dismissed and open`, async () => {
      const findings = await systemRows<{ status: string; rule: string; member_status: string; left_reason: string | null; case_status: string | null }>(
        t.database,
        sql`select f.status, f.rule, p.member_status, p.left_reason,
                   (select c.status from development_cases c where c.person_id = p.id order by c.id desc limit 1) as case_status
              from review_findings f join review_campaigns c on c.id = f.campaign_id join people p on p.id = f.person_id
             where ${inTown(town, 'c.org_id')}`,
      );
      const statuses = new Set(findings.map((f) => f.status));
      expect([...statuses].sort()).toEqual(['confirmed', 'dismissed', 'open']);
      for (const f of findings.filter((x) => x.status === 'confirmed')) expect(f).toMatchObject({ member_status: 'left', left_reason: 'revoked', case_status: 'revoked' });
      const [campaign] = await systemRows<{ checked: number }>(t.database, sql`select checked from review_campaigns where ${inTown(town, 'org_id')}`);
      expect(campaign!.checked).toBeGreaterThanOrEqual(3);
    });
  }

  it('keeps every member in exactly one place and every transfer consistent with where its member is', async () => {
    const pendingElsewhere = await count(sql`select count(*)::int as n from transfers t join people p on p.id = t.person_id
                                             where t.status = 'pending' and p.org_id <> t.from_org_id`);
    expect(pendingElsewhere).toBe(0);
    const twoPending = await count(sql`select count(*)::int as n from (select person_id from transfers where status = 'pending' group by person_id having count(*) > 1) x`);
    expect(twoPending).toBe(0);
    // Members with a pending transfer are neither leaving nor left.
    const leftWhileMoving = await count(sql`select count(*)::int as n from transfers t join people p on p.id = t.person_id where t.status = 'pending' and p.member_status <> 'active'`);
    expect(leftWhileMoving).toBe(0);
  });

  it('leaves 白泥镇’s first outgoing transfer inside 白泥镇 (the scope walk aims at it)', async () => {
    const [first] = await systemRows<{ inside: boolean }>(
      t.database,
      sql`select ${inTown('白泥镇', 'to_org_id')} as inside from transfers where ${inTown('白泥镇', 'from_org_id')} order by id limit 1`,
    );
    expect(first!.inside).toBe(true);
  });

  it('shows through the API within scope', async () => {
    const baini = await loginAs(t.app, 'baini_admin');
    const bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const progress = (await baini.get(`/api/membership/registrations/progress?orgId=${bainiId}&year=${Y}`)).json();
    expect(progress.registered).toBeGreaterThan(0);
    expect(progress.unregistered).toBeGreaterThan(0);
    expect(progress.rate).toBeGreaterThan(0.5);
    const reviews = (await baini.get('/api/membership/reviews')).json();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ orgId: bainiId, revoked: 1 });
    const transfers = (await baini.get('/api/membership/transfers?status=pending')).json();
    expect(transfers.total).toBeGreaterThan(0);
  });

  it('is deterministic', async () => {
    const digest = async (ctx: TestContext) =>
      JSON.stringify(
        await systemRows(
          ctx.database,
          sql`select (select json_agg(x order by x) from (select person_id || ':' || from_org_id || ':' || to_org_id || ':' || status || ':' || initiated_by as x from transfers) t1) as transfers,
                     (select json_agg(x order by x) from (select person_id || ':' || kind || ':' || on_date as x from membership_events) t2) as events,
                     (select json_agg(x order by x) from (select person_id || ':' || status || ':' || decided_on as x from registrations) t3) as registrations,
                     (select json_agg(x order by x) from (select person_id || ':' || grade as x from appraisals) t4) as appraisals,
                     (select json_agg(x order by x) from (select person_id || ':' || outcome || ':' || meeting_on as x from party_recommendations) t5) as recs,
                     (select json_agg(x order by x) from (select person_id || ':' || rule || ':' || status as x from review_findings) t6) as findings`,
        ),
      );
    const other = await createTestApp();
    try {
      await ensureSeeded(other);
      expect(await digest(other)).toBe(await digest(t));
    } finally {
      await other.close();
    }
  });
});
