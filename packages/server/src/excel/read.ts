import { DomainError, textProblem } from '@tuanjian/domain';
import { decodeCsv, parseCsv } from './csv.js';
import { importLimits, type ImportLimits } from './limits.js';
import { ExcelDate, readXlsxRows, serialToIso, type CellValue, type SheetRow } from './xlsx.js';

export { ExcelDate, type CellValue, type SheetRow } from './xlsx.js';
export { importLimits, type ImportLimits } from './limits.js';

/**
 * The one reading pipeline of every import (people, 青年大学习, 团费): the
 * rows of an uploaded .xlsx (first sheet) or CSV, streamed, with every limit
 * of `limits` enforced while reading. Old .xls files and anything else are
 * refused with a message saying what to upload.
 */
export async function* readUpload(upload: { fileName: string; contentBase64: string }, limits: ImportLimits = importLimits()): AsyncGenerator<SheetRow> {
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    yield* readXlsxRows(bytes, limits);
    return;
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DomainError('xls', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后导入', 'contentBase64', 400);
  }
  if (bytes.length === 0 || bytes.includes(0)) {
    throw new DomainError('bad_file', `无法识别文件“${upload.fileName}”：不是 Excel 工作簿（.xlsx）或 CSV 文件`, 'contentBase64', 400);
  }
  for (const r of parseCsv(decodeCsv(bytes), limits)) {
    if (r.cells.some((c) => c !== '')) yield r;
  }
}

/** A cell as trimmed text (dates as YYYY-MM-DD). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof ExcelDate) return v.iso;
  return String(v);
}

const realDate = (y: number, m: number, d: number): string | undefined => {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
};

/**
 * A date cell as YYYY-MM-DD: a date-formatted cell, an Excel serial day
 * number, or text such as 2014-06-01, 2014/6/1, 2014.6.1, 2014年6月1日 or
 * 20140601 (a time of day after it is ignored). null when the cell is empty,
 * undefined when it is not a real date (2015-02-30 is not).
 */
export function cellDate(v: CellValue | undefined): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (v instanceof ExcelDate) return v.iso;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) return realDate(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
    return serialToIso(v) ?? undefined;
  }
  const t = cellText(v);
  if (!t) return null;
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(t);
  if (!m) return undefined;
  return realDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
}

/** A month cell as YYYY-MM: a date cell, or text such as 2026-03, 2026/3, 2026.3 or 2026年3月. null when not a month. */
export function cellMonth(v: CellValue | undefined): string | null {
  if (v instanceof ExcelDate) return v.iso.slice(0, 7);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(cellText(v));
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

/**
 * The cells of a row holding text that may not be stored (control
 * characters, see domain text.ts), as row errors naming row and column.
 */
export function cellProblems(r: SheetRow, label: (col: number) => string | undefined): { row: number; column: string; message: string }[] {
  const out: { row: number; column: string; message: string }[] = [];
  r.cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const column = label(i) ?? columnLabel(i);
    const message = textProblem(v, column);
    if (message) out.push({ row: r.row, column, message });
  });
  return out;
}

/** A 0-based column index as its Excel letter (0 → A, 26 → AA). */
export function columnLabel(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}列`;
}
