import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { keptFiguresApp, keptMismatches, rankedMismatches } from '../kept-figures.js';
import { Rng } from '../../src/seed/random.js';
import { withScope, type Actor } from '../../src/db/context.js';
import { loadRules } from '../../src/http/route.js';
import { report } from '../../src/modules/daily-work/dues.js';
import { keptBehindPage } from '../../src/modules/daily-work/dues-figures.js';
import { funnel } from '../../src/modules/development/quotas.js';
import { recommendationSummary } from '../../src/modules/membership/party.js';
import { orgOverview } from '../../src/modules/stats/org-overview.js';
import { archiveOverview } from '../../src/modules/archive/service.js';

/**
 * Issue 15: 团费收缴 kept in org_figures (migration 0041) by triggers on payments, remittances,
 * profiles, people and the dues rules must equal a full recount (tj_figures_recount) after random
 * writes, and the dues report read from them must equal its live computation (report(…, plain)).
 * Likewise the other home figures of 0041 (development funnel's flagged cases, 推优入党 by outcome,
 * village/community coverage) with org_rollups: funnel, party summary and org overview.
 */
let t: TestContext;
keptFiguresApp((app) => (t = app));

const exec = (q: ReturnType<typeof sql>) => systemRows(t.database, q);
const ids = async (q: ReturnType<typeof sql>) => (await systemRows<{ id: number }>(t.database, q)).map((r) => Number(r.id));
const month = (rng: Rng, year = 2026) => `${year}-${String(rng.int(1, 12)).padStart(2, '0')}`;
const day = (rng: Rng, year = 2026) => `${month(rng, year)}-${String(rng.int(1, 28)).padStart(2, '0')}`;


