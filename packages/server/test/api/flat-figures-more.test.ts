import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { keptFiguresApp, keptMismatches, rankedMismatches } from '../kept-figures.js';
import { Rng } from '../../src/seed/random.js';
import { withScope, type Actor } from '../../src/db/context.js';
import { loadRules } from '../../src/http/route.js';
import { overview } from '../../src/modules/org-life/overview.js';
import { studyStats } from '../../src/modules/org-life/study.js';
import { compliancePage } from '../../src/modules/org-life/compliance-figures.js';
import { listProjects, listRecords, listTeams, listVolunteers } from '../../src/modules/org-life/volunteers.js';

/**
 * Issue 15, migration 0038: venues, aid, honors, volunteers in a special programme and service
 * records kept in org_more_figures / org_figures must equal a full recount (tj_figures_recount())
 * after random writes of every kind, and the endpoints reading them must answer what their live
 * computation ({ plain: true }) answers. flat-figures.test.ts does the same for 0031's figures.
 */
let t: TestContext;
keptFiguresApp((app) => (t = app));

const exec = (q: ReturnType<typeof sql>) => systemRows(t.database, q);
const ids = async (q: ReturnType<typeof sql>) => (await systemRows<{ id: number }>(t.database, q)).map((r) => Number(r.id));


