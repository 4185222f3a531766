import { sql } from 'drizzle-orm';
import { DEFAULT_INDICATORS, DEFAULT_REPORT_SECTIONS } from '@tuanjian/domain';
import { orgId, systemRows, type TestContext } from '../helpers.js';
import type { api } from '@tuanjian/domain';

type Targets = Partial<Record<api.RefKind, number>>;

const texts = Object.fromEntries(DEFAULT_REPORT_SECTIONS.map((s) => [s.key, `${s.title}：越权测试填写的内容，不应写入。`]));

/** Sample bodies of the 报送任务 and 改革考核 write routes for the scope walk. */
export const SAMPLE_BODIES: Record<string, (ids: Targets) => unknown> = {
  'POST /api/reports/tasks': (ids) => ({
    orgId: ids.org,
    title: '越权报送任务',
    period: '越权期间',
    deadline: '2099-12-31',
    sections: [...DEFAULT_REPORT_SECTIONS],
    figures: ['members'],
  }),
  'POST /api/reports/tasks/:id/close': () => ({}),
  'PUT /api/reports/submissions/:id': () => ({ texts }),
  'POST /api/reports/submissions/:id/submit': () => ({ texts }),
  'POST /api/reports/submissions/:id/return': () => ({ reason: '越权退回' }),
  'POST /api/reports/submissions/:id/accept': () => ({}),
  'POST /api/assessment/schemes': (ids) => ({ orgId: ids.org, year: 2026, title: '越权考核方案', indicators: DEFAULT_INDICATORS }),
  'PUT /api/assessment/schemes/:id': () => ({ title: '越权修改', indicators: DEFAULT_INDICATORS }),
  'POST /api/assessment/schemes/:id/publish': () => ({}),
};

/** Report tasks, submissions and assessment schemes in both townships (issued by the township to its children). */
export async function prepareRecords(t: TestContext): Promise<void> {
  for (const name of ['白泥镇', '龙溪镇']) {
    const township = await orgId(t.database, `共青团余庆县${name}委员会`);
    const [task] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into report_tasks (org_id, title, period, deadline, sections, figures)
          values (${township}, ${`${name}村级团组织季度报告`}, '第四季度', '2099-12-31', ${JSON.stringify(DEFAULT_REPORT_SECTIONS)}::jsonb, '["members"]'::jsonb)
          returning id`,
    );
    await systemRows(
      t.database,
      sql`insert into report_submissions (task_id, org_id, status)
          select ${task!.id}, id, case when row_number() over (order by id) = 1 then 'submitted' else 'draft' end
            from organizations where parent_id = ${township} and status = 'active'`,
    );
    await systemRows(
      t.database,
      sql`insert into assessment_schemes (org_id, year, title, indicators, status)
          values (${township}, 2026, ${`${name}团支部考核`}, ${JSON.stringify(DEFAULT_INDICATORS)}::jsonb, 'draft')`,
    );
  }
}