/** Random writes of everything the dues figures depend on. */
async function duesWrites(rng: Rng, round: number, ops: number) {
  const branches = await ids(sql`select id from organizations where type in ('branch', 'joint_branch') order by id`);
  const committees = await ids(sql`select id from organizations where type in ('township', 'unit_committee', 'general_branch') and status = 'active' order by id`);
  for (let op = 0; op < ops; op++) {
    const kind = rng.int(0, 12);
    const branch = rng.pick(branches);
    const year = rng.chance(0.8) ? 2026 : 2025;
    const [person] = await ids(sql`select id from people where member_status = 'active' order by id offset ${rng.int(0, 400)} limit 1`);
    if (!person) continue;
    if (kind <= 2)
      // Payments of a few members for a few months (skipping months already paid).
      await exec(sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method, receipt_no)
                     select p.org_id, p.id, ${month(rng, year)}, ${rng.int(10, 500)}, ${day(rng, year)}::date, 'cash', null from people p
                      where p.id >= ${person} order by p.id limit ${rng.int(1, 8)}
                     on conflict do nothing`);
    if (kind === 3) {
      const period = month(rng, year);
      await exec(sql`update dues_payments set amount_fen = amount_fen + 7, period = ${period} where id = (select max(id) from dues_payments) and not exists (select 1 from dues_payments x where x.person_id = dues_payments.person_id and x.period = ${period})`);
    }
    if (kind === 4) await exec(sql`delete from dues_payments where id in (select id from dues_payments order by random() limit ${rng.int(1, 3)})`);
    if (kind === 5) {
      // A profile: exempt, employed with an income (or none), student, no income.
      const category = rng.pick(['student', 'no_income', 'employed']);
      const income = category === 'employed' ? (rng.chance(0.9) ? rng.int(100_000, 1_200_000) : null) : null;
      const exempt = rng.chance(0.25) ? '低保户' : rng.chance(0.1) ? '' : null;
      await exec(sql`insert into dues_profiles (person_id, org_id, category, monthly_income_fen, exempt_reason)
                     select p.id, p.org_id, ${category}, ${income}, ${exempt} from people p where p.id >= ${person} order by p.id limit ${rng.int(1, 4)}
                     on conflict (person_id) do update set category = excluded.category, monthly_income_fen = excluded.monthly_income_fen, exempt_reason = excluded.exempt_reason`);
    }
    if (kind === 6) await exec(sql`delete from dues_profiles where person_id = (select person_id from dues_profiles order by random() limit 1)`);
    if (kind === 7) await exec(sql`update people set joined_on = ${rng.chance(0.2) ? null : day(rng, rng.pick([2024, 2025, 2026, 2027]))}::date where id in (select person_id from dues_payments order by id desc limit 3)`);
    if (kind === 8) await exec(sql`update people set member_status = case when member_status = 'active' then 'left' else 'active' end where id = (select person_id from dues_payments order by random() limit 1)`);
    if (kind === 9) await exec(sql`update people set org_id = ${branch} where id in (select person_id from dues_profiles order by random() limit 2)`);
    if (kind === 10) {
      const a = month(rng, year);
      const b = month(rng, year);
      await exec(sql`insert into dues_remittances (org_id, to_org_id, period_from, period_to, amount_fen, remitted_on)
                     select o.id, o.parent_id, ${a < b ? a : b}, ${a < b ? b : a}, ${rng.int(100, 5000)}, ${day(rng, year)}::date from organizations o where o.id = ${branch}`);
    }
    if (kind === 11) {
      if (rng.chance(0.5)) await exec(sql`update dues_remittances set amount_fen = amount_fen + 11, period_to = period_from where id = (select id from dues_remittances order by random() limit 1)`);
      else await exec(sql`delete from dues_remittances where id = (select id from dues_remittances order by random() limit 1)`);
    }
    if (kind === 12) {
      // A branch (with its members and payments) moves under another committee.
      const target = rng.pick(committees);
      await exec(sql`update organizations set parent_id = ${target} where id = ${branch}`);
    }
    // New members (joined this year or of unknown date), sometimes with a payment in the same statement's wake.
    if (op % 5 === 0)
      await exec(sql`insert into people (org_id, name, id_number, gender, birth_date, ethnicity, political_status, registry_status, member_status, joined_on)
                     values (${branch}, ${`新团员${round}-${op}`}, ${`52032920080101${String(round * 100 + op).padStart(4, '0')}`}, 'male', '2008-01-01', '汉族', '共青团员', 'active', 'active',
                             ${rng.chance(0.3) ? null : day(rng, year)}::date)`);
  }
}

const STAGES = ['application', 'recommendation', 'activist', 'training', 'approval'];
const OUTCOMES = ['pending', 'activist', 'probationary', 'full', 'not_accepted'];
const ARC_KINDS = ['application_letter', 'application_form', 'photo', 'certificate', 'other'];

/** Random writes of development cases, recommendations, admin units and the organizations naming them. */
async function homeWrites(rng: Rng, round: number, ops: number) {
  const branches = await ids(sql`select id from organizations where type in ('branch', 'joint_branch') order by id`);
  const townships = await ids(sql`select id from organizations where type = 'township' order by id`);
  for (let op = 0; op < ops; op++) {
    const kind = rng.int(0, 11);
    const branch = rng.pick(branches);
    const year = rng.chance(0.7) ? 2026 : 2025;
    const [person] = await ids(sql`select id from people where member_status = 'active' order by id offset ${rng.int(0, 400)} limit 1`);
    if (kind === 0 && person)
      await exec(sql`insert into development_cases (person_id, branch_id, status, stage, started_on, approved_on, flags)
                     values (${person}, ${branch}, ${rng.pick(['in_progress', 'in_progress', 'admitted', 'stopped'])}, ${rng.pick(STAGES)}, ${`${year}-01-10`}::date,
                             ${rng.chance(0.5) ? `${year}-0${rng.int(1, 9)}-12` : null}::date, ${rng.chance(0.5) ? '{年龄不符}' : '{}'}::text[])`);
    if (kind === 1)
      await exec(sql`update development_cases set flags_reviewed_by = ${rng.chance(0.5) ? '县团委' : null}, stage = ${rng.pick(STAGES)},
                            status = ${rng.pick(['in_progress', 'admitted', 'stopped'])}, branch_id = ${branch}
                      where id = (select id from development_cases order by random() limit 1)`);
    if (kind === 2 && person)
      await exec(sql`insert into party_recommendations (person_id, org_id, year, meeting_on, votes_for, entitled, outcome)
                     values (${person}, ${branch}, ${year}, ${`${year}-04-01`}::date, 10, 12, ${rng.pick(OUTCOMES)})`);
    if (kind === 3)
      await exec(sql`update party_recommendations set outcome = ${rng.pick(OUTCOMES)}, year = ${year}, org_id = ${branch}
                      where id = (select id from party_recommendations order by random() limit 1)`);
    if (kind === 4) await exec(sql`delete from party_recommendations where id = (select id from party_recommendations order by random() limit 1)`);
    if (kind === 5)
      await exec(sql`insert into admin_units (code, name, kind, township_org_id)
                     values (${`5203${String(round).padStart(2, '0')}${String(op).padStart(6, '0')}`}, ${`新村${round}-${op}`}, ${rng.pick(['village', 'community'])}, ${rng.pick(townships)})`);
    if (kind === 6)
      // A branch names a unit (or none): the unit is covered while an active organization names it.
      await exec(sql`update organizations set admin_unit_id = ${rng.chance(0.2) ? null : sql`(select id from admin_units order by random() limit 1)`} where id = ${branch}`);
    if (kind === 7) await exec(sql`update admin_units set township_org_id = ${rng.pick(townships)}, kind = ${rng.pick(['village', 'community', 'other'])} where id = (select id from admin_units order by random() limit 1)`);
    if (kind === 8) await exec(sql`update organizations set status = case when status = 'active' then 'dissolved' else 'active' end where id = ${branch}`);
    // 电子档案: documents uploaded, reviewed (approved, returned), removed; identities verified.
    if (kind === 9 && person)
      await exec(sql`insert into archive_documents (org_id, person_id, kind, status)
                     select p.org_id, p.id, ${rng.pick(ARC_KINDS)}, ${rng.pick(['pending', 'approved', 'returned'])} from people p where p.id >= ${person} order by p.id limit ${rng.int(1, 5)}`);
    if (kind === 10) await exec(sql`update archive_documents set status = ${rng.pick(['pending', 'approved', 'returned'])} where id in (select id from archive_documents order by random() limit 3)`);
    if (kind === 11) {
      if (rng.chance(0.5)) await exec(sql`delete from archive_documents where id = (select id from archive_documents order by random() limit 1)`);
      else await exec(sql`update people set identity_verified_on = case when identity_verified_on is null then '2026-05-01'::date end where id in (select person_id from archive_documents order by random() limit 2)`);
    }
  }
}

describe('dues figures kept by organization and month', () => {
  it('stay equal to a full recount through random writes, a rules change and a rebuild', async () => {
    // The behind branches of January to July 2026 kept (migration 0044; the migration keeps this month and the last).
    await exec(sql`select tj_dues_ranked_keep('2026-07-01', 7)`);
    expect(await keptMismatches(t, { first: 'dues:' })).toEqual([]);
    expect(await rankedMismatches(t)).toEqual([]);
    const rng = new Rng(4141);
    // Four rounds (each comparison is a full recount of every kept figure, two ways).
    for (let round = 0; round < 4; round++) {
      await duesWrites(rng, round, 18);
      await homeWrites(rng, round, 14);
      expect(await keptMismatches(t, { first: 'dues:' }), `round ${round}`).toEqual([]);
      expect(await rankedMismatches(t), `ordered rows, round ${round}`).toEqual([]);
    }
    const [kept] = await systemRows<{ n: number; months: number }>(t.database, sql`select count(*)::int as n, count(distinct month)::int as months from dues_ranked`);
    expect(kept!.months).toBe(7);
    expect(kept!.n).toBeGreaterThan(100);
    // A few employed members with an income for sure (the random writes pick rows with random(), and may leave none).
    await exec(sql`insert into dues_profiles (person_id, org_id, category, monthly_income_fen)
                   select p.id, p.org_id, 'employed', 234567 from people p join organizations o on o.id = p.org_id
                    where p.member_status = 'active' and o.type = 'branch' and o.status = 'active' order by p.id limit 3
                   on conflict (person_id) do update set category = 'employed', monthly_income_fen = 234567, exempt_reason = null`);
    expect(await keptMismatches(t, { first: 'dues:' }), 'employed members').toEqual([]);
    // The dues rules change: the employed members' rows follow the new income share.
    await exec(sql`insert into rule_settings (section, value) values ('dues', '{"incomeShare": 0.01}'::jsonb)
                   on conflict (section) do update set value = excluded.value`);
    expect(await keptMismatches(t, { first: 'dues:' }), 'after the rules change').toEqual([]);
    const [emp] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from org_figures where metric = 'dues:0:y:10000'`);
    expect(emp!.n).toBeGreaterThan(0);
    // The report right after the change (rows of the old share left at zero at the ancestors) equals its live computation.
    {
      const rules = await loadRules(t.database);
      const county = await orgId(t.database, '共青团余庆县委员会');
      const admin = await loginAs(t.app, 'county_admin');
      const [a] = await systemRows<{ id: number; path: string }>(t.database, sql`select a.id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username = 'county_admin'`);
      const actor: Actor = { accountId: Number(a!.id), name: 'county_admin', scopePath: a!.path };
      const [old] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from org_figures where metric = 'dues:0:y:5000' and value = 0`);
      expect(old!.n).toBeGreaterThan(0);
      const plain = await withScope(t.database, actor, (tx) => report(tx, { under: county }, rules, { plain: true }));
      expect((await admin.get(`/api/daily-work/dues/report?under=${county}`)).json(), 'after the rules change').toEqual(JSON.parse(JSON.stringify(plain)));
    }
    // The repair job gives the same rows.
    const before = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n, sum(value)::bigint as s from org_figures where metric like 'dues:%' and value <> 0`);
    const ranked = await systemRows(t.database, sql`select * from tj_ranked_kept() order by 1, 2, 3, 4, 5, 6, 7`);
    await exec(sql`delete from dues_ranked where anc_id % 3 = 0`);
    await exec(sql`update study_ranked set r4 = r4 + 1 where org_id % 2 = 0`);
    await exec(sql`select tj_figures_rebuild()`);
    expect(await keptMismatches(t, { first: 'dues:' }), 'after a rebuild').toEqual([]);
    expect(await systemRows(t.database, sql`select * from tj_ranked_kept() order by 1, 2, 3, 4, 5, 6, 7`), 'ordered rows after a rebuild').toEqual(ranked);
    // A month dropped takes its rows and counts along.
    await exec(sql`select tj_dues_ranked_keep('2026-07-01', 2)`);
    expect(await systemRows(t.database, sql`select distinct month::text from dues_ranked order by 1`)).toEqual([{ month: '2026-06-01' }, { month: '2026-07-01' }]);
    expect(await keptMismatches(t, { first: 'rank:' }), 'after dropping months').toEqual([]);
    expect(await rankedMismatches(t), 'after dropping months').toEqual([]);
    expect(await systemRows(t.database, sql`select count(*)::int as n, sum(value)::bigint as s from org_figures where metric like 'dues:%' and value <> 0`)).toEqual(before);
  }, 300_000);

  it('give the dues report the live computation gives, for subtrees, ranges and statistical dates', async () => {
    await duesWrites(new Rng(99), 50, 30);
    // Some exempt members and employed ones with an income, beside the random ones.
    await exec(sql`insert into dues_profiles (person_id, org_id, category, monthly_income_fen, exempt_reason)
                   select p.id, p.org_id, case when p.id % 2 = 0 then 'employed' else 'no_income' end, case when p.id % 2 = 0 then 345678 end,
                          case when p.id % 3 = 0 then '重病' end
                     from people p join organizations o on o.id = p.org_id
                    where p.member_status = 'active' and o.type = 'branch' and o.status = 'active' order by p.id desc limit 12
                   on conflict (person_id) do update set category = excluded.category, monthly_income_fen = excluded.monthly_income_fen, exempt_reason = excluded.exempt_reason`);
    await exec(sql`select tj_dues_ranked_keep('2026-07-01', 7)`);
    const rules = await loadRules(t.database);
    const county = await orgId(t.database, '共青团余庆县委员会');
    const roots = [undefined, county, ...(await ids(sql`select id from organizations where type in ('township', 'general_branch', 'branch') and status = 'active' order by id limit 3`))];
    const admin = await loginAs(t.app, 'county_admin');
    const [a] = await systemRows<{ id: number; path: string }>(t.database, sql`select a.id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username = 'county_admin'`);
    const actor: Actor = { accountId: Number(a!.id), name: 'county_admin', scopePath: a!.path };
    for (const on of ['2026-01-20', '2026-07-15', '2027-02-10']) {
      process.env.TJ_TODAY = on;
      for (const under of roots) {
        for (const [i, range] of [{}, { from: '2026-01', to: '2026-01' }, { from: '2025-03', to: '2026-08' }, { from: '2026-05', to: '2026-12' }, { from: '2027-01', to: '2027-06' }].entries()) {
          // Pages (the first, a later one, behind only) and the organization's totals.
          const pages = i < 2 && (under === undefined || under === county) ? [{}, { page: 3, pageSize: 7 }, { behindOnly: true, pageSize: 5 }, { behindOnly: true, page: 2, pageSize: 4 }] : [{}];
          for (const p of pages) {
            const q = { ...(under ? { under } : {}), ...range, ...p };
            const plain = await withScope(t.database, actor, (tx) => report(tx, q, rules, { plain: true }));
            const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
            const res = await admin.get(`/api/daily-work/dues/report?${qs}`);
            expect(res.statusCode).toBe(200);
            expect(res.json(), `${on} ${qs}`).toEqual(JSON.parse(JSON.stringify(plain)));
          }
        }
      }
    }
    // The behind branches of one kept month (the township home's list): several pages of the county and of each
    // township, read from the ordered rows (keptBehindPage answers), equal to the live computation's pages; the
    // list has ties (same rate and months unpaid: tree order) and branches with some months paid.
    process.env.TJ_TODAY = '2026-07-15';
    await exec(sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method)
                   select p.org_id, p.id, m, 300, '2026-07-01', 'cash' from people p cross join (values ('2026-03'), ('2026-07')) v(m)
                    where p.member_status = 'active' and p.id % 3 = 0 on conflict do nothing`);
    const townships = await ids(sql`select id from organizations where type = 'township' and status = 'active' order by id`);
    for (const month of ['2026-03', '2026-07']) {
      for (const under of [county, ...townships.slice(0, 4)]) {
        for (const [page, pageSize] of [[1, 8], [2, 8], [3, 4], [5, 3], [40, 8]]) {
          const q = { under, from: month, to: month, behindOnly: true, page: page!, pageSize: pageSize! };
          const plain = await withScope(t.database, actor, (tx) => report(tx, q, rules, { plain: true }));
          const kept = await withScope(t.database, actor, (tx) => keptBehindPage(tx, [under], month, page!, pageSize!));
          expect(kept, `${month} ${under}`).not.toBeNull();
          expect({ ids: kept!.branches.map((b) => b.id), total: kept!.total }, `${month} ${under} ${page}`).toEqual({ ids: plain.rows.map((r) => r.orgId), total: plain.total });
          const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
          expect((await admin.get(`/api/daily-work/dues/report?${qs}`)).json(), qs).toEqual(JSON.parse(JSON.stringify(plain)));
        }
      }
      const whole = await withScope(t.database, actor, (tx) => report(tx, { under: county, from: month, to: month, behindOnly: true, pageSize: 1000 }, rules, { plain: true }));
      expect(whole.total, month).toBeGreaterThan(16);
      const keys = whole.rows.map((r) => `${r.collectionRate}|${r.unpaidMonths}`);
      expect(new Set(keys).size, `ties in ${month}`).toBeLessThan(keys.length - 3);
      expect(whole.rows.some((r) => (r.collectionRate ?? 0) > 0), `some paid in ${month}`).toBe(true);
    }
    // A township's caller sees the ordered rows of its subtree only (0043's policy on dues_ranked and study_ranked).
    const [township] = await systemRows<{ id: number; path: string }>(t.database, sql`select id, path::text as path from organizations where id = ${townships[0]!}`);
    for (const table of ['dues_ranked', 'study_ranked']) {
      const seen = await withScope(t.database, { accountId: null, name: 'test', scopePath: township!.path }, (tx) =>
        tx.execute(sql.raw(`select count(*)::int as n from ${table}`)).then((r) => (r as unknown as { rows: { n: number }[] }).rows[0]!.n),
      );
      const [mine] = await systemRows<{ n: number }>(t.database, sql.raw(`select count(*)::int as n from ${table} r join organizations o on o.id = r.anc_id where o.path <@ '${township!.path}'`));
      expect(seen, table).toBe(mine!.n);
      if (table === 'dues_ranked') expect(seen).toBeGreaterThan(0);
    }
    // The other home figures of 0041 and org_rollups (with a few recommendations of 2026 for sure).
    await homeWrites(new Rng(7), 60, 30);
    await exec(sql`insert into party_recommendations (person_id, org_id, year, meeting_on, votes_for, entitled, outcome)
                   select p.id, p.org_id, 2026, '2026-04-01', 10, 12, case when p.id % 2 = 0 then 'pending' else 'full' end
                     from people p join organizations o on o.id = p.org_id
                    where p.member_status = 'active' and o.type = 'branch' and o.status = 'active' order by p.id limit 3`);
    await exec(sql`insert into development_cases (person_id, branch_id, status, stage, started_on, flags)
                   select p.id, p.org_id, 'in_progress', 'activist', '2026-02-01', '{年龄不符}' from people p join organizations o on o.id = p.org_id
                    where o.type = 'branch' and o.status = 'active' order by p.id desc limit 2`);
    for (const orgId of roots.filter((x): x is number => x !== undefined)) {
      const live = await withScope(t.database, actor, (tx) => orgOverview(tx, orgId, { plain: true }));
      expect((await admin.get(`/api/stats/org-overview?orgId=${orgId}`)).json(), `org-overview ${orgId}`).toEqual(JSON.parse(JSON.stringify(live)));
      for (const year of [2025, 2026]) {
        const f = await withScope(t.database, actor, (tx) => funnel(tx, orgId, year, { plain: true }));
        expect((await admin.get(`/api/stats/development-funnel?orgId=${orgId}&year=${year}`)).json(), `funnel ${orgId} ${year}`).toEqual(JSON.parse(JSON.stringify(f)));
        const p = await withScope(t.database, actor, (tx) => recommendationSummary(tx, { orgId, year }, { plain: true }));
        expect((await admin.get(`/api/membership/party-recommendations/summary?orgId=${orgId}&year=${year}`)).json(), `party ${orgId} ${year}`).toEqual(JSON.parse(JSON.stringify(p)));
      }
    }
    // The archive overview, with the default checklist and with only the application letter required:
    // some members' files hold a letter (one returned, one waiting for review), some are verified.
    await exec(sql`insert into archive_documents (org_id, person_id, kind, status)
                   select p.org_id, p.id, 'application_letter', case when p.id % 4 = 0 then 'returned' when p.id % 4 = 1 then 'pending' else 'approved' end
                     from people p join organizations o on o.id = p.org_id
                    where p.member_status = 'active' and o.type = 'branch' and o.status = 'active' order by p.id limit 8`);
    await exec(sql`update people set identity_verified_on = '2026-04-01' where id in (select person_id from archive_documents order by id desc limit 3)`);
    // The archive overview, with the default checklist and with one kind required.
    for (const setting of [null, '{"requireApplicationForm": false, "requirePhoto": false, "requireCertificate": false}']) {
      if (setting) await exec(sql`insert into rule_settings (section, value) values ('archive', ${setting}::jsonb) on conflict (section) do update set value = excluded.value`);
      const archiveRules = await loadRules(t.database);
      for (const under of roots) {
        // Pages (the first, a later one, members not verified only) and the organization's totals.
        for (const p of [{}, { page: 2, pageSize: 3 }, { notVerifiedOnly: true, pageSize: 4 }, { notVerifiedOnly: true, page: 2, pageSize: 2 }]) {
          const q = { ...(under ? { under } : {}), ...p };
          const live = await withScope(t.database, actor, (tx) => archiveOverview(tx, q, archiveRules, { plain: true }));
          const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
          expect((await admin.get(`/api/archive/overview?${qs}`)).json(), `archive ${qs} ${setting}`).toEqual(JSON.parse(JSON.stringify(live)));
        }
      }
    }
    const arc = (await admin.get(`/api/archive/overview?under=${county}`)).json();
    expect(arc.total).toBeGreaterThan(arc.branches.length);
    expect((await admin.get(`/api/archive/overview?under=${county}&notVerifiedOnly=true&page=2&pageSize=2`)).json().branches).toHaveLength(2);
    expect(arc.totals.complete).toBeGreaterThan(0);
    expect(arc.totals.pendingReview).toBeGreaterThan(0);
    expect(arc.totals.verified).toBeGreaterThan(0);
    const o = (await admin.get(`/api/stats/org-overview?orgId=${county}`)).json();
    expect(o.coverage.covered).toBeGreaterThan(0);
    expect(o.coverage.covered).toBeLessThan(o.coverage.units);
    expect(o.dissolved).toBeGreaterThan(0);
    expect((await admin.get(`/api/stats/development-funnel?orgId=${county}&year=2026`)).json().flagged).toBeGreaterThan(0);
    expect((await admin.get(`/api/membership/party-recommendations/summary?orgId=${county}&year=2026`)).json().total).toBeGreaterThan(0);
    // The figures compared are not trivial.
    process.env.TJ_TODAY = '2026-12-06';
    const r = (await admin.get(`/api/daily-work/dues/report?under=${county}`)).json();
    expect(r.total).toBeGreaterThan(r.rows.length);
    expect((await admin.get(`/api/daily-work/dues/report?under=${county}&behindOnly=true&page=2&pageSize=4`)).json().rows).toHaveLength(4);
    expect(r.totals.dueMonths).toBeGreaterThan(0);
    expect(r.totals.unpaidMonths).toBeGreaterThan(0);
    expect(r.totals.unpaidMonths).toBeLessThan(r.totals.dueMonths);
    expect(r.totals.paidFen).toBeGreaterThan(0);
    expect(r.totals.exempt).toBeGreaterThan(0);
    expect(r.totals.remittedFen).toBeGreaterThan(0);
  }, 300_000);
});
