import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { keptFiguresApp, keptMismatches } from '../kept-figures.js';
import { Rng } from '../../src/seed/random.js';
import { ACTIVITY_TYPES } from '@tuanjian/domain';
import { activityStats } from '../../src/modules/org-life/activities.js';
import { focusOn, withScope, type Actor } from '../../src/db/context.js';
import { bigintArray } from '../../src/db/sql.js';
import { loadRules } from '../../src/http/route.js';
import { overview } from '../../src/modules/org-life/overview.js';
import { peopleOverview } from '../../src/modules/people/stats.js';
import { appraisalSummary, registrationProgress } from '../../src/modules/membership/registration.js';

/**
 * Issue 15: the org-life figures kept in org_figures (migration 0031) by
 * triggers must equal a full recount after random writes of every kind, and the
 * overview read from them must equal the live computation (overview(…, plain)).
 */
let t: TestContext;
keptFiguresApp((app) => (t = app));

const exec = (q: ReturnType<typeof sql>) => systemRows(t.database, q);
const ids = async (q: ReturnType<typeof sql>) => (await systemRows<{ id: number }>(t.database, q)).map((r) => Number(r.id));


const KINDS = ['general_meeting', 'committee_meeting', 'group_meeting', 'lecture', 'theme_day', 'oath_ceremony'];
const day = (rng: Rng, year = 2026) => `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

async function randomWrites(rng: Rng, round: number, ops: number) {
  const branches = await ids(sql`select id from organizations where type in ('branch', 'joint_branch') order by id`);
  const committees = await ids(sql`select id from organizations where type in ('township', 'unit_committee', 'general_branch') and status = 'active' order by id`);
  const meetings = await ids(sql`select id from meetings order by id`);
  for (let op = 0; op < ops; op++) {
    const kind = rng.int(0, 13);
    const branch = rng.pick(branches);
    const meeting = meetings.length ? rng.pick(meetings) : 0;
    const year = rng.chance(0.8) ? 2026 : 2025;
    if (kind <= 2) {
      // A few meetings at once, held or planned.
      const n = rng.int(1, 6);
      for (let i = 0; i < n; i++) {
        const held = rng.chance(0.7);
        const d = day(rng, year);
        await exec(sql`insert into meetings (org_id, kind, topic, planned_on, held_on, status)
                       values (${branch}, ${rng.pick(KINDS)}, ${`会议${round}-${op}-${i}`}, ${d}::date, ${held ? d : null}::date, ${held ? 'held' : 'planned'})`);
      }
    }
    if (kind === 3 && meeting) await exec(sql`update meetings set status = 'held', held_on = planned_on where id = ${meeting} and status = 'planned'`);
    if (kind === 4 && meeting) await exec(sql`update meetings set status = 'cancelled', held_on = null where id = ${meeting}`);
    if (kind === 5 && meeting) await exec(sql`update meetings set held_on = ${day(rng, year)}::date, kind = ${rng.pick(KINDS)} where id = ${meeting} and status = 'held'`);
    if (kind === 6 && meeting) await exec(sql`update meetings set org_id = ${branch} where id = ${meeting}`);
    if (kind === 7 && meeting) {
      await exec(sql`delete from meeting_attendance where meeting_id = ${meeting}`);
      await exec(sql`delete from attachments where owner_type = 'meeting' and owner_id = ${meeting}`);
      await exec(sql`delete from meetings where id = ${meeting}`);
    }
    if (kind === 8) {
      // Dissolve or restore a branch, or change its founding date.
      if (rng.chance(0.5)) await exec(sql`update organizations set status = case when status = 'active' then 'dissolved' else 'active' end where id = ${branch}`);
      else await exec(sql`update organizations set founded_on = ${rng.chance(0.3) ? null : day(rng, 2026)}::date where id = ${branch}`);
    }
    if (kind === 9) {
      const moving = rng.pick([...branches, ...committees.slice(-4)]);
      const target = rng.pick(committees);
      await exec(sql`update organizations set parent_id = ${target} where id = ${moving} and id <> ${target}
                      and not (select path from organizations where id = ${target}) <@ (select path from organizations where id = ${moving})`);
    }
    if (kind === 10)
      await exec(sql`insert into activities (org_id, venue_id, type, theme, held_on, organizer, member_count, youth_count)
                     values (${branch}, null, ${rng.pick([...ACTIVITY_TYPES])}, ${rng.pick(['学习二十大精神', '志愿服务', 'Youth Day', `活动${round}-${op}`])}, ${day(rng, year)}::date, '团支部', ${rng.int(0, 30)}, ${rng.int(0, 30)})`);
    if (kind === 11) {
      const [team] = await ids(sql`insert into volunteer_teams (org_id, name) values (${branch}, ${`服务队${round}-${op}`}) returning id`);
      const born = `${rng.int(1985, 2008)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      const [vol] = await ids(sql`insert into volunteers (org_id, team_id, name, id_number, gender, birth_date, registered_on)
                                  values (${branch}, ${team}, ${`志愿者${round}-${op}`}, ${`5203290000${round}${op}`}, 'female', ${born}::date, '2026-01-05') returning id`);
      const [project] = await ids(sql`insert into service_projects (org_id, team_id, title, start_on, end_on)
                                      values (${branch}, ${team}, ${`项目${round}-${op}`}, ${`${year}-03-01`}::date, ${rng.chance(0.5) ? `${year}-0${rng.int(3, 9)}-15` : null}::date) returning id`);
      await exec(sql`insert into service_records (org_id, volunteer_id, project_id, served_on, minutes) values (${branch}, ${vol}, ${project}, ${day(rng, year)}::date, ${rng.int(30, 300)})`);
    }
    if (kind === 3 && meeting && rng.chance(0.7))
      await exec(sql`insert into attachments (org_id, owner_type, owner_id, file_name, mime_type, size, sha256, storage_key)
                     select m.org_id, 'meeting', m.id, '会议记录.jpg', 'image/jpeg', 10, 'x', ${`k${round}-${op}`} from meetings m where m.id = ${meeting}`);
    if (kind === 12)
      await exec(sql`update activities set member_count = member_count + 1, held_on = ${day(rng, year)}::date, type = ${rng.pick([...ACTIVITY_TYPES])}, theme = theme || '·'
                      where id = (select max(id) from activities)`);
    if (kind === 13) await exec(sql`update volunteers set birth_date = birth_date - 200, org_id = ${branch} where id = (select min(id) from volunteers)`);
    await memberWrites(rng, branch, year);
    await studyWrites(rng, branch, year);
    await appealWrites(rng, branch, year);
  }
}

