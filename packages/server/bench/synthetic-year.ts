/**
 * A year of records on a synthetic tree (bench/synthetic.ts), in proportion to the demo county's year
 * (src/seed/demo-org-life.ts, demo-membership.ts, demo-daily-work.ts), generated inside the database with
 * set-based SQL and the triggers off (session_replication_role = replica), like the people:
 *  - meetings: every active branch, every requirement of the default rules (三会两制一课 and 主题团日) in each
 *    month/quarter of the last twelve months; 72% of branches keep up, 20% skip a quarter of them, 8% skip
 *    70%; the rest of this month's and quarter's meetings planned; oath ceremonies in 15% of branches;
 *    attendance of every member at theme days and oath ceremonies (86% present), for `attendanceShare`
 *    of those meetings (1 = all, as the demo);
 *  - attachments: a photo for 60% of held theme days and general meetings (their archive), a sign-in sheet for half of those;
 *  - venues (a 青年之家 per township, five county venues) and activities (10–24 per venue, 6–12 per township,
 *    1–3 in 35% of branches with up to 6 named members);
 *  - volunteer teams (county, townships), 6% of the registry's non-students aged 18–35 as volunteers and 37% as
 *    many older ones, 1–3 projects per team, 0–6 service records per volunteer;
 *  - 青年大学习: a round every two weeks at the root in the last twelve months, each branch's participation
 *    (a habit per branch: 82% at 60–97%, 18% at 20–55%);
 *  - registrations of this year (80% registered, 4% deferred, 2% not registered) and appraisals of last year;
 *  - dues: a payment per member and month of the last twelve months at the flat rate (most pay every month,
 *    20% skip some, 10% stopped 3–5 months ago, 55% of this month still open);
 *  - 青年之声: ~45 appeals a county in every state;
 *  - league cadres and their posts on every staffed organization (loadSyntheticCadres).
 * The kept figures are not written here: fill them afterwards (rebuildFigures below).
 */
import { performance } from 'node:perf_hooks';
import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_RULES, calendarPeriodOf, calendarPeriodsBetween, duesPeriodOf, duesPeriodsBetween, meetingRequirements, shiftDays } from '@tuanjian/domain';
import type { Database, Tx } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { today as clockToday } from '../src/lib/clock.js';

export interface YearPart {
  part: string;
  rows: number;
  seconds: number;
}

const TOPICS: Record<string, string> = {
  general_meeting: '学习贯彻团的代表大会精神',
  committee_meeting: '研究本月支部工作',
  group_meeting: '学习团章',
  lecture: '团史学习',
  theme_day: '学习二十大 永远跟党走 奋进新征程',
};

/** Runs fn with the triggers off (bulk load: rollups, figures and audit are filled afterwards). */
const bulk = <T>(database: Database, fn: (tx: Tx) => Promise<T>) =>
  withSystem(database, 'bench', async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    return fn(tx);
  });

