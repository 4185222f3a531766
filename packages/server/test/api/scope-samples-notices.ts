import { sql } from 'drizzle-orm';
import { orgId, systemRows, type TestContext } from '../helpers.js';
import type { api } from '@tuanjian/domain';

type Targets = Partial<Record<api.RefKind, number>>;

/** Sample bodies of the 通知公告 write routes for the scope walk. */
export const SAMPLE_BODIES: Record<string, (ids: Targets) => unknown> = {
  'POST /api/notices': (ids) => ({ title: '越权通知', body: '越权测试发布的通知，不应写入。', target: 'chosen', orgIds: [ids.org] }),
  'POST /api/notices/:id/read': () => ({}),
  'POST /api/notices/:id/replies': () => ({ text: '越权回复' }),
  'POST /api/notices/:id/chase': (ids) => ({ orgIds: [ids.org] }),
};

/** A notice published by each township to its branches. */
export async function prepareRecords(t: TestContext): Promise<void> {
  for (const name of ['白泥镇', '龙溪镇']) {
    const township = await orgId(t.database, `共青团余庆县${name}委员会`);
    const [n] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into notices (org_id, org_name, title, body, target_mode, published_by_name)
          values (${township}, ${`共青团余庆县${name}委员会`}, ${`${name}团员大会通知`}, '请各支部按时召开团员大会。', 'subtree', '测试')
          returning id`,
    );
    await systemRows(
      t.database,
      sql`insert into notice_targets (notice_id, org_id)
          select ${n!.id}, id from organizations where parent_id = ${township} and status = 'active' returning id`,
    );
  }
}
