import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { loginAs, systemRows, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';

type Ids = Partial<Record<api.RefKind, number>>;

/** Registries (people, development): bodies valid except for the reference under test. */
export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/people': (ids) => ({
    name: '越权登记',
    gender: 'male',
    idNumber: makeIdNumber('2005-05-05', 'male'),
    ethnicity: '01',
    politicalStatus: '13',
    orgId: ids.org,
  }),
  'PATCH /api/people/:id': () => ({ version: 1, occupation: '越权修改' }),
  'POST /api/people/import': (ids) => ({ fileName: 'x.xlsx', contentBase64: 'UEsDBA==', orgId: ids.org }),
  'POST /api/people/import/:id/commit': () => ({}),
  'POST /api/development/cases': (ids) => ({ personId: ids.person, application: { actedOn: '2026-01-05', actor: '越权者', sponsorIds: [ids.person], contactMemberId: ids.person } }),
  'POST /api/development/cases/:id/steps': (ids) => ({
    step: 'application_form',
    actedOn: '2026-01-05',
    actor: '越权者',
    sponsorIds: [ids.person, ids.person],
    contactMemberId: ids.person,
  }),
  'POST /api/development/cases/:id/stop': () => ({ reason: '越权终止' }),
  'POST /api/development/cases/:id/review-flags': () => ({ decision: 'accept', note: '越权复核' }),
  'PUT /api/development/quotas': (ids) => ({ orgId: ids.org, year: 2026, amount: 1 }),
};

/** An import waiting for acceptance in each township (the demo holds none). */
export async function prepareRecords(t: TestContext): Promise<void> {
  for (const [username, township] of [['baini_admin', '白泥镇'], ['longxi_admin', '龙溪镇']] as const) {
    const [branch] = await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o join organizations t on t.id = o.parent_id
           where t.name = ${`共青团余庆县${township}委员会`} and o.type = 'branch' order by o.id limit 1`,
    );
    const s = await loginAs(t.app, username);
    const template = await s.get('/api/people/import-template');
    const res = await s.post('/api/people/import', { fileName: 'empty.xlsx', contentBase64: Buffer.from(template.rawPayload).toString('base64'), orgId: Number(branch!.id) });
    if (res.statusCode !== 200) throw new Error(`prepare import batch: ${res.body}`);
  }
}
