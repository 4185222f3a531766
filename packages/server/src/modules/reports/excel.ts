import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { REPORT_STATUS_LABELS, figureDef, type FigureKey, type FigureValue, type api } from '@tuanjian/domain';

const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, '').slice(0, 31) || '工作表';

function header(ws: ExcelJS.Worksheet, row: number, labels: string[]) {
  labels.forEach((label, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
}

function title(ws: ExcelJS.Worksheet, width: number, text: string, sub: string) {
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = text;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = sub;
}

const cellValue = (v: FigureValue | undefined) => (v && v.value !== null ? v.value : '—');

async function send(reply: FastifyReply, wb: ExcelJS.Workbook, fileName: string) {
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(Buffer.from(await wb.xlsx.writeBuffer()));
}

/**
 * The compiled document: one sheet of figures (organizations as rows, a 合计
 * row: counts summed, rates recomputed from their parts) and one sheet per
 * text section with each organization's text, as printed for a meeting.
 */
export async function sendCompiled(reply: FastifyReply, c: api.reports.CompiledReport) {
  const wb = new ExcelJS.Workbook();
  const keys = c.figureKeys as FigureKey[];
  const ws = wb.addWorksheet('数据汇总');
  const width = keys.length + 3;
  title(ws, width, `${c.task.title}数据汇总表`, `发布单位：${c.task.issuer.name}    报送期间：${c.task.period}    截止日期：${c.task.deadline}    已汇编 ${c.included.length} 份`);
  header(ws, 3, ['报送单位', '状态', '数据截止', ...keys.map((k) => `${figureDef(k)!.label}（${figureDef(k)!.unit}）`)]);
  for (const s of c.included) {
    const row = ws.addRow([s.org.name, REPORT_STATUS_LABELS[s.status], s.figures.asOf, ...keys.map((k) => cellValue(s.figures.values[k]))]);
    row.eachCell((cell) => (cell.border = border));
  }
  const total = ws.addRow(['合计', '', '', ...keys.map((k) => cellValue(c.total[k]))]);
  total.eachCell((cell) => {
    cell.border = border;
    cell.font = { bold: true };
  });
  if (c.missing.length) ws.addRow([`未汇编（未报送或被退回）：${c.missing.map((m) => `${m.org.name}（${REPORT_STATUS_LABELS[m.status]}）`).join('、')}`]);
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 9;
  ws.getColumn(3).width = 12;
  for (let x = 4; x <= width; x++) ws.getColumn(x).width = 12;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }];
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };

  const used = new Set<string>(['数据汇总']);
  c.sections.forEach((sec, i) => {
    let name = sheetName(`${i + 1}.${sec.title}`);
    while (used.has(name)) name = sheetName(`${name}_`);
    used.add(name);
    const sheet = wb.addWorksheet(name);
    title(sheet, 2, `${c.task.title}——${sec.title}`, `发布单位：${c.task.issuer.name}    报送期间：${c.task.period}`);
    header(sheet, 3, ['报送单位', sec.title]);
    for (const s of c.included) {
      const row = sheet.addRow([s.org.name, s.texts[sec.key] ?? '']);
      row.eachCell((cell) => {
        cell.border = border;
        cell.alignment = { vertical: 'top', wrapText: true };
      });
    }
    sheet.getColumn(1).width = 28;
    sheet.getColumn(2).width = 100;
    sheet.pageSetup = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  });
  return send(reply, wb, `${c.task.title}-汇编-${c.task.issuer.name}.xlsx`);
}

/** Scores and ranking with each indicator's actual value and score. */
export async function sendScores(reply: FastifyReply, s: api.reports.SchemeScores) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核得分');
  const inds = s.scheme.indicators;
  const width = 3 + inds.length * 2;
  title(ws, width, `${s.scheme.title}得分排名`, `考核单位：${s.scheme.org.name}    年度：${s.scheme.year}    数据截止：${s.asOf}    满分：${s.maxScore}`);
  header(ws, 3, ['排名', '单位', '总分', ...inds.flatMap((i) => [`${i.label}实际值`, `${i.label}得分（权重${i.weight}，目标${i.target}）`])]);
  for (const r of s.rows) {
    const row = ws.addRow([r.rank, r.orgName, r.total, ...r.indicators.flatMap((x) => [x.actual ?? '—', x.score])]);
    row.eachCell((cell) => (cell.border = border));
  }
  ws.getColumn(2).width = 30;
  for (let x = 4; x <= width; x++) ws.getColumn(x).width = 14;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  return send(reply, wb, `${s.scheme.title}-得分.xlsx`);
}
