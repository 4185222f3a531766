import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';

/**
 * Honor campaigns and 青年大学习 rounds are run by a committee (usually the
 * county) for the organizations below it, which must see them to take part:
 * a branch nominates into the county's campaign, a township imports its
 * branches into the county's round, and a person's honors show on their
 * record. Row-level security hides rows of organizations above the caller,
 * so these two SECURITY DEFINER functions list the campaigns and rounds "in
 * the caller's line" (in scope, or run by an ancestor of the scope) with
 * nothing else about the ancestors. They belong in a migration
 * (ORG_LIFE_IN_LINE_SQL below, for 0009); until it exists the code falls back
 * to what the caller's scope holds, so lower levels take part only in their
 * own campaigns and rounds.
 */
export const ORG_LIFE_IN_LINE_SQL = `
CREATE FUNCTION tj_honor_campaigns_in_line()
RETURNS TABLE (id bigint, org_id bigint, org_name text, org_path text, honor_type text, year int, title text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id, c.org_id, o.name, o.path::text, c.honor_type, c.year, c.title, c.status
    FROM honor_campaigns c JOIN organizations o ON o.id = c.org_id
   WHERE o.path <@ tj_scope() OR tj_scope() <@ o.path
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_honor_campaigns_in_line() TO tj_app;
--> statement-breakpoint
CREATE FUNCTION tj_study_rounds_in_line()
RETURNS TABLE (id bigint, org_id bigint, org_name text, org_path text, year int, round_no int, title text, start_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, s.org_id, o.name, o.path::text, s.year, s.round_no, s.title, s.start_on
    FROM study_rounds s JOIN organizations o ON o.id = s.org_id
   WHERE o.path <@ tj_scope() OR tj_scope() <@ o.path
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_study_rounds_in_line() TO tj_app;
`;

async function hasFunction(tx: Tx, signature: string): Promise<boolean> {
  const [r] = await query<{ ok: boolean }>(tx, sql`select to_regprocedure(${signature}) is not null as ok`);
  return !!r?.ok;
}

/** Campaigns the caller may take part in, as a relation: id, org_id, org_name, org_path, honor_type, year, title, status. */
export async function campaignsInLine(tx: Tx): Promise<SQL> {
  if (await hasFunction(tx, 'tj_honor_campaigns_in_line()')) return sql`tj_honor_campaigns_in_line()`;
  return sql`(select c.id, c.org_id, o.name as org_name, o.path::text as org_path, c.honor_type, c.year, c.title, c.status
                from honor_campaigns c join organizations o on o.id = c.org_id)`;
}

/** Rounds the caller may take part in, as a relation: id, org_id, org_name, org_path, year, round_no, title, start_on. */
export async function roundsInLine(tx: Tx): Promise<SQL> {
  if (await hasFunction(tx, 'tj_study_rounds_in_line()')) return sql`tj_study_rounds_in_line()`;
  return sql`(select s.id, s.org_id, o.name as org_name, o.path::text as org_path, s.year, s.round_no, s.title, s.start_on
                from study_rounds s join organizations o on o.id = s.org_id)`;
}

/** Whether an organization is inside the caller's scope (its rows are visible and writable). */
export async function orgInScope(tx: Tx, orgId: number): Promise<boolean> {
  const [r] = await query<{ ok: boolean }>(tx, sql`select exists (select 1 from organizations where id = ${orgId}) as ok`);
  return !!r?.ok;
}
