/**
 * Synthetic trees for the benchmarks at city, province and national size,
 * generated inside the database with set-based SQL (generate_series), so that
 * millions of rows load in minutes rather than hours.
 *
 * Shapes follow the league's structure: each level's fan-out is fixed, the
 * sector of a unit is drawn from the distribution below, members are spread
 * unevenly over branches (a few large school/SOE branches, many small village
 * ones), ages follow the 14–28 (members) and 14–35 (youth) bands, ID numbers
 * are valid GB 11643 numbers whose gender digit matches the gender.
 *
 * The bulk load bypasses the row triggers (audit, rollups, path) by running
 * with session_replication_role = replica, sets paths itself and then builds
 * the rollups in one aggregate — the state is the same as if each row had been
 * written through the application (the rollup test proves that equivalence
 * for the triggers; here `tj_rollup_recount()` is not used because its
 * ancestor join is too slow at millions of rows).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';

export type SyntheticSize = 'city' | 'province' | 'national';

interface Shape {
  root: { type: string; name: string };
  /** Below the root: organization type and how many under each parent. */
  levels: { type: string; fanout: number; name: string }[];
  members: number;
  /** Non-member youth per member in the registry. */
  youthPerMember: number;
}

export const SHAPES: Record<SyntheticSize, Shape> = {
  // ~3,000 organizations, 100k members (a prefecture-level city of 10 counties).
  city: {
    root: { type: 'city', name: '共青团合成市委员会' },
    levels: [
      { type: 'county', fanout: 10, name: '县委员会' },
      { type: 'township', fanout: 15, name: '镇委员会' },
      { type: 'general_branch', fanout: 3, name: '团总支' },
      { type: 'branch', fanout: 8, name: '团支部' },
    ],
    members: 100_000,
    youthPerMember: 3,
  },
  // ~268k organizations, 5 million members.
  province: {
    root: { type: 'provincial', name: '共青团合成省委员会' },
    levels: [
      { type: 'city', fanout: 14, name: '市委员会' },
      { type: 'county', fanout: 8, name: '县委员会' },
      { type: 'township', fanout: 18, name: '镇委员会' },
      { type: 'general_branch', fanout: 12, name: '团总支' },
      { type: 'branch', fanout: 10, name: '团支部' },
    ],
    members: 5_000_000,
    youthPerMember: 0.2,
  },
  // ~3.7 million organizations, 75 million members (PostgreSQL only; hundreds of GB of disk).
  national: {
    root: { type: 'central', name: '共青团合成中央' },
    levels: [
      { type: 'provincial', fanout: 31, name: '省委员会' },
      { type: 'city', fanout: 12, name: '市委员会' },
      { type: 'county', fanout: 9, name: '县委员会' },
      { type: 'township', fanout: 18, name: '镇委员会' },
      { type: 'general_branch', fanout: 10, name: '团总支' },
      { type: 'branch', fanout: 5, name: '团支部' },
    ],
    members: 75_000_000,
    youthPerMember: 0,
  },
};

/** Sector of a grassroots unit by a uniform draw u in [0,1). */
const SECTOR_CASE = sql.raw(`CASE
  WHEN u < 0.40 THEN 'village' WHEN u < 0.55 THEN 'community' WHEN u < 0.75 THEN 'school'
  WHEN u < 0.85 THEN 'government' WHEN u < 0.90 THEN 'state_enterprise' WHEN u < 0.97 THEN 'non_public_enterprise'
  ELSE 'social_organization' END`);

export interface SyntheticResult {
  rootId: number;
  orgs: number;
  people: number;
  members: number;
  seconds: { orgs: number; people: number; indexes: number; rollups: number };
}