const day = (rng: Rng, year = 2026) => `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
const PROGRAMS = ['hope_project', 'dream_university', 'spring_sunshine', 'migrant_children'];
const HONORS = ['may4_red_flag_branch', 'excellent_member', 'excellent_cadre'];
const NOMINATION = ['nominated', 'ineligible', 'reviewed', 'awarded', 'awarded', 'rejected'];

/** Writes to the tables behind the figures of 0038, and organization moves that carry them. */
async function randomWrites(rng: Rng, round: number, ops: number) {
  const orgs = await ids(sql`select id from organizations where status = 'active' and type <> 'county' order by id`);
  const committees = await ids(sql`select id from organizations where type in ('township', 'unit_committee', 'general_branch') and status = 'active' order by id`);
  const county = await orgId(t.database, '共青团余庆县委员会');
  for (let op = 0; op < ops; op++) {
    const kind = rng.int(0, 22);
    const org = rng.pick(orgs);
    const year = rng.chance(0.8) ? 2026 : 2025;
    const tag = `${round}-${op}`;
    if (kind === 0)
      await exec(sql`insert into venues (org_id, kind, name, address, has_site, has_rules, has_staff, status, created_at)
                     values (${org}, 'youth_home', ${`青年之家${tag}`}, '地址', ${rng.chance(0.7)}, ${rng.chance(0.7)}, ${rng.chance(0.7)}, 'active',
                             ${`${day(rng, year)} ${rng.pick(['02:00', '17:30'])}:00+00`}::timestamptz)`);
    if (kind === 1)
      await exec(sql`insert into activities (org_id, venue_id, type, theme, held_on, organizer, member_count, youth_count)
                     select ${org}, v.id, ${rng.pick(['other', 'volunteer_service', 'study_lecture', 'theme_education'])}, ${rng.pick(['阵地活动', '学雷锋', '读书会', `活动${tag}`])}, ${day(rng, year)}::date, '团委', ${rng.int(0, 30)}, ${rng.int(0, 30)}
                       from venues v order by random() limit ${rng.int(1, 3)}`);
    if (kind === 2)
      await exec(sql`update venues set status = case when status = 'active' then 'closed' else 'active' end, has_staff = not has_staff
                      where id = (select id from venues order by random() limit 1)`);
    if (kind === 3) await exec(sql`update venues set org_id = ${org} where id = (select id from venues order by random() limit 1)`);
    if (kind === 4)
      await exec(sql`update activities set venue_id = (select id from venues order by random() limit 1), held_on = ${day(rng, year)}::date
                      where id = (select id from activities order by random() limit 1)`);
    if (kind === 5) {
      const program = rng.pick(PROGRAMS);
      const [p] = await ids(sql`insert into aid_projects (org_id, program, year, title, funds_raised_fen) values (${org}, ${program}, ${year}, ${`帮扶${tag}`}, ${rng.int(0, 5) * 100_000}) returning id`);
      for (let i = 0; i < rng.int(0, 3); i++)
        await exec(sql`insert into aid_beneficiaries (project_id, org_id, program, year, name, id_number, amount_fen, status)
                       values (${p}, ${org}, ${program}, ${year}, '学生', ${`52032920100101${tag}${i}`}, ${rng.int(1, 9) * 50_000}, ${rng.pick(['approved', 'paid', 'cancelled'])})`);
    }
    if (kind === 6)
      await exec(sql`update aid_beneficiaries set status = ${rng.pick(['approved', 'paid', 'cancelled'])}, amount_fen = amount_fen + 100
                      where id = (select id from aid_beneficiaries order by random() limit 1)`);
    if (kind === 7) await exec(sql`update aid_projects set org_id = ${org}, year = ${year}, funds_raised_fen = funds_raised_fen + 1 where id = (select id from aid_projects order by random() limit 1)`);
    if (kind === 8) {
      const issuer = rng.chance(0.5) ? county : rng.pick(committees);
      await exec(sql`insert into honor_campaigns (org_id, honor_type, year, title, status) values (${issuer}, ${rng.pick(HONORS)}, ${year}, ${`评选${tag}`}, 'nominating')
                     on conflict do nothing`);
    }
    if (kind === 9)
      // Nominations by the campaign's organization or one below it (as nominate() requires).
      await exec(sql`insert into honor_nominations (campaign_id, org_id, nominee_org_id, reason, status)
                     select c.id, b.id, b.id, '事迹', ${rng.pick(NOMINATION)} from honor_campaigns c join organizations a on a.id = c.org_id
                       join organizations b on b.path <@ a.path and b.status = 'active' order by random() limit ${rng.int(1, 4)}`);
    if (kind === 10) await exec(sql`update honor_nominations set status = ${rng.pick(NOMINATION)} where id = (select id from honor_nominations order by random() limit 1)`);
    if (kind === 11) {
      const born = `${rng.int(1980, 2008)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      await exec(sql`insert into volunteers (org_id, name, id_number, gender, birth_date, registered_on)
                     values (${org}, ${`志愿者${tag}`}, ${`52032919900101${tag}`}, 'male', ${born}::date, '2026-01-05')`);
      const [vol] = await ids(sql`select id from volunteers where id not in (select volunteer_id from service_program_flags where volunteer_id is not null) order by random() limit 1`);
      if (vol) await exec(sql`insert into service_program_flags (org_id, volunteer_id, program, program_year) select org_id, id, 'western', ${year} from volunteers where id = ${vol}`);
      if (rng.chance(0.3)) await exec(sql`delete from service_program_flags where id = (select id from service_program_flags order by random() limit 1)`);
    }
    if (kind === 12) {
      await exec(sql`update volunteers set org_id = ${org} where id = (select volunteer_id from service_program_flags where volunteer_id is not null order by random() limit 1)`);
      await exec(sql`insert into service_records (org_id, volunteer_id, served_on, minutes)
                     select v.org_id, v.id, ${day(rng, year)}::date, ${rng.int(30, 300)} from volunteers v order by random() limit ${rng.int(1, 4)}`);
    }
    if (kind === 13) {
      if (rng.chance(0.5)) await exec(sql`delete from service_records where id = (select id from service_records order by random() limit 1)`);
      else await exec(sql`update service_records set served_on = ${day(rng, year)}::date, org_id = ${org} where id = (select id from service_records order by random() limit 1)`);
    }
    if (kind === 15) {
      // 青年大学习 rounds at two levels with the same numbers and sometimes another title.
      const [issuer] = await ids(sql`select a.id from organizations a, organizations b where b.id = ${org} and a.path @> b.path and a.id <> b.id order by random() limit 1`);
      if (issuer)
        await exec(sql`insert into study_rounds (org_id, year, round_no, title, start_on) values (${issuer}, ${year}, ${rng.int(1, 4)}, ${rng.pick(['青年大学习', '青年大学习特辑'])}, ${`${year}-03-01`}::date)
                       on conflict do nothing`);
    }
    if (kind === 16)
      await exec(sql`insert into study_participation (round_id, org_id, participants, base)
                     select s.id, b.id, ${rng.int(0, 40)}, ${rng.int(0, 40)} from study_rounds s join organizations a on a.id = s.org_id join organizations b on b.path <@ a.path and b.id <> a.id
                      where b.type = 'branch' order by random() limit ${rng.int(1, 8)}
                     on conflict (round_id, org_id) do update set participants = excluded.participants, base = excluded.base, updated_at = now() + interval '1 second' * ${rng.int(1, 1000)}`);
    if (kind === 17) {
      if (rng.chance(0.5)) await exec(sql`delete from study_participation where id = (select id from study_participation order by random() limit 1)`);
      else {
        const n = rng.int(1, 4);
        await exec(sql`update study_rounds s set round_no = ${n} where id = (select id from study_rounds order by random() limit 1)
                        and not exists (select 1 from study_rounds t where t.org_id = s.org_id and t.year = s.year and t.round_no = ${n})`);
      }
    }
    if (kind >= 18) {
      // Meetings held by branches (for the compliance page).
      const KINDS = ['general_meeting', 'committee_meeting', 'group_meeting', 'lecture', 'theme_day'];
      await exec(sql`insert into meetings (org_id, kind, topic, planned_on, held_on, status)
                     select o.id, ${rng.pick(KINDS)}, '会议', d::date, d::date, 'held'
                       from (select id from organizations where type = 'branch' and status = 'active' order by random() limit ${rng.int(1, 12)}) o,
                            generate_series(${`${year}-01-05`}::date, ${`${year}-12-05`}::date, ${`${rng.int(1, 3)} months`}::interval) d`);
    }
    if (kind === 20)
      // People present at theme days, some of them at several branches' (counted once at common ancestors).
      await exec(sql`insert into meeting_attendance (meeting_id, org_id, person_id, present)
                     select m.id, m.org_id, p.id, ${rng.chance(0.85)} from (select id, org_id from meetings where status = 'held' and kind in ('theme_day', 'oath_ceremony') order by random() limit ${rng.int(1, 3)}) m,
                            (select id from people where member_status = 'active' order by id offset ${rng.int(0, 40)} limit ${rng.int(1, 6)}) p
                     on conflict do nothing`);
    if (kind === 21) {
      const [m] = await ids(sql`select meeting_id as id from meeting_attendance order by random() limit 1`);
      if (m && rng.chance(0.5)) await exec(sql`update meetings set held_on = ${day(rng, year)}::date, kind = ${rng.pick(['theme_day', 'oath_ceremony', 'lecture'])} where id = ${m} and status = 'held'`);
      else if (m) await exec(sql`update meetings set org_id = ${rng.pick(orgs)} where id = ${m}`);
    }
    if (kind === 22) {
      if (rng.chance(0.5)) await exec(sql`update meeting_attendance set present = not present where id = (select id from meeting_attendance order by random() limit 1)`);
      else await exec(sql`delete from meeting_attendance where id in (select id from meeting_attendance order by random() limit 2)`);
    }
    if (kind === 14) {
      const moving = rng.pick([...orgs.slice(-20), ...committees.slice(-3)]);
      const target = rng.pick(committees);
      await exec(sql`update organizations set parent_id = ${target} where id = ${moving} and id <> ${target}
                      and not (select path from organizations where id = ${target}) <@ (select path from organizations where id = ${moving})`);
    }
  }
}

