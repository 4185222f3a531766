import type { api } from '@tuanjian/domain';
import { sql } from 'drizzle-orm';
import { withSystem } from '../../src/db/context.js';
import { today } from '../../src/lib/clock.js';
import { seedRegistriesSmallDemo } from '../../src/seed/demo-registries-small.js';
import type { TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/** Smaller registries of issue 17, item 6: bodies valid except for the reference under test. */
export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'PUT /api/registries/programs': (ids) => ({ cadreId: ids.cadre, program: '西部计划', programYear: 2025 }),
  'POST /api/registries/supervision/contacts': (ids) => ({ orgId: ids.org, leaderName: '越权领导', assignedOn: '2026-01-01' }),
  'PATCH /api/registries/supervision/contacts/:id': () => ({ note: '越权修改' }),
  'POST /api/registries/supervision/visits': (ids) => ({ contactId: ids.supervisionContact, visitedOn: '2026-01-02', content: '越权走访' }),
  'PATCH /api/registries/supervision/visits/:id': () => ({ followUpDone: true }),
  'POST /api/registries/supervision/visits/import': (ids) => ({ orgId: ids.org, fileName: 'x.xlsx', contentBase64: 'UEsDBA==' }),
  'POST /api/registries/party-meetings': (ids) => ({ orgId: ids.org, heldOn: '2026-01-02', meetingName: '越权会议', topics: '越权议题' }),
  'POST /api/registries/party-meetings/:id/minutes': () => ({ fileName: 'x.pdf', contentBase64: 'JVBERi0xLjQK' }),
  'POST /api/registries/societies': (ids) => ({ orgId: ids.org, name: '越权社团', societyType: '文体类' }),
  'PATCH /api/registries/societies/:id': () => ({ active: false }),
  'POST /api/registries/societies/import': (ids) => ({ orgId: ids.org, fileName: 'x.xlsx', contentBase64: 'UEsDBA==' }),
  'POST /api/registries/plan-measures': (ids) => ({ orgId: ids.org, planTitle: '越权规划', measure: '越权措施', responsibleUnit: '越权单位', progress: 0, status: 'not_started' }),
  'PATCH /api/registries/plan-measures/:id': () => ({ notes: '越权修改' }),
};

/** The demo's small registries in every township, and a plan measure in each township (the demo keeps the plan at the county). */
export async function prepareRecords(t: TestContext): Promise<void> {
  const on = today();
  await withSystem(t.database, 'demo', async (tx) => {
    await seedRegistriesSmallDemo(tx, { today: on, year: Number(on.slice(0, 4)) });
    await tx.execute(sql`insert into youth_plan_measures (org_id, plan_title, measure, responsible_unit, progress, status)
      select id, '乡镇青年发展规划', '建设乡镇青年之家', '乡镇团委', 0, 'not_started' from organizations where type in ('township', 'subdistrict')`);
  });
}
