import type { ImportKind, ImportTables, Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import type { Values } from './read.js';

/** A parsed row: its row in the file and its typed values (only the mapped fields are present). */
export interface ParsedRow {
  row: number;
  v: Values;
}

/** What the commit will do with one row: create a record, or update the listed fields of one. */
export interface PlanItem {
  row: number;
  op: 'create' | 'update';
  /** How the row is named in the summary (a name, 姓名 + year, …). */
  label: string;
  /** Labels of the fields that change (update). */
  fields: string[];
  data: Record<string, unknown>;
}

export interface ImportContext {
  kind: ImportKind;
  target: { id: number; path: string; name: string; type: string; status: string; sector: string };
  county: { id: number; path: string; name: string };
  rules: Rules;
  tables: ImportTables;
  /** Which fields the file maps (a field without a column is left as it is). */
  mapped: Set<string>;
  /** A row's error on a field (the column is named from the mapping). */
  err: (row: number, field: string, message: string) => void;
  /** How many errors the import holds so far (a row's checks compare before and after). */
  errorCount: () => number;
}

export interface KindHandler {
  /** Checks of one row on its own (beyond the cell types), before anything is looked up. */
  check?(r: ParsedRow, ctx: ImportContext): void;
  /** Resolves references and compares with what is stored: what to create, what to update, how many are unchanged. */
  plan(tx: Tx, rows: ParsedRow[], ctx: ImportContext): Promise<{ items: PlanItem[]; unchanged: number }>;
  /** Writes the plan (in the commit's transaction); `done` reports progress. */
  apply(tx: Tx, items: PlanItem[], ctx: ImportContext, done: (n: number) => void): Promise<void>;
}
