-- Figures of org life kept by organization and day in the same transaction (issue 15).
--
-- org_figures holds, for every organization, dated figures of its whole subtree: (metric, day) → value.
-- A figure over a period is the sum of its rows with day in the period: one primary-key range per
-- metric, whatever the size of the subtree. Each counted table contributes, per row, an array of
-- (metric, day, value) (the tj_*_figs functions); statement triggers add the new rows' values and
-- subtract the old rows' values at every ancestor, like org_rollups (0012). tj_figures_recount()
-- recomputes everything from the records (tests, repair).
--
-- Meeting compliance is not a sum of meetings (a branch is behind when any closed month or quarter
-- falls short), so every active branch keeps its own rows in branch_meeting_figures, recomputed for
-- the (branch, year) a write touches and rolled up like any other table:
--   mtg:n:<kind>:<n>   day = period end: the branch held n (≥ 1, capped at 12) meetings of <kind> in the period;
--   mtg:sig:<a.b.c.d.e> day = month end e: per requirement kind (general, committee, group, lecture,
--                       theme day) the fewest held in an eligible period of the year ending by e (x: none).
-- With the configured frequencies (rules.orgLife, any value 0–12) the reader derives the met/required
-- sums and the number of branches behind for a year-to-date period without visiting any branch.
-- org:branch (day = founded_on, 0001-01-01 when unknown) counts active branches for the eligibility
-- of periods (a period starting before the branch was founded is not required).

