import { sql } from 'drizzle-orm';
import { DomainError, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { cellDate, cellProblems, cellText, readUpload, type SheetRow } from '../../excel/read.js';
import type { SheetColumn } from '../../excel/workbook.js';

export type ImportError = api.registriesSmall.SmallImportResult['errors'][number];

/** The columns of an export that an import reads back: the same header, and how a cell becomes a value. */
export interface ImportColumn {
  key: string;
  header: string;
  required?: boolean;
  kind?: 'text' | 'date' | 'int' | 'bool';
}

/**
 * Reads an uploaded sheet whose header row holds the columns' headers (an
 * export of the same list, or its template): each row's values by key, or the
 * problems of a cell by row and column (Chinese).
 */
export async function readTable(body: { fileName: string; contentBase64: string }, columns: readonly ImportColumn[]) {
  const sheet: SheetRow[] = [];
  for await (const r of readUpload(body)) sheet.push(r);
  const first = columns.find((c) => c.required)!;
  const headerIndex = sheet.findIndex((r) => r.cells.some((c) => cellText(c).replace('*', '').trim() === first.header));
  if (headerIndex < 0) throw new DomainError('bad_header', `找不到表头：应有“${first.header}”等列，请使用导出的表格`, 'contentBase64');
  const header = sheet[headerIndex]!.cells.map((c) => cellText(c).replace('*', '').trim());
  const at = new Map<string, number>();
  for (const c of columns) {
    const i = header.indexOf(c.header);
    if (i < 0 && c.required) throw new DomainError('bad_header', `表头缺少“${c.header}”列，请使用导出的表格`, 'contentBase64');
    at.set(c.key, i);
  }
  const rows: { row: number; v: Record<string, string | number | boolean | null> }[] = [];
  const errors: ImportError[] = [];
  for (const r of sheet.slice(headerIndex + 1)) {
    if (r.cells.every((c) => cellText(c) === '')) continue;
    const unstorable = cellProblems(r, (i) => header[i] || undefined);
    if (unstorable.length) {
      errors.push(...unstorable);
      continue;
    }
    const v: Record<string, string | number | boolean | null> = {};
    for (const c of columns) {
      const i = at.get(c.key)!;
      const cell = i >= 0 ? r.cells[i] : undefined;
      const text = cellText(cell).trim();
      if (!text) {
        if (c.required) errors.push({ row: r.row, column: c.header, message: `请填写${c.header}` });
        v[c.key] = null;
        continue;
      }
      if (c.kind === 'date') {
        const d = cellDate(cell);
        if (!d) errors.push({ row: r.row, column: c.header, message: `${c.header}“${text}”不是日期，应如 2026-05-04` });
        v[c.key] = d ?? null;
      } else if (c.kind === 'int') {
        const n = Number(text);
        if (!Number.isInteger(n) || n < 0) errors.push({ row: r.row, column: c.header, message: `${c.header}“${text}”应为非负整数` });
        v[c.key] = n;
      } else if (c.kind === 'bool') {
        if (!['是', '否'].includes(text)) errors.push({ row: r.row, column: c.header, message: `${c.header}应填“是”或“否”` });
        v[c.key] = text === '是';
      } else v[c.key] = text;
    }
    rows.push({ row: r.row, v });
  }
  return { rows, errors };
}

/** Committees under a root found by a written name: full name, short name, or a township's name inside its full name (白泥镇). */
export async function committeeFinder(tx: Tx, root: { id: number; path: string; name: string }) {
  const committees = await query<{ id: number; name: string; short_name: string | null; type: string }>(
    tx,
    sql`select id, name, short_name, type from organizations where path <@ ${root.path}::ltree and status = 'active' and type not in ('branch', 'joint_branch')`,
  );
  return (text: string | null): { id: number; name: string } | string => {
    if (!text) return { id: Number(root.id), name: root.name };
    const exact = committees.filter((c) => c.name === text || c.short_name === text);
    const found = exact.length ? exact : committees.filter((c) => (c.type === 'township' || c.type === 'subdistrict') && c.name.includes(text));
    if (found.length === 1) return { id: Number(found[0]!.id), name: found[0]!.name };
    return found.length ? `“${text}”对应多个组织，请填写全称` : `在“${root.name}”之下找不到“${text}”`;
  };
}

/** Export columns from import columns plus how to read each value of an item. */
export function exportColumns<T>(columns: readonly ImportColumn[], value: (item: T, key: string) => string | number | boolean | null | undefined, width = 18): SheetColumn<T>[] {
  return columns.map((c) => ({
    header: c.header,
    width: c.kind === 'text' || !c.kind ? width : 12,
    value: (item: T) => {
      const v = value(item, c.key);
      return typeof v === 'boolean' ? (v ? '是' : '否') : v;
    },
  }));
}

/** A body's zod problems as import errors on the row, by the column of the field. */
export function rowProblems(row: number, issues: readonly { path: PropertyKey[]; message: string }[], headerOf: (key: string) => string): ImportError[] {
  return issues.map((i) => ({ row, column: headerOf(String(i.path[0] ?? '')), message: i.message }));
}

export const shortName = (name: string) => name.replace(/^共青团[^县市区]*[县市区]/, '').replace(/委员会$|工作委员会$/, '');
