import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';

/**
 * Honor campaigns and 青年大学习 rounds are run by a committee (usually the
 * county) for the organizations below it, which must see them to take part:
 * a branch nominates into the county's campaign, a township imports its
 * branches into the county's round, and a person's honors show on their
 * record. Row-level security hides rows of organizations above the caller,
 * so two SECURITY DEFINER functions (migration 0008) list the campaigns and
 * rounds "in the caller's line" (in scope, or run by an ancestor of the scope)
 * with nothing else about the ancestors.
 */

/** Campaigns the caller may take part in, as a relation: id, org_id, org_name, org_path, honor_type, year, title, status. */
export async function campaignsInLine(_tx: Tx): Promise<SQL> {
  return sql`tj_honor_campaigns_in_line()`;
}

/** Rounds the caller may take part in, as a relation: id, org_id, org_name, org_path, year, round_no, title, start_on. */
export async function roundsInLine(_tx: Tx): Promise<SQL> {
  return sql`tj_study_rounds_in_line()`;
}

/** Whether an organization is inside the caller's scope (its rows are visible and writable). */
export async function orgInScope(tx: Tx, orgId: number): Promise<boolean> {
  const [r] = await query<{ ok: boolean }>(tx, sql`select exists (select 1 from organizations where id = ${orgId}) as ok`);
  return !!r?.ok;
}
