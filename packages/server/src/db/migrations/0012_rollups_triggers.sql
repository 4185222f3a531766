-- Subtree figures kept in the same transaction as the records they count.
-- Each counted table contributes, per row, a set of metric names (the *_metrics
-- functions below); statement triggers add +1 for new rows and -1 for old rows
-- to every ancestor of the row's organization (the organization included).
-- A move of an organization carries its subtree totals from the old ancestors
-- to the new ones. tj_rollup_recount() recomputes everything from scratch (tests,
-- repair); the backfill at the end uses it.

CREATE FUNCTION tj_org_metrics(p_status text, p_type text, p_sector text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_status = 'active' THEN ARRAY['orgs:total', 'orgs:type:' || p_type, 'orgs:sector:' || p_sector]
              ELSE ARRAY['orgs:dissolved'] END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_person_metrics(p_registry text, p_member text, p_gender text, p_student boolean, p_birth date) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_registry <> 'active' THEN ARRAY[]::text[] ELSE
    ARRAY['people:total', 'people:' || p_gender, 'people:born:' || extract(year FROM p_birth)::int]
    || CASE WHEN p_student THEN ARRAY['people:students'] ELSE ARRAY[]::text[] END
    || CASE WHEN p_member = 'active'
            THEN ARRAY['members:total', 'members:' || p_gender, 'members:born:' || extract(year FROM p_birth)::int]
                 || CASE WHEN p_student THEN ARRAY['members:students'] ELSE ARRAY[]::text[] END
            ELSE ARRAY[]::text[] END
  END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_case_metrics(p_status text, p_stage text, p_approved date) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_status = 'in_progress' THEN ARRAY['cases:stage:' || p_stage] ELSE ARRAY[]::text[] END
      || CASE WHEN p_approved IS NOT NULL AND p_status IN ('in_progress', 'admitted')
              THEN ARRAY['cases:approved:' || extract(year FROM p_approved)::int] ELSE ARRAY[]::text[] END
$$;
--> statement-breakpoint

-- TG_ARGV[0]: the organization column; TG_ARGV[1]: the metrics expression over a row "r".
CREATE FUNCTION tj_rollup_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  src text := '';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    src := format('SELECT r.%I AS org_id, unnest(%s) AS metric, 1 AS delta FROM new_rows r', TG_ARGV[0], TG_ARGV[1]);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    src := src || CASE WHEN src <> '' THEN ' UNION ALL ' ELSE '' END
               || format('SELECT r.%I AS org_id, unnest(%s) AS metric, -1 AS delta FROM old_rows r', TG_ARGV[0], TG_ARGV[1]);
  END IF;
  EXECUTE format(
    'INSERT INTO org_rollups (org_id, metric, value)
     SELECT a.id, d.metric, sum(d.delta) FROM (%s) d
       JOIN organizations x ON x.id = d.org_id
       JOIN organizations a ON a.path @> x.path
      GROUP BY a.id, d.metric HAVING sum(d.delta) <> 0
     ON CONFLICT (org_id, metric) DO UPDATE SET value = org_rollups.value + EXCLUDED.value', src);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('organizations', 'id', 'tj_org_metrics(r.status, r.type, r.sector)'),
      ('people', 'org_id', 'tj_person_metrics(r.registry_status, r.member_status, r.gender, r.is_student, r.birth_date)'),
      ('development_cases', 'branch_id', 'tj_case_metrics(r.status, r.stage, r.approved_on)')) AS x(tbl, col, metrics)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_rollup_trigger(%L, %L)',
                   t.tbl || '_rollup_ins', t.tbl, t.col, t.metrics);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_rollup_trigger(%L, %L)',
                   t.tbl || '_rollup_upd', t.tbl, t.col, t.metrics);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_rollup_trigger(%L, %L)',
                   t.tbl || '_rollup_del', t.tbl, t.col, t.metrics);
  END LOOP;
END $$;
--> statement-breakpoint

-- Moving an organization: rewrite the subtree's paths (as in 0002) and carry the
-- subtree's totals (the moved organization's own rollup row) to the new ancestors.
CREATE OR REPLACE FUNCTION tj_org_move_subtree() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE organizations
     SET path = NEW.path || subpath(path, nlevel(OLD.path))
   WHERE path <@ OLD.path AND id <> NEW.id;
  INSERT INTO org_rollups (org_id, metric, value)
  SELECT a.id, r.metric, sum(r.value * s.sign)
    FROM org_rollups r
    CROSS JOIN (VALUES (-1, subpath(OLD.path, 0, nlevel(OLD.path) - 1)), (1, subpath(NEW.path, 0, nlevel(NEW.path) - 1))) AS s(sign, parent_path)
    JOIN organizations a ON a.path @> s.parent_path AND nlevel(s.parent_path) > 0
   WHERE r.org_id = NEW.id
   GROUP BY a.id, r.metric HAVING sum(r.value * s.sign) <> 0
  ON CONFLICT (org_id, metric) DO UPDATE SET value = org_rollups.value + EXCLUDED.value;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE FUNCTION tj_rollup_recount() RETURNS TABLE (org_id bigint, metric text, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, d.metric, count(*)::bigint
    FROM (SELECT o.id AS org_id, unnest(tj_org_metrics(o.status, o.type, o.sector)) AS metric FROM organizations o
          UNION ALL
          SELECT p.org_id, unnest(tj_person_metrics(p.registry_status, p.member_status, p.gender, p.is_student, p.birth_date)) FROM people p
          UNION ALL
          SELECT c.branch_id, unnest(tj_case_metrics(c.status, c.stage, c.approved_on)) FROM development_cases c) d
    JOIN organizations x ON x.id = d.org_id
    JOIN organizations a ON a.path @> x.path
   GROUP BY a.id, d.metric
$$;
--> statement-breakpoint
INSERT INTO org_rollups (org_id, metric, value) SELECT * FROM tj_rollup_recount();
--> statement-breakpoint

-- Month-end snapshots: a copy of every organization's figures, never changed afterwards.
CREATE FUNCTION tj_take_snapshot(p_month text) RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  WITH ins AS (
    INSERT INTO stat_snapshots (org_id, month, metrics)
    SELECT r.org_id, p_month, jsonb_object_agg(r.metric, r.value)
      FROM org_rollups r
     WHERE r.value <> 0
     GROUP BY r.org_id
    ON CONFLICT (org_id, month) DO NOTHING
    RETURNING 1)
  SELECT count(*)::int FROM ins
$$;
--> statement-breakpoint
ALTER TABLE org_rollups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_rollups_scope ON org_rollups FOR SELECT USING (org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()));
--> statement-breakpoint
ALTER TABLE stat_snapshots ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY stat_snapshots_scope ON stat_snapshots FOR SELECT USING (org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()));
--> statement-breakpoint
GRANT SELECT ON org_rollups, stat_snapshots TO tj_app;
