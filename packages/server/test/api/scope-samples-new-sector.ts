import type { api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { today } from '../../src/lib/clock.js';
import { seedRegistriesDemo } from '../../src/seed/demo-registries.js';
import type { TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/** Registries of issue 17 (三新 coverage): bodies valid except for the reference under test. */
export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/registries/new-sector/units': (ids) => ({ orgId: ids.org, kind: 'non_public_enterprise', name: '越权登记有限公司' }),
  'PATCH /api/registries/new-sector/units/:id': (ids) => ({ leagueOrgId: ids.org }),
  'POST /api/registries/new-sector/import': (ids) => ({ orgId: ids.org, fileName: 'x.xlsx', contentBase64: 'UEsDBA==' }),
};

/** The demo's 三新 units in every township (the test database holds the registry only). */
export async function prepareRecords(t: TestContext): Promise<void> {
  const on = today();
  await withSystem(t.database, 'demo', (tx) => seedRegistriesDemo(tx, { today: on, year: Number(on.slice(0, 4)) }));
}
