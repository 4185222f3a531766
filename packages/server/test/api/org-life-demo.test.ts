import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { withSystem } from '../../src/db/context.js';
import { query } from '../../src/db/sql.js';
import { seedOrgLifeDemo } from '../../src/seed/demo-org-life.js';
import { orgLifeRoutes } from '../../src/modules/org-life/routes.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

process.env.TJ_TODAY = '2026-11-20';
process.env.ATTACHMENT_DIR ??= mkdtempSync(join(tmpdir(), 'tj-attachments-'));

let t: TestContext;
let county: Session;
let countyId: number;

beforeAll(async () => {
  t = await createTestApp();
  // The bootstrap may already call the org-life demo; otherwise load it here (it does nothing twice).
  await withSystem(t.database, '演示数据', (tx) => seedOrgLifeDemo(tx, { today: '2026-11-20', year: 2026 }));
  county = await loginAs(t.app, 'county_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
});
afterAll(() => t?.close());

describe('the demo county: a year of organizational life and youth work', () => {
  it('is deterministic and loaded once', async () => {
    const count = async () => (await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from meetings`))[0]!.n;
    const before = await count();
    await withSystem(t.database, '演示数据', (tx) => seedOrgLifeDemo(tx, { today: '2026-11-20', year: 2026 }));
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThan(5000);
  });

  it('shows the seeds’ figures for the county, computed live', async () => {
    const res = await county.get(`/api/org-life/stats/overview?orgId=${countyId}&from=2025-12-01&to=2026-11-20`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    // Meetings: every branch is measured, some are behind.
    expect(o.meetings.branches).toBeGreaterThan(200);
    expect(o.meetings.behind).toBeGreaterThan(20);
    expect(o.meetings.compliant).toBeGreaterThan(o.meetings.behind);
    expect(o.meetings.held).toBeGreaterThan(5000);
    expect(o.meetings.archived).toBeGreaterThan(0);
    // 主题团日: count, organizations and members they covered (富蕴's 214 / 288 / 5,187 in shape).
    expect(o.themeDays.count).toBeGreaterThan(1000);
    expect(o.themeDays.organizations).toBeGreaterThan(150);
    expect(o.themeDays.members).toBeGreaterThan(0);
    // Venues: idle ones flagged, not all meet the standard.
    expect(o.venues.count).toBe(15);
    expect(o.venues.idle).toBeGreaterThanOrEqual(3);
    expect(o.venues.standardMet).toBeLessThan(o.venues.count);
    expect(o.activities.count).toBeGreaterThan(100);
    // Volunteers: about 73% aged 35 and under.
    expect(o.volunteers.count).toBeGreaterThan(10);
    expect(o.volunteers.youthShare).toBeGreaterThan(0.6);
    expect(o.volunteers.youthShare).toBeLessThan(0.85);
    expect(o.volunteers.serviceMinutes).toBeGreaterThan(0);
    // 青年大学习: rounds, a rate, branches below the line.
    expect(o.study.rounds).toBeGreaterThan(20);
    expect(o.study.rate).toBeGreaterThan(0.4);
    expect(o.study.branchesBelow).toBeGreaterThan(0);
    // Aid: 余庆's 6.713万元 希望工程 among the programs.
    const hope = o.aid.byProgram.find((p: { program: string }) => p.program === 'hope_project');
    expect(hope.fundsRaisedFen).toBe(6_713_000);
    expect(hope.beneficiaries).toBeGreaterThan(120);
    expect(o.aid.byProgram.map((p: { program: string }) => p.program).sort()).toEqual(['dream_university', 'hope_project', 'migrant_children', 'spring_sunshine']);
    // Appeals in every state, some overdue.
    expect(Object.keys(o.appeals.byStatus).sort()).toEqual(['answered', 'assigned', 'closed', 'submitted']);
    expect(o.appeals.overdue).toBeGreaterThan(0);
    expect(o.appeals.averageRating).toBeGreaterThan(3);
    console.info('demo county figures', JSON.stringify(o));
  });

  it('each figure drills down to its records', async () => {
    const behind = (await county.get(`/api/org-life/meetings/compliance?orgId=${countyId}&behindOnly=true&pageSize=5`)).json();
    expect(behind.total).toBe(behind.behind);
    expect(behind.items[0].shortfalls.length).toBeGreaterThan(0);
    const idle = (await county.get(`/api/org-life/venues?under=${countyId}&idle=true`)).json();
    expect(idle.total).toBeGreaterThanOrEqual(3);
    expect(idle.items.every((v: { idle: boolean }) => v.idle)).toBe(true);
    const themeDays = (await county.get(`/api/org-life/meetings?under=${countyId}&kind=theme_day&status=held&pageSize=1`)).json();
    expect(themeDays.total).toBeGreaterThan(1000);
    const overdue = (await county.get(`/api/org-life/appeals?under=${countyId}&overdue=true`)).json();
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
    const rounds = (await county.get(`/api/org-life/study/rounds?under=${countyId}&year=2026`)).json();
    expect(rounds.total).toBeGreaterThan(20);
    const campaigns = (await county.get(`/api/org-life/honors/campaigns?under=${countyId}`)).json();
    expect(campaigns.items.map((c: { status: string }) => c.status)).toEqual(expect.arrayContaining(['closed', 'nominating', 'publicizing']));
  });

  it('every list exports to Excel', async () => {
    const one = async (table: string) => Number((await systemRows<{ id: number }>(t.database, sql`select min(id) as id from ${sql.identifier(table)}`))[0]!.id);
    const ids: Record<string, number> = {
      org: countyId,
      studyRound: await one('study_rounds'),
      aidProject: await one('aid_projects'),
      honorCampaign: await one('honor_campaigns'),
      volunteerTeam: await one('volunteer_teams'),
      volunteer: await one('volunteers'),
      serviceProject: await one('service_projects'),
      venue: await one('venues'),
      attachment: await one('attachments'),
    };
    const exports = orgLifeRoutes.filter((r) => r.contract.file && r.contract.method === 'GET' && r.contract.path !== '/api/org-life/attachments/:id');
    expect(exports.length).toBeGreaterThanOrEqual(16);
    for (const { contract: c } of exports) {
      const refs = c.refs ?? {};
      let url = c.path.replace(/:(\w+)/g, (_m, name: string) => String(ids[refs[`params.${name}`]!]));
      // Lists filter by their subtree only: other references stay unset.
      const q = Object.keys(refs).filter((r) => r === 'query.under' || r === 'query.orgId');
      if (q.length) url += `?${q.map((r) => `${r.slice(6)}=${countyId}`).join('&')}`;
      const res = await county.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type'], url).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString(), url).toBe('PK');
    }
    const download = await county.get(`/api/org-life/attachments/${ids.attachment}`);
    expect(download.statusCode).toBe(200);
  });

  it('the demo branch secretary sees what is due this month', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const due = (await sec.get(`/api/org-life/meetings/due?orgId=${me.scopeOrgId}`)).json();
    expect(due.items.some((i: { state: string; kind: string }) => i.kind === 'committee_meeting' && i.state === 'due')).toBe(true);
    expect(due.upcoming.some((m: { kind: string }) => m.kind === 'theme_day')).toBe(true);
  });

  it('keeps the demo consistent: attendance comes from the member list and matches the counts', async () => {
    const rows = await withSystem(t.database, 'check', (tx) =>
      query<{ bad: number; outsiders: number }>(
        tx,
        sql`select (select count(*)::int from meetings m where m.status = 'held' and m.kind = 'theme_day'
                      and m.present <> (select count(*) from meeting_attendance a where a.meeting_id = m.id and a.present)) as bad,
                   (select count(*)::int from meeting_attendance a join people p on p.id = a.person_id where p.org_id <> a.org_id) as outsiders`,
      ),
    );
    expect(rows[0]).toEqual({ bad: 0, outsiders: 0 });
  });
});
