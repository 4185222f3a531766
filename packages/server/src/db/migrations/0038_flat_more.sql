-- More org-life figures kept by organization in the same transaction (issue 15, after 0031):
-- venues (青年之家…), aid (帮扶), honors (评优表彰) and theme-day members of the overview, 青年大学习 per round,
-- volunteers in a special programme and service records of the volunteers page.
--
-- Each is an organization's own contribution, recomputed by statement triggers for the organizations a
-- write touches (diff-written: only changed rows), kept in org_more_figures and rolled up into
-- org_figures by 0031's generic trigger like org_own_figures. A figure of a subtree is then a
-- primary-key range of org_figures at its root, whatever the size of the subtree:
--   ven:n, ven:std       day 0001-01-01: active venues, those meeting the standard (site, rules, staff);
--   ven:last             day = the venue's last activity (its creation date in China when none), value = venues:
--                        idle on a date = the rows up to that date minus the idle days;
--   ven:act              day = held_on of an activity at an active venue of the organization (by the venue's
--                        organization, which need not be the activity's);
--   aid:<program>:projects|funds|benef|committed|paid   day = 1 January of the project's year (by the project's org);
--   hon:nom, hon:aw:<honor type>   day = 1 January of the campaign's year, by the nominating organization
--                        (always inside the campaign's organization, so every nomination a caller sees is of a
--                        campaign in the caller's line);
--   vprog:n              day 0001-01-01: volunteers with a special-programme flag;
--   vol:rec              day = served_on: service records (a sum over service_records like 0031's vol:minutes).
--
-- tj_figures_recount() and tj_figures_rebuild() are chained, not copied: the functions as they are when this
-- runs (0031's, and those of any slot before this one) are renamed *_before_0038 and called by the new ones.
CREATE TABLE "org_more_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "org_more_figures_pk" PRIMARY KEY ("org_id", "metric", "day")
);
--> statement-breakpoint
CREATE FUNCTION tj_org_ven_rows(p_org bigint) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH v AS (SELECT v.id, (v.has_site AND v.has_rules AND v.has_staff) AS std, v.created_at FROM venues v WHERE v.org_id = p_org AND v.status = 'active')
  SELECT 'ven:n', DATE '0001-01-01', count(*)::bigint FROM v HAVING count(*) > 0
  UNION ALL
  SELECT 'ven:std', DATE '0001-01-01', count(*)::bigint FROM v WHERE v.std HAVING count(*) > 0
  UNION ALL
  SELECT 'ven:last', l.d, count(*)::bigint
    FROM (SELECT coalesce((SELECT max(x.held_on) FROM activities x WHERE x.venue_id = v.id), ((v.created_at AT TIME ZONE 'UTC') + interval '8 hours')::date) AS d FROM v) l
   GROUP BY l.d
  UNION ALL
  SELECT 'ven:act', x.held_on, count(*)::bigint FROM v JOIN activities x ON x.venue_id = v.id GROUP BY x.held_on;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_org_aid_rows(p_org bigint) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH p AS (SELECT p.id, p.program, make_date(p.year, 1, 1) AS d, p.funds_raised_fen FROM aid_projects p WHERE p.org_id = p_org),
  b AS (SELECT p.program, p.d, b.status, b.amount_fen FROM p JOIN aid_beneficiaries b ON b.project_id = p.id WHERE b.status <> 'cancelled')
  SELECT 'aid:' || p.program || ':projects', p.d, count(*)::bigint FROM p GROUP BY p.program, p.d
  UNION ALL
  SELECT 'aid:' || p.program || ':funds', p.d, sum(p.funds_raised_fen)::bigint FROM p GROUP BY p.program, p.d HAVING sum(p.funds_raised_fen) <> 0
  UNION ALL
  SELECT 'aid:' || b.program || ':benef', b.d, count(*)::bigint FROM b GROUP BY b.program, b.d
  UNION ALL
  SELECT 'aid:' || b.program || ':committed', b.d, sum(b.amount_fen)::bigint FROM b GROUP BY b.program, b.d HAVING sum(b.amount_fen) <> 0
  UNION ALL
  SELECT 'aid:' || b.program || ':paid', b.d, sum(b.amount_fen)::bigint FROM b WHERE b.status = 'paid' GROUP BY b.program, b.d HAVING sum(b.amount_fen) <> 0;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_org_hon_rows(p_org bigint) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH n AS (SELECT n.status, c.honor_type, make_date(c.year, 1, 1) AS d FROM honor_nominations n JOIN honor_campaigns c ON c.id = n.campaign_id WHERE n.org_id = p_org)
  SELECT 'hon:nom', n.d, count(*)::bigint FROM n WHERE n.status <> 'ineligible' GROUP BY n.d
  UNION ALL
  SELECT 'hon:aw:' || n.honor_type, n.d, count(*)::bigint FROM n WHERE n.status = 'awarded' GROUP BY n.honor_type, n.d;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_org_vprog_rows(p_org bigint) RETURNS TABLE (metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT 'vprog:n', DATE '0001-01-01', count(*)::bigint FROM volunteers v
   WHERE v.org_id = p_org AND EXISTS (SELECT 1 FROM service_program_flags f WHERE f.volunteer_id = v.id)
  HAVING count(*) > 0;
END
$$;
--> statement-breakpoint
-- An organization's own rows of one kind (p_kind: ven, aid, hon, vprog; rows from tj_org_<kind>_rows, metrics
-- '<kind>:…') brought up to date for the given organizations: vanished rows deleted, changed values updated.
CREATE FUNCTION tj_org_more_refresh(p_kind text, p_orgs bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  EXECUTE format(
    'WITH k AS (SELECT DISTINCT org FROM unnest($1) AS k(org) WHERE org IS NOT NULL),
     n AS MATERIALIZED (SELECT k.org, r.metric, r.day, r.value FROM k, %I(k.org) r),
     gone AS (DELETE FROM org_more_figures f USING k
               WHERE f.org_id = k.org AND f.metric LIKE $2 || ''%%''
                 AND NOT EXISTS (SELECT 1 FROM n WHERE n.org = f.org_id AND n.metric = f.metric AND n.day = f.day) RETURNING 1)
     INSERT INTO org_more_figures AS o (org_id, metric, day, value) SELECT org, metric, day, value FROM n
     ON CONFLICT (org_id, metric, day) DO UPDATE SET value = EXCLUDED.value WHERE o.value <> EXCLUDED.value',
    'tj_org_' || p_kind || '_rows')
  USING p_orgs, p_kind || ':';
END
$$;
--> statement-breakpoint
-- TG_ARGV[0]: the kind; TG_ARGV[1]: a query of the organizations to refresh, %s standing for the transition table.
CREATE FUNCTION tj_more_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  orgs bigint[];
  src text := CASE TG_OP WHEN 'INSERT' THEN format(TG_ARGV[1], 'new_rows')
                         WHEN 'DELETE' THEN format(TG_ARGV[1], 'old_rows')
                         ELSE format(TG_ARGV[1], 'new_rows') || ' UNION ALL ' || format(TG_ARGV[1], 'old_rows') END;
BEGIN
  EXECUTE format('SELECT array_agg(DISTINCT o) FROM (%s) s(o)', src) INTO orgs;
  IF orgs IS NOT NULL THEN
    PERFORM tj_org_more_refresh(TG_ARGV[0], orgs);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Every organization's own rows, from the records (recount and rebuild).
CREATE FUNCTION tj_more_figure_rows() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.org_id, r.metric, r.day, r.value FROM (SELECT DISTINCT org_id FROM venues) k, tj_org_ven_rows(k.org_id) r
  UNION ALL
  SELECT k.org_id, r.metric, r.day, r.value FROM (SELECT DISTINCT org_id FROM aid_projects) k, tj_org_aid_rows(k.org_id) r
  UNION ALL
  SELECT k.org_id, r.metric, r.day, r.value FROM (SELECT DISTINCT org_id FROM honor_nominations) k, tj_org_hon_rows(k.org_id) r
  UNION ALL
  SELECT k.org_id, r.metric, r.day, r.value FROM (SELECT DISTINCT v.org_id FROM volunteers v JOIN service_program_flags f ON f.volunteer_id = v.id) k, tj_org_vprog_rows(k.org_id) r
$$;
--> statement-breakpoint
-- 主题团日 members: distinct people present at the held theme days (and oath ceremonies) of a subtree from
-- 1 January to a date. Not a sum over organizations (a person present in two branches counts once at their
-- common ancestors), so every person keeps own rows in person_theme_figures: per year and per organization
-- on the paths from the meetings' organizations to the root, the first day of the year the person was present
-- at one under it. These rows are already per ancestor: a statement trigger adds them to org_figures as
-- mtg:tdmem (day = that first day, value = people) at their own organization, not rolled up; a moved
-- organization recomputes the people present under it (and takes back what 0031's move trigger carried).
CREATE TABLE "person_theme_figures" (
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "person_theme_figures_pk" PRIMARY KEY ("person_id", "org_id", "day")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meeting_attendance_person_idx" ON "meeting_attendance" USING btree ("person_id");
--> statement-breakpoint
CREATE FUNCTION tj_theme_member_rows(p_ids bigint[]) RETURNS TABLE (person_id bigint, org_id bigint, day date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.person_id, anc.id, min(m.held_on)
    FROM meeting_attendance a
    JOIN meetings m ON m.id = a.meeting_id
    JOIN organizations x ON x.id = m.org_id
    JOIN organizations anc ON anc.path @> x.path
   WHERE a.person_id = ANY (p_ids) AND a.present AND m.status = 'held' AND m.kind IN ('theme_day', 'oath_ceremony') AND m.held_on IS NOT NULL
   GROUP BY a.person_id, anc.id, extract(year FROM m.held_on)
$$;
--> statement-breakpoint
CREATE FUNCTION tj_theme_members_refresh(p_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH n AS MATERIALIZED (SELECT * FROM tj_theme_member_rows(p_ids)),
  gone AS (DELETE FROM person_theme_figures f
            WHERE f.person_id = ANY (p_ids)
              AND NOT EXISTS (SELECT 1 FROM n WHERE n.person_id = f.person_id AND n.org_id = f.org_id AND n.day = f.day) RETURNING 1)
  INSERT INTO person_theme_figures (person_id, org_id, day) SELECT person_id, org_id, day FROM n ON CONFLICT DO NOTHING;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_person_theme_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_figures (org_id, metric, day, value)
    SELECT org_id, 'mtg:tdmem', day, count(*) FROM new_rows GROUP BY org_id, day
    ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
  ELSE
    INSERT INTO org_figures (org_id, metric, day, value)
    SELECT org_id, 'mtg:tdmem', day, -count(*) FROM old_rows GROUP BY org_id, day
    ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER person_theme_figures_ins AFTER INSERT ON person_theme_figures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_theme_figures_trigger();
--> statement-breakpoint
CREATE TRIGGER person_theme_figures_del AFTER DELETE ON person_theme_figures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_person_theme_figures_trigger();
--> statement-breakpoint
-- Attendance written: its people. Meetings re-dated, re-kinded, moved or cancelled: the people present at them.
CREATE FUNCTION tj_theme_members_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_TABLE_NAME = 'meeting_attendance' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT person_id) INTO ids FROM new_rows WHERE present;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT person_id) INTO ids FROM old_rows WHERE present;
    ELSE
      SELECT array_agg(DISTINCT x) INTO ids FROM (SELECT person_id AS x FROM new_rows UNION SELECT person_id FROM old_rows) y;
    END IF;
  ELSE
    SELECT array_agg(DISTINCT a.person_id) INTO ids
      FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN meeting_attendance a ON a.meeting_id = n.id AND a.present
     WHERE (n.org_id, n.kind, n.status, n.held_on) IS DISTINCT FROM (o.org_id, o.kind, o.status, o.held_on)
       AND (n.kind IN ('theme_day', 'oath_ceremony') OR o.kind IN ('theme_day', 'oath_ceremony'));
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM tj_theme_members_refresh(ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_theme_ins AFTER INSERT ON meeting_attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_theme_members_trigger();
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_theme_upd AFTER UPDATE ON meeting_attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_theme_members_trigger();
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_theme_del AFTER DELETE ON meeting_attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_theme_members_trigger();
--> statement-breakpoint
CREATE TRIGGER meetings_theme_members_upd AFTER UPDATE ON meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_theme_members_trigger();
--> statement-breakpoint
-- After organizations_move_figures (triggers of an event fire by name): take back what it carried of mtg:tdmem
-- (not a sum), then recompute the people present under the moved organization.
CREATE FUNCTION tj_org_move_theme_members() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids bigint[];
BEGIN
  INSERT INTO org_figures (org_id, metric, day, value)
  SELECT a.id, f.metric, f.day, sum(-f.value * s.sign)
    FROM org_figures f
    CROSS JOIN (VALUES (-1, subpath(OLD.path, 0, nlevel(OLD.path) - 1)), (1, subpath(NEW.path, 0, nlevel(NEW.path) - 1))) AS s(sign, parent_path)
    JOIN organizations a ON a.path @> s.parent_path AND nlevel(s.parent_path) > 0
   WHERE f.org_id = NEW.id AND f.metric = 'mtg:tdmem'
   GROUP BY a.id, f.metric, f.day HAVING sum(f.value * s.sign) <> 0
  ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
  SELECT array_agg(DISTINCT p.person_id) INTO ids FROM person_theme_figures p WHERE p.org_id = NEW.id;
  IF ids IS NOT NULL THEN
    PERFORM tj_theme_members_refresh(ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_move_theme_members AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.path::text IS DISTINCT FROM NEW.path::text) EXECUTE FUNCTION tj_org_move_theme_members();
--> statement-breakpoint
ALTER FUNCTION tj_figures_recount() RENAME TO tj_figures_recount_before_0038;
--> statement-breakpoint
CREATE FUNCTION tj_figures_recount() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT * FROM tj_figures_recount_before_0038()
  UNION ALL
  SELECT a.id, d.metric, d.day, sum(d.value)::bigint FROM (
    SELECT * FROM tj_more_figure_rows()
    UNION ALL
    SELECT r.org_id, 'vol:rec', r.served_on, 1::bigint FROM service_records r) d
    JOIN organizations x ON x.id = d.org_id
    JOIN organizations a ON a.path @> x.path
   GROUP BY a.id, d.metric, d.day HAVING sum(d.value) <> 0
  UNION ALL
  SELECT t.org_id, 'mtg:tdmem', t.day, count(*)::bigint
    FROM tj_theme_member_rows(ARRAY(SELECT DISTINCT person_id FROM meeting_attendance WHERE present)) t
   GROUP BY t.org_id, t.day;
END
$$;
--> statement-breakpoint
ALTER FUNCTION tj_figures_rebuild() RENAME TO tj_figures_rebuild_before_0038;
--> statement-breakpoint
-- The own rows first (their triggers add to org_figures), then the earlier rebuild, which replaces org_figures
-- by tj_figures_recount() (this chain, resolved by name when it runs).
CREATE FUNCTION tj_figures_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM org_more_figures;
  INSERT INTO org_more_figures (org_id, metric, day, value) SELECT * FROM tj_more_figure_rows();
  DELETE FROM person_theme_figures;
  INSERT INTO person_theme_figures (person_id, org_id, day) SELECT * FROM tj_theme_member_rows(ARRAY(SELECT DISTINCT person_id FROM meeting_attendance WHERE present));
  PERFORM tj_figures_rebuild_before_0038();
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE 'CREATE TRIGGER org_more_figures_figures_ins AFTER INSERT ON org_more_figures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(''org_id'', ''ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]'')';
  EXECUTE 'CREATE TRIGGER org_more_figures_figures_upd AFTER UPDATE ON org_more_figures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(''org_id'', ''ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]'')';
  EXECUTE 'CREATE TRIGGER org_more_figures_figures_del AFTER DELETE ON org_more_figures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(''org_id'', ''ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]'')';
  EXECUTE 'CREATE TRIGGER service_records_more_figures_ins AFTER INSERT ON service_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(''org_id'', ''ARRAY[ROW(''''vol:rec'''', r.served_on, 1)::tj_fig]'')';
  EXECUTE 'CREATE TRIGGER service_records_more_figures_upd AFTER UPDATE ON service_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(''org_id'', ''ARRAY[ROW(''''vol:rec'''', r.served_on, 1)::tj_fig]'')';
  EXECUTE 'CREATE TRIGGER service_records_more_figures_del AFTER DELETE ON service_records REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(''org_id'', ''ARRAY[ROW(''''vol:rec'''', r.served_on, 1)::tj_fig]'')';
END $$;
--> statement-breakpoint
-- The service records list (newest first, page by page) walks this index instead of sorting the subtree's records.
CREATE INDEX IF NOT EXISTS "service_records_served_idx" ON "service_records" USING btree ("served_on" DESC, "id" DESC);
--> statement-breakpoint
-- The writes that change an organization's own rows: table, kind, the organizations to refresh (%s: the transition table).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('venues', 'ven', 'SELECT org_id FROM %s', true),
    ('activities', 'ven', 'SELECT v.org_id FROM %s x JOIN venues v ON v.id = x.venue_id', true),
    ('aid_projects', 'aid', 'SELECT org_id FROM %s', true),
    ('aid_beneficiaries', 'aid', 'SELECT p.org_id FROM %s x JOIN aid_projects p ON p.id = x.project_id', true),
    ('honor_nominations', 'hon', 'SELECT org_id FROM %s', true),
    ('honor_campaigns', 'hon', 'SELECT n.org_id FROM %s x JOIN honor_nominations n ON n.campaign_id = x.id', false),
    ('service_program_flags', 'vprog', 'SELECT v.org_id FROM %s x JOIN volunteers v ON v.id = x.volunteer_id', true),
    ('volunteers', 'vprog', 'SELECT x.org_id FROM %s x WHERE EXISTS (SELECT 1 FROM service_program_flags f WHERE f.volunteer_id = x.id)', false)
  ) AS s(tbl, kind, orgs, on_insert) LOOP
    IF t.on_insert THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_more_figures_trigger(%L, %L)',
                     t.tbl || '_more_' || t.kind || '_ins', t.tbl, t.kind, t.orgs);
    END IF;
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_more_figures_trigger(%L, %L)',
                   t.tbl || '_more_' || t.kind || '_upd', t.tbl, t.kind, t.orgs);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_more_figures_trigger(%L, %L)',
                   t.tbl || '_more_' || t.kind || '_del', t.tbl, t.kind, t.orgs);
  END LOOP;
END $$;
--> statement-breakpoint
-- 青年大学习 per round number too (the stats page's rounds): study:rp:<n> participants, study:rb:<n> base of the
-- organization's latest participation row for round number n of the year (0031's rows otherwise unchanged).
CREATE OR REPLACE FUNCTION tj_org_study_rows(p_org bigint, p_year int) RETURNS TABLE (metric text, day date, value bigint)
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
  UNION ALL SELECT 'study:rp:' || l.round_no, make_date(p_year, 1, 1), l.participants::bigint FROM l WHERE l.participants <> 0
  UNION ALL SELECT 'study:rb:' || l.round_no, make_date(p_year, 1, 1), l.base::bigint FROM l WHERE l.base <> 0
  UNION ALL SELECT 'study:r4:' || floor((t.participants::float8 / t.base) * 10000 + 0.5)::bigint, make_date(p_year, 1, 1), 1 FROM t WHERE t.base > 0
$$;
--> statement-breakpoint
SELECT tj_org_own_refresh('tj_org_study_rows', 'study:', array_agg(org_id), array_agg(year))
  FROM (SELECT DISTINCT p.org_id, s.year FROM study_participation p JOIN study_rounds s ON s.id = p.round_id) k;
--> statement-breakpoint
-- The study stats page lists every organization of the subtree with participation, from its own sums.
ALTER TABLE org_own_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_own_figures_scope ON org_own_figures FOR SELECT USING (EXISTS (SELECT 1 FROM organizations so WHERE so.id = org_own_figures.org_id AND so.path <@ tj_scope()));
--> statement-breakpoint
GRANT SELECT ON org_own_figures TO tj_app;
--> statement-breakpoint
-- The compliance page's list of branches behind reads each branch's kept rows.
ALTER TABLE branch_meeting_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY branch_meeting_figures_scope ON branch_meeting_figures FOR SELECT USING (EXISTS (SELECT 1 FROM organizations so WHERE so.id = branch_meeting_figures.org_id AND so.path <@ tj_scope()));
--> statement-breakpoint
GRANT SELECT ON branch_meeting_figures TO tj_app;
--> statement-breakpoint
-- Backfill: the own rows (their triggers add them to org_figures) and the service records.
INSERT INTO org_more_figures (org_id, metric, day, value) SELECT * FROM tj_more_figure_rows();
--> statement-breakpoint
INSERT INTO person_theme_figures (person_id, org_id, day) SELECT * FROM tj_theme_member_rows(ARRAY(SELECT DISTINCT person_id FROM meeting_attendance WHERE present));
--> statement-breakpoint
INSERT INTO org_figures (org_id, metric, day, value)
SELECT a.id, 'vol:rec', r.served_on, count(*) FROM service_records r
  JOIN organizations x ON x.id = r.org_id
  JOIN organizations a ON a.path @> x.path
 GROUP BY a.id, r.served_on
ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
