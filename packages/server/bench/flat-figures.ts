/**
 * Issue 15: each overview figure kept in org_figures beside its plain computation, in the same run.
 *
 * "maintained": the real route through the API (session, scope, the handler reading org_figures);
 * "plain": the same figures computed from the records by the live queries (overview(…, plain)), in
 * one transaction on the same database, no HTTP. Both must give the same answer (checked once per
 * organization before timing).
 *
 * As part of `npm run bench` (run.ts calls flatFiguresBench on the loaded region), and on its own
 * on the demo county with its year of records (PGlite, in memory):
 *   npx tsx packages/server/bench/flat-figures.ts [--scale 1] [--runs 30]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/connection.js';
import { withScope, withSystem, type Actor } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { loadRules } from '../src/http/route.js';
import { overview } from '../src/modules/org-life/overview.js';
import { activityStats } from '../src/modules/org-life/activities.js';
import { appraisalSummary, registrationProgress } from '../src/modules/membership/registration.js';
import { peopleOverview } from '../src/modules/people/stats.js';
import { loadDemoCounty } from './demo-county.js';
import { report as duesReport } from '../src/modules/daily-work/dues.js';
import { monthOf, today } from '../src/modules/daily-work/common.js';
import { funnel } from '../src/modules/development/quotas.js';
import { recommendationSummary } from '../src/modules/membership/party.js';
import { orgOverview } from '../src/modules/stats/org-overview.js';
import { archiveOverview } from '../src/modules/archive/service.js';
import { cadreOverview } from '../src/modules/cadres/overview.js';
import { rates as cadreRates, structure as cadreStructure } from '../src/modules/cadres/stats.js';
import { trainingSummary } from '../src/modules/cadres/training.js';
import { summary as reserveSummary } from '../src/modules/cadres/reserve.js';
import { studyStats } from '../src/modules/org-life/study.js';
import { compliancePage } from '../src/modules/org-life/compliance-figures.js';
import { listRecords, listVolunteers } from '../src/modules/org-life/volunteers.js';
import { currentYear } from '../src/lib/clock.js';

export interface FlatFigureRow {
  figure: string;
  org: string;
  plain: { p50: number; p95: number };
  maintained: { p50: number; p95: number };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function timed(runs: number, fn: () => Promise<unknown>, budgetMs = 30_000) {
  // Three calls first, not counted: each side is measured warm, not paying for the other side's garbage (the plain
  // computation just before allocates hundreds of megabytes) or for the first compilation of its own code.
  for (let i = 0; i < Math.min(3, runs); i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs && (i < 3 || performance.now() - started < budgetMs); i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

/** The figures of issue 15 kept so far: endpoint, and its plain computation over the same organization (also bench/flat-scale.ts). */
export function figures(database: Database, actor: Actor) {
  return [
    {
      figure: 'org-life/stats/overview',
      url: (orgId: number) => `/api/org-life/stats/overview?orgId=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => overview(tx, rules, { orgId }, { plain: true }));
      },
    },
    {
      figure: 'org-life/stats/activities 0043',
      url: (orgId: number) => `/api/org-life/stats/activities?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => activityStats(tx, { orgId } as never, { plain: true })),
    },
    {
      figure: 'membership/registrations/progress',
      url: (orgId: number) => `/api/membership/registrations/progress?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => registrationProgress(tx, { orgId } as never, { plain: true })),
    },
    {
      figure: 'membership/appraisals/summary',
      url: (orgId: number) => `/api/membership/appraisals/summary?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => appraisalSummary(tx, { orgId } as never, { plain: true })),
    },
    {
      figure: 'stats/people-overview',
      url: (orgId: number) => `/api/stats/people-overview?orgId=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => peopleOverview(tx, orgId, rules, { plain: true }));
      },
    },
    // cadres (migration 0037): the county home's cadre card, 配备率/在岗率, the structure with the previous term, training, reserve.
    {
      figure: 'cadres/overview',
      url: (orgId: number) => `/api/cadres/overview?orgId=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => cadreOverview(tx, orgId, rules, { plain: true }));
      },
    },
    {
      figure: 'cadres/rates',
      url: (orgId: number) => `/api/cadres/rates?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => cadreRates(tx, { orgId }, { plain: true })),
    },
    {
      figure: 'cadres/structure (compare)',
      url: (orgId: number) => `/api/cadres/structure?under=${orgId}&compare=true`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => cadreStructure(tx, { under: orgId, compare: true }, rules, { plain: true }));
      },
    },
    {
      figure: 'trainings/summary',
      url: (orgId: number) => `/api/trainings/summary?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => trainingSummary(tx, { orgId }, { plain: true })),
    },
    {
      figure: 'reserve-talents/summary',
      url: (orgId: number) => `/api/reserve-talents/summary?orgId=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => reserveSummary(tx, orgId, rules, { plain: true }));
      },
    },
    // org life and youth work (migration 0038): 参学率, the home's branches behind, the 志愿服务 page's totals.
    {
      figure: 'org-life/stats/study',
      url: (orgId: number) => `/api/org-life/stats/study?orgId=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => studyStats(tx, rules, { orgId }, currentYear(), { plain: true }));
      },
    },
    {
      figure: 'org-life/meetings/compliance (behind, page 1)',
      url: (orgId: number) => `/api/org-life/meetings/compliance?orgId=${orgId}&behindOnly=true&page=1&pageSize=8`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => compliancePage(tx, rules, { orgId, behindOnly: true, page: 1, pageSize: 8 }, { plain: true }));
      },
    },
    {
      figure: 'org-life/volunteers (totals, page 1)',
      url: (orgId: number) => `/api/org-life/volunteers?under=${orgId}&page=1&pageSize=20`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => listVolunteers(tx, rules, { under: orgId, page: 1, pageSize: 20 }, { plain: true }));
      },
    },
    {
      figure: 'org-life/service-records (totals, page 1)',
      url: (orgId: number) => `/api/org-life/service-records?under=${orgId}&page=1&pageSize=20`,
      plain: (orgId: number) => withScope(database, actor, (tx) => listRecords(tx, { under: orgId, page: 1, pageSize: 20 }, { plain: true })),
    },
    // dues and the other home figures (migration 0041); names end in 0041 (--only 0041).
    {
      figure: 'daily-work/dues/report (year to date) 0041',
      url: (orgId: number) => `/api/daily-work/dues/report?under=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => duesReport(tx, { under: orgId }, rules, { plain: true }));
      },
    },
    {
      figure: 'daily-work/dues/report (this month) 0041',
      url: (orgId: number) => `/api/daily-work/dues/report?under=${orgId}&from=${monthOf(today())}&to=${monthOf(today())}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => duesReport(tx, { under: orgId, from: monthOf(today()), to: monthOf(today()) }, rules, { plain: true }));
      },
    },
    {
      figure: 'daily-work/dues/report (this month, behind, page 1 of 8) 0041',
      url: (orgId: number) => `/api/daily-work/dues/report?under=${orgId}&from=${monthOf(today())}&to=${monthOf(today())}&behindOnly=true&page=1&pageSize=8`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) =>
          duesReport(tx, { under: orgId, from: monthOf(today()), to: monthOf(today()), behindOnly: true, page: 1, pageSize: 8 }, rules, { plain: true }),
        );
      },
    },
    {
      figure: 'stats/development-funnel 0041',
      url: (orgId: number) => `/api/stats/development-funnel?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => funnel(tx, orgId, Number(today().slice(0, 4)), { plain: true })),
    },
    {
      figure: 'stats/org-overview 0041',
      url: (orgId: number) => `/api/stats/org-overview?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => orgOverview(tx, orgId, { plain: true })),
    },
    {
      figure: 'membership/party-recommendations/summary 0041',
      url: (orgId: number) => `/api/membership/party-recommendations/summary?orgId=${orgId}`,
      plain: (orgId: number) => withScope(database, actor, (tx) => recommendationSummary(tx, { orgId } as never, { plain: true })),
    },
    {
      figure: 'archive/overview 0041',
      url: (orgId: number) => `/api/archive/overview?under=${orgId}`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => archiveOverview(tx, { under: orgId }, rules, { plain: true }));
      },
    },
    {
      figure: 'archive/overview page 3 0041',
      url: (orgId: number) => `/api/archive/overview?under=${orgId}&page=3&pageSize=20`,
      plain: async (orgId: number) => {
        const rules = await loadRules(database);
        return withScope(database, actor, (tx) => archiveOverview(tx, { under: orgId, page: 3, pageSize: 20 }, rules, { plain: true }));
      },
    },
  ];
}