CREATE TABLE "org_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "org_figures_pk" PRIMARY KEY ("org_id", "metric", "day")
);
--> statement-breakpoint
CREATE TABLE "branch_meeting_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "branch_meeting_figures_pk" PRIMARY KEY ("org_id", "metric", "day")
);
--> statement-breakpoint
CREATE TYPE tj_fig AS (metric text, day date, value bigint);
--> statement-breakpoint
CREATE FUNCTION tj_meeting_figs(p_status text, p_kind text, p_held date, p_planned date) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_status
    WHEN 'held' THEN ARRAY[ROW('mtg:held', p_held, 1)::tj_fig]
      || CASE WHEN p_kind IN ('theme_day', 'oath_ceremony') THEN ARRAY[ROW('mtg:theme', p_held, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
    WHEN 'planned' THEN ARRAY[ROW('mtg:planned', p_planned, 1)::tj_fig]
    ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_activity_figs(p_held date, p_people int, p_venue bigint) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('act:count', p_held, 1)::tj_fig, ROW('act:people', p_held, p_people)::tj_fig]
      || CASE WHEN p_venue IS NOT NULL THEN ARRAY[ROW('act:venue', p_held, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint
-- Volunteers by birth month and by birth date: the youth on any date (age <= youthMax) are the months
-- after the cut-off's month plus the days after the cut-off within its month.
CREATE FUNCTION tj_volunteer_figs(p_birth date) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('vol:bm', date_trunc('month', p_birth)::date, 1)::tj_fig, ROW('vol:bd', p_birth, 1)::tj_fig]
$$;
--> statement-breakpoint
CREATE FUNCTION tj_org_figs(p_status text, p_type text, p_founded date) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_status = 'active' AND p_type IN ('branch', 'joint_branch')
              THEN ARRAY[ROW('org:branch', coalesce(p_founded, DATE '0001-01-01'), 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint

-- Active members by joining date: the members of a year are those joined by its end (or of unknown date).
CREATE FUNCTION tj_member_figs(p_member text, p_joined date) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_member = 'active' THEN ARRAY[ROW('mem:joined', coalesce(p_joined, DATE '0001-01-01'), 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint
-- Registered people by the sector of their organization (people-overview's 领域): people, active members,
-- and people by year of birth (the age on the statistical date, 31 December, is the year minus that).
-- The sector is the organization's, looked up when the trigger runs: a people statement does not change
-- sectors; a change of an organization's sector moves its own people (tj_org_sector_trigger).
CREATE FUNCTION tj_sector_figs(p_org bigint, p_registry text, p_member text, p_birth date) RETURNS tj_fig[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE WHEN p_registry <> 'active' THEN ARRAY[]::tj_fig[] ELSE
    ARRAY[ROW('sec:' || o.sector || ':born', make_date(extract(year FROM p_birth)::int, 1, 1), 1)::tj_fig]
    || CASE WHEN p_member = 'active' THEN ARRAY[ROW('sec:' || o.sector || ':members', DATE '0001-01-01', 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
  END FROM organizations o WHERE o.id = p_org
$$;
--> statement-breakpoint
CREATE FUNCTION tj_org_sector_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO org_figures (org_id, metric, day, value)
  SELECT a.id, d.metric, d.day, sum(d.delta) FROM (
    SELECT p.org_id, replace(f.metric, 'sec:' || n.sector || ':', 'sec:' || o.sector || ':') AS metric, f.day, -f.value AS delta
      FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.sector IS DISTINCT FROM n.sector
      JOIN people p ON p.org_id = n.id, unnest(tj_sector_figs(p.org_id, p.registry_status, p.member_status, p.birth_date)) f
    UNION ALL
    SELECT p.org_id, f.metric, f.day, f.value
      FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.sector IS DISTINCT FROM n.sector
      JOIN people p ON p.org_id = n.id, unnest(tj_sector_figs(p.org_id, p.registry_status, p.member_status, p.birth_date)) f) d
    JOIN organizations x ON x.id = d.org_id
    JOIN organizations a ON a.path @> x.path
   GROUP BY a.id, d.metric, d.day HAVING sum(d.delta) <> 0
  ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- 青年大学习 of an organization for a year, as studyStats counts it: per round number the latest
-- participation row of the year's rounds (distinct on round number, latest update winning), summed:
--   study:participants, study:base (day = 1 January, value = the sums), study:round:<n> (value 1),
--   study:r4:<rate × 10000 rounded as Math.round does> (value 1; none without a base).
-- Own rows per (organization, year) in org_own_figures, recomputed for the pairs a write touches.
CREATE TABLE "org_own_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "org_own_figures_pk" PRIMARY KEY ("org_id", "metric", "day")
);
--> statement-breakpoint
CREATE FUNCTION tj_org_study_rows(p_org bigint, p_year int) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH l AS (
    SELECT DISTINCT ON (s.round_no) s.round_no, p.participants, p.base
      FROM study_participation p JOIN study_rounds s ON s.id = p.round_id
     WHERE p.org_id = p_org AND s.year = p_year
     ORDER BY s.round_no, p.updated_at DESC, p.id DESC),
  t AS (SELECT sum(participants)::bigint AS participants, sum(base)::bigint AS base FROM l HAVING count(*) > 0)
  SELECT 'study:participants', make_date(p_year, 1, 1), t.participants FROM t
  UNION ALL SELECT 'study:base', make_date(p_year, 1, 1), t.base FROM t
  UNION ALL SELECT 'study:round:' || l.round_no, make_date(p_year, 1, 1), 1 FROM l
  UNION ALL SELECT 'study:r4:' || floor((t.participants::float8 / t.base) * 10000 + 0.5)::bigint, make_date(p_year, 1, 1), 1 FROM t WHERE t.base > 0
$$;
--> statement-breakpoint
-- An organization's own rows of one kind (p_rows: tj_org_study_rows or tj_org_meeting_rows; p_prefix: the
-- metrics they write) recomputed for the (organization, year) pairs a write touched: rows computed once,
-- vanished rows deleted, changed values updated in place. Dynamic only in the row function's name: one
-- plan per triggering statement, the row functions keep theirs (plpgsql).
CREATE FUNCTION tj_org_own_refresh(p_rows text, p_prefix text, p_orgs bigint[], p_years int[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  EXECUTE format(
    'WITH k AS (SELECT DISTINCT * FROM unnest($1, $2) AS k(org, yr)),
     n AS MATERIALIZED (SELECT k.org, r.metric, r.day, r.value FROM k, %I(k.org, k.yr) r),
     gone AS (DELETE FROM org_own_figures f USING k
               WHERE f.org_id = k.org AND f.metric LIKE $3 || ''%%'' AND f.day BETWEEN make_date(k.yr, 1, 1) AND make_date(k.yr, 12, 31)
                 AND NOT EXISTS (SELECT 1 FROM n WHERE n.org = f.org_id AND n.metric = f.metric AND n.day = f.day) RETURNING 1)
     INSERT INTO org_own_figures AS o (org_id, metric, day, value) SELECT DISTINCT org, metric, day, value FROM n
     ON CONFLICT (org_id, metric, day) DO UPDATE SET value = EXCLUDED.value WHERE o.value <> EXCLUDED.value', p_rows)
  USING p_orgs, p_years, p_prefix;
END
$$;
--> statement-breakpoint
-- TG_ARGV: none. On study_participation: its (organization, round's year); on study_rounds: every organization of the round.
CREATE FUNCTION tj_study_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  orgs bigint[];
  years int[];
  cols text := CASE TG_TABLE_NAME WHEN 'study_participation' THEN 'org_id, round_id' ELSE 'id, year' END;
  src text;
BEGIN
  src := CASE TG_OP WHEN 'INSERT' THEN format('SELECT %s FROM new_rows', cols)
                    WHEN 'DELETE' THEN format('SELECT %s FROM old_rows', cols)
                    ELSE format('SELECT %s FROM new_rows UNION ALL SELECT %s FROM old_rows', cols, cols) END;
  IF TG_TABLE_NAME = 'study_participation' THEN
    EXECUTE format('SELECT array_agg(org_id), array_agg(yr) FROM (SELECT DISTINCT x.org_id, s.year AS yr FROM (%s) x JOIN study_rounds s ON s.id = x.round_id) y', src)
       INTO orgs, years;
  ELSE
    EXECUTE format('SELECT array_agg(org_id), array_agg(yr) FROM (SELECT DISTINCT p.org_id, x.year AS yr FROM (%s) x JOIN study_participation p ON p.round_id = x.id) y', src)
       INTO orgs, years;
  END IF;
  IF orgs IS NOT NULL THEN
    PERFORM tj_org_own_refresh('tj_org_study_rows', 'study:', orgs, years);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Meetings of an organization for a year that are not sums of meeting rows:
--   mtg:archived day = held_on, value = held meetings of that day with an attachment (会后有档案);
--   mtg:tdorg day = the organization's first theme day (or oath ceremony) held in the year, value 1
--   (organizations with a theme day from 1 January to a date = the sum of these rows up to it).
CREATE FUNCTION tj_org_meeting_rows(p_org bigint, p_year int) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  -- plpgsql, so that the plan is kept across calls (a SQL function with CTEs is planned at every call).
  RETURN QUERY
  SELECT 'mtg:archived', m.held_on, count(*)::bigint FROM meetings m
   WHERE m.org_id = p_org AND m.status = 'held' AND m.held_on BETWEEN make_date(p_year, 1, 1) AND make_date(p_year, 12, 31)
     AND EXISTS (SELECT 1 FROM attachments x WHERE x.owner_type = 'meeting' AND x.owner_id = m.id)
   GROUP BY m.held_on
  UNION ALL
  SELECT 'mtg:tdorg', min(m.held_on), 1 FROM meetings m
   WHERE m.org_id = p_org AND m.status = 'held' AND m.kind IN ('theme_day', 'oath_ceremony')
     AND m.held_on BETWEEN make_date(p_year, 1, 1) AND make_date(p_year, 12, 31)
  HAVING count(*) > 0;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_attachment_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  orgs bigint[];
  years int[];
  src text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT owner_type, owner_id FROM new_rows'
                         WHEN 'DELETE' THEN 'SELECT owner_type, owner_id FROM old_rows'
                         ELSE 'SELECT owner_type, owner_id FROM new_rows UNION ALL SELECT owner_type, owner_id FROM old_rows' END;
BEGIN
  EXECUTE format('SELECT array_agg(org_id), array_agg(yr) FROM (SELECT DISTINCT m.org_id, extract(year FROM m.held_on)::int AS yr
                    FROM (%s) x JOIN meetings m ON m.id = x.owner_id WHERE x.owner_type = ''meeting'' AND m.held_on IS NOT NULL) y', src)
     INTO orgs, years;
  IF orgs IS NOT NULL THEN
    PERFORM tj_org_own_refresh('tj_org_meeting_rows', 'mtg:', orgs, years);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Registration and appraisal of a year count in the member's current organization, for an active member
-- joined by the end of that year (membersOfYear in modules/membership/registration.ts): a join of two
-- tables, so every person keeps own rows in person_figures, recomputed for the persons a write touches.
--   reg:st:<status> day = 1 January of the year; reg:dec:<year> day = decided_on; apr:<grade> day = 1 January.
CREATE TABLE "person_figures" (
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "person_figures_pk" PRIMARY KEY ("person_id", "metric", "day")
);
--> statement-breakpoint
CREATE FUNCTION tj_person_figure_rows(p_ids bigint[]) RETURNS TABLE (person_id bigint, org_id bigint, metric text, day date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, p.org_id, x.metric, x.day
    FROM people p
    CROSS JOIN LATERAL (
      SELECT 'reg:st:' || r.status AS metric, make_date(r.year, 1, 1) AS day FROM registrations r
       WHERE r.person_id = p.id AND (p.joined_on IS NULL OR p.joined_on <= make_date(r.year, 12, 31))
      UNION ALL
      SELECT 'reg:dec:' || r.year, r.decided_on FROM registrations r
       WHERE r.person_id = p.id AND (p.joined_on IS NULL OR p.joined_on <= make_date(r.year, 12, 31))
      UNION ALL
      SELECT 'apr:' || a.grade, make_date(a.year, 1, 1) FROM appraisals a
       WHERE a.person_id = p.id AND (p.joined_on IS NULL OR p.joined_on <= make_date(a.year, 12, 31))) x
   WHERE p.id = ANY (p_ids) AND p.member_status = 'active'
$$;
--> statement-breakpoint
CREATE FUNCTION tj_person_figures_refresh(p_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH n AS (SELECT * FROM tj_person_figure_rows(p_ids))
  DELETE FROM person_figures f
   WHERE f.person_id = ANY (p_ids)
     AND NOT EXISTS (SELECT 1 FROM n WHERE n.person_id = f.person_id AND n.org_id = f.org_id AND n.metric = f.metric AND n.day = f.day);
  INSERT INTO person_figures (person_id, org_id, metric, day) SELECT * FROM tj_person_figure_rows(p_ids) ON CONFLICT DO NOTHING;
END
$$;
--> statement-breakpoint
-- TG_ARGV[0]: the person column. For people, only rows whose member status, organization or joining date changed.
CREATE FUNCTION tj_person_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_TABLE_NAME = 'people' THEN
    IF TG_OP = 'DELETE' THEN
      SELECT array_agg(o.id) INTO ids FROM old_rows o;
    ELSE
      SELECT array_agg(n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.member_status, n.org_id, n.joined_on) IS DISTINCT FROM (o.member_status, o.org_id, o.joined_on);
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x) INTO ids FROM (SELECT person_id AS x FROM new_rows UNION SELECT person_id FROM old_rows) y;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM tj_person_figures_refresh(ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- 青年之声 appeals by their creation date in China: status, category, answered by the deadline,
-- ratings (sum and count), and the open ones (submitted, assigned) keyed by deadline for "overdue on a date".
CREATE FUNCTION tj_appeal_figs(p_created timestamptz, p_status text, p_category text, p_deadline date, p_answered date, p_rating int) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('apl:st:' || p_status, d, 1)::tj_fig, ROW('apl:cat:' || p_category, d, 1)::tj_fig]
      || CASE WHEN p_status IN ('submitted', 'assigned') THEN ARRAY[ROW('apl:open:' || p_deadline, d, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
      || CASE WHEN p_answered IS NOT NULL AND p_answered <= p_deadline THEN ARRAY[ROW('apl:ontime', d, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
      || CASE WHEN p_rating IS NOT NULL THEN ARRAY[ROW('apl:rating', d, p_rating)::tj_fig, ROW('apl:rated', d, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
    FROM (SELECT ((p_created AT TIME ZONE 'UTC') + interval '8 hours')::date AS d) x
$$;
--> statement-breakpoint
-- The figure sources: table, organization column, figures expression over a row "r".
CREATE FUNCTION tj_figure_sources() RETURNS TABLE (tbl text, col text, figs text)
LANGUAGE sql IMMUTABLE AS $$
  VALUES
    ('organizations', 'id', 'tj_org_figs(r.status, r.type, r.founded_on)'),
    ('meetings', 'org_id', 'tj_meeting_figs(r.status, r.kind, r.held_on, r.planned_on)'),
    ('activities', 'org_id', 'tj_activity_figs(r.held_on, r.member_count + r.youth_count, r.venue_id)'),
    ('volunteer_teams', 'org_id', 'ARRAY[ROW(''vol:teams'', DATE ''0001-01-01'', 1)::tj_fig]'),
    ('volunteers', 'org_id', 'tj_volunteer_figs(r.birth_date)'),
    ('service_records', 'org_id', 'ARRAY[ROW(''vol:minutes'', r.served_on, r.minutes)::tj_fig]'),
    ('service_projects', 'org_id', 'ARRAY[ROW(''proj:start'', r.start_on, 1)::tj_fig, ROW(''proj:end'', coalesce(r.end_on, r.start_on), 1)::tj_fig]'),
    ('appeals', 'org_id', 'tj_appeal_figs(r.created_at, r.status, r.category, r.deadline, r.answered_on, r.rating)'),
    ('people', 'org_id', 'tj_member_figs(r.member_status, r.joined_on) || tj_sector_figs(r.org_id, r.registry_status, r.member_status, r.birth_date)'),
    ('branch_meeting_figures', 'org_id', 'ARRAY[ROW(r.metric, r.day, 1)::tj_fig]'),
    ('person_figures', 'org_id', 'ARRAY[ROW(r.metric, r.day, 1)::tj_fig]'),
    ('org_own_figures', 'org_id', 'ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]')
$$;
--> statement-breakpoint

-- TG_ARGV[0]: the organization column; TG_ARGV[1]: the figures expression over a row "r".
CREATE FUNCTION tj_figure_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  src text := '';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    src := format('SELECT r.%I AS org_id, f.metric, f.day, f.value AS delta FROM new_rows r, unnest(%s) f', TG_ARGV[0], TG_ARGV[1]);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    src := src || CASE WHEN src <> '' THEN ' UNION ALL ' ELSE '' END
               || format('SELECT r.%I AS org_id, f.metric, f.day, -f.value AS delta FROM old_rows r, unnest(%s) f', TG_ARGV[0], TG_ARGV[1]);
  END IF;
  EXECUTE format(
    'INSERT INTO org_figures (org_id, metric, day, value)
     SELECT a.id, d.metric, d.day, sum(d.delta) FROM (%s) d
       JOIN organizations x ON x.id = d.org_id
       JOIN organizations a ON a.path @> x.path
      GROUP BY a.id, d.metric, d.day HAVING sum(d.delta) <> 0
     ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value', src);
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- One branch's own compliance rows for one year (none unless it is an active branch).
CREATE FUNCTION tj_branch_meeting_rows(p_org bigint, p_year int) RETURNS TABLE (metric text, day date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  -- plpgsql, so that the plan is kept across calls (a SQL function with CTEs is planned at every call).
  RETURN QUERY
  WITH o AS (SELECT founded_on FROM organizations WHERE id = p_org AND status = 'active' AND type IN ('branch', 'joint_branch')),
  k AS (SELECT * FROM (VALUES ('general_meeting', 3, 1), ('committee_meeting', 1, 2), ('group_meeting', 1, 3), ('lecture', 3, 4), ('theme_day', 1, 5)) AS k(kind, months, pos)),
  p AS (SELECT k.kind, k.pos, s::date AS start, (s + make_interval(months => k.months) - interval '1 day')::date AS fin
          FROM k CROSS JOIN o CROSS JOIN generate_series(make_date(p_year, 1, 1)::timestamp, make_date(p_year, 12, 1)::timestamp, make_interval(months => k.months)) s
         WHERE o.founded_on IS NULL OR s::date >= o.founded_on),
  m AS (SELECT m.kind, m.held_on FROM meetings m
         WHERE m.org_id = p_org AND m.status = 'held' AND m.held_on BETWEEN make_date(p_year, 1, 1) AND make_date(p_year, 12, 31)
           AND m.kind IN (SELECT kind FROM k)),
  h AS (SELECT p.pos, p.kind, p.fin, least((SELECT count(*) FROM m WHERE m.kind = p.kind AND m.held_on BETWEEN p.start AND p.fin), 12)::int AS n FROM p),
  e AS (SELECT (make_date(p_year, mm, 1) + interval '1 month' - interval '1 day')::date AS fin FROM generate_series(1, 12) mm WHERE EXISTS (SELECT 1 FROM m) AND EXISTS (SELECT 1 FROM o))
  SELECT 'mtg:n:' || h.kind || ':' || h.n, h.fin FROM h WHERE h.n > 0
  UNION ALL
  SELECT 'mtg:sig:' || string_agg(coalesce((SELECT min(h.n) FROM h WHERE h.pos = k.pos AND h.fin <= e.fin)::text, 'x'), '.' ORDER BY k.pos), e.fin
    FROM e CROSS JOIN k GROUP BY e.fin;
END
$$;
--> statement-breakpoint
-- Brings branch_meeting_figures up to date for the given (branch, year) pairs: only the rows that change are written.
CREATE FUNCTION tj_branch_meetings_refresh(p_orgs bigint[], p_years int[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  -- One statement: the rows are computed once; the INSERT does not see the DELETE, and never needs to
  -- (a row is deleted only when it is not among the new rows).
  WITH k AS (SELECT DISTINCT * FROM unnest(p_orgs, p_years) AS k(org, yr)),
  n AS MATERIALIZED (SELECT k.org, r.metric, r.day FROM k, tj_branch_meeting_rows(k.org, k.yr) r),
  gone AS (DELETE FROM branch_meeting_figures b USING k
            WHERE b.org_id = k.org AND b.day BETWEEN make_date(k.yr, 1, 1) AND make_date(k.yr, 12, 31)
              AND NOT EXISTS (SELECT 1 FROM n WHERE n.org = b.org_id AND n.metric = b.metric AND n.day = b.day) RETURNING 1)
  INSERT INTO branch_meeting_figures (org_id, metric, day) SELECT DISTINCT org, metric, day FROM n ON CONFLICT DO NOTHING;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_meetings_compliance_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  orgs bigint[];
  years int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (SELECT DISTINCT org_id, extract(year FROM held_on)::int AS yr FROM new_rows WHERE held_on IS NOT NULL) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (SELECT DISTINCT org_id, extract(year FROM held_on)::int AS yr FROM old_rows WHERE held_on IS NOT NULL) x;
  ELSE
    SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (
      SELECT DISTINCT org_id, yr FROM (
        SELECT n.org_id, extract(year FROM n.held_on)::int AS yr FROM new_rows n
          JOIN old_rows o ON o.id = n.id
         WHERE n.held_on IS NOT NULL AND (n.org_id, n.kind, n.status, n.held_on) IS DISTINCT FROM (o.org_id, o.kind, o.status, o.held_on)
        UNION ALL
        SELECT o.org_id, extract(year FROM o.held_on)::int FROM new_rows n
          JOIN old_rows o ON o.id = n.id
         WHERE o.held_on IS NOT NULL AND (n.org_id, n.kind, n.status, n.held_on) IS DISTINCT FROM (o.org_id, o.kind, o.status, o.held_on)) y) x;
  END IF;
  IF orgs IS NOT NULL THEN
    PERFORM tj_branch_meetings_refresh(orgs, years);
    PERFORM tj_org_own_refresh('tj_org_meeting_rows', 'mtg:', orgs, years);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A branch founded, dissolved, re-typed or re-dated: its compliance rows for every year it held meetings.
CREATE FUNCTION tj_org_compliance_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  orgs bigint[];
  years int[];
BEGIN
  SELECT array_agg(org_id), array_agg(yr) INTO orgs, years FROM (
    SELECT DISTINCT m.org_id, extract(year FROM m.held_on)::int AS yr
      FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN meetings m ON m.org_id = n.id AND m.status = 'held' AND m.held_on IS NOT NULL
     WHERE (n.status, n.type, n.founded_on) IS DISTINCT FROM (o.status, o.type, o.founded_on)) x;
  IF orgs IS NOT NULL THEN
    PERFORM tj_branch_meetings_refresh(orgs, years);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A moved organization carries its subtree's figures from the old ancestors to the new ones.
CREATE FUNCTION tj_org_move_figures() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO org_figures (org_id, metric, day, value)
  SELECT a.id, f.metric, f.day, sum(f.value * s.sign)
    FROM org_figures f
    CROSS JOIN (VALUES (-1, subpath(OLD.path, 0, nlevel(OLD.path) - 1)), (1, subpath(NEW.path, 0, nlevel(NEW.path) - 1))) AS s(sign, parent_path)
    JOIN organizations a ON a.path @> s.parent_path AND nlevel(s.parent_path) > 0
   WHERE f.org_id = NEW.id
   GROUP BY a.id, f.metric, f.day HAVING sum(f.value * s.sign) <> 0
  ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_figures_recount() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  s record;
  src text := '';
BEGIN
  FOR s IN SELECT * FROM tj_figure_sources() WHERE tbl NOT IN ('branch_meeting_figures', 'person_figures', 'org_own_figures') LOOP
    src := src || format('SELECT r.%I AS org_id, f.metric, f.day, f.value FROM %I r, unnest(%s) f UNION ALL ', s.col, s.tbl, s.figs);
  END LOOP;
  -- The compliance rows recomputed from the meetings, not read from branch_meeting_figures.
  src := src || 'SELECT k.org_id, b.metric, b.day, 1 FROM (SELECT DISTINCT m.org_id, extract(year FROM m.held_on)::int AS yr FROM meetings m WHERE m.status = ''held'' AND m.held_on IS NOT NULL) k, tj_branch_meeting_rows(k.org_id, k.yr) b';
  src := src || ' UNION ALL SELECT f.org_id, f.metric, f.day, 1 FROM tj_person_figure_rows(ARRAY(SELECT id FROM people WHERE member_status = ''active'')) f';
  src := src || ' UNION ALL SELECT k.org_id, f.metric, f.day, f.value FROM (SELECT DISTINCT p.org_id, s.year FROM study_participation p JOIN study_rounds s ON s.id = p.round_id) k, tj_org_study_rows(k.org_id, k.year) f';
  src := src || ' UNION ALL SELECT k.org_id, f.metric, f.day, f.value FROM (SELECT DISTINCT m.org_id, extract(year FROM m.held_on)::int AS yr FROM meetings m WHERE m.status = ''held'' AND m.held_on IS NOT NULL) k, tj_org_meeting_rows(k.org_id, k.yr) f';
  RETURN QUERY EXECUTE format(
    'SELECT a.id, d.metric, d.day, sum(d.value)::bigint FROM (%s) d
       JOIN organizations x ON x.id = d.org_id
       JOIN organizations a ON a.path @> x.path
      GROUP BY a.id, d.metric, d.day HAVING sum(d.value) <> 0', src);
END
$$;
--> statement-breakpoint
-- Rebuilds every kept figure from the records (the backfill below; repair after writes made with
-- triggers off, e.g. session_replication_role = replica in a bulk load). The own rows' triggers add to
-- org_figures as they are rewritten; org_figures is then replaced by the recount.
CREATE FUNCTION tj_figures_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM branch_meeting_figures;
  DELETE FROM person_figures;
  DELETE FROM org_own_figures;
  DELETE FROM org_figures;
  INSERT INTO branch_meeting_figures (org_id, metric, day)
  SELECT k.org_id, b.metric, b.day FROM (SELECT DISTINCT m.org_id, extract(year FROM m.held_on)::int AS yr FROM meetings m WHERE m.status = 'held' AND m.held_on IS NOT NULL) k, tj_branch_meeting_rows(k.org_id, k.yr) b;
  INSERT INTO person_figures SELECT * FROM tj_person_figure_rows(ARRAY(SELECT id FROM people WHERE member_status = 'active'));
  INSERT INTO org_own_figures SELECT k.org_id, f.metric, f.day, f.value FROM (SELECT DISTINCT p.org_id, s.year FROM study_participation p JOIN study_rounds s ON s.id = p.round_id) k, tj_org_study_rows(k.org_id, k.year) f;
  INSERT INTO org_own_figures SELECT k.org_id, f.metric, f.day, f.value FROM (SELECT DISTINCT m.org_id, extract(year FROM m.held_on)::int AS yr FROM meetings m WHERE m.status = 'held' AND m.held_on IS NOT NULL) k, tj_org_meeting_rows(k.org_id, k.yr) f;
  DELETE FROM org_figures;
  INSERT INTO org_figures (org_id, metric, day, value) SELECT * FROM tj_figures_recount();
END
$$;
--> statement-breakpoint
SELECT tj_figures_rebuild();
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM tj_figure_sources() LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t.tbl || '_figures_ins', t.tbl, t.col, t.figs);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t.tbl || '_figures_upd', t.tbl, t.col, t.figs);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t.tbl || '_figures_del', t.tbl, t.col, t.figs);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TRIGGER meetings_compliance_ins AFTER INSERT ON meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_meetings_compliance_trigger();
--> statement-breakpoint
CREATE TRIGGER meetings_compliance_upd AFTER UPDATE ON meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_meetings_compliance_trigger();
--> statement-breakpoint
CREATE TRIGGER meetings_compliance_del AFTER DELETE ON meetings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_meetings_compliance_trigger();
--> statement-breakpoint
CREATE TRIGGER people_person_figures_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER people_person_figures_del AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_figures_trigger();
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registrations', 'appraisals'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_figures_trigger()', t || '_person_figures_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_figures_trigger()', t || '_person_figures_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_figures_trigger()', t || '_person_figures_del', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_sector_figures AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_org_sector_trigger();
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['study_participation', 'study_rounds'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_study_figures_trigger()', t || '_figures_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_study_figures_trigger()', t || '_figures_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_study_figures_trigger()', t || '_figures_del', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TRIGGER attachments_figures_ins AFTER INSERT ON attachments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_attachment_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER attachments_figures_upd AFTER UPDATE ON attachments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_attachment_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER attachments_figures_del AFTER DELETE ON attachments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_attachment_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER organizations_compliance_upd AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_org_compliance_trigger();
--> statement-breakpoint
-- The path is compared as text: PostgreSQL prints `IS DISTINCT FROM` on ltree without the operator's
-- schema, so a trigger comparing ltree values in WHEN does not survive pg_dump/pg_restore (the dump's
-- empty search_path cannot find public.=). The text comparison is the same test with pg_catalog's
-- operator; 0002's move trigger is made again the same way, so a plain pg_restore works (ops/restore.ts).
CREATE TRIGGER organizations_move_figures AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.path::text IS DISTINCT FROM NEW.path::text) EXECUTE FUNCTION tj_org_move_figures();
--> statement-breakpoint
DROP TRIGGER organizations_move_subtree ON organizations;
--> statement-breakpoint
CREATE TRIGGER organizations_move_subtree AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.path::text IS DISTINCT FROM NEW.path::text) EXECUTE FUNCTION tj_org_move_subtree();
--> statement-breakpoint
ALTER TABLE org_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_figures_scope ON org_figures FOR SELECT USING (EXISTS (SELECT 1 FROM organizations so WHERE so.id = org_figures.org_id AND so.path <@ tj_scope()));
--> statement-breakpoint
GRANT SELECT ON org_figures TO tj_app;
