import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { seedCadresDemo } from '../../src/seed/demo-cadres.js';
import { orgId, systemRows, type TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/* Test data helpers shared by the cadre API tests, and the route walk's samples. */

/** Today in China (the server's business date; TJ_TODAY pins both). */
export function todayCn(): string {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const thisYear = () => Number(todayCn().slice(0, 4));

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The cadre demo data, unless the start-up already loaded it. */
export async function ensureCadreDemo(t: TestContext): Promise<void> {
  const [row] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from cadres`);
  if (row!.n > 0) return;
  const today = todayCn();
  await withSystem(t.database, 'test', (tx) => seedCadresDemo(tx, { today, year: Number(today.slice(0, 4)) }));
}

export const township = (name: string) => `共青团余庆县${name}委员会`;

/* Route walk (scope.test.ts): valid bodies apart from the out-of-scope reference. */

const today = () => todayCn();

export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/cadres': (ids) => ({ orgId: ids.org, personId: ids.person, establishment: 'outside', civilServant: false, localResident: true }),
  'PATCH /api/cadres/:id': () => ({ version: 1, workUnit: '越权修改' }),
  'POST /api/cadres/:id/posts': (ids) => ({ orgId: ids.org, title: 'member', employment: 'part_time', startOn: today() }),
  'POST /api/cadre-posts/:id/end': () => ({ endOn: today(), reason: '越权测试' }),
  'POST /api/cadre-posts/:id/duty': () => ({ onDuty: false }),
  'POST /api/cadres/terms': (ids) => ({ orgId: ids.org, startedOn: today() }),
  'POST /api/elections': (ids) => ({
    orgId: ids.org,
    kind: 'election',
    title: '越权换届选举测试',
    plannedOn: today(),
    seats: [{ title: 'secretary', employment: 'part_time', seats: 1 }],
    actor: '越权者',
  }),
  'POST /api/elections/:id/candidates': (ids) => ({ cadreId: ids.cadre, source: 'democratic', postTitle: 'member' }),
  'POST /api/elections/:id/steps': (ids) => ({
    step: 'vote',
    actedOn: today(),
    actor: '越权者',
    entitled: 10,
    present: 9,
    ballotsIssued: 9,
    ballotsReturned: 9,
    candidateIds: [ids.electionCandidate],
    votes: [9],
  }),
  'POST /api/elections/:id/approve': () => ({ actedOn: today(), actor: '越权者' }),
  'POST /api/elections/:id/cancel': () => ({ reason: '越权取消', actor: '越权者' }),
  'POST /api/election-candidates/:id/qualification': () => ({ qualified: false, note: '越权审查' }),
  'POST /api/election-candidates/:id/objection': () => ({ receivedOn: today(), text: '越权异议' }),
  'POST /api/election-candidates/:id/objection-resolution': () => ({ actedOn: today(), upheld: true, finding: '越权核实', actor: '越权者' }),
  'POST /api/cadre-appraisals': (ids) => ({ orgId: ids.org, title: '越权考核测试', kind: 'routine', year: thisYear(), target: 'listed', cadreIds: [ids.cadre] }),
  'PUT /api/cadre-appraisals/:id/scores': (ids) => ({ cadreId: ids.cadre, inner: 90, party: 90, youth: 90 }),
  'POST /api/cadre-appraisals/:id/close': () => ({}),
  'POST /api/trainings': (ids) => ({ orgId: ids.org, title: '越权培训测试', kind: 'basic', startOn: today(), endOn: today(), hours: 4 }),
  'POST /api/trainings/:id/attendance': (ids) => ({ cadreIds: [ids.cadre] }),
  'POST /api/reserve-talents': (ids) => ({ personId: ids.person, recommendedBy: '越权者', reason: '越权推荐测试', recommendedOn: today() }),
  'POST /api/reserve-talents/:id/status': () => ({ status: 'removed' }),
  'POST /api/liaisons': (ids) => ({ cadreId: ids.cadre, role: 'committee_member', targetOrgId: ids.org, targetPersonId: ids.person, since: today() }),
  'POST /api/liaisons/:id/end': () => ({ until: today() }),
  'POST /api/liaisons/:id/contacts': () => ({ contactedOn: today(), method: 'visit', content: '越权联系测试' }),
};

/**
 * The demo data holds cadres, posts, elections with candidates, trainings,
 * reserve talents and liaisons in both townships; appraisal campaigns are
 * county-level in the demo, so each township gets one of its own here.
 */
export async function prepareRecords(t: TestContext): Promise<void> {
  await ensureCadreDemo(t);
  for (const name of ['白泥镇', '龙溪镇']) {
    const town = await orgId(t.database, township(name));
    const [cadre] = await systemRows<{ id: number; org_id: number }>(
      t.database,
      sql`select c.id, c.org_id from cadres c where c.org_id = ${town} order by c.id limit 1`,
    );
    const [campaign] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into appraisal_campaigns (org_id, title, kind, year, weights, status)
          values (${town}, ${`${name}团支部书记平时考核`}, 'routine', ${thisYear()}, '{"inner":0.4,"party":0.3,"youth":0.3}'::jsonb, 'open') returning id`,
    );
    await systemRows(t.database, sql`insert into appraisal_scores (campaign_id, org_id, cadre_id) values (${campaign!.id}, ${cadre!.org_id}, ${cadre!.id}) returning id`);
  }
}