const REG = ['registered', 'deferred', 'not_registered'];
const GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'];

/** 团籍注册, 教育评议 and the member changes they depend on. */
async function memberWrites(rng: Rng, branch: number, year: number) {
  const kind = rng.int(0, 8);
  const [person] = await ids(sql`select id from people where member_status = 'active' order by id offset ${rng.int(0, 300)} limit 1`);
  if (!person) return;
  if (kind === 0)
    await exec(sql`insert into registrations (person_id, org_id, year, status, decided_on)
                   select p.id, p.org_id, ${year}, ${rng.pick(REG)}, ${day(rng, year)}::date from people p
                    where p.member_status = 'active' and p.id >= ${person} order by p.id limit ${rng.int(1, 8)}
                   on conflict (person_id, year) do update set status = excluded.status, decided_on = excluded.decided_on`);
  if (kind === 1)
    await exec(sql`insert into appraisals (person_id, org_id, year, grade)
                   select p.id, p.org_id, ${year - 1}, ${rng.pick(GRADES)} from people p
                    where p.member_status = 'active' and p.id >= ${person} order by p.id limit ${rng.int(1, 8)}
                   on conflict (person_id, year) do update set grade = excluded.grade`);
  if (kind === 2) await exec(sql`update people set org_id = ${branch} where id in (select person_id from registrations order by id desc limit 2)`);
  if (kind === 3) await exec(sql`update people set member_status = case when member_status = 'active' then 'left' else 'active' end where id = (select person_id from registrations order by random() limit 1)`);
  if (kind === 4) await exec(sql`update people set joined_on = ${rng.chance(0.3) ? null : day(rng, rng.pick([2024, 2025, 2026]))}::date where id in (select person_id from appraisals order by id desc limit 3)`);
  if (kind === 5) await exec(sql`delete from registrations where id = (select min(id) from registrations)`);
  if (kind === 7) await exec(sql`update organizations set sector = ${rng.pick(['village', 'school', 'community', 'other'])} where id = ${branch}`);
  if (kind === 8) await exec(sql`update people set registry_status = case when registry_status = 'active' then 'removed' else 'active' end, birth_date = birth_date - 400 where id = ${person}`);
  if (kind === 6) await exec(sql`update registrations set status = ${rng.pick(REG)}, decided_on = decided_on + 40 where id in (select id from registrations order by id desc limit 3)`);
}

