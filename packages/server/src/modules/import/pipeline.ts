import { sql } from 'drizzle-orm';
import {
  DomainError,
  IMPORT_FIELDS,
  IMPORT_KIND_LABELS,
  IMPORT_KIND_PERMISSION,
  hasPermission,
  mappingProblems,
  suggestMapping,
  type ImportKind,
  type Rules,
  api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { importBatches } from '../../db/schema.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { cadresKind } from './cadres.js';
import { rowRefusal } from './dry-run.js';
import type { ImportContext, KindHandler, ParsedRow, PlanItem } from './kind.js';
import { organizationsKind } from './organizations.js';
import { peopleKind } from './people.js';
import { columnName, readRow, readSheet, type HeaderInfo } from './read.js';
import { recordKind } from './records.js';
import { countyOf, loadTables, rememberMapping, savedMapping } from './tables.js';

const KINDS: Record<ImportKind, KindHandler> = {
  people: peopleKind,
  organizations: organizationsKind,
  cadres: cadresKind,
  registrations: recordKind('registrations'),
  appraisals: recordKind('appraisals'),
  dues: recordKind('dues'),
};

/** Errors listed in one report at most (the rest are counted). */
const MAX_ERRORS = 2000;
/** Changed rows listed in one report at most. */
const MAX_CHANGES = 500;
const BATCH_KIND = (kind: ImportKind) => `mapped:${kind}`;

interface StoredReport {
  kind: ImportKind;
  countyId: number;
  headers: string[];
  mapping: (string | null)[];
  unchanged: number;
  errorRows: number;
}

function assertKindPermission(user: SessionUser, kind: ImportKind) {
  if (!hasPermission(user.role, IMPORT_KIND_PERMISSION[kind])) throw new HttpError(403, 'forbidden', `您的角色无权导入${IMPORT_KIND_LABELS[kind]}`);
}

async function contextFor(tx: Tx, kind: ImportKind, orgId: number, rules: Rules, errors: api.ImportReport['errors'], label: (field: string) => string): Promise<ImportContext> {
  const target = await loadOrg(tx, orgId);
  const county = await countyOf(tx, orgId);
  const tables = await loadTables(tx, county.id);
  return {
    kind,
    target: { id: target.id, path: target.path, name: target.name, type: target.type, status: target.status, sector: target.sector },
    county,
    rules,
    tables,
    mapped: new Set(),
    err: (row, field, message) => errors.push({ row, column: label(field), message }),
    errorCount: () => errors.length,
  };
}

/**
 * Reads an upload of any layout for one kind of record: finds the header row,
 * maps its columns (the caller's mapping, else the one remembered for this
 * header set in the county, else the synonyms), reads every row through it,
 * and compares with what is stored. Nothing is written to the registries: the
 * plan is kept in an import batch until the user accepts it.
 */
export async function previewMapped(tx: Tx, user: SessionUser, body: api.BodyOf<typeof api.imports.previewMapped>, rules: Rules): Promise<api.imports.MappedReport> {
  const { kind } = body;
  assertKindPermission(user, kind);
  const errors: api.ImportReport['errors'] = [];
  let header: HeaderInfo | null = null;
  let mapping: (string | null)[] = [];
  let source: api.imports.MappedReport['mappingSource'] = 'suggested';
  const fieldLabel = new Map(IMPORT_FIELDS[kind].map((f) => [f.key, f.label]));
  const label = (field: string) => {
    const col = mapping.indexOf(field);
    return col >= 0 && header ? columnName(header.headers, col) : (fieldLabel.get(field) ?? '—');
  };
  const ctx = await contextFor(tx, kind, body.orgId, rules, errors, label);
  const rows: ParsedRow[] = [];
  let total = 0;
  let mappingOk = true;
  try {
    for await (const item of readSheet(body, kind, ctx.tables)) {
      if ('headers' in item) {
        header = item;
        if (body.mapping) {
          mapping = body.mapping.slice(0, header.headers.length);
          source = 'given';
        } else {
          const saved = await savedMapping(tx, ctx.county.id, kind, header.headers);
          mapping = saved ?? suggestMapping(kind, header.headers, ctx.tables);
          source = saved ? 'saved' : 'suggested';
        }
        while (mapping.length < header.headers.length) mapping.push(null);
        const problems = mappingProblems(kind, mapping);
        for (const p of problems) errors.push({ row: header.headerRow, column: '列对应', message: p });
        mappingOk = problems.length === 0;
        ctx.mapped = new Set(mapping.filter((m): m is string => !!m));
        continue;
      }
      if (item.cells.every((c) => c === null || c === '')) continue;
      if (String(item.cells[mapping.indexOf('name')] ?? '').startsWith('（示例')) continue;
      total++;
      if (!mappingOk) continue;
      const before = errors.length;
      const v = readRow(item, kind, mapping, header!.headers, ctx.tables, (_col, field, message) => ctx.err(item.row, field, message));
      const r = { row: item.row, v };
      if (errors.length === before) KINDS[kind].check?.(r, ctx);
      if (errors.length === before) rows.push(r);
    }
  } catch (e) {
    if (e instanceof DomainError || e instanceof HttpError) throw e;
    throw new DomainError('bad_file', '无法读取该文件，请上传 Excel 工作簿（.xlsx）或 CSV 文件', 'contentBase64', 400);
  }
  if (!header) throw new DomainError('empty_file', '文件中没有内容：第一个工作表是空的', 'contentBase64', 422);
  const { items, unchanged } = mappingOk ? await KINDS[kind].plan(tx, rows, ctx) : { items: [] as PlanItem[], unchanged: 0 };
  errors.sort((a, b) => a.row - b.row);
  const errorRows = new Set(errors.map((e) => e.row)).size;
  const listed = errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), { row: errors[MAX_ERRORS]!.row, column: '—', message: `另有${errors.length - MAX_ERRORS}处错误未列出，请先改正以上错误` }] : errors;
  const stored: StoredReport = { kind, countyId: ctx.county.id, headers: header.headers, mapping, unchanged, errorRows };
  const [batch] = await tx
    .insert(importBatches)
    .values({ orgId: ctx.target.id, kind: BATCH_KIND(kind), fileName: body.fileName, rows: packPlan(mappingOk ? items : []), report: stored })
    .returning({ id: importBatches.id });
  const updates = items.filter((i) => i.op === 'update');
  return {
    batchId: batch!.id,
    kind,
    fileName: body.fileName,
    headerRow: header.headerRow,
    headers: header.headers,
    mapping,
    mappingSource: source,
    fields: IMPORT_FIELDS[kind].map((f) => ({ key: f.key, label: f.label, required: !!f.required, codes: f.codes ?? null })),
    total,
    created: items.length - updates.length,
    changed: updates.length,
    unchanged,
    changes: updates.slice(0, MAX_CHANGES).map((u) => ({ row: u.row, label: u.label, fields: u.fields })),
    errors: listed,
  };
}

