-- Issue 15 at province size: kept-figure reads bounded by what they ask for.
--
-- 1. org_figures.metric compares in the "C" collation. The readers pick metrics by prefix with
--    starts_with(metric, 'mtg:sig:'), which is leakproof (it runs before the row policy) but became an
--    index condition only under a C collation: under any other, a read of one prefix at one organization
--    and day went through every metric of that organization on that day (6,489 rows for 11 organizations of
--    the synthetic city to return 33). Under "C", starts_with is planned as a range of the primary key
--    (metric >= 'mtg:sig:' AND metric < 'mtg:sig;'). Equality and the order of metric names in answers do
--    not depend on it (readers sort with collate "C" already). The column keeps its values; its index is
--    rebuilt. A view of the national tier (tj_national.top_figures, made by `national setup` on a province
--    server) depends on the column: it is dropped and made again around the change.
-- 2. Members by joining YEAR (mem:jy, day = 1 January of the year; 0001-01-01 when unknown) instead of by
--    joining day (mem:joined): the members of a year are those joined by its end, so a read sums one row
--    per year instead of one per day (46,207 rows for 11 organizations of the city). tj_member_figs is the
--    one definition the people trigger, the recount and the bench's set-based refill all call; the rows
--    already kept are folded by year here, with no recomputation from the records.
-- 3. The scope policy of the kept-figure tables (read only, by organization) checks each row read with one
--    primary-key probe of its organization, instead of EXISTS (...): the planner may run an EXISTS policy as
--    a hashed SubPlan, which reads every organization of the caller's scope before the first row (4,211 at
--    the synthetic city: 10-12 ms per statement, 25.6 ms of a 26-ms registrations read; 268,255 at a
--    province), whatever the few rows the statement reads. A scalar subquery is never hashed: its cost is
--    one index probe per row read (1-2 us), so a read costs what it reads. The rule is the same: a row is
--    visible when its organization is in the caller's subtree (a missing organization or no scope: NULL,
--    not visible). Rows of the scope's own organization (the home of every committee reads there) are
--    visible without the probe: tj_scope_org() is compared once per statement (an InitPlan). Tables whose
--    rows are listed by subtree keep EXISTS, where the planner's choice pays.
DO $$
DECLARE
  v text := pg_get_viewdef(to_regclass('tj_national.top_figures'));
  owner text := (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = to_regclass('tj_national.top_figures'));
  grants text[] := ARRAY(SELECT format('GRANT SELECT ON tj_national.top_figures TO %I', g.grantee)
                           FROM information_schema.role_table_grants g
                          WHERE g.table_schema = 'tj_national' AND g.table_name = 'top_figures' AND g.privilege_type = 'SELECT' AND g.grantee <> owner);
  g text;
BEGIN
  IF v IS NOT NULL THEN EXECUTE 'DROP VIEW tj_national.top_figures'; END IF;
  ALTER TABLE org_figures ALTER COLUMN metric TYPE text COLLATE "C";
  IF v IS NOT NULL THEN
    EXECUTE 'CREATE VIEW tj_national.top_figures AS ' || v;
    EXECUTE format('ALTER VIEW tj_national.top_figures OWNER TO %I', owner);
    FOREACH g IN ARRAY grants LOOP EXECUTE g; END LOOP;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tj_member_figs(p_member text, p_joined date) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_member = 'active' THEN ARRAY[ROW('mem:jy', date_trunc('year', coalesce(p_joined, DATE '0001-01-01'))::date, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint
INSERT INTO org_figures (org_id, metric, day, value)
SELECT org_id, 'mem:jy', date_trunc('year', day)::date, sum(value) FROM org_figures WHERE metric = 'mem:joined'
 GROUP BY org_id, date_trunc('year', day)::date HAVING sum(value) <> 0
ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
--> statement-breakpoint
DELETE FROM org_figures WHERE metric = 'mem:joined';
--> statement-breakpoint
-- The organization at the root of the caller's scope (the last label of its path, which is the id), or
-- NULL (no scope, or the whole tree).
CREATE FUNCTION tj_scope_org() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN nlevel(s) > 0 THEN ltree2text(subpath(s, -1))::bigint END FROM (SELECT tj_scope() AS s) x
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_scope_org() TO tj_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_figures', 'org_rollups', 'org_own_figures', 'branch_meeting_figures', 'stat_snapshots'] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%I.org_id = (SELECT tj_scope_org()) OR (SELECT so.path FROM organizations so WHERE so.id = %I.org_id) <@ tj_scope())', t || '_scope', t, t, t);
  END LOOP;
END
$$;
