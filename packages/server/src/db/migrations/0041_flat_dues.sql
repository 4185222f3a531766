-- 团费收缴 kept by organization and month in org_figures (issue 15), like 0031: the dues report
-- (modules/daily-work/dues.ts, report) reads per branch a few primary-key ranges instead of every
-- member and payment of the subtree. Metrics (day = the first of a month unless said otherwise):
--   dues:paid / dues:paidfen   payments by the payment's organization and period (count, fen);
--   dues:rf / dues:rt          remittances' fen at period_from / at period_to (overlapping [from, to] =
--                              started by `to` minus ended before `from`);
-- and, from the member's own rows (dues_person_figures, a join of people, dues_profiles and payments,
-- counted in the member's current organization, active members only):
--   dues:0:m, dues:0:x         members, exempt members (day 0001-01-01);
--   dues:j:f / dues:0:f        non-exempt members at the flat standard, at the joining month / in total
--                              (0001-01-01); dues:j:e / dues:0:e the same for employed members;
--   dues:j:y:<ppm> / dues:0:y:<ppm>  employed members' monthly dues in fen (shareOfFen of the income at the
--                              configured incomeShare, <ppm> = round(share × 10⁶)), at joining month / in total;
--   dues:po                    the member's payments for months owed (period ≥ joining month; not exempt).
-- The months a member owes in [from, to] run from max(from, joining month) to min(to, this month): with
-- the totals (dues:0:*, one range) and the rows joined after `from`, the member-months owed are a few small
-- ranges per branch.
-- Two more home figures, trigger rollups of one table each:
--   dev:flagged (day 0001-01-01)   development cases in progress with unreviewed flags (the funnel's 待核查);
--   rec:<outcome> (day = 1 January of the year)  推优入党 recommendations by year and outcome;
-- and the org overview's village/community coverage from each admin unit's own rows (unit_figures, counted
-- at its township; a unit is covered while an active organization names it):
--   au:n, au:cov, au:k:<kind>, au:k:<kind>:cov (day 0001-01-01);
-- and the archive overview's figures, from the members' own rows (day 0001-01-01): arc:v verified members,
-- arc:p members with a document waiting for review, arc:s:<bit set> members by the kinds of document their
-- file holds (not returned): complete = the sets holding every kind of the configured checklist.
-- A change of the dues rules (rule_settings 'dues') recomputes the employed members' rows; the reader
-- falls back to the live computation if rows of another incomeShare are found.

CREATE TABLE "dues_person_figures" (
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "dues_person_figures_pk" PRIMARY KEY ("person_id", "metric", "day")
);
--> statement-breakpoint
CREATE FUNCTION tj_dues_month(p_period text) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT make_date(substr(p_period, 1, 4)::int, substr(p_period, 6, 2)::int, 1)
$$;
--> statement-breakpoint
CREATE FUNCTION tj_dues_payment_figs(p_period text, p_fen bigint) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('dues:paid', tj_dues_month(p_period), 1)::tj_fig, ROW('dues:paidfen', tj_dues_month(p_period), p_fen)::tj_fig]
$$;
--> statement-breakpoint
CREATE FUNCTION tj_dues_remittance_figs(p_from text, p_to text, p_fen bigint) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('dues:rf', tj_dues_month(p_from), p_fen)::tj_fig, ROW('dues:rt', tj_dues_month(p_to), p_fen)::tj_fig]
$$;
--> statement-breakpoint
CREATE FUNCTION tj_case_flag_figs(p_status text, p_flags text[], p_reviewed text) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_status = 'in_progress' AND cardinality(p_flags) > 0 AND p_reviewed IS NULL
              THEN ARRAY[ROW('dev:flagged', DATE '0001-01-01', 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_recommendation_figs(p_year int, p_outcome text) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('rec:' || p_outcome, make_date(p_year, 1, 1), 1)::tj_fig]
$$;
--> statement-breakpoint
-- rules.dues.incomeShare in parts per million, as shareOfFen rounds it (domain default 0.005).
CREATE FUNCTION tj_dues_ppm() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT round(coalesce((SELECT (value->>'incomeShare')::numeric FROM rule_settings WHERE section = 'dues'), 0.005) * 1000000)::bigint
$$;
--> statement-breakpoint
-- The own rows of the given people (none unless an active member), as the report reads a member:
-- exempt when the profile has an exemption reason; employed (income share) or flat otherwise; months owed
-- from the joining month (every month when unknown); payments of those months.
CREATE FUNCTION tj_dues_person_rows(p_ids bigint[]) RETURNS TABLE (person_id bigint, org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH p AS MATERIALIZED (
    SELECT p.id, p.org_id, coalesce(date_trunc('month', p.joined_on)::date, DATE '0001-01-01') AS j,
           coalesce(d.exempt_reason, '') <> '' AS exempt, coalesce(d.category = 'employed', false) AS emp,
           coalesce(d.monthly_income_fen, 0)::bigint AS income, p.identity_verified_on IS NOT NULL AS verified
      FROM people p LEFT JOIN dues_profiles d ON d.person_id = p.id
     WHERE p.id = ANY (p_ids) AND p.member_status = 'active'),
  k AS (SELECT tj_dues_ppm() AS ppm)
  SELECT p.id, p.org_id, x.metric, x.day, x.value
    FROM p CROSS JOIN k CROSS JOIN LATERAL (VALUES
      ('dues:0:m', DATE '0001-01-01', 1::bigint, true),
      ('dues:0:x', DATE '0001-01-01', 1::bigint, p.exempt),
      ('arc:v', DATE '0001-01-01', 1::bigint, p.verified),
      ('dues:j:f', p.j, 1::bigint, NOT p.exempt AND NOT p.emp),
      ('dues:0:f', DATE '0001-01-01', 1::bigint, NOT p.exempt AND NOT p.emp),
      ('dues:j:e', p.j, 1::bigint, NOT p.exempt AND p.emp),
      ('dues:0:e', DATE '0001-01-01', 1::bigint, NOT p.exempt AND p.emp),
      ('dues:j:y:' || k.ppm, p.j, (p.income * k.ppm + 500000) / 1000000, NOT p.exempt AND p.emp),
      ('dues:0:y:' || k.ppm, DATE '0001-01-01', (p.income * k.ppm + 500000) / 1000000, NOT p.exempt AND p.emp)) AS x(metric, day, value, keep)
   WHERE x.keep
  UNION ALL
  SELECT p.id, p.org_id, 'dues:po', tj_dues_month(x.period), 1
    FROM p JOIN dues_payments x ON x.person_id = p.id
   WHERE NOT p.exempt AND x.period >= to_char(p.j, 'YYYY-MM')
  UNION ALL
  -- 电子档案: the kinds whose latest document is not returned, as a bit set (application_letter 1,
  -- application_form 2, photo 4, certificate 8, other 16), and whether a latest document waits for review.
  SELECT p.id, p.org_id, x.metric, DATE '0001-01-01', 1
    FROM p CROSS JOIN LATERAL (
      SELECT 'arc:s:' || coalesce(sum(CASE l.kind WHEN 'application_letter' THEN 1 WHEN 'application_form' THEN 2 WHEN 'photo' THEN 4
                                                  WHEN 'certificate' THEN 8 ELSE 16 END) FILTER (WHERE l.status <> 'returned'), 0) AS sig,
             coalesce(bool_or(l.status = 'pending'), false) AS pending
        FROM (SELECT DISTINCT ON (d.kind) d.kind, d.status FROM archive_documents d WHERE d.person_id = p.id ORDER BY d.kind, d.id DESC) l) a
    CROSS JOIN LATERAL (VALUES (a.sig, true), ('arc:p', a.pending)) AS x(metric, keep)
   WHERE x.keep
$$;
--> statement-breakpoint
-- Brings the own rows of the given people up to date: rows computed once, vanished rows deleted,
-- changed ones updated in place (the figure triggers of dues_person_figures carry the differences).
CREATE FUNCTION tj_dues_person_refresh(p_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH n AS MATERIALIZED (SELECT * FROM tj_dues_person_rows(p_ids)),
  gone AS (DELETE FROM dues_person_figures f
            WHERE f.person_id = ANY (p_ids)
              AND NOT EXISTS (SELECT 1 FROM n WHERE n.person_id = f.person_id AND n.metric = f.metric AND n.day = f.day) RETURNING 1)
  INSERT INTO dues_person_figures AS o (person_id, org_id, metric, day, value) SELECT * FROM n
  ON CONFLICT (person_id, metric, day) DO UPDATE SET org_id = EXCLUDED.org_id, value = EXCLUDED.value
   WHERE (o.org_id, o.value) IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.value);
END
$$;
--> statement-breakpoint
-- On people (members joining, leaving, moving, re-dated), dues_profiles and dues_payments: the people
-- the statement touched; on rule_settings (the dues section): every employed member.
CREATE FUNCTION tj_dues_person_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_TABLE_NAME = 'people' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(n.id) INTO ids FROM new_rows n WHERE n.member_status = 'active';
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(o.id) INTO ids FROM old_rows o;
    ELSE
      SELECT array_agg(n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.member_status, n.org_id, n.joined_on, n.identity_verified_on IS NULL) IS DISTINCT FROM (o.member_status, o.org_id, o.joined_on, o.identity_verified_on IS NULL);
    END IF;
  ELSIF TG_TABLE_NAME = 'rule_settings' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM 1 FROM new_rows WHERE section = 'dues';
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM 1 FROM old_rows WHERE section = 'dues';
    ELSE
      PERFORM 1 FROM new_rows WHERE section = 'dues' UNION ALL SELECT 1 FROM old_rows WHERE section = 'dues';
    END IF;
    IF FOUND THEN
      SELECT array_agg(x) INTO ids FROM (SELECT person_id AS x FROM dues_profiles WHERE category = 'employed'
                                         UNION SELECT person_id FROM dues_person_figures WHERE metric LIKE 'dues:0:y:%') y;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x) INTO ids FROM (SELECT person_id AS x FROM new_rows UNION SELECT person_id FROM old_rows) y;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM tj_dues_person_refresh(ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TABLE "unit_figures" (
	"unit_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "unit_figures_pk" PRIMARY KEY ("unit_id", "metric", "day")
);
--> statement-breakpoint
CREATE FUNCTION tj_unit_figure_rows(p_ids bigint[]) RETURNS TABLE (unit_id bigint, org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.township_org_id, m.metric, DATE '0001-01-01', 1::bigint
    FROM admin_units u
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM organizations b WHERE b.admin_unit_id = u.id AND b.status = 'active') AS cov) c
    CROSS JOIN LATERAL unnest(ARRAY['au:n', 'au:k:' || u.kind]
                              || CASE WHEN c.cov THEN ARRAY['au:cov', 'au:k:' || u.kind || ':cov'] ELSE ARRAY[]::text[] END) AS m(metric)
   WHERE u.id = ANY (p_ids) AND u.township_org_id IS NOT NULL
$$;
--> statement-breakpoint
CREATE FUNCTION tj_unit_figures_refresh(p_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH n AS MATERIALIZED (SELECT * FROM tj_unit_figure_rows(p_ids)),
  gone AS (DELETE FROM unit_figures f
            WHERE f.unit_id = ANY (p_ids)
              AND NOT EXISTS (SELECT 1 FROM n WHERE n.unit_id = f.unit_id AND n.metric = f.metric AND n.day = f.day) RETURNING 1)
  INSERT INTO unit_figures AS o (unit_id, org_id, metric, day, value) SELECT * FROM n
  ON CONFLICT (unit_id, metric, day) DO UPDATE SET org_id = EXCLUDED.org_id, value = EXCLUDED.value
   WHERE (o.org_id, o.value) IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.value);
END
$$;
--> statement-breakpoint
-- On admin_units: the units written; on organizations: the units named before or after, when the unit or
-- the status changed.
CREATE FUNCTION tj_unit_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_TABLE_NAME = 'admin_units' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(id) INTO ids FROM old_rows;
    ELSE
      SELECT array_agg(DISTINCT x) INTO ids FROM (SELECT id AS x FROM new_rows UNION SELECT id FROM old_rows) y;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT admin_unit_id) INTO ids FROM new_rows WHERE admin_unit_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT admin_unit_id) INTO ids FROM old_rows WHERE admin_unit_id IS NOT NULL;
  ELSE
    SELECT array_agg(DISTINCT x) INTO ids FROM (
      SELECT n.admin_unit_id AS x FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.admin_unit_id, n.status) IS DISTINCT FROM (o.admin_unit_id, o.status)
      UNION SELECT o.admin_unit_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.admin_unit_id, n.status) IS DISTINCT FROM (o.admin_unit_id, o.status)) y WHERE x IS NOT NULL;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM tj_unit_figures_refresh(ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The figures of this migration recomputed from the records (own rows recomputed, not read back).
CREATE FUNCTION tj_figures_recount_0041() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, d.metric, d.day, sum(d.value)::bigint FROM (
    SELECT f.org_id, f.metric, f.day, f.value FROM tj_dues_person_rows(ARRAY(SELECT id FROM people WHERE member_status = 'active')) f
    UNION ALL
    SELECT r.org_id, f.metric, f.day, f.value FROM dues_payments r, unnest(tj_dues_payment_figs(r.period, r.amount_fen)) f
    UNION ALL
    SELECT r.org_id, f.metric, f.day, f.value FROM dues_remittances r, unnest(tj_dues_remittance_figs(r.period_from, r.period_to, r.amount_fen)) f
    UNION ALL
    SELECT r.branch_id, f.metric, f.day, f.value FROM development_cases r, unnest(tj_case_flag_figs(r.status, r.flags, r.flags_reviewed_by)) f
    UNION ALL
    SELECT r.org_id, f.metric, f.day, f.value FROM party_recommendations r, unnest(tj_recommendation_figs(r.year, r.outcome)) f
    UNION ALL
    SELECT f.org_id, f.metric, f.day, f.value FROM tj_unit_figure_rows(ARRAY(SELECT id FROM admin_units)) f) d
    JOIN organizations x ON x.id = d.org_id
    JOIN organizations a ON a.path @> x.path
   GROUP BY a.id, d.metric, d.day HAVING sum(d.value) <> 0
$$;
--> statement-breakpoint
-- tj_figures_recount() and tj_figures_rebuild() cover the dues figures: the versions before this
-- migration (whatever earlier migrations made them) are kept under another name and wrapped, so that
-- the figures of other migrations are not lost.
ALTER FUNCTION tj_figures_recount() RENAME TO tj_figures_recount_before_0041;
--> statement-breakpoint
CREATE FUNCTION tj_figures_recount() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM tj_figures_recount_before_0041()
  UNION ALL
  SELECT * FROM tj_figures_recount_0041()
$$;
--> statement-breakpoint
ALTER FUNCTION tj_figures_rebuild() RENAME TO tj_figures_rebuild_before_0041;
--> statement-breakpoint
CREATE FUNCTION tj_figures_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM dues_person_figures;
  INSERT INTO dues_person_figures SELECT * FROM tj_dues_person_rows(ARRAY(SELECT id FROM people WHERE member_status = 'active'));
  DELETE FROM unit_figures;
  INSERT INTO unit_figures SELECT * FROM tj_unit_figure_rows(ARRAY(SELECT id FROM admin_units));
  PERFORM tj_figures_rebuild_before_0041();
  -- Whichever recount the earlier rebuild ran, the dues rows end as the records say.
  DELETE FROM org_figures WHERE metric LIKE 'dues:%' OR metric LIKE 'dev:%' OR metric LIKE 'rec:%' OR metric LIKE 'au:%' OR metric LIKE 'arc:%';
  INSERT INTO org_figures (org_id, metric, day, value) SELECT * FROM tj_figures_recount_0041();
END
$$;
--> statement-breakpoint
-- Backfill, then the triggers.
INSERT INTO dues_person_figures SELECT * FROM tj_dues_person_rows(ARRAY(SELECT id FROM people WHERE member_status = 'active'));
--> statement-breakpoint
INSERT INTO unit_figures SELECT * FROM tj_unit_figure_rows(ARRAY(SELECT id FROM admin_units));
--> statement-breakpoint
DELETE FROM org_figures WHERE metric LIKE 'dues:%' OR metric LIKE 'dev:%' OR metric LIKE 'rec:%' OR metric LIKE 'au:%' OR metric LIKE 'arc:%';
--> statement-breakpoint
INSERT INTO org_figures (org_id, metric, day, value) SELECT * FROM tj_figures_recount_0041();
--> statement-breakpoint
DO $$
DECLARE
  t record;
  tbl text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('dues_payments', 'org_id', 'tj_dues_payment_figs(r.period, r.amount_fen)'),
      ('dues_remittances', 'org_id', 'tj_dues_remittance_figs(r.period_from, r.period_to, r.amount_fen)'),
      ('dues_person_figures', 'org_id', 'ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]'),
      ('development_cases', 'branch_id', 'tj_case_flag_figs(r.status, r.flags, r.flags_reviewed_by)'),
      ('party_recommendations', 'org_id', 'tj_recommendation_figs(r.year, r.outcome)'),
      ('unit_figures', 'org_id', 'ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]')) AS x(tbl, col, figs) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t.tbl || '_figures_ins', t.tbl, t.col, t.figs);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t.tbl || '_figures_upd', t.tbl, t.col, t.figs);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t.tbl || '_figures_del', t.tbl, t.col, t.figs);
  END LOOP;
  FOREACH tbl IN ARRAY ARRAY['people', 'dues_profiles', 'dues_payments', 'rule_settings', 'archive_documents'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_person_trigger()', tbl || '_dues_figures_ins', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_person_trigger()', tbl || '_dues_figures_upd', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_dues_person_trigger()', tbl || '_dues_figures_del', tbl);
  END LOOP;
  FOREACH tbl IN ARRAY ARRAY['admin_units', 'organizations'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_unit_figures_trigger()', tbl || '_unit_figures_ins', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_unit_figures_trigger()', tbl || '_unit_figures_upd', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_unit_figures_trigger()', tbl || '_unit_figures_del', tbl);
  END LOOP;
END $$;
