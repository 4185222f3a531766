import { sql } from 'drizzle-orm';
import { AUDIT_ENTITIES, type AuditLabelSource } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';

interface LabelledRow {
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const IDENT = /^[a-z_]+$/;

function fromLogged(row: LabelledRow, text: readonly AuditLabelSource[]): string | null {
  for (const src of text) {
    if (!('col' in src) || 'via' in src) continue;
    for (const v of [row.after, row.before]) {
      const value = v && typeof v === 'object' ? (v as Record<string, unknown>)[src.col] : undefined;
      if (typeof value === 'string' && value) return value;
    }
  }
  return null;
}

/**
 * Labels of audited records (the person's name, the meeting's topic, …) read
 * from the live records: one query per kind of record on the page, by primary
 * key, under the caller's scope; the logged values when the record is gone.
 */
export async function auditLabels(tx: Tx, rows: readonly LabelledRow[]): Promise<(string | null)[]> {
  const byEntity = new Map<string, Set<string>>();
  for (const r of rows) {
    const info = AUDIT_ENTITIES[r.entity];
    // Events without a table of their own (a member's self-registration) keep their label in the logged values.
    if (!r.entityId || !/^\d+$/.test(r.entityId) || !info?.text.length || info.event || !IDENT.test(r.entity)) continue;
    let ids = byEntity.get(r.entity);
    if (!ids) byEntity.set(r.entity, (ids = new Set()));
    ids.add(r.entityId);
  }
  const live = new Map<string, string>();
  for (const [entity, ids] of byEntity) {
    const parts = AUDIT_ENTITIES[entity]!.text.map((src) =>
      'via' in src ? `(select r.${src.col}::text from ${src.table} r where r.id = t.${src.via})` : `t.${src.col}::text`,
    );
    if (![entity, ...AUDIT_ENTITIES[entity]!.text.flatMap((s) => ('via' in s ? [s.via, s.table, s.col] : [s.col]))].every((x) => IDENT.test(x))) continue;
    const idList = [...ids].map(Number);
    // Identifiers come from the domain's fixed table of entities (checked above), never from input.
    const found = await query<{ id: string; label: string | null }>(
      tx,
      sql`select t.id::text as id, coalesce(${sql.raw(parts.join(', '))}) as label from ${sql.raw(entity)} t where t.id = any(${bigintArray(idList)})`,
    );
    for (const r of found) if (r.label) live.set(`${entity}#${r.id}`, r.label);
  }
  return rows.map((r) => live.get(`${r.entity}#${r.entityId}`) ?? fromLogged(r, AUDIT_ENTITIES[r.entity]?.text ?? []));
}