export async function flatFiguresBench(
  app: FastifyInstance,
  database: Database,
  cookie: string,
  actor: Actor,
  orgs: { label: string; id: number }[],
  opts: { runs: number; log?: (line: string) => void; only?: string },
): Promise<FlatFigureRow[]> {
  const rows: FlatFigureRow[] = [];
  // Bulk loads before this (the inbox bench's meetings) write with triggers off: rebuild the kept figures first.
  const t0 = performance.now();
  await withSystem(database, 'bench', (tx) => tx.execute(sql`select tj_figures_rebuild()`));
  opts.log?.(`flat figures rebuilt from the records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json();
  };
  for (const f of figures(database, actor).filter((x) => !opts.only || x.figure.includes(opts.only))) {
    for (const org of orgs) {
      const a = await get(f.url(org.id));
      const b = JSON.parse(JSON.stringify(await f.plain(org.id)));
      if (!isDeepStrictEqual(a, b)) throw new Error(`${f.figure} ${org.label}: maintained and plain figures differ\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
      const plain = await timed(opts.runs, () => f.plain(org.id));
      const maintained = await timed(opts.runs, () => get(f.url(org.id)));
      const row = { figure: f.figure, org: org.label, plain, maintained };
      rows.push(row);
      opts.log?.(`${f.figure} — ${org.label}: plain ${plain.p50.toFixed(1)}/${plain.p95.toFixed(1)} ms, maintained ${maintained.p50.toFixed(1)}/${maintained.p95.toFixed(1)} ms (p50/p95)`);
    }
  }
  return rows;
}

