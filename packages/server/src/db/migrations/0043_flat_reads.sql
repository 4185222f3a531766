-- Issue 15 at province size: kept-figure reads bounded by what they ask for. (0042 stays the empty
-- placeholder it landed as: a database that applied it would never apply new content there.)
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
-- 4. 组织活动 statistics (org-life/stats/activities) kept like the overview's activity counts: members by
--    day (act:mem; youth = act:people - act:mem), count and participants by activity type (act:tn:<type>,
--    act:tp:<type>) and count by theme (act:th:<theme>), all by the day held. The activities' figure
--    expression gains them (tj_figure_sources and the three triggers on activities, which the recount and
--    the bench's set-based refill both read); the rows of the activities already recorded are added here.
-- 5. Service records by organization, newest first: the 志愿服务 records page of a township or county walks
--    its organizations' records in that order (it scanned every record of the city: 646 ms at a township
--    of the synthetic city, 6.5 ms with the index).
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
--> statement-breakpoint
CREATE FUNCTION tj_activity_more_figs(p_held date, p_type text, p_theme text, p_members int, p_people int) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('act:mem', p_held, p_members)::tj_fig, ROW('act:tn:' || p_type, p_held, 1)::tj_fig,
               ROW('act:tp:' || p_type, p_held, p_people)::tj_fig, ROW('act:th:' || p_theme, p_held, 1)::tj_fig]
$$;
--> statement-breakpoint
ALTER FUNCTION tj_figure_sources() RENAME TO tj_figure_sources_before_0043;
--> statement-breakpoint
CREATE FUNCTION tj_figure_sources() RETURNS TABLE (tbl text, col text, figs text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT s.tbl, s.col,
         CASE WHEN s.tbl = 'activities' THEN s.figs || ' || tj_activity_more_figs(r.held_on, r.type, r.theme, r.member_count, r.member_count + r.youth_count)' ELSE s.figs END
    FROM tj_figure_sources_before_0043() s
$$;
--> statement-breakpoint
DO $$
DECLARE
  figs text := (SELECT s.figs FROM tj_figure_sources() s WHERE s.tbl = 'activities');
BEGIN
  DROP TRIGGER activities_figures_ins ON activities;
  DROP TRIGGER activities_figures_upd ON activities;
  DROP TRIGGER activities_figures_del ON activities;
  EXECUTE format('CREATE TRIGGER activities_figures_ins AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)', 'org_id', figs);
  EXECUTE format('CREATE TRIGGER activities_figures_upd AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)', 'org_id', figs);
  EXECUTE format('CREATE TRIGGER activities_figures_del AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)', 'org_id', figs);
END
$$;
--> statement-breakpoint
INSERT INTO org_figures (org_id, metric, day, value)
SELECT a.id, f.metric, f.day, sum(f.value)
  FROM activities r CROSS JOIN unnest(tj_activity_more_figs(r.held_on, r.type, r.theme, r.member_count, r.member_count + r.youth_count)) f
  JOIN organizations x ON x.id = r.org_id
  JOIN organizations a ON a.path @> x.path
 GROUP BY a.id, f.metric, f.day HAVING sum(f.value) <> 0
ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "service_records_org_idx" ON "service_records" USING btree ("org_id", "served_on" DESC, "id" DESC);