/** 青年大学习: rounds at two levels with the same numbers, participation written, rewritten and removed. */
async function studyWrites(rng: Rng, branch: number, year: number) {
  const kind = rng.int(0, 4);
  if (kind === 0) {
    const [issuer] = await ids(sql`select a.id from organizations a, organizations b where b.id = ${branch} and a.path @> b.path and a.id <> b.id order by random() limit 1`);
    if (issuer) await exec(sql`insert into study_rounds (org_id, year, round_no, title, start_on) values (${issuer}, ${year}, ${rng.int(1, 4)}, '青年大学习', ${`${year}-03-01`}::date) on conflict do nothing`);
  }
  if (kind === 1 || kind === 2)
    await exec(sql`insert into study_participation (round_id, org_id, participants, base)
                   select s.id, b.id, ${rng.int(0, 40)}, ${rng.int(0, 40)} from study_rounds s join organizations a on a.id = s.org_id join organizations b on b.path <@ a.path and b.id <> a.id
                    where b.type = 'branch' order by random() limit ${rng.int(1, 6)}
                   on conflict (round_id, org_id) do update set participants = excluded.participants, base = excluded.base`);
  if (kind === 3) await exec(sql`delete from study_participation where id = (select id from study_participation order by random() limit 1)`);
  if (kind === 4) {
    const n = rng.int(1, 4);
    await exec(sql`update study_rounds s set round_no = ${n} where id = (select id from study_rounds order by random() limit 1)
                    and not exists (select 1 from study_rounds t where t.org_id = s.org_id and t.year = s.year and t.round_no = ${n})`);
  }
}

/** 青年之声: appeals created on random dates (China time), answered, rated, moved up. */
async function appealWrites(rng: Rng, branch: number, year: number) {
  const kind = rng.int(0, 3);
  if (kind === 0) {
    const created = `${day(rng, year)} ${rng.pick(['01:30', '15:59', '16:30', '23:10'])}:00+00`;
    await exec(sql`insert into appeals (org_id, tracking_code, category, title, content, asker_name, asker_phone, status, deadline, created_at)
                   values (${branch}, ${`Q${rng.int(0, 1e9)}`}, ${rng.pick(['study', 'employment', 'rights', 'other'])}, '诉求', '内容', '张三', '13800001111',
                           ${rng.pick(['submitted', 'assigned'])}, ${day(rng, year)}::date, ${created}::timestamptz)`);
  }
  if (kind === 1)
    await exec(sql`update appeals set status = 'answered', answered_on = deadline - ${rng.int(-5, 5)}::int, rating = ${rng.int(1, 5)}
                    where id = (select id from appeals where status in ('submitted', 'assigned') order by random() limit 1)`);
  if (kind === 2) await exec(sql`update appeals set org_id = ${branch}, deadline = deadline + 3 where id = (select id from appeals order by random() limit 1)`);
  if (kind === 3) await exec(sql`update appeals set status = 'closed', rating = ${rng.chance(0.5) ? null : rng.int(1, 5)} where id = (select id from appeals order by random() limit 1)`);
}

