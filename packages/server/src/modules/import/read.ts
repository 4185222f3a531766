import { IMPORT_FIELDS, codeForValue, fieldForHeader, textProblem, type ImportField, type ImportKind, type ImportTables } from '@tuanjian/domain';
import { cellDate, cellMonth, cellText, columnLabel, readUpload, type CellValue, type SheetRow } from '../../excel/read.js';

/** How many rows at the top of a sheet are searched for the header row (title rows and merged group headers above it). */
const HEADER_SCAN_ROWS = 10;

export interface HeaderInfo {
  headerRow: number;
  headers: string[];
}

/**
 * Reads an upload as header + data rows. The header row is the row among the
 * first ten that names the most known fields of the kind (a merged title row
 * such as “团员信息导出” and merged group headers are skipped); a header cell
 * left empty by a vertical merge takes the text of the cell above it.
 */
export async function* readSheet(upload: { fileName: string; contentBase64: string }, kind: ImportKind, tables: ImportTables): AsyncGenerator<HeaderInfo | SheetRow> {
  const top: SheetRow[] = [];
  let header: HeaderInfo | null = null;
  for await (const r of readUpload(upload)) {
    if (header) {
      yield r;
      continue;
    }
    top.push(r);
    if (top.length < HEADER_SCAN_ROWS) continue;
    header = pickHeader(top, kind, tables);
    yield header;
    for (const t of top) if (t.row > header.headerRow) yield t;
  }
  if (!header && top.length) {
    header = pickHeader(top, kind, tables);
    yield header;
    for (const t of top) if (t.row > header.headerRow) yield t;
  }
}

function pickHeader(top: SheetRow[], kind: ImportKind, tables: ImportTables): HeaderInfo {
  let best = 0;
  let bestScore = -1;
  top.forEach((r, i) => {
    const score = r.cells.filter((c) => typeof c === 'string' && fieldForHeader(kind, c, tables)).length;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  const row = top[best]!;
  const headers = row.cells.map((c, col) => {
    const own = cellText(c);
    if (own) return own;
    for (let i = best - 1; i >= 0; i--) {
      const above = cellText(top[i]!.cells[col]);
      if (above) return above;
    }
    return '';
  });
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  return { headerRow: row.row, headers };
}

/** A column's name in messages: its header and letter, “身份证号码（C列）”. */
export const columnName = (headers: readonly string[], col: number) => (headers[col] ? `${headers[col]}（${columnLabel(col)}）` : columnLabel(col));

export type Values = Record<string, unknown>;

const FIELDS_BY_KEY = Object.fromEntries(Object.entries(IMPORT_FIELDS).map(([k, fs]) => [k, new Map(fs.map((f) => [f.key, f]))])) as Record<ImportKind, Map<string, ImportField>>;

/**
 * One data row read through a mapping: each mapped field typed as its kind
 * says (text, ID number, date, month, year, number, code value), with a
 * Chinese message naming the row, the field and the column for each bad cell.
 */
export function readRow(
  r: SheetRow,
  kind: ImportKind,
  mapping: readonly (string | null)[],
  headers: readonly string[],
  tables: ImportTables,
  err: (col: number, field: string, message: string) => void,
): Values {
  const fields = FIELDS_BY_KEY[kind];
  const out: Values = {};
  mapping.forEach((key, col) => {
    if (!key) return;
    const f = fields.get(key);
    if (!f) return;
    const v = r.cells[col] ?? null;
    const text = cellText(v);
    const problem = typeof v === 'string' ? textProblem(v, f.label) : null;
    if (problem) return err(col, key, problem);
    if (!text) {
      if (f.required) err(col, key, `请填写${f.label}`);
      out[key] = null;
      return;
    }
    const typed = readCell(f, v, text, tables);
    if ('error' in typed) err(col, key, typed.error);
    else {
      out[key] = typed.value;
      if (typed.month) out[`${key}${MONTH_ONLY}`] = true;
    }
  });
  for (const f of IMPORT_FIELDS[kind]) {
    if (f.required && !mapping.includes(f.key)) err(-1, f.key, `缺少“${f.label}”列`);
  }
  return out;
}

function readCell(f: ImportField, v: CellValue, text: string, tables: ImportTables): { value: unknown; month?: boolean } | { error: string } {
  switch (f.type) {
    case 'text':
      return text.length > 200 ? { error: `${f.label}不能超过200个字` } : { value: text };
    case 'id': {
      if (typeof v === 'number') {
        // Excel keeps 15 digits of a number: an 18-digit ID typed as a number has lost its last digits (or its X).
        // (One written in full by the exporting system is read as text, see excel/xlsx.ts.)
        if (Number.isSafeInteger(v) && String(v).length === 15) return { value: String(v) };
        return { error: `${f.label}是数字格式，Excel 已丢失末位数字，请将该列设置为文本后重新填写` };
      }
      return { value: text.replace(/\s/g, '').toUpperCase() };
    }
    case 'date': {
      const d = cellDate(v);
      if (d) return { value: d };
      const m = monthOf(v, text);
      return m ? { value: `${m}-01`, month: true } : { error: `${f.label}“${text}”不是日期，应如 2020-05-04 或 2020-05` };
    }
    case 'month': {
      const m = monthOf(v, text);
      return m ? { value: m } : { error: `${f.label}“${text}”不是月份，应如 2026-03` };
    }
    case 'year': {
      const y = Number(text.replace(/年度?$/, ''));
      return Number.isInteger(y) && y >= 1950 && y <= 2100 ? { value: y } : { error: `${f.label}“${text}”不是年份，应如 2025` };
    }
    case 'number': {
      const n = Number(text.replace(/[,，元]/g, ''));
      return Number.isFinite(n) && n >= 0 ? { value: n } : { error: `${f.label}“${text}”不是数字` };
    }
    case 'code': {
      const code = codeForValue(f.codes!, text, tables);
      return code === undefined ? { error: `${f.label}“${text}”无法识别，请改为代码表中的值，或在列对应页补充代码值` } : { value: code };
    }
  }
}

function monthOf(v: CellValue, text: string): string | null {
  const m = cellMonth(v);
  if (m) return m;
  const six = /^(\d{4})(\d{2})$/.exec(text);
  if (six && Number(six[2]) >= 1 && Number(six[2]) <= 12) return `${six[1]}-${six[2]}`;
  return null;
}

/** Marks a date field read from a month (入团年月 2019-05): it is the 1st of that month, and matches any stored day of it. */
const MONTH_ONLY = '~month';

/** Whether a row's value of a field is what is stored (a date read from a month matches any day of that month). */
export function sameValue(v: Values, field: string, stored: unknown, value: unknown = v[field]): boolean {
  if ((stored ?? null) === value) return true;
  return v[`${field}${MONTH_ONLY}`] === true && typeof stored === 'string' && typeof value === 'string' && stored.slice(0, 7) === value.slice(0, 7);
}
