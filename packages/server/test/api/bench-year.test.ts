import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, systemRows, type TestContext } from '../helpers.js';
import { checkFastRebuild, loadSyntheticYear, rebuildFigures } from '../../bench/synthetic-year.js';
import { appliedInAnotherVersion } from '../../bench/landed-migrations.js';
import { MIGRATIONS_DIR } from '../../src/paths.js';

/**
 * The benchmarks' year of records (bench/synthetic-year.ts, used for the province of issue 15) and the
 * set-based rebuild of the kept figures that fills org_figures after it: on the test county (its tree and
 * people, no records yet) the year writes every kind of record, and the set-based rebuild gives exactly
 * the rows tj_figures_recount() gives, for every figure source any migration has added (org life, cadres,
 * dues, home figures…). A kept figure that the set-based form missed would show here as missing rows,
 * and the bench would then compare wrong figures at province size.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) => Number((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);

describe('bench: a year of records and the set-based rebuild of the kept figures', () => {
  it('writes a year of every kind of record on the tree, and the set-based rebuild equals tj_figures_recount()', async () => {
    expect(await count('meetings')).toBe(0);
    const parts = await loadSyntheticYear(t.database, () => {}, { today: '2026-07-15' });
    const written = Object.fromEntries(parts.map((p) => [p.part.split(' (')[0]!, p.rows]));
    for (const part of ['meetings', 'attendance', 'attachments', 'venues', 'activities', 'volunteers', 'study rounds and participation', 'registrations', 'appraisals', 'appeals'])
      expect(written[part], part).toBeGreaterThan(0);
    expect(parts.find((p) => p.part.startsWith('dues payments'))!.rows).toBeGreaterThan(0);
    // Held and planned meetings, and a theme day's attendance of the branch's members.
    const [m] = await systemRows<{ held: number; planned: number }>(
      t.database,
      sql`select count(*) filter (where status = 'held')::int as held, count(*) filter (where status = 'planned')::int as planned from meetings`,
    );
    expect(m!.held).toBeGreaterThan(0);
    expect(m!.planned).toBeGreaterThan(0);

    await rebuildFigures(t.database, { fast: true });
    const check = await checkFastRebuild(t.database);
    expect(check.rows).toBeGreaterThan(1000);
    expect(check).toMatchObject({ missing: 0, extra: 0, metrics: null });
    // The recount used for the check is the migrations' own again (the bench's replaced it only inside its transaction).
    const [def] = await systemRows<{ def: string }>(t.database, sql`select pg_get_functiondef('tj_figures_recount()'::regprocedure) as def`);
    expect(def!.def).not.toContain('tj_fast_own');
    // And org_figures has its primary key back, as the migrations define it (0054: carrying the value).
    const pk = await systemRows<{ def: string }>(t.database, sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'org_figures_pk'`);
    expect(pk.map((r) => r.def)).toEqual(['PRIMARY KEY (org_id, metric, day) INCLUDE (value)']);
  }, 240_000);

  it('names the migrations a long-lived database applied in another version than the committed file', async () => {
    // tj_city applied 0037 before its composition-issue rows (cad:ci:sec) were added to the file; drizzle never
    // applies a migration again, so its cadre overview differed from the live computation with no defect in the code.
    expect(await appliedInAnotherVersion(t.database)).not.toContain('0037_cadre_terms');
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    const when = journal.entries.find((e) => e.tag === '0037_cadre_terms')!.when;
    await t.database.db.execute(sql`update drizzle.__drizzle_migrations set hash = 'an earlier 0037' where created_at = ${when}`);
    expect(await appliedInAnotherVersion(t.database)).toContain('0037_cadre_terms');
  }, 60_000);
});
