-- Issue 15: the two paged branch lists that still tested every branch of the subtree to pick one page, kept
-- as ordered rows per (ancestor, list, branch) in the same transaction, so that page k is an index range of
-- pageSize rows after (k - 1) × pageSize and the total a kept count at the ancestor.
--
-- 1. 团费收缴 behind (dues report, behindOnly, from = to = one month M; the township home asks this month):
--    an active branch is behind in M when it owes member-months in M (due: non-exempt active members joined
--    by M) and some are unpaid (due − dues:po at M); the order is duesBehind's: collection rate (paid ÷ due,
--    rounded to 4 places as the report rounds it) ascending, unpaid descending, then tree order (path).
--    The figures of one month do not depend on the day asked (M up to this month; a later M has no months
--    owed, so no branch is behind), only on the records: they are kept for the months in dues_ranked_months
--    (tj_dues_ranked_keep(month, n): the n months up to it; this migration keeps this month and the last in
--    China time, the month-end job (jobs/snapshots.ts) keeps its month at start-up and on each 1st). Other
--    months and ranges are computed as before.
--      dues_behind (branch, month, r4, unpaid)    a behind branch's own row per kept month, from its
--                                                 org_figures (0041), refreshed after dues_person_figures
--                                                 rows change (payments, profiles, members) and when a
--                                                 branch is founded, dissolved, re-typed or moved;
--      rank:dues (org_figures, day = month)       behind branches of the subtree (0031's generic trigger);
--      dues_ranked (ancestor, month, r4, unpaid, path, branch)   one row per ancestor of each behind branch,
--                                                 in the list's order (unique index).
-- 2. 青年大学习 ranking (org-life stats/study, the kept path; belowOnly: a suffix of the same order): every
--    organization with participation in the year, by rate (study:r4 as 0031 rounds it) descending, no rate
--    last, then id (rankByStudyRate's stable sort of rows read by id). Ranks are 1 + the organizations of a
--    higher rate (0031's study:r4:<rate> histogram at the ancestor); the totals study:orgs (added here to
--    tj_org_study_rows: one per organization with participation) and the histogram below the threshold.
--      study_ranked (ancestor, year, r4 (−1: no rate), org)  one row per ancestor, from org_own_figures.
-- Written only by the definer functions and triggers below; tj_app reads the ordered rows through 0043's
-- scope policy (one primary-key probe of the ancestor per row read). tj_figures_recount() covers the counts;
-- tj_ranked_recount() gives the ordered rows from the records (tests); tj_figures_rebuild() repairs both.
CREATE TABLE "dues_ranked_months" (
	"month" date PRIMARY KEY
);
--> statement-breakpoint
CREATE TABLE "dues_behind" (
	"branch_id" bigint NOT NULL,
	"month" date NOT NULL,
	"r4" integer NOT NULL,
	"unpaid" bigint NOT NULL,
	CONSTRAINT "dues_behind_pk" PRIMARY KEY ("branch_id", "month")
);
--> statement-breakpoint
CREATE TABLE "dues_ranked" (
	"anc_id" bigint NOT NULL,
	"month" date NOT NULL,
	"r4" integer NOT NULL,
	"unpaid" bigint NOT NULL,
	"path" ltree NOT NULL,
	"branch_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_ranked_order" ON "dues_ranked" ("anc_id", "month", "r4", "unpaid" DESC, "path");
--> statement-breakpoint
CREATE INDEX "dues_ranked_branch" ON "dues_ranked" ("branch_id", "month");
--> statement-breakpoint
CREATE TABLE "study_ranked" (
	"anc_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"r4" integer NOT NULL,
	"org_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "study_ranked_order" ON "study_ranked" ("anc_id", "year", "r4" DESC, "org_id");
--> statement-breakpoint
CREATE INDEX "study_ranked_org" ON "study_ranked" ("org_id", "year");
--> statement-breakpoint
-- A rate × 10000 rounded as Math.round rounds it (studyRate, the dues report's rateOf); NULL without a base.
CREATE FUNCTION tj_rate4(p_part bigint, p_base bigint) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_base > 0 THEN floor((p_part::float8 / p_base) * 10000 + 0.5)::int END
$$;
--> statement-breakpoint
-- The behind rows of the given branches for the given months, from their kept dues figures (0041): due =
-- non-exempt members in total minus those joined after the month, paid = their payments of the month.
CREATE FUNCTION tj_dues_behind_rows(p_ids bigint[], p_months date[]) RETURNS TABLE (branch_id bigint, month date, r4 integer, unpaid bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  -- plpgsql, so that the plan is kept across calls (every payment's trigger calls it).
  RETURN QUERY
  SELECT b.id, m.month, tj_rate4(x.paid, x.due), x.due - x.paid
    FROM organizations b CROSS JOIN unnest(p_months) AS m(month)
    CROSS JOIN LATERAL (SELECT
      (coalesce((SELECT sum(f.value) FROM org_figures f WHERE f.org_id = b.id AND f.metric IN ('dues:0:f', 'dues:0:e') AND f.day = DATE '0001-01-01'), 0)
       - coalesce((SELECT sum(f.value) FROM org_figures f WHERE f.org_id = b.id AND f.metric IN ('dues:j:f', 'dues:j:e') AND f.day > m.month), 0))::bigint AS due,
      coalesce((SELECT sum(f.value) FROM org_figures f WHERE f.org_id = b.id AND f.metric = 'dues:po' AND f.day = m.month), 0)::bigint AS paid) x
   WHERE b.id = ANY (p_ids) AND b.status = 'active' AND b.type IN ('branch', 'joint_branch') AND x.due > 0 AND x.due > x.paid;
END
$$;
--> statement-breakpoint
-- The same rows for every active branch and kept month, from the records (the members' rows of 0041
-- recomputed, not read back): the recount and the rebuild.
CREATE FUNCTION tj_dues_behind_recount() RETURNS TABLE (branch_id bigint, month date, r4 integer, unpaid bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH p AS MATERIALIZED (
    SELECT r.org_id, r.metric, r.day, r.value FROM tj_dues_person_rows(ARRAY(SELECT id FROM people WHERE member_status = 'active')) r
     WHERE r.metric IN ('dues:0:f', 'dues:0:e', 'dues:j:f', 'dues:j:e', 'dues:po')),
  x AS (
    SELECT b.id, m.month,
           (coalesce(sum(p.value) FILTER (WHERE p.metric IN ('dues:0:f', 'dues:0:e')), 0)
            - coalesce(sum(p.value) FILTER (WHERE p.metric IN ('dues:j:f', 'dues:j:e') AND p.day > m.month), 0))::bigint AS due,
           coalesce(sum(p.value) FILTER (WHERE p.metric = 'dues:po' AND p.day = m.month), 0)::bigint AS paid
      FROM organizations b CROSS JOIN dues_ranked_months m
      JOIN organizations o ON o.path <@ b.path JOIN p ON p.org_id = o.id
     WHERE b.status = 'active' AND b.type IN ('branch', 'joint_branch')
     GROUP BY b.id, m.month)
  SELECT x.id, x.month, tj_rate4(x.paid, x.due), x.due - x.paid FROM x WHERE x.due > 0 AND x.due > x.paid
$$;
--> statement-breakpoint
-- Brings the behind rows of the given branches up to date for the given kept months (only changed rows written).
CREATE FUNCTION tj_dues_behind_refresh(p_ids bigint[], p_months date[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH n AS MATERIALIZED (SELECT * FROM tj_dues_behind_rows(p_ids, p_months)),
  gone AS (DELETE FROM dues_behind d WHERE d.branch_id = ANY (p_ids) AND d.month = ANY (p_months)
              AND NOT EXISTS (SELECT 1 FROM n WHERE n.branch_id = d.branch_id AND n.month = d.month) RETURNING 1)
  INSERT INTO dues_behind AS o (branch_id, month, r4, unpaid) SELECT * FROM n
  ON CONFLICT (branch_id, month) DO UPDATE SET r4 = EXCLUDED.r4, unpaid = EXCLUDED.unpaid
   WHERE (o.r4, o.unpaid) IS DISTINCT FROM (EXCLUDED.r4, EXCLUDED.unpaid);
END
$$;
--> statement-breakpoint
-- The ordered rows of the given (branch, month) pairs rewritten from dues_behind at every ancestor.
CREATE FUNCTION tj_dues_ranked_redo(p_ids bigint[], p_months date[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM dues_ranked r USING unnest(p_ids, p_months) AS k(id, month) WHERE r.branch_id = k.id AND r.month = k.month;
  INSERT INTO dues_ranked (anc_id, month, r4, unpaid, path, branch_id)
  SELECT a.id, d.month, d.r4, d.unpaid, o.path, d.branch_id
    FROM (SELECT DISTINCT * FROM unnest(p_ids, p_months) AS k(id, month)) k
    JOIN dues_behind d ON d.branch_id = k.id AND d.month = k.month
    JOIN organizations o ON o.id = d.branch_id
    JOIN organizations a ON a.path @> o.path;
END
$$;
--> statement-breakpoint
-- On dues_behind: the (branch, month) pairs written. An update (by tj_dues_behind_refresh: the rate and months
-- unpaid of a branch and month, never its key) updates the ordered rows in place.
CREATE FUNCTION tj_dues_ranked_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
  months date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(branch_id), array_agg(month) INTO ids, months FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(branch_id), array_agg(month) INTO ids, months FROM old_rows;
  ELSE
    UPDATE dues_ranked r SET r4 = n.r4, unpaid = n.unpaid FROM new_rows n WHERE r.branch_id = n.branch_id AND r.month = n.month;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM tj_dues_ranked_redo(ids, months);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- On dues_person_figures (after its rollup into org_figures: triggers fire in name order): the branches at
-- and above the organizations of the rows written, when a figure of the behind test changed; for payments
-- only (dues:po), only the kept months paid (none: nothing to do), else every kept month.
CREATE FUNCTION tj_dues_behind_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
  months date[];
  orgs bigint[];
  every boolean;
  paid date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT org_id), bool_or(metric <> 'dues:po'), array_agg(DISTINCT day) FILTER (WHERE metric = 'dues:po') INTO orgs, every, paid
      FROM new_rows WHERE metric IN ('dues:0:f', 'dues:0:e', 'dues:j:f', 'dues:j:e', 'dues:po');
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT org_id), bool_or(metric <> 'dues:po'), array_agg(DISTINCT day) FILTER (WHERE metric = 'dues:po') INTO orgs, every, paid
      FROM old_rows WHERE metric IN ('dues:0:f', 'dues:0:e', 'dues:j:f', 'dues:j:e', 'dues:po');
  ELSE
    SELECT array_agg(DISTINCT org_id), bool_or(metric <> 'dues:po'), array_agg(DISTINCT day) FILTER (WHERE metric = 'dues:po') INTO orgs, every, paid
      FROM (SELECT org_id, metric, day FROM new_rows UNION ALL SELECT org_id, metric, day FROM old_rows) r
     WHERE metric IN ('dues:0:f', 'dues:0:e', 'dues:j:f', 'dues:j:e', 'dues:po');
  END IF;
  IF orgs IS NULL THEN
    RETURN NULL;
  END IF;
  months := ARRAY(SELECT month FROM dues_ranked_months WHERE every OR month = ANY (paid));
  IF cardinality(months) = 0 THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(DISTINCT a.id) INTO ids FROM organizations x JOIN organizations a ON a.path @> x.path AND a.type IN ('branch', 'joint_branch') WHERE x.id = ANY (orgs);
  IF ids IS NOT NULL THEN
    PERFORM tj_dues_behind_refresh(ids, months);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The ordered study rows of the given (organization, year) pairs rewritten from org_own_figures at every ancestor.
CREATE FUNCTION tj_study_ranked_redo(p_orgs bigint[], p_years int[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM study_ranked r USING unnest(p_orgs, p_years) AS k(org, yr) WHERE r.org_id = k.org AND r.year = k.yr;
  INSERT INTO study_ranked (anc_id, year, r4, org_id)
  SELECT a.id, k.yr, coalesce(tj_rate4(p.value, coalesce(b.value, 0)), -1), k.org
    FROM (SELECT DISTINCT * FROM unnest(p_orgs, p_years) AS k(org, yr)) k
    JOIN org_own_figures p ON p.org_id = k.org AND p.metric = 'study:participants' AND p.day = make_date(k.yr, 1, 1)
    LEFT JOIN org_own_figures b ON b.org_id = k.org AND b.metric = 'study:base' AND b.day = make_date(k.yr, 1, 1)
    JOIN organizations o ON o.id = k.org
    JOIN organizations a ON a.path @> o.path;
END
$$;
--> statement-breakpoint
-- On org_own_figures: the (organization, year) pairs whose participants or base changed.
CREATE FUNCTION tj_study_ranked_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  orgs bigint[];
  years int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (
      SELECT DISTINCT org_id, extract(year FROM day)::int AS yr FROM new_rows WHERE metric IN ('study:participants', 'study:base')) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (
      SELECT DISTINCT org_id, extract(year FROM day)::int AS yr FROM old_rows WHERE metric IN ('study:participants', 'study:base')) x;
  ELSE
    SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (
      SELECT org_id, extract(year FROM day)::int AS yr FROM new_rows WHERE metric IN ('study:participants', 'study:base')
      UNION SELECT org_id, extract(year FROM day)::int FROM old_rows WHERE metric IN ('study:participants', 'study:base')) x;
  END IF;
  IF orgs IS NOT NULL THEN
    PERFORM tj_study_ranked_redo(orgs, years);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- On organizations (updates: a new organization has no members nor participation yet, and one that has
-- cannot be deleted): a branch founded, dissolved or re-typed is refreshed; the rows of organizations whose
-- path changed (moved, or under a moved one) are rewritten at their new ancestors (and with their new path).
CREATE FUNCTION tj_org_ranked_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  changed bigint[];
  moved bigint[];
  ids bigint[];
  months date[];
  years int[];
BEGIN
  SELECT array_agg(n.id) FILTER (WHERE (n.status, n.type) IS DISTINCT FROM (o.status, o.type)),
         array_agg(n.id) FILTER (WHERE n.path::text IS DISTINCT FROM o.path::text)
    INTO changed, moved FROM new_rows n JOIN old_rows o ON o.id = n.id;
  IF changed IS NOT NULL AND EXISTS (SELECT 1 FROM dues_ranked_months) THEN
    PERFORM tj_dues_behind_refresh(changed, ARRAY(SELECT month FROM dues_ranked_months));
  END IF;
  IF moved IS NOT NULL THEN
    SELECT array_agg(d.branch_id), array_agg(d.month) INTO ids, months FROM dues_behind d WHERE d.branch_id = ANY (moved);
    IF ids IS NOT NULL THEN
      PERFORM tj_dues_ranked_redo(ids, months);
    END IF;
    SELECT array_agg(f.org_id), array_agg(extract(year FROM f.day)::int) INTO ids, years
      FROM org_own_figures f WHERE f.org_id = ANY (moved) AND f.metric = 'study:participants';
    IF ids IS NOT NULL THEN
      PERFORM tj_study_ranked_redo(ids, years);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Keeps the behind rows of the p_count months up to p_month (first of month), and no other: months added are
-- computed for every branch, months dropped are removed (with their ordered rows and counts).
CREATE FUNCTION tj_dues_ranked_keep(p_month date, p_count int DEFAULT 2) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  hi date := date_trunc('month', p_month)::date;
  lo date := (date_trunc('month', p_month) - make_interval(months => greatest(p_count, 1) - 1))::date;
  added date[];
BEGIN
  DELETE FROM dues_ranked_months WHERE month < lo OR month > hi;
  DELETE FROM dues_behind WHERE month < lo OR month > hi;
  WITH a AS (INSERT INTO dues_ranked_months SELECT g::date FROM generate_series(lo::timestamp, hi::timestamp, interval '1 month') g
             ON CONFLICT DO NOTHING RETURNING month)
  SELECT array_agg(month) INTO added FROM a;
  IF added IS NOT NULL THEN
    INSERT INTO dues_behind SELECT * FROM tj_dues_behind_rows(ARRAY(SELECT id FROM organizations WHERE status = 'active' AND type IN ('branch', 'joint_branch')), added);
  END IF;
END
$$;
--> statement-breakpoint
-- One row per organization with participation in a year (the ranking's total), beside the rows of the
-- function as it is (0031's, with 0038's per round).
ALTER FUNCTION tj_org_study_rows(bigint, int) RENAME TO tj_org_study_rows_before_0044;
--> statement-breakpoint
CREATE FUNCTION tj_org_study_rows(p_org bigint, p_year int) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH b AS MATERIALIZED (SELECT * FROM tj_org_study_rows_before_0044(p_org, p_year))
  SELECT * FROM b
  UNION ALL SELECT 'study:orgs', b.day, 1 FROM b WHERE b.metric = 'study:participants'
$$;
--> statement-breakpoint
-- The ordered rows from the records (tests compare them with dues_ranked and study_ranked; the rebuild).
CREATE FUNCTION tj_ranked_recount() RETURNS TABLE (list text, anc_id bigint, period date, r4 integer, unpaid bigint, path ltree, org_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT 'dues', a.id, d.month, d.r4, d.unpaid, o.path, d.branch_id
    FROM tj_dues_behind_recount() d JOIN organizations o ON o.id = d.branch_id JOIN organizations a ON a.path @> o.path
  UNION ALL
  SELECT 'study', a.id, make_date(k.year, 1, 1), coalesce(tj_rate4(p.value, coalesce(b.value, 0)), -1), NULL, NULL, k.org_id
    FROM (SELECT DISTINCT p.org_id, s.year FROM study_participation p JOIN study_rounds s ON s.id = p.round_id) k
    JOIN LATERAL (SELECT r.value FROM tj_org_study_rows(k.org_id, k.year) r WHERE r.metric = 'study:participants') p ON true
    LEFT JOIN LATERAL (SELECT r.value FROM tj_org_study_rows(k.org_id, k.year) r WHERE r.metric = 'study:base') b ON true
    JOIN organizations o ON o.id = k.org_id JOIN organizations a ON a.path @> o.path
$$;
--> statement-breakpoint
-- The kept rows in the same shape.
CREATE FUNCTION tj_ranked_kept() RETURNS TABLE (list text, anc_id bigint, period date, r4 integer, unpaid bigint, path ltree, org_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT 'dues', r.anc_id, r.month, r.r4, r.unpaid, r.path, r.branch_id FROM dues_ranked r
  UNION ALL
  SELECT 'study', r.anc_id, make_date(r.year, 1, 1), r.r4, NULL, NULL, r.org_id FROM study_ranked r
$$;
--> statement-breakpoint
-- The recount's part of this migration: the behind branches counted at every ancestor (study:orgs comes
-- with tj_org_study_rows, which 0031's recount calls).
CREATE FUNCTION tj_figures_recount_0044() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, 'rank:dues', d.month, count(*)::bigint
    FROM tj_dues_behind_recount() d JOIN organizations o ON o.id = d.branch_id JOIN organizations a ON a.path @> o.path
   GROUP BY a.id, d.month
$$;
--> statement-breakpoint
ALTER FUNCTION tj_figures_recount() RENAME TO tj_figures_recount_before_0044;
--> statement-breakpoint
CREATE FUNCTION tj_figures_recount() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM tj_figures_recount_before_0044()
  UNION ALL
  SELECT * FROM tj_figures_recount_0044()
$$;
--> statement-breakpoint
-- The ordered rows of both lists rewritten, set-based, from dues_behind and org_own_figures (backfill, rebuild).
CREATE FUNCTION tj_ranked_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM dues_ranked;
  INSERT INTO dues_ranked (anc_id, month, r4, unpaid, path, branch_id)
  SELECT a.id, d.month, d.r4, d.unpaid, o.path, d.branch_id FROM dues_behind d JOIN organizations o ON o.id = d.branch_id JOIN organizations a ON a.path @> o.path;
  DELETE FROM study_ranked;
  INSERT INTO study_ranked (anc_id, year, r4, org_id)
  SELECT a.id, extract(year FROM p.day)::int, coalesce(tj_rate4(p.value, coalesce(b.value, 0)), -1), p.org_id
    FROM org_own_figures p
    LEFT JOIN org_own_figures b ON b.org_id = p.org_id AND b.metric = 'study:base' AND b.day = p.day
    JOIN organizations o ON o.id = p.org_id JOIN organizations a ON a.path @> o.path
   WHERE p.metric = 'study:participants';
END
$$;
--> statement-breakpoint
ALTER FUNCTION tj_figures_rebuild() RENAME TO tj_figures_rebuild_before_0044;
--> statement-breakpoint
-- The earlier rebuild first (org_figures becomes the recount of the whole chain, org_own_figures is rewritten),
-- then the behind rows from the records, the counts from this migration's recount, and the ordered rows anew.
CREATE FUNCTION tj_figures_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM tj_figures_rebuild_before_0044();
  DELETE FROM dues_behind;
  INSERT INTO dues_behind SELECT * FROM tj_dues_behind_recount();
  DELETE FROM org_figures WHERE metric LIKE 'rank:%';
  INSERT INTO org_figures (org_id, metric, day, value) SELECT * FROM tj_figures_recount_0044();
  PERFORM tj_ranked_rebuild();
END
$$;
--> statement-breakpoint
-- Backfill (set-based), then the triggers. study:orgs of the organizations with participation (their rollup
-- into org_figures by org_own_figures' trigger); the ordered study rows; this month and the last kept.
INSERT INTO org_own_figures (org_id, metric, day, value)
SELECT org_id, 'study:orgs', day, 1 FROM org_own_figures WHERE metric = 'study:participants';
--> statement-breakpoint
SELECT tj_ranked_rebuild();
--> statement-breakpoint
-- The count of behind branches at every ancestor (0031's generic trigger; an update never changes a row's key, so
-- never the count: no update trigger).
CREATE TRIGGER dues_behind_figures_ins AFTER INSERT ON dues_behind REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION tj_figure_trigger('branch_id', 'ARRAY[ROW(''rank:dues'', r.month, 1)::tj_fig]');
--> statement-breakpoint
CREATE TRIGGER dues_behind_figures_del AFTER DELETE ON dues_behind REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION tj_figure_trigger('branch_id', 'ARRAY[ROW(''rank:dues'', r.month, 1)::tj_fig]');
--> statement-breakpoint
CREATE TRIGGER dues_behind_ranked_ins AFTER INSERT ON dues_behind REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_ranked_trigger();
--> statement-breakpoint
CREATE TRIGGER dues_behind_ranked_upd AFTER UPDATE ON dues_behind REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_ranked_trigger();
--> statement-breakpoint
CREATE TRIGGER dues_behind_ranked_del AFTER DELETE ON dues_behind REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_ranked_trigger();
--> statement-breakpoint
SELECT tj_dues_ranked_keep(date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours')::date, 2);
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  -- Named to fire after each table's rollup trigger (*_figures_*): the behind test reads org_figures.
  EXECUTE 'CREATE TRIGGER dues_person_figures_ranked_ins AFTER INSERT ON dues_person_figures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_behind_trigger()';
  EXECUTE 'CREATE TRIGGER dues_person_figures_ranked_upd AFTER UPDATE ON dues_person_figures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_behind_trigger()';
  EXECUTE 'CREATE TRIGGER dues_person_figures_ranked_del AFTER DELETE ON dues_person_figures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_behind_trigger()';
  EXECUTE 'CREATE TRIGGER org_own_figures_ranked_ins AFTER INSERT ON org_own_figures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_study_ranked_trigger()';
  EXECUTE 'CREATE TRIGGER org_own_figures_ranked_upd AFTER UPDATE ON org_own_figures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_study_ranked_trigger()';
  EXECUTE 'CREATE TRIGGER org_own_figures_ranked_del AFTER DELETE ON org_own_figures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_study_ranked_trigger()';
  EXECUTE 'CREATE TRIGGER organizations_ranked_upd AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_org_ranked_trigger()';
  FOREACH t IN ARRAY ARRAY['dues_ranked', 'study_ranked'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (%I.anc_id = (SELECT tj_scope_org()) OR (SELECT so.path FROM organizations so WHERE so.id = %I.anc_id) <@ tj_scope())', t || '_scope', t, t, t);
    EXECUTE format('GRANT SELECT ON %I TO tj_app', t);
  END LOOP;
  -- Which months are kept is no one's secret; the own rows are read through the ordered ones only.
  GRANT SELECT ON dues_ranked_months TO tj_app;
END
$$;