export function printFlatFigureRows(rows: FlatFigureRow[]) {
  console.log('\n| figure (issue 15) | organization | plain p50 / p95 ms | maintained p50 / p95 ms | ratio (p95) |\n|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.figure} | ${r.org} | ${r.plain.p50.toFixed(1)} / ${r.plain.p95.toFixed(1)} | ${r.maintained.p50.toFixed(1)} / ${r.maintained.p95.toFixed(1)} | ${(r.plain.p95 / r.maintained.p95).toFixed(0)}× |`,
    );
}

/** The scope a login's requests run in, for the plain computations. */
export async function actorOf(database: Database, username: string): Promise<Actor> {
  const [a] = await withSystem(database, 'bench', (tx) =>
    query<{ id: number; path: string }>(tx, sql`select a.id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username = ${username}`),
  );
  return { accountId: Number(a!.id), name: username, scopePath: a!.path };
}

/* ------------------------------------------------- standalone: the demo county */

async function demoCounty() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '30' }, only: { type: 'string' } } });
  const { database, app, login, rootAndTownship, close } = await loadDemoCounty(Number(values.scale));
  const cookie = await login('county_admin');
  const orgs = await rootAndTownship();
  const rows = await flatFiguresBench(app, database, cookie, await actorOf(database, 'county_admin'), orgs, { runs: Number(values.runs), log: (l) => console.log(l), only: values.only });
  printFlatFigureRows(rows);
  await close();
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  demoCounty().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
