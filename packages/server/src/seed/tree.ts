import { queryResult } from '../db/sql.js';
import { sql } from 'drizzle-orm';
import type { OrgType, Sector, SchoolStage, AdminUnitKind } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';

/** An organization to create, with its children: what generators build and the writer inserts. */
export interface OrgNode {
  name: string;
  type: OrgType;
  sector: Sector;
  schoolStage?: SchoolStage;
  foundedOn?: string;
  contactName?: string;
  contactPhone?: string;
  /** Village/community this branch serves (code of an AdminUnitSpec). */
  adminUnitCode?: string;
  /** Villages/communities registered under this township. */
  adminUnits?: AdminUnitSpec[];
  /** Dissolved in history (kept, not deleted). */
  dissolved?: { on: string; reason: string };
  children?: OrgNode[];
  /** Filled in by the writer. */
  id?: number;
}

export interface AdminUnitSpec {
  code: string;
  name: string;
  kind: AdminUnitKind;
}

/**
 * Inserts a tree level by level in multi-row batches (paths are computed by
 * the database trigger from parent ids). Returns the number of organizations.
 */
export async function writeTree(tx: Tx, root: OrgNode, parentId: number | null = null): Promise<number> {
  let level: { node: OrgNode; parentId: number | null }[] = [{ node: root, parentId }];
  const unitIds = new Map<string, number>();
  let count = 0;
  while (level.length) {
    const next: typeof level = [];
    for (let i = 0; i < level.length; i += 500) {
      const batch = level.slice(i, i + 500);
      const values = batch.map(({ node, parentId: pid }) => {
        const unitId = node.adminUnitCode ? unitIds.get(node.adminUnitCode) ?? null : null;
        return sql`(${pid}::bigint, ${node.name}, ${node.type}, ${node.sector}, ${node.schoolStage ?? null}, ${unitId}::bigint,
          ${node.foundedOn ?? null}::date, ${node.dissolved ? 'dissolved' : 'active'}, ${node.dissolved?.on ?? null}::date,
          ${node.dissolved?.reason ?? null}, ${node.contactName ?? null}, ${node.contactPhone ?? null})`;
      });
      const rows = await queryResult<{ id: number }>(tx, sql`
        insert into organizations (parent_id, name, type, sector, school_stage, admin_unit_id, founded_on, status,
                                   dissolved_on, dissolved_reason, contact_name, contact_phone)
        values ${sql.join(values, sql`, `)} returning id`);
      rows.rows.forEach((r, j) => {
        const { node } = batch[j]!;
        node.id = Number(r.id);
        count++;
        for (const child of node.children ?? []) next.push({ node: child, parentId: node.id });
      });
      // Admin units must exist before the branches that serve them (next level).
      for (const { node } of batch) {
        for (const u of node.adminUnits ?? []) {
          const r = await queryResult<{ id: number }>(tx, sql`
            insert into admin_units (code, name, kind, township_org_id) values (${u.code}, ${u.name}, ${u.kind}, ${node.id!}) returning id`);
          unitIds.set(u.code, Number(r.rows[0]!.id));
        }
      }
    }
    level = next;
  }
  return count;
}

export function* walk(node: OrgNode): Generator<OrgNode> {
  yield node;
  for (const c of node.children ?? []) yield* walk(c);
}