describe('org-life figures kept by organization and day', () => {
  it('stay equal to a full recount through random writes of every kind', async () => {
    expect(await keptMismatches(t)).toEqual([]);
    const rng = new Rng(1515);
    for (let round = 0; round < 8; round++) {
      await randomWrites(rng, round, 10);
      expect(await keptMismatches(t), `round ${round}`).toEqual([]);
    }
    // Enough rows that the comparison means something.
    const [n] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from branch_meeting_figures`);
    expect(n!.n).toBeGreaterThan(50);
  }, 300_000);

  it('give the overview the live computation gives, for subtrees, periods and statistical dates', async () => {
    const rng = new Rng(77);
    await randomWrites(rng, 100, 40);
    // One branch that holds every required meeting of 2026: compliant, beside the random ones.
    const [model] = await ids(sql`select id from organizations where type = 'branch' and status = 'active' order by id desc limit 1`);
    await exec(sql`update organizations set founded_on = null where id = ${model}`);
    // Three more, founded on a period's first day (a quarter's and a month's), holding every meeting since: they owe
    // that period's meetings (and the kept count of branches founded by a period's start must include them).
    const boundary = await ids(sql`select b.id from organizations b, (select path from organizations where type in ('township', 'general_branch') and status = 'active' order by id limit 1) t
                                   where b.type = 'branch' and b.status = 'active' and b.id <> ${model} and b.path <@ t.path order by b.id limit 3`);
    await exec(sql`update organizations set founded_on = '2026-04-01' where id = any(${bigintArray(boundary)})`);
    // Every required meeting each month: the model branch from January, the three from their founding.
    await exec(sql`insert into meetings (org_id, kind, topic, planned_on, held_on, status)
                   select b.id, k.kind, '按时开会', d::date, d::date, 'held'
                     from (select ${model}::bigint as id, date '2026-01-10' as first
                           union all select x, date '2026-04-10' from unnest(${bigintArray(boundary)}) x) b,
                          generate_series(b.first, '2026-12-10'::date, interval '1 month') d,
                          (values ('committee_meeting'), ('group_meeting'), ('theme_day'), ('general_meeting'), ('lecture')) k(kind)`);
    // Activities on days either side of a period's whole months (read by day) and inside them (read by month).
    await exec(sql`insert into activities (org_id, venue_id, type, theme, held_on, organizer, member_count, youth_count)
                   select ${model}, null, ${ACTIVITY_TYPES[0]}, '按月按日', d::date, '团支部', 3, 4
                     from unnest(array['2026-02-15', '2026-03-10', '2026-07-05', '2026-09-10']) d`);
    const rules = await loadRules(t.database);
    const county = await orgId(t.database, '共青团余庆县委员会');
    const roots = [county, ...(await ids(sql`select id from organizations where type in ('township', 'general_branch') and status = 'active' order by id limit 3`))];
    const admin = await loginAs(t.app, 'county_admin');
    // The live computation in the same scope as the request.
    const [a] = await systemRows<{ id: number; path: string }>(t.database, sql`select a.id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username = 'county_admin'`);
    const actor: Actor = { accountId: Number(a!.id), name: 'county_admin', scopePath: a!.path };
    for (const on of ['2026-01-20', '2026-07-15', '2027-02-10']) {
      process.env.TJ_TODAY = on;
      for (const orgId of roots) {
        for (const period of [{}, { from: '2025-01-01', to: '2025-12-31' }, { from: '2026-02-10', to: '2026-09-20' }, { from: '2026-03-05', to: '2026-03-25' }]) {
          const q = { orgId, ...period };
          const plain = await withScope(t.database, actor, (tx) => overview(tx, rules, q, { plain: true }));
          const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
          const res = await admin.get(`/api/org-life/stats/overview?${qs}`);
          expect(res.statusCode).toBe(200);
          expect(res.json(), `${on} ${qs}`).toEqual(JSON.parse(JSON.stringify(plain)));
          const acts = await withScope(t.database, actor, (tx) => activityStats(tx, q, { plain: true }));
          expect((await admin.get(`/api/org-life/stats/activities?${qs}`)).json(), `activities ${on} ${qs}`).toEqual(JSON.parse(JSON.stringify(acts)));
        }
      }
    }
    for (const orgId of roots) {
      process.env.TJ_TODAY = '2026-06-10';
      for (const q of [{ orgId }, { orgId, year: 2025 }, { orgId, deadline: '2026-03-31' }, { orgId, year: 2025, deadline: '2025-08-01' }]) {
        const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
        const plain = await withScope(t.database, actor, (tx) => registrationProgress(tx, q, { plain: true }));
        expect((await admin.get(`/api/membership/registrations/progress?${qs}`)).json(), qs).toEqual(JSON.parse(JSON.stringify(plain)));
        const grades = await withScope(t.database, actor, (tx) => appraisalSummary(tx, q, { plain: true }));
        expect((await admin.get(`/api/membership/appraisals/summary?${qs.replace(/&?deadline=[^&]*/, '')}`)).json(), qs).toEqual(JSON.parse(JSON.stringify(grades)));
      }
    }
    for (const orgId of roots) {
      const plain = await withScope(t.database, actor, (tx) => peopleOverview(tx, orgId, rules, { plain: true }));
      expect((await admin.get(`/api/stats/people-overview?orgId=${orgId}`)).json()).toEqual(JSON.parse(JSON.stringify(plain)));
    }
    // The figures compared are not all zeros.
    process.env.TJ_TODAY = '2026-12-06';
    const o = (await admin.get(`/api/org-life/stats/overview?orgId=${county}`)).json();
    expect(o.meetings.held).toBeGreaterThan(0);
    expect(o.meetings.behind).toBeGreaterThan(0);
    expect(o.meetings.behind).toBeLessThan(o.meetings.branches);
    expect(o.activities.participants).toBeGreaterThan(0);
    const acts = (await admin.get(`/api/org-life/stats/activities?orgId=${county}`)).json();
    expect(acts.byType.length).toBeGreaterThan(1);
    expect(acts.byMonth.length).toBeGreaterThan(1);
    expect(acts.byChild.some((x: { count: number }) => x.count > 0)).toBe(true);
    expect(o.volunteers.youth).toBeGreaterThan(0);
    expect(o.study.rounds).toBeGreaterThan(0);
    expect(o.meetings.archived).toBeGreaterThan(0);
    expect(o.themeDays.organizations).toBeGreaterThan(0);
    expect(o.appeals.total).toBeGreaterThan(0);
    expect(o.appeals.averageRating).not.toBeNull();
    const reg = (await admin.get(`/api/membership/registrations/progress?orgId=${county}&year=2026&deadline=2026-03-31`)).json();
    expect(reg.registered).toBeGreaterThan(0);
    expect(reg.late).toBeGreaterThan(0);
  }, 300_000);

  it('show a caller the kept rows of its own subtree only, at its root and below, naming an organization or not (the policies of migrations 0043 and 0053)', async () => {
    await randomWrites(new Rng(4242), 200, 10);
    const tables = ['org_figures', 'org_rollups', 'org_own_figures', 'branch_meeting_figures'];
    const [township] = await ids(sql`select t.id from organizations t where t.type = 'township' and t.status = 'active'
                                      and exists (select 1 from organizations b join branch_meeting_figures f on f.org_id = b.id where b.path <@ t.path) order by t.id limit 1`);
    const scopes = await systemRows<{ id: number; path: string }>(
      t.database,
      sql`select id, path::text as path from organizations where id in (${township}, (select parent_id from organizations where id = ${township})) order by path`,
    );
    expect(scopes).toHaveLength(2);
    for (const scope of scopes) {
      const actor: Actor = { accountId: null, name: 'test', scopePath: scope.path };
      for (const table of tables) {
        const count = sql.raw(`select count(*)::int as n, count(distinct org_id)::int as orgs, count(*) filter (where org_id = ${scope.id})::int as own from ${table}`);
        const [seen] = await withScope(t.database, actor, (tx) => tx.execute(count).then((r) => (r as unknown as { rows: { n: number; orgs: number; own: number }[] }).rows));
        const [all] = await systemRows<{ n: number; orgs: number; own: number }>(
          t.database,
          sql.raw(`select count(*)::int as n, count(distinct f.org_id)::int as orgs, count(*) filter (where f.org_id = ${scope.id})::int as own
                     from ${table} f join organizations o on o.id = f.org_id where o.path <@ '${scope.path}'`),
        );
        expect(seen, `${table} under ${scope.path}`).toEqual(all);
        // Naming the organization read (migration 0053) changes nothing seen, inside the scope or outside it (the county).
        for (const focus of scopes) {
          const [focused] = await withScope(t.database, actor, async (tx) => {
            await focusOn(tx, focus.id);
            return tx.execute(count).then((r) => (r as unknown as { rows: { n: number; orgs: number; own: number }[] }).rows);
          });
          expect(focused, `${table} under ${scope.path}, naming ${focus.path}`).toEqual(all);
        }
        if (table === 'org_figures' || table === 'org_rollups') expect(all!.n, `${table} under ${scope.path}`).toBeGreaterThan(0);
        if (scope.id !== township) continue;
        // Rows outside the township exist and stay hidden.
        const [outside] = await systemRows<{ n: number }>(t.database, sql.raw(`select count(*)::int as n from ${table} f join organizations o on o.id = f.org_id where not o.path <@ '${scope.path}'`));
        if (table === 'org_figures' || table === 'org_rollups') expect(outside!.n, table).toBeGreaterThan(0);
      }
    }
  }, 300_000);
});