/**
 * A plan as kept in its import batch until the commit: one list of data keys, then each item as an array
 * (row, op, label, fields, its values in key order, and the indexes of keys it lacks, if any). The same
 * plan as objects repeats every key in every row: for 100,000 people it was twice the size, and the
 * database spent twice the time and memory building and reading it (PGlite holds it in its own heap).
 */
interface PackedPlan {
  keys: string[];
  items: [row: number, op: PlanItem['op'], label: string, fields: string[], values: unknown[], absent?: number[]][];
}

export function packPlan(items: readonly PlanItem[]): PackedPlan {
  const keys = [...new Set(items.flatMap((i) => Object.keys(i.data)))];
  return {
    keys,
    items: items.map((i) => {
      const absent = keys.flatMap((k, n) => (i.data[k] === undefined ? [n] : []));
      const values = keys.map((k) => i.data[k] ?? null);
      return absent.length ? [i.row, i.op, i.label, i.fields, values, absent] : [i.row, i.op, i.label, i.fields, values];
    }),
  };
}

/** The plan of a batch (packed, or as a list of items when previewed before packing). */
export function unpackPlan(stored: unknown): PlanItem[] {
  if (Array.isArray(stored)) return stored as PlanItem[];
  const { keys, items } = stored as PackedPlan;
  return items.map(([row, op, label, fields, values, absent]) => {
    const data: Record<string, unknown> = {};
    const skip = new Set(absent ?? []);
    keys.forEach((k, n) => {
      if (!skip.has(n)) data[k] = values[n];
    });
    return { row, op, label, fields, data };
  });
}

/** Progress of commits under way, by batch (read by the progress route; lost on restart, like the commit itself). */
const progress = new Map<number, { done: number; total: number; finished: boolean }>();

export function commitProgress(batchId: number, committed: boolean) {
  return progress.get(batchId) ?? { done: 0, total: 0, finished: committed };
}

/**
 * Writes an accepted batch in the request's one transaction: every row or
 * none (a row refused now names its row and field, and nothing is written),
 * and remembers the confirmed mapping for this header set in the county.
 */
export async function commitMapped(tx: Tx, user: SessionUser, batchId: number, rules: Rules) {
  const [batch] = await tx.select().from(importBatches).where(sql`id = ${batchId}`);
  if (!batch || !batch.kind.startsWith('mapped:')) throw notFound('导入批次');
  if (batch.committedAt) throw new DomainError('already_committed', '该批次已经导入，不能重复导入', undefined, 409);
  const report = batch.report as StoredReport;
  assertKindPermission(user, report.kind);
  const problems = mappingProblems(report.kind, report.mapping);
  if (problems.length) throw new DomainError('bad_mapping', `列对应有误，不能导入：${problems.join('；')}`, 'mapping', 422);
  const items = unpackPlan(batch.rows);
  const fieldLabel = new Map(IMPORT_FIELDS[report.kind].map((f) => [f.key, f.label]));
  const ctx = await contextFor(tx, report.kind, Number(batch.orgId), rules, [], (f) => fieldLabel.get(f) ?? f);
  const state = { done: 0, total: items.length, finished: false };
  progress.set(batchId, state);
  try {
    await KINDS[report.kind].apply(tx, items, ctx, (n) => {
      state.done += n;
    });
  } catch (e) {
    progress.delete(batchId);
    const refusal = rowRefusal(e, {});
    const row = (e as { importRow?: number }).importRow;
    if (refusal && row) throw new DomainError('import_row_refused', `第${row}行“${fieldLabel.get(refusal.field) ?? refusal.field}”：${refusal.message}；本次未导入任何数据`, undefined, 422);
    throw e;
  }
  await rememberMapping(tx, ctx.county, report.kind, report.headers, report.mapping);
  await tx.update(importBatches).set({ committedAt: sql`now()` }).where(sql`id = ${batchId}`);
  state.finished = true;
  setTimeout(() => progress.delete(batchId), 60_000).unref();
  const changed = items.filter((i) => i.op === 'update').length;
  return { created: items.length - changed, changed, unchanged: report.unchanged, skippedErrors: report.errorRows };
}
