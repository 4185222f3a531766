import ExcelJS from 'exceljs';
import { DomainError } from '@tuanjian/domain';
import { cellProblems, cellText, readUpload, type CellValue, type SheetRow } from '../../excel/read.js';

/*
 * The registries' Excel import machinery (“三新” units, honors): one column
 * table serves the template, the export and the import (export → edit →
 * import round-trips); the header row is found by its first column; every row
 * is checked and errors are named by row and column in Chinese; the caller
 * writes only when the whole file is clean.
 */

export interface ImportColumn<K extends string> {
  key: K;
  header: string;
  required?: true;
  width: number;
  /** Other header texts the column is recognized by. */
  alias?: RegExp;
}

export type ImportError = { row: number; column: string; message: string };

export interface ImportLine<K extends string> {
  row: number;
  cell(k: K): CellValue | undefined;
  txt(k: K): string;
  /** Records an error of this row in column k. */
  err(k: K, message: string): void;
}

/** The import template: the columns' headers (required ones starred) and example rows that the import skips. */
export async function importTemplate(sheetName: string, columns: readonly ImportColumn<string>[], examples: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const e of examples) ws.addRow([`（示例，导入前删除）${e[0]}`, ...e.slice(1)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads an uploaded sheet in the columns' layout: the header row is the first
 * with the first column's header; a required column missing refuses the file.
 * Blank rows and the template's example rows are skipped; a row with a cell
 * that cannot be stored is an error and not handed on.
 */
export async function readImportSheet<K extends string>(
  upload: { fileName: string; contentBase64: string },
  columns: readonly ImportColumn<K>[],
): Promise<{ lines: ImportLine<K>[]; total: number; errors: ImportError[] }> {
  const sheet: SheetRow[] = [];
  for await (const r of readUpload(upload)) sheet.push(r);
  const first = columns[0]!;
  const clean = (c: CellValue | undefined) => cellText(c).replace('*', '').trim();
  const headerIndex = sheet.findIndex((r) => r.cells.some((c) => clean(c) === first.header));
  if (headerIndex < 0) throw new DomainError('bad_header', `找不到表头：第一行应有“${first.header}”等列，请使用导入模板`, 'contentBase64');
  const header = sheet[headerIndex]!.cells.map(clean);
  const at = {} as Record<K, number>;
  for (const c of columns) {
    const i = header.findIndex((h) => h === c.header || (!!c.alias && c.alias.test(h)));
    if (i < 0 && c.required) throw new DomainError('bad_header', `表头缺少“${c.header}”列，请使用导入模板`, 'contentBase64');
    at[c.key] = i;
  }
  const errors: ImportError[] = [];
  const lines: ImportLine<K>[] = [];
  let total = 0;
  for (const r of sheet.slice(headerIndex + 1)) {
    const cell = (k: K) => (at[k] >= 0 ? r.cells[at[k]] : undefined);
    const txt = (k: K) => cellText(cell(k));
    if (r.cells.every((c) => cellText(c) === '') || txt(first.key).startsWith('（示例')) continue;
    total++;
    const unstorable = cellProblems(r, (i) => header[i] || undefined);
    if (unstorable.length) {
      errors.push(...unstorable);
      continue;
    }
    lines.push({ row: r.row, cell, txt, err: (k, message) => errors.push({ row: r.row, column: columns.find((c) => c.key === k)!.header, message }) });
  }
  return { lines, total, errors };
}

/**
 * An organization under `root` named in a cell: by full name or 简称, else a township or street committee whose name
 * holds the text (白泥镇 → 共青团余庆县白泥镇委员会). The found id, or why not in Chinese.
 */
export function orgMatcher(root: { id: number; name: string }, orgs: readonly { id: number; name: string; short_name: string | null; type: string }[]) {
  return (text: string): { id: number } | string => {
    if (!text) return { id: Number(root.id) };
    const exact = orgs.filter((c) => c.name === text || c.short_name === text);
    const found = exact.length ? exact : orgs.filter((c) => (c.type === 'township' || c.type === 'subdistrict') && c.name.includes(text));
    if (found.length === 1) return { id: Number(found[0]!.id) };
    return found.length ? `“${text}”对应多个组织，请填写全称` : `在“${root.name}”之下找不到“${text}”`;
  };
}
