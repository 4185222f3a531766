import { sql } from 'drizzle-orm';
import { DomainError, headerSetKey, mergeImportTables, type ImportKind, type ImportTables, api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { importCodeValues, importMappings, importSynonyms } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { loadOrg } from '../organizations/service.js';

/** The county an organization belongs to (itself when it is one; the organization itself above county level). */
export async function countyOf(tx: Tx, orgId: number): Promise<{ id: number; path: string; name: string }> {
  const org = await loadOrg(tx, orgId);
  // The county may lie above the caller's scope (a township's account): read through a function that answers it alone.
  const [c] = await query<{ id: number; path: string; name: string }>(tx, sql`select * from tj_import_county(${org.id})`);
  return c ? { id: Number(c.id), path: c.path, name: c.name } : { id: org.id, path: org.path, name: org.name };
}

/** Synonyms and code values in force for a county: the domain defaults with the county's own rows over them. */
export async function loadTables(tx: Tx, countyId: number): Promise<ImportTables> {
  const syn = await tx.select({ field: importSynonyms.field, header: importSynonyms.header }).from(importSynonyms).where(sql`county_id = ${countyId}`);
  const codes = await tx.select({ codeTable: importCodeValues.codeTable, value: importCodeValues.value, code: importCodeValues.code }).from(importCodeValues).where(sql`county_id = ${countyId}`);
  return mergeImportTables(syn, codes);
}

export async function countyTables(tx: Tx, orgId: number): Promise<api.imports.ImportTablesBody> {
  const county = await countyOf(tx, orgId);
  const synonyms = await tx.select({ field: importSynonyms.field, header: importSynonyms.header }).from(importSynonyms).where(sql`county_id = ${county.id}`).orderBy(importSynonyms.id);
  const codes = await tx.select({ codeTable: importCodeValues.codeTable, value: importCodeValues.value, code: importCodeValues.code }).from(importCodeValues).where(sql`county_id = ${county.id}`).orderBy(importCodeValues.id);
  return { synonyms, codes };
}

/** Replaces a county's own synonyms and code values (the defaults stay underneath). */
export async function saveCountyTables(tx: Tx, body: api.BodyOf<typeof api.imports.saveImportTables>): Promise<api.imports.ImportTablesBody> {
  const county = await countyOf(tx, body.orgId);
  // The county's organization is in scope only for the county's own accounts (and above): a township uses its county's tables, it does not replace them.
  const [own] = await query<{ id: number }>(tx, sql`select id from organizations where id = ${county.id}`);
  if (!own) throw new HttpError(403, 'forbidden', '本县的表头同义词和代码值由县团委维护', 'orgId');
  for (const c of body.codes) {
    if (!/^[\w-]+$/.test(c.code)) throw new DomainError('bad_code', `代码“${c.code}”格式不正确`, 'code');
  }
  await tx.delete(importSynonyms).where(sql`county_id = ${county.id}`);
  await tx.delete(importCodeValues).where(sql`county_id = ${county.id}`);
  const dedupe = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
  const syn = dedupe(body.synonyms, (s) => `${s.field}|${s.header}`);
  const codes = dedupe(body.codes, (c) => `${c.codeTable}|${c.value}`);
  if (syn.length) await tx.insert(importSynonyms).values(syn.map((s) => ({ countyId: county.id, countyPath: county.path, field: s.field, header: s.header })));
  if (codes.length) await tx.insert(importCodeValues).values(codes.map((c) => ({ countyId: county.id, countyPath: county.path, codeTable: c.codeTable, value: c.value, code: c.code })));
  return countyTables(tx, body.orgId);
}

/** The mapping a user confirmed for this header set in this county, if any. */
export async function savedMapping(tx: Tx, countyId: number, kind: ImportKind, headers: string[]): Promise<(string | null)[] | null> {
  const [row] = await tx
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(sql`county_id = ${countyId} and kind = ${kind} and header_key = ${headerSetKey(headers)}`);
  return row ? (row.mapping as (string | null)[]) : null;
}

export async function rememberMapping(tx: Tx, county: { id: number; path: string }, kind: ImportKind, headers: string[], mapping: (string | null)[]): Promise<void> {
  await tx
    .insert(importMappings)
    .values({ countyId: county.id, countyPath: county.path, kind, headerKey: headerSetKey(headers), headers, mapping })
    .onConflictDoUpdate({ target: [importMappings.countyId, importMappings.kind, importMappings.headerKey], set: { mapping, headers } });
}
