import { IMPORT_FIELDS, type ImportKind } from './kinds.js';
import { DEFAULT_CODE_VALUES, DEFAULT_SYNONYMS } from './tables.js';

/** Synonyms and code values in force: the defaults plus a county's own (county rows win). */
export interface ImportTables {
  synonyms: Record<string, readonly string[]>;
  codes: Record<string, Record<string, string>>;
}

export const DEFAULT_IMPORT_TABLES: ImportTables = { synonyms: DEFAULT_SYNONYMS, codes: DEFAULT_CODE_VALUES };

/** A county's rows over the defaults. */
export function mergeImportTables(
  synonyms: readonly { field: string; header: string }[],
  codes: readonly { codeTable: string; value: string; code: string }[],
  base: ImportTables = DEFAULT_IMPORT_TABLES,
): ImportTables {
  const syn: Record<string, string[]> = Object.fromEntries(Object.entries(base.synonyms).map(([k, v]) => [k, [...v]]));
  for (const s of synonyms) (syn[s.field] ??= []).unshift(s.header);
  const cod: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(base.codes).map(([k, v]) => [k, { ...v }]));
  for (const c of codes) (cod[c.codeTable] ??= {})[normalizeValue(c.value)] = c.code;
  return { synonyms: syn, codes: cod };
}

/**
 * A header as compared: without spaces, required marks (*, ★, 必填) and
 * remarks in brackets ("入团年月（格式：2010-01）" → "入团年月").
 */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*★※:：]|必填/g, '')
    .toLowerCase();
}

/** A written value as compared with a code table (spaces and case ignored). */
export function normalizeValue(v: string): string {
  return v.replace(/\s/g, '').toUpperCase();
}

/** The field a header names in this kind, or null. Exact synonym first, then a header starting with one ("身份证号码（18位）"). */
export function fieldForHeader(kind: ImportKind, header: string, tables: ImportTables = DEFAULT_IMPORT_TABLES): string | null {
  const h = normalizeHeader(header);
  if (!h) return null;
  const fields = IMPORT_FIELDS[kind];
  for (const f of fields) if ((tables.synonyms[f.key] ?? []).some((s) => normalizeHeader(s) === h) || normalizeHeader(f.label) === h) return f.key;
  return null;
}

/** The suggested mapping of a header row: for each column the field it fills, or null (not imported). A field is taken by its first column only. */
export function suggestMapping(kind: ImportKind, headers: readonly string[], tables: ImportTables = DEFAULT_IMPORT_TABLES): (string | null)[] {
  const taken = new Set<string>();
  return headers.map((h) => {
    const key = fieldForHeader(kind, h, tables);
    if (!key || taken.has(key)) return null;
    taken.add(key);
    return key;
  });
}

/** A header row's identity for a remembered mapping: its normalized headers in order. */
export function headerSetKey(headers: readonly string[]): string {
  return headers.map(normalizeHeader).join('|');
}

/** The problems of a mapping for a kind: required fields without a column, a field given twice. */
export function mappingProblems(kind: ImportKind, mapping: readonly (string | null)[]): string[] {
  const problems: string[] = [];
  const fields = IMPORT_FIELDS[kind];
  const counts = new Map<string, number>();
  for (const m of mapping) if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
  for (const f of fields) {
    if (f.required && !counts.has(f.key)) problems.push(`缺少必填列“${f.label}”，请在列对应中指定`);
    if ((counts.get(f.key) ?? 0) > 1) problems.push(`“${f.label}”对应了多列，请只保留一列`);
  }
  for (const k of counts.keys()) if (!fields.some((f) => f.key === k)) problems.push(`“${k}”不是可导入的字段`);
  return problems;
}

/** The code a written value stands for, or undefined when the table does not know it. */
export function codeForValue(table: string, value: string, tables: ImportTables = DEFAULT_IMPORT_TABLES): string | undefined {
  const t = tables.codes[table];
  if (!t) return undefined;
  const v = normalizeValue(value);
  if (t[v] !== undefined) return t[v];
  for (const [k, code] of Object.entries(t)) if (normalizeValue(k) === v) return code;
  return undefined;
}
