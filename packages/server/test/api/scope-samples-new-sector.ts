import type { api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { today } from '../../src/lib/clock.js';
import { seedRegistriesDemo } from '../../src/seed/demo-registries.js';
import type { TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/** Registries of issue 17 (三新 coverage, honors): bodies valid except for the reference under test. */
export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/registries/new-sector/units': (ids) => ({ orgId: ids.org, kind: 'non_public_enterprise', name: '越权登记有限公司' }),
  'PATCH /api/registries/new-sector/units/:id': (ids) => ({ leagueOrgId: ids.org }),
  'POST /api/registries/new-sector/import': (ids) => ({ orgId: ids.org, fileName: 'x.xlsx', contentBase64: 'UEsDBA==' }),
  'POST /api/registries/honors': (ids) => ({ recipientKind: 'person', personId: ids.person, awardType: '优秀志愿者', title: '越权登记', level: 'county', awardingBody: '越权机关', year: 2025 }),
  'POST /api/registries/honors/import': (ids) => ({ orgId: ids.org, fileName: 'x.xlsx', contentBase64: 'UEsDBA==' }),
  'POST /api/registries/honors/:id/certificates': () => ({ fileName: 'x.pdf', contentBase64: 'JVBERi0xLjQK' }),
  'PUT /api/registries/assessment/schemes/:id/manual-scores': (ids) => ({ orgId: ids.org, indicatorKey: 'party_study', score: 5, note: '越权评分' }),
  'POST /api/registries/election-campaigns': (ids) => ({ orgId: ids.org, title: '越权部署', deadline: '2099-12-31', targetIds: [ids.org] }),
  'POST /api/registries/assessment/manual-scores/:id/evidence': () => ({ fileName: 'x.pdf', contentBase64: 'JVBERi0xLjQK' }),
};

/** The demo's 三新 units and honors in every township (the test database holds the registry only). */
export async function prepareRecords(t: TestContext): Promise<void> {
  const on = today();
  await withSystem(t.database, 'demo', (tx) => seedRegistriesDemo(tx, { today: on, year: Number(on.slice(0, 4)) }));
}
