import { sql, type SQL } from 'drizzle-orm';
import { DomainError, PLAN_MEASURE_STATUS_LABELS, planMeasureProblems, planSummary, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import type { SheetColumn } from '../../excel/workbook.js';
import { chinaDateOf, likeText, loadOne, loadOrgRef, num, subtreeFilter } from '../org-life/common.js';

type R = typeof api.registriesSmall;
type Item = api.registriesSmall.PlanMeasureItem;

/** 青年发展规划 (issue 17, item 6): a county's plan measures with their progress. */
const SELECT = sql`
  select m.id, m.org_id, o.name as org_name, m.plan_title, m.area, m.measure, m.responsible_unit, m.target, m.progress::float8 as progress, m.status, m.notes,
         ${chinaDateOf('m.updated_at')}::text as updated_on
    from youth_plan_measures m join organizations o on o.id = m.org_id`;

interface Row {
  id: number;
  org_id: number;
  org_name: string;
  plan_title: string;
  area: string | null;
  measure: string;
  responsible_unit: string;
  target: string | null;
  progress: number;
  status: Item['status'];
  notes: string | null;
  updated_on: string;
}

const toItem = (r: Row): Item => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  planTitle: r.plan_title,
  area: r.area,
  measure: r.measure,
  responsibleUnit: r.responsible_unit,
  target: r.target,
  progress: Number(r.progress),
  status: r.status,
  notes: r.notes,
  updatedOn: r.updated_on,
});

async function filter(tx: Tx, q: api.QueryOf<R['exportPlanMeasures']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.status) conds.push(sql`m.status = ${q.status}`);
  if (q.q) conds.push(sql`(m.measure like ${likeText(q.q)} or m.responsible_unit like ${likeText(q.q)} or m.area like ${likeText(q.q)})`);
  return sql.join(conds, sql` and `);
}

export async function allMeasures(tx: Tx, q: api.QueryOf<R['exportPlanMeasures']>): Promise<Item[]> {
  return (await query<Row>(tx, sql`${SELECT} where ${await filter(tx, q)} order by o.sort_order, o.path, m.plan_title, m.area, m.id`)).map(toItem);
}

export async function listMeasures(tx: Tx, q: api.QueryOf<R['listPlanMeasures']>) {
  const items = await allMeasures(tx, q);
  return { items, summary: planSummary(items) };
}

export async function measureItem(tx: Tx, id: number): Promise<Item> {
  return toItem(await loadOne<Row>(tx, sql`${SELECT} where m.id = ${id}`, '青年发展规划措施'));
}

function refuse(m: { progress: number; status: Item['status'] }) {
  const [p] = planMeasureProblems(m);
  if (p) throw new DomainError('measure_refused', p.message, p.field);
}

export async function createMeasure(tx: Tx, body: api.BodyOf<R['createPlanMeasure']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '所属组织');
  refuse(body);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into youth_plan_measures (org_id, plan_title, area, measure, responsible_unit, target, progress, status, notes)
        values (${org.id}, ${body.planTitle}, ${body.area || null}, ${body.measure}, ${body.responsibleUnit}, ${body.target || null}, ${body.progress}, ${body.status}, ${body.notes || null}) returning id`,
  );
  return num(row!.id);
}

const COLUMN_OF: Record<string, string> = {
  planTitle: 'plan_title',
  area: 'area',
  measure: 'measure',
  responsibleUnit: 'responsible_unit',
  target: 'target',
  progress: 'progress',
  status: 'status',
  notes: 'notes',
};

export async function updateMeasure(tx: Tx, id: number, body: api.BodyOf<R['updatePlanMeasure']>): Promise<void> {
  const m = await measureItem(tx, id);
  refuse({ progress: body.progress ?? m.progress, status: body.status ?? m.status });
  const sets: SQL[] = [sql`updated_at = now()`];
  for (const [k, v] of Object.entries(body)) if (v !== undefined && COLUMN_OF[k]) sets.push(sql`${sql.identifier(COLUMN_OF[k])} = ${v === '' ? null : v}`);
  await tx.execute(sql`update youth_plan_measures set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export const MEASURE_EXPORT: SheetColumn<Item>[] = [
  { header: '规划名称', width: 30, value: (m) => m.planTitle },
  { header: '发展领域', width: 14, value: (m) => m.area },
  { header: '措施', width: 40, value: (m) => m.measure },
  { header: '责任单位', width: 24, value: (m) => m.responsibleUnit },
  { header: '目标', width: 30, value: (m) => m.target },
  { header: '进度（%）', width: 10, value: (m) => m.progress },
  { header: '状态', width: 10, value: (m) => PLAN_MEASURE_STATUS_LABELS[m.status] },
  { header: '备注', width: 30, value: (m) => m.notes },
  { header: '更新日期', width: 12, value: (m) => m.updatedOn },
  { header: '所属组织', width: 24, value: (m) => m.orgName },
];