const count = async (tx: Tx, table: string) => Number((await query<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);

export async function loadSyntheticYear(
  database: Database,
  log: (line: string) => void,
  opts: { attendanceShare?: number; today?: string } = {},
): Promise<YearPart[]> {
  const parts: YearPart[] = [];
  const today = opts.today ?? clockToday();
  const Y = Number(today.slice(0, 4));
  const share = opts.attendanceShare ?? 1;
  const [done] = await withSystem(database, 'bench', (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from meetings`));
  if (done!.n > 0) {
    log(`year of records: already loaded (${done!.n} meetings)`);
    return parts;
  }
  const timed = async (part: string, table: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    const before = await withSystem(database, 'bench', (tx) => count(tx, table));
    await fn();
    const rows = (await withSystem(database, 'bench', (tx) => count(tx, table))) - before;
    const seconds = (performance.now() - t0) / 1000;
    parts.push({ part, rows, seconds });
    log(`  ${part}: ${rows.toLocaleString()} rows in ${seconds.toFixed(1)} s`);
  };

  // Branches numbered 1..n with their members and their township and county (ancestors by type).
  await timed('(branches prepared)', 'organizations', () =>
    bulk(database, async (tx) => {
      await tx.execute(sql`drop table if exists bench_year_branches`);
      await tx.execute(sql`
        create unlogged table bench_year_branches as
        select o.id, row_number() over (order by o.id)::int as rn, coalesce(m.n, 0)::int as members, o.path,
               (select a.id from organizations a where a.path @> o.path and a.type in ('township', 'subdistrict') order by nlevel(a.path) desc limit 1) as township_id,
               (select a.id from organizations a where a.path @> o.path and a.type = 'county' limit 1) as county_id,
               case when (o.id * 7919) % 100 < 8 then 0.7 when (o.id * 7919) % 100 < 28 then 0.25 else 0 end as skip
          from organizations o
          left join (select org_id, count(*) as n from people where member_status = 'active' group by org_id) m on m.org_id = o.id
         where o.type in ('branch', 'joint_branch') and o.status = 'active'`);
      await tx.execute(sql`create index on bench_year_branches (rn)`);
      await tx.execute(sql`analyze bench_year_branches`);
    }),
  );
  const [{ n: branches } = { n: 0 }] = await withSystem(database, 'bench', (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from bench_year_branches`));
  const chunk = 20_000;
  const ranges: [number, number][] = [];
  for (let lo = 1; lo <= branches; lo += chunk) ranges.push([lo, Math.min(branches, lo + chunk - 1)]);

  // Meetings: the periods of the last twelve months, each requirement's times per period.
  const from = calendarPeriodOf(shiftDays(today, -334), 'month').start;
  const periods: SQL[] = [];
  for (const req of meetingRequirements(DEFAULT_RULES))
    for (const p of calendarPeriodsBetween(from, today, req.cadence))
      for (let i = 0; i < req.times; i++) {
        const span = Math.round((Date.parse(p.end) - Date.parse(p.start)) / 86_400_000);
        periods.push(sql`(${req.kind}::text, ${p.start}::date, ${span}::int, ${TOPICS[req.kind] ?? req.kind}::text, ${req.kind === 'committee_meeting' || req.kind === 'group_meeting'}::boolean)`);
      }
  await timed('meetings', 'meetings', async () => {
    for (const [lo, hi] of ranges)
      await bulk(database, (tx) =>
        tx.execute(sql`
          insert into meetings (org_id, kind, topic, planned_on, held_on, place, plan, minutes, status, expected, present)
          select b.id, r.kind, r.topic,
                 case when d.on > ${today}::date then d.on else d.on - 5 end,
                 case when d.on <= ${today}::date then d.on end,
                 '团支部活动室', '会议方案：' || r.topic,
                 case when d.on <= ${today}::date then '会议由支部书记主持，围绕“' || r.topic || '”进行了学习和讨论，形成了下一步工作安排。' end,
                 case when d.on <= ${today}::date then 'held' else 'planned' end,
                 case when d.on <= ${today}::date then case when r.small then least(b.members, 3 + b.id % 3) else b.members end end,
                 case when d.on <= ${today}::date then case when r.small then least(b.members, 3 + b.id % 3) else round(b.members * 0.86)::int end end
            from bench_year_branches b
           cross join (values ${sql.join(periods, sql`, `)}) as r(kind, start, span, topic, small)
           cross join lateral (select r.start + least(3, r.span) + floor(random() * (r.span - least(3, r.span) + 1) + 0 * b.id)::int as on) d
           where b.rn between ${lo} and ${hi}
             and case when d.on > ${today}::date then b.skip < 0.5 else random() >= b.skip end
          union all
          select b.id, 'oath_ceremony', '新团员入团仪式', d.on - 7, d.on, '团支部活动室', '会议方案：组织新团员宣誓。',
                 '新团员面向团旗庄严宣誓，老团员代表寄语，支部书记讲话。', 'held', b.members, round(b.members * 0.86)::int
            from bench_year_branches b
           cross join lateral (select ${today}::date - (20 + floor(random() * 180 + 0 * b.id))::int as on) d
           where b.rn between ${lo} and ${hi} and b.members > 0 and (b.id * 104729) % 100 < 15`),
      );
  });
  await timed(`attendance (theme days and oath ceremonies${share < 1 ? `, ${Math.round(share * 100)}% of them` : ''})`, 'meeting_attendance', async () => {
    for (const [lo, hi] of ranges)
      await bulk(database, (tx) =>
        tx.execute(sql`
          insert into meeting_attendance (meeting_id, org_id, person_id, present, absence_reason)
          select m.id, m.org_id, p.id, x.present, case when x.present then null when (m.id + p.id) % 3 = 0 then '外出务工' else '请假' end
            from bench_year_branches b
            join meetings m on m.org_id = b.id and m.status = 'held' and m.kind in ('theme_day', 'oath_ceremony')
            join people p on p.org_id = m.org_id and p.member_status = 'active'
           cross join lateral (select (((m.held_on - date '2000-01-01') * 7919 + p.id * 104729) % 100) < 86 as present) x
           where b.rn between ${lo} and ${hi} and (m.id * 2654435761) % 1000 < ${Math.round(share * 1000)}`),
      );
  });
  await timed('attachments (meeting archives)', 'attachments', () =>
    bulk(database, (tx) =>
      tx.execute(sql`
        insert into attachments (org_id, owner_type, owner_id, file_name, mime_type, size, sha256, storage_key)
        select m.org_id, 'meeting', m.id, f.name, f.mime, 70, repeat('0', 64), 'bench/' || f.name
          from meetings m
         cross join (values ('活动照片.png', 'image/png', 0), ('签到表.pdf', 'application/pdf', 1)) as f(name, mime, k)
         where m.status = 'held' and m.kind in ('theme_day', 'general_meeting')
           and (m.id * 7919) % 100 < 60 and (f.k = 0 or (m.id * 104729) % 100 < 50)`),
    ),
  );

  // Venues and activities.
  await timed('venues', 'venues', () =>
    bulk(database, (tx) =>
      tx.execute(sql`
        insert into venues (org_id, kind, name, address, operator, has_site, has_rules, has_staff, status)
        select o.id, 'youth_home', regexp_replace(o.name, '^共青团|委员会$', '', 'g') || '青年之家', '党群服务中心', '乡镇团委', true, o.id % 4 <> 3, o.id % 5 <> 4, 'active'
          from organizations o where o.type in ('township', 'subdistrict') and o.status = 'active'
        union all
        select o.id, k.kind, regexp_replace(o.name, '^共青团|委员会$', '', 'g') || k.name, '城区', '团县委', true, true, k.staff, 'active'
          from organizations o
         cross join (values ('youth_space', '安置点青空间', true), ('youth_space', '新华书店青空间', false), ('youth_station', '青年驿站', true),
                            ('youth_street', '青年街区', false), ('pioneer_base', '少先队校外实践基地', true)) as k(kind, name, staff)
         where o.type = 'county' and o.status = 'active'`),
    ),
  );
  await timed('activities', 'activities', () =>
    bulk(database, async (tx) => {
      await tx.execute(sql`
        insert into activities (org_id, venue_id, type, theme, held_on, place, organizer, member_count, youth_count, description)
        select v.org_id, v.id, 'theme_education', '青春心向党 建功新时代', ${today}::date - (1 + floor(random() * 330 + 0 * g))::int, v.name, '阵地运营团队',
               8 + floor(random() * 33)::int, 5 + floor(random() * 56)::int, '活动，参加团员青年踊跃。'
          from venues v cross join generate_series(1, 24) g
         where g <= 10 + (v.id * 7919) % 15 and not (v.id % 7 = 2)
        union all
        select v.org_id, v.id, 'culture_sports', '青年篮球友谊赛', ${today}::date - (130 + floor(random() * 200 + 0 * g))::int, v.name, '阵地运营团队',
               8 + floor(random() * 33)::int, 5 + floor(random() * 56)::int, '活动，参加团员青年踊跃。'
          from venues v cross join generate_series(1, 3) g
         where v.id % 7 = 2 and g <= 1 + v.id % 3
        union all
        select o.id, null, 'volunteer_service', '七彩假期', ${today}::date - (1 + floor(random() * 330 + 0 * g))::int, '团组织', '团组织',
               8 + floor(random() * 33)::int, 5 + floor(random() * 56)::int, '活动，参加团员青年踊跃。'
          from organizations o cross join generate_series(1, 12) g
         where o.type in ('township', 'subdistrict') and o.status = 'active' and g <= 6 + (o.id * 7919) % 7
        union all
        select b.id, null, 'social_practice', '“三下乡”社会实践', ${today}::date - (1 + floor(random() * 330 + 0 * g))::int, '团支部活动室', '团组织',
               8 + floor(random() * 33)::int, 5 + floor(random() * 56)::int, '活动，参加团员青年踊跃。'
          from bench_year_branches b cross join generate_series(1, 3) g
         where (b.id * 104729) % 100 < 35 and g <= 1 + (b.id * 7919) % 3`);
      // Up to six named members of the branch at its activities.
      await tx.execute(sql`
        insert into activity_participants (activity_id, org_id, person_id)
        select a.id, a.org_id, p.id
          from activities a
          join bench_year_branches b on b.id = a.org_id
          cross join lateral (select x.id from people x where x.org_id = a.org_id and x.member_status = 'active' order by x.id limit (a.id % 7)) p`);
    }),
  );

  // Volunteers.
  await timed('volunteer teams, projects', 'volunteer_teams', () =>
    bulk(database, async (tx) => {
      await tx.execute(sql`
        insert into volunteer_teams (org_id, name, founded_on, leader)
        select o.id, regexp_replace(o.name, '^共青团|委员会$', '', 'g') || case when o.type = 'county' then '青年志愿者协会服务队' else '青年志愿者服务队' end,
               ${today}::date - (400 + o.id % 2100)::int, '张伟'
          from organizations o where o.type in ('county', 'township', 'subdistrict') and o.status = 'active'`);
      await tx.execute(sql`
        insert into service_projects (org_id, team_id, title, start_on, end_on)
        select t.org_id, t.id, '“七彩假期”关爱留守儿童', s.start, case when s.start + s.len > ${today}::date then null else s.start + s.len end
          from volunteer_teams t cross join generate_series(1, 3) g
          cross join lateral (select ${today}::date - (60 + floor(random() * 270 + 0 * g))::int as start, (20 + floor(random() * 100 + 0 * t.id))::int as len) s
         where g <= 1 + t.id % 3`);
    }),
  );
  await timed('volunteers', 'volunteers', () =>
    bulk(database, async (tx) => {
      await tx.execute(sql`
        insert into volunteers (org_id, team_id, person_id, name, id_number, gender, birth_date, phone, registered_on)
        select p.org_id, t.id, p.id, p.name, p.id_number, p.gender, p.birth_date, p.phone, ${today}::date - (30 + p.id % 970)::int
          from people p
          join bench_year_branches b on b.id = p.org_id
          join volunteer_teams t on t.org_id = b.township_id
         where not p.is_student and p.birth_date between ${today}::date - 35 * 365 and ${today}::date - 18 * 365 and (p.id * 7919) % 1000 < 60`);
      // 37% as many older volunteers outside the registry (ID numbers of their own, 1965–1989).
      await tx.execute(sql`
        insert into volunteers (org_id, team_id, person_id, name, id_number, gender, birth_date, phone, registered_on)
        select t.org_id, t.id, null, '王芳', '9' || lpad(g::text, 16, '0') || 'X', case when g % 2 = 0 then 'male' else 'female' end,
               date '1965-01-01' + (g * 7919 % 9000)::int, null, ${today}::date - (30 + g % 1470)::int
          from (select v.team_id, row_number() over () as g from volunteers v where (v.id * 104729) % 100 < 37) x
          join volunteer_teams t on t.id = x.team_id`);
      await tx.execute(sql`
        insert into service_records (org_id, volunteer_id, project_id, served_on, minutes)
        select v.org_id, v.id, pr.id, least(${today}::date, greatest(v.registered_on, coalesce(pr.start_on, ${today}::date - 330)) + floor(random() * 100 + 0 * g)::int),
               (array[60, 90, 120, 150, 180, 240, 300, 480])[1 + (v.id + g) % 8]
          from volunteers v cross join generate_series(1, 6) g
          left join lateral (select sp.id, sp.start_on from service_projects sp where sp.team_id = v.team_id and (v.id + g) % 5 <> 0 order by sp.id limit 1) pr on true
         where g <= (v.id * 7919) % 7`);
    }),
  );

  // 青年大学习 at the root: a round every two weeks within the last twelve months.
  await timed('study rounds and participation', 'study_participation', () =>
    bulk(database, async (tx) => {
      const rounds: SQL[] = [];
      for (const y of [Y - 1, Y]) {
        let n = 0;
        for (let start = `${y}-01-06`; start.startsWith(String(y)) && start <= today; start = shiftDays(start, 14)) {
          n++;
          if (start >= shiftDays(today, -365)) rounds.push(sql`(${y}::int, ${n}::int, ${start}::date)`);
        }
      }
      await tx.execute(sql`
        insert into study_rounds (org_id, year, round_no, title, start_on)
        select (select id from organizations where parent_id is null order by id limit 1), r.y, r.n, '青年大学习' || r.y || '年第' || r.n || '期', r.start
          from (values ${sql.join(rounds, sql`, `)}) as r(y, n, start)`);
      await tx.execute(sql`
        insert into study_participation (round_id, org_id, participants, base)
        select s.id, b.id, round(b.members * least(1, greatest(0, h.habit + (random() - 0.5) * 0.2 + 0 * s.id)))::int, b.members
          from bench_year_branches b
         cross join lateral (select case when (b.id * 104729) % 100 < 18 then 0.20 + ((b.id * 7919) % 36) / 100.0 else 0.60 + ((b.id * 7919) % 38) / 100.0 end as habit) h
         cross join study_rounds s
         where b.members > 0`);
    }),
  );

  // Registrations of this year, appraisals of last year (every active member; chunks of people ids).
  const [{ lo: pLo, hi: pHi } = { lo: 0, hi: 0 }] = await withSystem(database, 'bench', (tx) =>
    query<{ lo: number; hi: number }>(tx, sql`select coalesce(min(id), 0)::bigint as lo, coalesce(max(id), 0)::bigint as hi from people`),
  );
  const peopleRanges: [number, number][] = [];
  for (let lo = Number(pLo); lo <= Number(pHi); lo += 500_000) peopleRanges.push([lo, Math.min(Number(pHi), lo + 499_999)]);
  const regFrom = `${Y}-01-05` < today ? `${Y}-01-05` : today;
  const regTo = `${Y}-04-30` < today ? `${Y}-04-30` : today;
  const regSpan = Math.round((Date.parse(regTo) - Date.parse(regFrom)) / 86_400_000);
  await timed('registrations', 'registrations', async () => {
    for (const [lo, hi] of peopleRanges)
      await bulk(database, (tx) =>
        tx.execute(sql`
          insert into registrations (person_id, org_id, year, status, decided_on, note)
          select p.id, p.org_id, ${Y}, x.status, x.on, case x.status when 'deferred' then '外出务工，暂缓注册' when 'not_registered' then '长期不参加团的活动，不予注册' end
            from people p
           cross join lateral (select case when r < 0.8 then 'registered' when r < 0.84 then 'deferred' when r < 0.86 then 'not_registered' end as status,
                                      greatest(${regFrom}::date + floor(r2 * ${regSpan + 1})::int, coalesce(p.joined_on, ${regFrom}::date)) as on
                                 from (select random() + 0 * p.id as r, random() as r2) z) x
           where p.id between ${lo} and ${hi} and p.member_status = 'active' and x.status is not null and x.on <= ${today}::date`),
      );
  });
  await timed('appraisals', 'appraisals', async () => {
    for (const [lo, hi] of peopleRanges)
      await bulk(database, (tx) =>
        tx.execute(sql`
          insert into appraisals (person_id, org_id, year, grade)
          select p.id, p.org_id, ${Y - 1}, x.grade
            from people p
           cross join lateral (select case when r < 0.12 then 'excellent' when r < 0.86 then 'qualified' when r < 0.94 then 'basically_qualified' when r < 0.96 then 'unqualified' end as grade
                                 from (select random() + 0 * p.id as r) z) x
           where p.id between ${lo} and ${hi} and p.member_status = 'active' and (p.joined_on is null or p.joined_on <= ${`${Y - 1}-12-31`}::date) and x.grade is not null`),
      );
  });

  // Dues: a payment per member and month of the last twelve months, at the flat rate (no income recorded).
  const thisMonth = duesPeriodOf(today);
  const months = duesPeriodsBetween(`${Y - 1}-${today.slice(5, 7)}`, thisMonth).slice(1);
  const fen = DEFAULT_RULES.dues.flatMonthlyFen;
  await timed(`dues payments (${months.length} months)`, 'dues_payments', async () => {
    for (const [lo, hi] of peopleRanges)
      await bulk(database, (tx) =>
        tx.execute(sql`
          insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method, receipt_no)
          select p.id_org, p.id, m.period, ${fen}, least(${today}::date, (m.period || '-01')::date + (4 + (p.id + m.i) % 21)::int),
                 case when (p.id + m.i) % 100 < 55 then 'online' when (p.id + m.i) % 100 < 89 then 'cash' else 'transfer' end, null
            from (select id, org_id as id_org, joined_on, (id * 7919 % 1000) / 1000.0 as habit from people where id between ${lo} and ${hi} and member_status = 'active') p
           cross join (select period, i::int from unnest(${sql.param(months)}::text[]) with ordinality as u(period, i)) m
           where (p.joined_on is null or m.period >= to_char(p.joined_on, 'YYYY-MM'))
             and not (p.habit > 0.9 and m.i > ${months.length} - (3 + p.id % 3))
             and not (p.habit > 0.7 and p.habit <= 0.9 and (p.id * 31 + m.i * 17) % 10 < 3)
             and not (m.period = ${thisMonth} and (p.id * 13 + 7) % 100 < 55)`),
      );
  });

  // 青年之声: about 45 appeals a county, handled by the county and its townships, in every state.
  const answerDays = DEFAULT_RULES.youthWork.appealAnswerDays;
  await timed('appeals', 'appeals', () =>
    bulk(database, (tx) =>
      tx.execute(sql`
        insert into appeals (org_id, tracking_code, category, title, content, asker_name, asker_phone, status, assignee, deadline, answer, answered_on, closed_on, rating, created_at)
        select h.hs[1 + g % array_length(h.hs, 1)], 'B' || h.id || '-' || g,
               (array['employment','entrepreneurship','marriage','rights','study','mental_health','integration','elderly_care','child_education','other'])[1 + (h.id + g) % 10],
               '青年诉求', '诉求内容', '李明', '13800000000', s.status, case when s.status <> 'submitted' then '王强' end,
               s.submitted + ${answerDays}::int, case when s.answered is not null then '已答复' end, s.answered, s.closed,
               case when s.status = 'closed' and g % 5 <> 0 then 2 + (h.id + g) % 4 end, (s.submitted::timestamp + interval '3 hours') at time zone 'UTC'
          from (select c.id, array_agg(o.id order by o.id) as hs
                  from organizations c join organizations o on o.path <@ c.path and o.type in ('county', 'township', 'subdistrict') and o.status = 'active'
                 where c.type = 'county' group by c.id) h
         cross join generate_series(1, 45) g
         cross join lateral (select ${today}::date - (g * 7 % 330) as submitted,
                                    case when g <= 18 then 'closed' when g <= 25 then 'answered' when g <= 34 then 'assigned' else 'submitted' end as status) s0
         cross join lateral (select s0.submitted, s0.status,
                                    case when s0.status in ('answered', 'closed') then s0.submitted + 1 + g % ${answerDays + 3}::int end as answered,
                                    case when s0.status = 'closed' then s0.submitted + 5 + g % ${answerDays + 3}::int end as closed) s`),
    ),
  );

  await timed('cadres and their posts', 'cadre_posts', () => loadSyntheticCadres(database));

  const t0 = performance.now();
  await withSystem(database, 'bench', async (tx) => {
    await tx.execute(sql`drop table if exists bench_year_branches`);
    await tx.execute(sql`analyze`);
  });
  parts.push({ part: 'analyze', rows: 0, seconds: (performance.now() - t0) / 1000 });
  log(`  analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return parts;
}

/**
 * League cadres and their current posts on every active staffed organization, deterministic per organization
 * (a hash of its id), with the triggers off like the rest of the year (the kept figures are rebuilt afterwards):
 *  - branches: a secretary in 90%, a part-time deputy in 25%, a 委员 in 33%; mostly from outside the establishment;
 *  - general branches and unit committees: a secretary in 95%, a deputy and two kinds of 委员 in half of them;
 *  - township and subdistrict committees (the configured pattern, 1 + 1 + 3 by default): a secretary in 96%, a
 *    part-time deputy in 80%, a full-time one in 25%, each of three 委员 titles in two thirds, a configured title
 *    (兼职副书记（挂职）, counted as 委员) in a sixth; half from outside the establishment;
 *  - the province, cities and counties: a secretary, two deputies and three 委员.
 * Ages 22–40 and 3% older (41–47: over the special limit), posts started in 2024–2025, 93% on duty.
 */
export async function loadSyntheticCadres(database: Database): Promise<void> {
  await bulk(database, async (tx) => {
    await tx.execute(sql`drop table if exists bench_year_cadre_plan`);
    await tx.execute(sql`
      create unlogged table bench_year_cadre_plan as
      select o.id as org_id, o.type, v.title, v.employment, abs(hashtext(o.id::text || ':' || v.k)) as h, row_number() over (order by o.id, v.k) as rn
        from organizations o
       cross join lateral (select abs(hashtext(o.id::text)) as ho) x
       cross join (values ('secretary', '', 1), ('deputy_secretary', 'part_time', 2), ('deputy_secretary', 'full_time', 3),
                          ('member', 'part_time', 4), ('organization_member', 'part_time', 5), ('propaganda_member', 'part_time', 6),
                          ('兼职副书记（挂职）', 'seconded', 7)) v(title, employment, k)
       where o.status = 'active' and case
         when o.type in ('branch', 'joint_branch') then (v.k = 1 and x.ho % 10 <> 0) or (v.k = 2 and x.ho % 4 = 0) or (v.k = 4 and x.ho % 3 = 0)
         when o.type in ('general_branch', 'unit_committee') then (v.k = 1 and x.ho % 20 <> 0) or (v.k in (2, 4, 5) and abs(hashtext(o.id::text || v.k)) % 2 = 0)
         when o.type in ('township', 'subdistrict') then (v.k = 1 and x.ho % 25 <> 0) or (v.k = 2 and x.ho % 5 <> 0) or (v.k = 3 and x.ho % 4 = 0)
              or (v.k in (4, 5, 6) and abs(hashtext(o.id::text || v.k)) % 3 <> 0) or (v.k = 7 and x.ho % 6 = 0)
         when o.type in ('provincial', 'city', 'county') then v.k <= 6
         else false end`);
    await tx.execute(sql`
      insert into cadres (org_id, name, gender, id_number, birth_date, education, political_status, establishment, civil_servant)
      select p.org_id, '干部' || p.rn, case when p.h % 2 = 0 then 'male' else 'female' end, 'SYN' || lpad(p.rn::text, 15, '0'),
             case when p.h % 33 = 0 then ${'1979-01-01'}::date + (p.h % 2190)::int else ${'1986-01-01'}::date + (p.h % 6900)::int end,
             (array['10', '20', '30', '40', '71'])[1 + p.h % 5], (array['01', '02', '03', '13', '03'])[1 + (p.h / 7) % 5],
             case when p.type in ('branch', 'joint_branch') then (case when p.h % 5 = 0 then 'inside' else 'outside' end)
                  when p.type in ('township', 'subdistrict') then (case when (p.h / 3) % 2 = 0 then 'inside' else 'outside' end) else 'inside' end,
             p.type in ('provincial', 'city', 'county', 'township', 'subdistrict') and p.h % 3 = 0
        from bench_year_cadre_plan p order by p.rn`);
    await tx.execute(sql`
      insert into cadre_posts (cadre_id, org_id, title, employment, start_on, on_duty)
      select c.id, p.org_id, p.title,
             case when p.employment <> '' then p.employment when p.type in ('branch', 'joint_branch', 'general_branch', 'unit_committee') then 'part_time' else 'full_time' end,
             ${'2024-03-01'}::date + (p.h % 600)::int, p.h % 15 <> 0
        from bench_year_cadre_plan p join cadres c on c.id_number = 'SYN' || lpad(p.rn::text, 15, '0')`);
    await tx.execute(sql`drop table bench_year_cadre_plan`);
  });
}

/**
 * The kept figures rebuilt from the records after a bulk load, as tj_figures_rebuild() does, with its
 * recounts set-based for that one call. tj_figures_rebuild() rewrites the own-rows tables from the records
 * (their triggers off here), then replaces org_figures by tj_figures_recount(); 0041's step then recounts the
 * dues rows (tj_figures_recount_0041) and 0044's the behind branches (tj_dues_behind_recount,
 * tj_figures_recount_0044). Each of those recounts joins every source row to its ancestors
 * (organizations a ON a.path @> x.path), hours at province size. Here, for that call:
 *  - tj_figures_recount() sums every source the triggers add to org_figures (each tj_figure_trigger's table
 *    and figures: the records and the own rows just rewritten) per organization, then rolls them up level by
 *    level from the deepest (tj_fast_rollup: an organization's figures = its own + its children's), written
 *    straight into org_figures;
 *  - tj_figures_recount_0041() rolls up 0041's sources the same way, reading the own rows of members and
 *    units from the tables its rebuild wrote a moment before from the same functions (dues_person_figures,
 *    unit_figures) instead of computing them again;
 *  - tj_dues_behind_recount() reads those member rows from dues_person_figures too, and
 *    tj_figures_recount_0044() rolls up dues_behind, written from it a moment before.
 * Same rows (checkFastRebuild compares them with the original recount chain at city size; the test county
 * with every migration in test/api/bench-year.test.ts, on both engines); the original functions are put back
 * in the same transaction. Figures a trigger adds at the row's own organization, not rolled up (0038's
 * mtg:tdmem from person_theme_figures), are listed by name below; a new one shows as missing rows there.
 */
export async function rebuildFigures(database: Database, opts: { fast: boolean }): Promise<number> {
  const t0 = performance.now();
  await withSystem(database, 'bench', async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local work_mem = '1GB'`);
    if (!opts.fast) {
      await tx.execute(sql`select tj_figures_rebuild()`);
      return;
    }
    const originals = await query<{ name: string; def: string }>(
      tx,
      sql`select n as name, pg_get_functiondef(to_regprocedure(n)) as def from unnest(string_to_array(${Object.keys(FAST).join(';')}, ';')) n where to_regprocedure(n) is not null`,
    );
    await tx.execute(sql.raw(FAST_ROLLUP));
    for (const o of originals) {
      const fast = FAST[o.name]!;
      await tx.execute(sql.raw(typeof fast === 'string' ? fast : fast(o.def)));
    }
    // org_figures' primary key built once after the load rather than kept through ~100 million inserts, as the
    // migrations define it (since 0054 it carries the value).
    const [pk] = await query<{ def: string }>(tx, sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'org_figures_pk'`);
    await tx.execute(sql`alter table org_figures drop constraint org_figures_pk`);
    await tx.execute(sql`select tj_figures_rebuild()`);
    await tx.execute(sql.raw(`alter table org_figures add constraint org_figures_pk ${pk!.def}`));
    for (const o of originals) await tx.execute(sql.raw(o.def));
    await tx.execute(sql`drop function tj_fast_rollup(text)`);
  });
  return (performance.now() - t0) / 1000;
}

/** The own rows of every member as 0041's recounts compute them (its rebuild writes them to dues_person_figures). */
const DUES_PERSON_ROWS_OF_ALL = "tj_dues_person_rows(ARRAY(SELECT id FROM people WHERE member_status = 'active'))";

/** `text` with `what` replaced, which must be there exactly once (a migration that changed it shows here). */
function replaceOnce(text: string, what: string, by: string): string {
  const parts = text.split(what);
  if (parts.length !== 2) throw new Error(`bench rebuild: expected ${what} once in\n${text}`);
  return parts.join(by);
}

/** Rows (org_id, metric, day, value) of a query, summed per organization and rolled up the tree into org_figures. */
const FAST_ROLLUP = `
CREATE FUNCTION tj_fast_rollup(src text) RETURNS void LANGUAGE plpgsql SET search_path = public AS $fast$
DECLARE
  d int;
  a text := 'tj_fast_a';
  b text := 'tj_fast_b';
BEGIN
  -- Work tables emptied with TRUNCATE, not dropped: a table created in the same transaction is truncated in
  -- place, so its disk is given back at once (a dropped table's files stay until the transaction commits, and
  -- the whole rebuild is one transaction: at a province that is tens of gigabytes the disk does not have).
  EXECUTE format('CREATE UNLOGGED TABLE tj_fast_own AS
                  SELECT nlevel(x.path) AS depth, x.parent_id, d.org_id, d.metric, d.day, d.value
                    FROM (SELECT z.org_id, z.metric, z.day, sum(z.value)::bigint AS value FROM (%s) z GROUP BY 1, 2, 3) d
                    JOIN organizations x ON x.id = d.org_id', src);
  CREATE INDEX ON tj_fast_own (depth);
  ANALYZE tj_fast_own;
  -- Level by level from the deepest: an organization's figures are its own plus its children's (the level
  -- below, in the other work table).
  CREATE UNLOGGED TABLE tj_fast_a (parent_id bigint, org_id bigint, metric text, day date, value bigint);
  CREATE UNLOGGED TABLE tj_fast_b (parent_id bigint, org_id bigint, metric text, day date, value bigint);
  FOR d IN SELECT DISTINCT nlevel(path) FROM organizations ORDER BY 1 DESC LOOP
    EXECUTE format('TRUNCATE %I', b);
    EXECUTE format('INSERT INTO %I
                    SELECT x.parent_id, y.org_id, y.metric, y.day, y.value FROM (
                      SELECT y.org_id, y.metric, y.day, sum(y.value)::bigint AS value FROM (
                        SELECT w.org_id, w.metric, w.day, w.value FROM tj_fast_own w WHERE w.depth = %s
                        UNION ALL
                        SELECT t.parent_id, t.metric, t.day, t.value FROM %I t) y GROUP BY 1, 2, 3) y
                    JOIN organizations x ON x.id = y.org_id', b, d, a);
    EXECUTE format('INSERT INTO org_figures (org_id, metric, day, value) SELECT l.org_id, l.metric, l.day, l.value FROM %I l WHERE l.value <> 0', b);
    EXECUTE format('ANALYZE %I', b);
    SELECT b, a INTO a, b;
  END LOOP;
  TRUNCATE tj_fast_own, tj_fast_a, tj_fast_b;
  DROP TABLE tj_fast_own, tj_fast_a, tj_fast_b;
END
$fast$`;

/**
 * The stand-ins, by the function they replace for the rebuild. Each writes its rows into org_figures itself
 * and returns none (its caller inserts what it returns into org_figures, emptied of those metrics before).
 */
const FAST: Record<string, string | ((original: string) => string)> = {
  // 0044's behind branches: its own definition, reading the member rows from dues_person_figures.
  'tj_dues_behind_recount()': (original) => replaceOnce(original, DUES_PERSON_ROWS_OF_ALL, 'dues_person_figures'),
  'tj_figures_recount()': `
CREATE OR REPLACE FUNCTION tj_figures_recount() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $fast$
DECLARE
  s record;
  src text := '';
BEGIN
  -- Every source the triggers add to org_figures (tj_figure_trigger(column, figures) on INSERT, whichever
  -- migration made it: records and own-rows tables).
  FOR s IN SELECT DISTINCT c.relname AS tbl, a[1] AS col, a[2] AS figs
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            CROSS JOIN LATERAL string_to_array(encode(t.tgargs, 'escape'), '\\000') AS a
            WHERE p.proname = 'tj_figure_trigger' AND (t.tgtype & 4) <> 0
              -- Tables whose figures a later step deletes and recounts (0041's, 0044's): left to that step,
              -- so they are not written twice (dead rows a province's disk cannot spare in one transaction).
              AND NOT (to_regprocedure('tj_figures_recount_0041()') IS NOT NULL AND c.relname IN
                       ('dues_payments', 'dues_remittances', 'dues_person_figures', 'development_cases', 'party_recommendations', 'unit_figures'))
              AND NOT (to_regprocedure('tj_figures_recount_0044()') IS NOT NULL AND c.relname = 'dues_behind')
            ORDER BY 1, 2, 3 LOOP
    src := src || CASE WHEN src <> '' THEN ' UNION ALL ' ELSE '' END
               || format('SELECT r.%I AS org_id, f.metric, f.day, f.value FROM %I r, unnest(%s) f', s.col, s.tbl, s.figs);
  END LOOP;
  PERFORM tj_fast_rollup(src);
  -- Sources added at their own organization, not rolled up (their own triggers, not tj_figure_trigger):
  -- 0038's theme-day members (a person's first theme day under each ancestor is already a row per ancestor).
  IF to_regclass('person_theme_figures') IS NOT NULL THEN
    INSERT INTO org_figures (org_id, metric, day, value) SELECT t.org_id, 'mtg:tdmem', t.day, count(*) FROM person_theme_figures t GROUP BY t.org_id, t.day;
  END IF;
END
$fast$`,
  // 0041's dues rows: its own sources (the union inside its ancestor join), the member and unit rows read from
  // the tables its rebuild has just written, rolled up level by level.
  'tj_figures_recount_0041()': (original) => {
    const union = /sum\(d\.value\)::bigint FROM \(([\s\S]*)\) d\s+JOIN organizations x/.exec(original)?.[1];
    if (!union) throw new Error(`bench rebuild: tj_figures_recount_0041() is no longer a union inside an ancestor join:\n${original}`);
    const src = replaceOnce(replaceOnce(union, DUES_PERSON_ROWS_OF_ALL, 'dues_person_figures'), 'tj_unit_figure_rows(ARRAY(SELECT id FROM admin_units))', 'unit_figures');
    return `CREATE OR REPLACE FUNCTION tj_figures_recount_0041() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $fast$
            BEGIN PERFORM tj_fast_rollup($src$${src}$src$); END $fast$`;
  },
  // 0038's first theme day of each member and year under each ancestor: the attendance grouped by the
  // meeting's own organization first, then joined to the ancestors of those organizations only (a hash join)
  // instead of probing the ancestors of every attendance row.
  'tj_theme_member_rows(bigint[])': `
CREATE OR REPLACE FUNCTION tj_theme_member_rows(p_ids bigint[]) RETURNS TABLE (person_id bigint, org_id bigint, day date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fast$
  WITH own AS MATERIALIZED (
    SELECT a.person_id, m.org_id, extract(year FROM m.held_on) AS y, min(m.held_on) AS d
      FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
     WHERE a.person_id = ANY (p_ids) AND a.present AND m.status = 'held' AND m.kind IN ('theme_day', 'oath_ceremony') AND m.held_on IS NOT NULL
     GROUP BY 1, 2, 3),
  anc AS MATERIALIZED (
    SELECT x.id AS org_id, a.id AS anc_id FROM organizations x JOIN organizations a ON a.path @> x.path
     WHERE x.id IN (SELECT DISTINCT own.org_id FROM own))
  SELECT own.person_id, anc.anc_id, min(own.d) FROM own JOIN anc ON anc.org_id = own.org_id GROUP BY own.person_id, anc.anc_id, own.y
$fast$`,
  'tj_figures_recount_0044()': `
CREATE OR REPLACE FUNCTION tj_figures_recount_0044() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $fast$
BEGIN
  PERFORM tj_fast_rollup($src$SELECT d.branch_id AS org_id, 'rank:dues' AS metric, d.month AS day, 1::bigint AS value FROM dues_behind d$src$);
END
$fast$`,
};

/** At city size: the set-based rebuild gives exactly the rows of the original recount (both directions). */
export async function checkFastRebuild(database: Database): Promise<{ rows: number; missing: number; extra: number; metrics: string | null }> {
  const [r] = await withSystem(database, 'bench', (tx) =>
    query<{ rows: number; missing: number; extra: number; metrics: string | null }>(
      tx,
      sql`with c as materialized (select * from tj_figures_recount()),
          m as materialized (select c.* from c where not exists (select 1 from org_figures f where f.org_id = c.org_id and f.metric = c.metric and f.day = c.day and f.value = c.value)),
          e as materialized (select f.* from org_figures f where not exists (select 1 from c where f.org_id = c.org_id and f.metric = c.metric and f.day = c.day and f.value = c.value))
          select (select count(*) from org_figures)::int as rows, (select count(*) from m)::int as missing, (select count(*) from e)::int as extra,
                 (select string_agg(distinct regexp_replace(x.metric, '^([^:]+:[^:]+).*$', '\\1'), ', ') from (select metric from m union all select metric from e) x) as metrics`,
    ),
  );
  return r!;
}
