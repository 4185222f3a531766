-- Issue 12: the 操作日志 grouped by user action, organizations' short names (简称), the tree's order.

-- One user action is the rows of one request: the list finds the first row of each request and its rows by this index.
CREATE INDEX IF NOT EXISTS "audit_log_request_idx" ON "audit_log" USING btree ("request_id", "id") WHERE "request_id" IS NOT NULL;
--> statement-breakpoint

-- 简称 by rule: the rewrites of SHORT_NAME_RULES (packages/domain/src/org/short-name.ts), in the same order;
-- a test compares the two on every organization of the demo.
CREATE OR REPLACE FUNCTION tj_short_name(full_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(nullif(left(s, 30), ''), left(btrim(full_name), 30)) FROM (
    SELECT regexp_replace(regexp_replace(regexp_replace(
           regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
             btrim(full_name),
             '^共青团', ''),
             '工作委员会$', '团工委'),
             '总支部委员会$', '团总支'),
             '支部委员会$', '团支部'),
             '委员会$', '团委'),
           '^[^省]{2,6}省(?=.{3,})', ''),
           '^[^市州]{2,6}[市州](?=.{3,})', ''),
           '^[^县]{2,5}县(?=.{3,})', '') AS s
  ) r
$$;
--> statement-breakpoint

-- A missing 简称 is generated; a generated one follows a renamed organization; an edited one is kept.
CREATE OR REPLACE FUNCTION tj_org_short_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.short_name IS NULL OR btrim(NEW.short_name) = '' THEN
    NEW.short_name := tj_short_name(NEW.name);
  ELSIF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name AND NEW.short_name IS NOT DISTINCT FROM OLD.short_name
        AND OLD.short_name = tj_short_name(OLD.name) THEN
    NEW.short_name := tj_short_name(NEW.name);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS organizations_short_name ON organizations;
--> statement-breakpoint
CREATE TRIGGER organizations_short_name BEFORE INSERT OR UPDATE OF name, short_name ON organizations
  FOR EACH ROW EXECUTE FUNCTION tj_org_short_name();
--> statement-breakpoint

-- The tree's order among siblings, as the statistical forms list them: townships and streets by
-- administrative code (their villages' and communities' GB/T 2260 codes), then directly affiliated
-- units, then schools, then branches; within each, the order they were set up in.
CREATE OR REPLACE FUNCTION tj_renumber_children(p_parent bigint) RETURNS void
LANGUAGE sql AS $$
  UPDATE organizations o SET sort_order = r.n
  FROM (
    SELECT c.id, (row_number() OVER (ORDER BY
             CASE WHEN c.type IN ('township', 'subdistrict') THEN 0
                  WHEN c.sector = 'school' THEN 2
                  WHEN c.type IN ('unit_committee', 'youth_work_committee') THEN 1
                  ELSE 3 END,
             CASE WHEN c.type IN ('township', 'subdistrict')
                  THEN (SELECT min(left(u.code, 9)) FROM admin_units u WHERE u.township_org_id = c.id) END NULLS LAST,
             c.id))::int * 10 AS n
    FROM organizations c WHERE c.parent_id = p_parent
  ) r
  WHERE o.id = r.id AND o.sort_order IS DISTINCT FROM r.n
$$;
--> statement-breakpoint

-- Backfill without an audit row per organization (a schema change, not anyone's edit).
ALTER TABLE organizations DISABLE TRIGGER organizations_audit;
--> statement-breakpoint
UPDATE organizations SET short_name = tj_short_name(name) WHERE short_name IS NULL OR btrim(short_name) = '';
--> statement-breakpoint
SELECT tj_renumber_children(p.parent_id) FROM (SELECT DISTINCT parent_id FROM organizations WHERE parent_id IS NOT NULL) p;
--> statement-breakpoint
ALTER TABLE organizations ENABLE TRIGGER organizations_audit;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_short_name(text) TO tj_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_renumber_children(bigint) TO tj_app;