describe('org-life figures of 0038 kept by organization', () => {
  it('stay equal to a full recount through random writes, and a rebuild gives the same rows', async () => {
    expect(await keptMismatches(t)).toEqual([]);
    const rng = new Rng(3838);
    for (let round = 0; round < 6; round++) {
      await randomWrites(rng, round, 15);
      expect(await keptMismatches(t), `round ${round}`).toEqual([]);
      expect(await rankedMismatches(t), `ordered rows, round ${round}`).toEqual([]);
    }
    const [ranked] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from study_ranked`);
    expect(ranked!.n).toBeGreaterThan(20);
    const [n] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from org_figures where metric ~ '^(ven|aid|hon|vprog|vol:rec)'`);
    expect(n!.n).toBeGreaterThan(50);
    const before = await systemRows<{ org_id: number; metric: string; day: string; value: number }>(
      t.database,
      sql`select org_id, metric, day::text, value from org_figures where value <> 0 order by 1, 2, 3`,
    );
    await exec(sql`select tj_figures_rebuild()`);
    const after = await systemRows(t.database, sql`select org_id, metric, day::text, value from org_figures where value <> 0 order by 1, 2, 3`);
    expect(after).toEqual(before);
    expect(await rankedMismatches(t), 'ordered rows after a rebuild').toEqual([]);
  }, 300_000);

  it('give the overview, study, compliance and volunteer figures their live computation', async () => {
    await randomWrites(new Rng(99), 100, 30);
    const rules = await loadRules(t.database);
    const county = await orgId(t.database, '共青团余庆县委员会');
    await exec(sql`insert into service_records (org_id, volunteer_id, served_on, minutes) select v.org_id, v.id, '2026-05-04', 90 from volunteers v order by v.id limit 3`);
    // Two county rounds of 2026 with participation, beside the random ones.
    for (const n of [7, 8]) {
      await exec(sql`insert into study_rounds (org_id, year, round_no, title, start_on) values (${county}, 2026, ${n}, ${`第${n}期`}, '2026-04-01') on conflict do nothing`);
      await exec(sql`insert into study_participation (round_id, org_id, participants, base)
                     select s.id, o.id, 10 + o.id % 20, 30 from study_rounds s, organizations o
                      where s.org_id = ${county} and s.year = 2026 and s.round_no = ${n} and o.type = 'branch' order by o.id limit 6
                     on conflict do nothing`);
    }
    // Awards of two types in 2026, beside the random ones.
    for (const type of ['excellent_member', 'may4_red_flag_branch']) {
      await exec(sql`insert into honor_campaigns (org_id, honor_type, year, title, status) values (${county}, ${type}, 2026, '表彰', 'nominating') on conflict do nothing`);
      await exec(sql`insert into honor_nominations (campaign_id, org_id, nominee_org_id, reason, status)
                     select c.id, o.id, o.id, '事迹', 'awarded' from honor_campaigns c, organizations o
                      where c.org_id = ${county} and c.honor_type = ${type} and c.year = 2026 and o.type = 'branch' and o.status = 'active' order by o.id limit 3`);
    }
    const roots = [county, ...(await ids(sql`select id from organizations where type in ('township', 'general_branch') and status = 'active' order by id limit 2`))];
    const admin = await loginAs(t.app, 'county_admin');
    const [a] = await systemRows<{ id: number; path: string }>(t.database, sql`select a.id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username = 'county_admin'`);
    const actor: Actor = { accountId: Number(a!.id), name: 'county_admin', scopePath: a!.path };
    for (const on of ['2026-03-20', '2027-02-10']) {
      process.env.TJ_TODAY = on;
      for (const orgId of roots) {
        for (const period of [{}, { from: '2025-01-01', to: '2025-12-31' }, { from: '2025-06-10', to: '2026-09-20' }]) {
          const q = { orgId, ...period };
          const plain = await withScope(t.database, actor, (tx) => overview(tx, rules, q, { plain: true }));
          const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
          const res = await admin.get(`/api/org-life/stats/overview?${qs}`);
          expect(res.statusCode).toBe(200);
          expect(res.json(), `${on} ${qs}`).toEqual(JSON.parse(JSON.stringify(plain)));
        }
      }
    }
    // Ties for sure (the random writes may leave too few): six branches of the county at exactly 100 % in 2026,
    // four at exactly 50 % (below the threshold, 0.6).
    const tied = await ids(sql`select distinct sp.org_id as id from study_participation sp join study_rounds s on s.id = sp.round_id join organizations o on o.id = sp.org_id
                                where s.year = 2026 and o.type = 'branch' and o.status = 'active' order by 1 limit 10`);
    expect(tied).toHaveLength(10);
    await exec(sql`update study_participation sp set participants = sp.base from study_rounds s
                    where s.id = sp.round_id and s.year = 2026 and sp.org_id = any(${sql.param(tied.slice(0, 6))}::bigint[])`);
    await exec(sql`update study_participation sp set participants = greatest(sp.participants, 1), base = 2 * greatest(sp.participants, 1) from study_rounds s
                    where s.id = sp.round_id and s.year = 2026 and sp.org_id = any(${sql.param(tied.slice(6))}::bigint[])`);
    // Organizations with a base of 0 (no rate: last, unranked) and ties of rate across the threshold (0.6).
    await exec(sql`insert into study_participation (round_id, org_id, participants, base)
                   select s.id, o.id, 3, 0 from study_rounds s, organizations o
                    where s.org_id = ${county} and s.year = 2026 and s.round_no = 7 and o.type = 'general_branch' order by o.id limit 2
                   on conflict do nothing`);
    for (const orgId of roots)
      for (const year of [2025, 2026]) {
        // Pages of the ranking and of those below (ranks over the whole list, the figures the subtree's on each).
        for (const p of [{}, { page: 2, pageSize: 3 }, { page: 3, pageSize: 3 }, { page: 5, pageSize: 4 }, { page: 60, pageSize: 5 }, { belowOnly: true, pageSize: 4 }, { belowOnly: true, page: 2, pageSize: 3 }, { belowOnly: true, page: 4, pageSize: 2 }]) {
          const plain = await withScope(t.database, actor, (tx) => studyStats(tx, rules, { orgId, year, ...p }, 2026, { plain: true }));
          const qs = new URLSearchParams(Object.entries(p).map(([k, v]) => [k, String(v)])).toString();
          expect((await admin.get(`/api/org-life/stats/study?orgId=${orgId}&year=${year}&${qs}`)).json(), `study ${orgId} ${year} ${qs}`).toEqual(JSON.parse(JSON.stringify(plain)));
        }
      }
    // 三会两制一课: the first pages of branches behind, and their total, as the live computation pages them.
    for (const on of ['2026-01-20', '2026-07-15', '2026-12-06']) {
      process.env.TJ_TODAY = on;
      for (const orgId of roots)
        for (const [page, pageSize] of [[1, 8], [2, 5], [4, 9], [1, 100]]) {
          const q = { orgId, behindOnly: true, page: page!, pageSize: pageSize! };
          const plain = await withScope(t.database, actor, (tx) => compliancePage(tx, rules, q, { plain: true }));
          const res = (await admin.get(`/api/org-life/meetings/compliance?orgId=${orgId}&behindOnly=true&page=${page}&pageSize=${pageSize}`)).json();
          expect(res, `compliance ${on} ${orgId} ${page}`).toEqual(JSON.parse(JSON.stringify(plain)));
        }
    }
    const behind = (await admin.get(`/api/org-life/meetings/compliance?orgId=${county}&behindOnly=true&page=1&pageSize=8`)).json();
    expect(behind.total).toBeGreaterThan(8);
    expect(behind.items).toHaveLength(8);
    const all = (await admin.get(`/api/org-life/meetings/compliance?orgId=${county}&behindOnly=true&page=1&pageSize=500`)).json();
    expect(new Set(all.items.map((i: { rate: number }) => i.rate)).size).toBeGreaterThan(2);
    // 志愿服务 page: the lists' totals of a subtree (and over a period) as counted live.
    process.env.TJ_TODAY = '2026-07-15';
    for (const orgId of roots)
      for (const period of [{}, { from: '2026-02-01', to: '2026-08-31' }]) {
        const q = { under: orgId, page: 1, pageSize: 5, ...period };
        const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
        const pairs: [string, () => Promise<unknown>][] = [
          ['volunteers', () => withScope(t.database, actor, (tx) => listVolunteers(tx, rules, { under: orgId, page: 1, pageSize: 5 }, { plain: true }))],
          ['volunteer-teams', () => withScope(t.database, actor, (tx) => listTeams(tx, { under: orgId, page: 1, pageSize: 5 }, { plain: true }))],
          ['service-projects', () => withScope(t.database, actor, (tx) => listProjects(tx, q, { plain: true }))],
          ['service-records', () => withScope(t.database, actor, (tx) => listRecords(tx, q, { plain: true }))],
        ];
        for (const [path, plain] of pairs) {
          const url = path === 'volunteers' || path === 'volunteer-teams' ? `/api/org-life/${path}?under=${orgId}&page=1&pageSize=5` : `/api/org-life/${path}?${qs}`;
          expect((await admin.get(url)).json(), url).toEqual(JSON.parse(JSON.stringify(await plain())));
        }
      }
    const vols = (await admin.get(`/api/org-life/volunteers?under=${county}&pageSize=1`)).json();
    expect(vols.inPrograms).toBeGreaterThan(0);
    expect(vols.total35).toBeGreaterThan(0);
    expect((await admin.get(`/api/org-life/service-records?under=${county}&pageSize=1`)).json().totalMinutes).toBeGreaterThan(0);
    // The whole ranking has ties (a rank given twice, the next skipped), unranked organizations last, and some below.
    const whole = (await admin.get(`/api/org-life/stats/study?orgId=${county}&year=2026&pageSize=500`)).json();
    const ranks = whole.branches.map((b: { rank: number | null }) => b.rank);
    expect(whole.branches.length).toBe(whole.total);
    expect(new Set(ranks).size).toBeLessThan(ranks.length - 3);
    expect(ranks.at(-1)).toBeNull();
    expect(whole.below).toBeGreaterThan(3);
    expect(whole.below).toBeLessThan(whole.total);
    const study = (await admin.get(`/api/org-life/stats/study?orgId=${county}&year=2026`)).json();
    expect(study.rounds.length).toBeGreaterThan(1);
    expect(study.branches.length).toBeGreaterThan(3);
    expect((await admin.get(`/api/org-life/stats/study?orgId=${county}&year=2026&page=2&pageSize=3`)).json().branches).toHaveLength(3);
    // Not all zeros.
    process.env.TJ_TODAY = '2026-12-06';
    const o = (await admin.get(`/api/org-life/stats/overview?orgId=${county}`)).json();
    expect(o.venues.count).toBeGreaterThan(0);
    expect(o.venues.activities).toBeGreaterThan(0);
    expect(o.aid.byProgram.length).toBeGreaterThan(1);
    expect(o.aid.paidFen).toBeGreaterThan(0);
    expect(o.honors.awarded).toBeGreaterThan(0);
    expect(o.themeDays.members).toBeGreaterThan(0);
  }, 300_000);
});
