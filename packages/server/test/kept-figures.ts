import { afterAll, beforeAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, systemRows, type TestContext } from './helpers.js';

/**
 * Shared by the tests of kept figures (issue 15: org_figures and the tables that feed it). Each test file
 * has one test app; TJ_TODAY, which the tests move to check statistical dates, is put back afterwards.
 */
export function keptFiguresApp(set: (t: TestContext) => void): void {
  const savedToday = process.env.TJ_TODAY;
  let app: TestContext | undefined;
  beforeAll(async () => {
    app = await createTestApp();
    set(app);
  });
  afterAll(async () => {
    if (savedToday === undefined) delete process.env.TJ_TODAY;
    else process.env.TJ_TODAY = savedToday;
    await app?.close();
  });
}

/**
 * The kept rows of org_figures that differ from a full recount from the records (tj_figures_recount()),
 * both directions: 'missing' (the recount has it, the kept rows not) and 'extra'. `prefix` limits both to
 * some metrics; `first` puts the metrics with that prefix first among the ten shown.
 */
export function keptMismatches(t: TestContext, opts: { prefix?: string; first?: string } = {}): Promise<unknown[]> {
  const prefix = opts.prefix ?? '';
  return systemRows(
    t.database,
    sql`with r as (select * from tj_figures_recount() where starts_with(metric, ${prefix})),
             f as (select org_id, metric, day, value from org_figures where starts_with(metric, ${prefix}) and value <> 0)
        select * from ((select 'missing' as kind, * from r except select 'missing', * from f)
                       union all
                       (select 'extra', * from f except select 'extra', * from r)) d
        order by starts_with(d.metric, ${opts.first ?? prefix}) desc limit 10`,
  );
}

/**
 * The ordered rows of the paged branch lists (migration 0044: dues_ranked, study_ranked) that differ from their
 * recount from the records (tj_ranked_recount()), both directions, ten at most.
 */
export function rankedMismatches(t: TestContext): Promise<unknown[]> {
  return systemRows(
    t.database,
    sql`with r as (select list, anc_id, period::text, r4, unpaid, path::text, org_id from tj_ranked_recount()),
             k as (select list, anc_id, period::text, r4, unpaid, path::text, org_id from tj_ranked_kept())
        select * from ((select 'missing' as kind, * from r except select 'missing', * from k)
                       union all
                       (select 'extra', * from k except select 'extra', * from r)) d
        order by d.list, d.anc_id limit 10`,
  );
}