/** Loads one synthetic tree into an empty (migrated) database. */
export async function loadSynthetic(database: Database, size: SyntheticSize, log: (line: string) => void = () => {}): Promise<SyntheticResult> {
  const shape = SHAPES[size];
  const seconds = { orgs: 0, people: 0, indexes: 0, rollups: 0 };
  const rootId = await withSystem(database, 'bench', async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    let t = performance.now();
    const [root] = await query<{ id: number }>(
      tx,
      sql`insert into organizations (name, type, sector, region_code) values (${shape.root.name}, ${shape.root.type}, 'other', '100000') returning id`,
    );
    const rootId = Number(root!.id);
    await tx.execute(sql`update organizations set path = ${String(rootId)}::ltree where id = ${rootId}`);
    let parentType = shape.root.type;
    for (const level of shape.levels) {
      const grassroots = level.type === 'general_branch' || level.type === 'branch';
      // One set-based insert per level; ids come from the identity sequence so the path is known at insert time.
      await tx.execute(sql`
        insert into organizations (id, parent_id, path, name, type, sector, region_code, status, sort_order) overriding system value
        select s.id, s.parent_id, s.ppath || s.id::text, s.pname || '第' || s.g || ${level.name}, ${level.type},
               ${grassroots ? SECTOR_CASE : sql`'other'`},
               ${level.type === 'county' ? sql`lpad((100000 + s.id % 900000)::text, 6, '0')` : sql`null`}, 'active', s.g
          from (select nextval(pg_get_serial_sequence('organizations', 'id')) as id, p.id as parent_id, p.path as ppath,
                       regexp_replace(p.name, '^共青团', '') as pname, g, random() as u
                  from organizations p cross join generate_series(1, ${level.fanout}) g
                 where p.type = ${parentType}) s`);
      parentType = level.type;
      const [n] = await query<{ n: number }>(tx, sql`select count(*)::int as n from organizations where type = ${level.type}`);
      log(`  ${level.type}: ${n!.n} organizations`);
    }
    seconds.orgs = (performance.now() - t) / 1000;

    // Branches numbered 1..n, with a weight that makes a few branches large and most small.
    t = performance.now();
    await tx.execute(sql`create temporary table bench_branches on commit drop as
      select row_number() over (order by id) as rn, id, sector from organizations where type = 'branch'`);
    await tx.execute(sql`create index on bench_branches (rn)`);
    await tx.execute(sql`
      create function pg_temp.id_check(f text) returns text language sql immutable as $$
        select substr('10X98765432', 1 + (sum(substr(f, i, 1)::int * ((2 ^ (18 - i))::bigint % 11)) % 11)::int, 1)
          from generate_series(1, 17) i
      $$`);
    const [{ n: branches } = { n: 0 }] = await query<{ n: number }>(tx, sql`select count(*)::int as n from bench_branches`);
    const total = Math.round(shape.members * (1 + shape.youthPerMember));
    const batch = 1_000_000;
    for (let from = 1; from <= total; from += batch) {
      const to = Math.min(total, from + batch - 1);
      // g ≤ members are members (aged 14–28), the rest non-member youth (14–35); the last 3 digits of
      // the ID sequence carry the gender (odd = male), the region digits make every number unique.
      await tx.execute(sql`
        insert into people (org_id, name, gender, id_number, birth_date, ethnicity, education, political_status, is_student,
                            member_status, joined_on, registry_status)
        select b.id, x.name, x.gender, x.first17 || pg_temp.id_check(x.first17), x.birth, '01', '60', x.political,
               b.sector = 'school', x.member_status, x.joined_on, 'active'
          from (select g,
                       1 + floor(${branches} * power(random(), 1.15))::int as rn,
                       (array['张','王','李','赵','刘','陈','杨','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'])[1 + g % 20]
                         || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + (g / 20) % 20]
                         || case when g % 3 = 0 then (array['华','建','国','文','红','玉','兰','英','云','辉'])[1 + (g / 400) % 10] else '' end as name,
                       case when (g % 1000) % 2 = 1 then 'male' else 'female' end as gender,
                       lpad((100000 + (g / 1000) % 900000)::text, 6, '0')
                         || to_char(d.birth, 'YYYYMMDD') || lpad((g % 1000)::text, 3, '0') as first17,
                       d.birth,
                       case when g <= ${shape.members} then '03' else '13' end as political,
                       case when g <= ${shape.members} then 'active' end as member_status,
                       case when g <= ${shape.members} then d.birth + interval '15 years' end as joined_on
                  from generate_series(${from}::bigint, ${to}::bigint) g
                  cross join lateral (select (date '2026-11-27' - (case when g <= ${shape.members} then 14 * 365 + (g * 7919) % (14 * 365)
                                                                          else 14 * 365 + (g * 7919) % (21 * 365) end)::int) as birth) d) x
          join bench_branches b on b.rn = x.rn`);
      log(`  people: ${to.toLocaleString()} / ${total.toLocaleString()}`);
    }
    seconds.people = (performance.now() - t) / 1000;

    // Rollups: per organization first, then to every ancestor through the path labels.
    t = performance.now();
    await tx.execute(sql`
      insert into org_rollups (org_id, metric, value)
      select a.id::bigint, d.metric, sum(d.n)::bigint
        from (select org_id, metric, count(*) as n
                from (select p.org_id, unnest(tj_person_metrics(p.registry_status, p.member_status, p.gender, p.is_student, p.birth_date)) as metric
                        from people p) z
               group by 1, 2
              union all
              select o.id, unnest(tj_org_metrics(o.status, o.type, o.sector)), 1 from organizations o) d
        join organizations x on x.id = d.org_id
        cross join lateral unnest(string_to_array(x.path::text, '.')) as a(id)
       group by 1, 2`);
    seconds.rollups = (performance.now() - t) / 1000;
    return rootId;
  });
  const t = performance.now();
  await withSystem(database, 'bench', (tx) => tx.execute(sql`analyze`));
  seconds.indexes = (performance.now() - t) / 1000;
  const [counts] = await withSystem(database, 'bench', (tx) =>
    query<{ orgs: number; people: number; members: number }>(
      tx,
      sql`select (select count(*) from organizations)::int as orgs, (select count(*) from people)::int as people,
                 (select count(*) from people where member_status = 'active')::int as members`,
    ),
  );
  return { rootId, orgs: counts!.orgs, people: counts!.people, members: counts!.members, seconds };
}
