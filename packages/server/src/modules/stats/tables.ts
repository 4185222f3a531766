import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { sql } from 'drizzle-orm';
import { DomainError, NEW_SECTOR_TABLE_KEY, api, statRow, statTable, type Metrics, type Rules, type StatTable } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { currentYear } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { addCoverageMetrics } from '../registries/new-sector.js';

/** Subtree metrics of an organization and its children, now (rollups) or at a month end (snapshots). */
async function metricsOf(tx: Tx, orgId: number, asOf?: string) {
  const rows = asOf
    ? await query<{ id: number; name: string; short_name: string | null; metrics: Metrics | null; is_self: boolean }>(
        tx,
        sql`select o.id, o.name, o.short_name, s.metrics, o.id = ${orgId} as is_self from organizations o
              left join stat_snapshots s on s.org_id = o.id and s.month = ${asOf}
             where o.id = ${orgId} or o.parent_id = ${orgId} order by o.id = ${orgId} desc, o.sort_order, o.path`,
      )
    : await query<{ id: number; name: string; short_name: string | null; metrics: Metrics | null; is_self: boolean }>(
        tx,
        sql`select o.id, o.name, o.short_name, (select jsonb_object_agg(r.metric, r.value) from org_rollups r where r.org_id = o.id) as metrics,
                   o.id = ${orgId} as is_self
              from organizations o where (o.id = ${orgId} or (o.parent_id = ${orgId} and o.status = 'active')) order by o.id = ${orgId} desc, o.sort_order, o.path`,
      );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, shortName: r.short_name, metrics: Object.fromEntries(Object.entries(r.metrics ?? {}).map(([k, v]) => [k, Number(v)])), isSelf: r.is_self }));
}

export async function buildStatTable(tx: Tx, key: string, orgId: number, asOf: string | undefined, rules: Rules): Promise<api.StatTableResult> {
  const table = statTable(key) as StatTable;
  const org = await loadOrg(tx, orgId);
  const all = await metricsOf(tx, org.id, asOf);
  const self = all.find((r) => r.isSelf)!;
  if (asOf && !Object.keys(self.metrics).length) throw new DomainError('no_snapshot', `${asOf}月末没有快照数据`, 'asOf', 404);
  if (table.key === NEW_SECTOR_TABLE_KEY) await addCoverageMetrics(tx, all, asOf);
  const year = asOf ? Number(asOf.slice(0, 4)) : currentYear();
  const ctx = { year, rules };
  const children = all.filter((r) => !r.isSelf);
  // 本级: what the organization holds directly (its own record and people registered at it).
  const direct: Metrics = { ...self.metrics };
  for (const c of children) for (const [k, v] of Object.entries(c.metrics)) direct[k] = (direct[k] ?? 0) - v;
  const rows = children.map((c) => ({ orgId: c.id, orgName: c.name, orgShortName: c.shortName, values: statRow(table, c.metrics, ctx) }));
  const directValues = statRow(table, direct, ctx);
  if (directValues.some((v, i) => v !== 0 && !table.columns[i]!.ratio)) rows.unshift({ orgId: org.id, orgName: `${org.name}（本级）`, orgShortName: org.shortName ? `${org.shortName}（本级）` : null, values: directValues });
  return {
    key: table.key,
    title: table.title,
    orgName: org.name,
    asOf: asOf ?? null,
    columns: table.columns.map((c) => ({ key: c.key, group: c.group ?? null, label: c.label, unit: c.unit })),
    rows,
    total: statRow(table, self.metrics, ctx),
  };
}

/** The table as users print it: title, unit line, two header rows with merged groups, totals in bold. */
export async function sendStatTable(reply: FastifyReply, t: api.StatTableResult) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.title.slice(0, 30));
  const width = t.columns.length + 1;
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = t.title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `填报单位：${t.orgName}    统计时点：${t.asOf ? `${t.asOf}月末` : '当前'}    单位：个、人、%`;
  // Header rows 3–4: groups merged across their columns, single columns merged down.
  ws.mergeCells(3, 1, 4, 1);
  ws.getCell(3, 1).value = '组织名称';
  let col = 0;
  while (col < t.columns.length) {
    const c = t.columns[col]!;
    const x = col + 2;
    if (!c.group) {
      ws.mergeCells(3, x, 4, x);
      ws.getCell(3, x).value = `${c.label}（${c.unit}）`;
      col++;
      continue;
    }
    let end = col;
    while (end + 1 < t.columns.length && t.columns[end + 1]!.group === c.group) end++;
    if (end > col) ws.mergeCells(3, x, 3, end + 2);
    ws.getCell(3, x).value = c.group;
    for (let i = col; i <= end; i++) ws.getCell(4, i + 2).value = `${t.columns[i]!.label}（${t.columns[i]!.unit}）`;
    col = end + 1;
  }
  for (let r = 3; r <= 4; r++) {
    for (let x = 1; x <= width; x++) {
      const cell = ws.getCell(r, x);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }
  const write = (name: string, values: number[], bold = false) => {
    const row = ws.addRow([name, ...values]);
    row.eachCell((cell) => {
      cell.border = border;
      if (bold) cell.font = { bold: true };
    });
  };
  for (const r of t.rows) write(r.orgName, r.values);
  write('合计', t.total, true);
  ws.getColumn(1).width = 34;
  for (let x = 2; x <= width; x++) ws.getColumn(x).width = 11;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${t.title}-${t.orgName}.xlsx`)}`);
  return reply.send(Buffer.from(await wb.xlsx.writeBuffer()));
}
