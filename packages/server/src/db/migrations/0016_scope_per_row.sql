-- Scope checks that cost what a query touches, not the size of the caller's subtree.
--
-- The policies written so far test `org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope())`.
-- PostgreSQL plans that sub-select as a hashed SubPlan: every query first hashes every
-- organization of the caller's scope — nothing in a county, about 300 ms for a province root of
-- 268,000 organizations, before reading a single row. The per-row form below looks the row's
-- organization up by primary key instead, so reading 20 rows costs 20 index probes whatever the
-- scope. The rules are unchanged: the same rows are visible and writable.
DO $$
DECLARE
  p record;
  pattern constant text := '(\w+) IN \( SELECT organizations\.id\s+FROM organizations\s+WHERE \(organizations\.path <@ tj_scope\(\)\)\)';
  q text;
  c text;
BEGIN
  FOR p IN SELECT schemaname, tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = 'public' LOOP
    q := regexp_replace(p.qual, pattern, format('EXISTS (SELECT 1 FROM organizations so WHERE so.id = %I.\1 AND so.path <@ tj_scope())', p.tablename), 'g');
    c := regexp_replace(p.with_check, pattern, format('EXISTS (SELECT 1 FROM organizations so WHERE so.id = %I.\1 AND so.path <@ tj_scope())', p.tablename), 'g');
    IF q IS DISTINCT FROM p.qual OR c IS DISTINCT FROM p.with_check THEN
      EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)', p.policyname, p.schemaname, p.tablename, q);
      IF c IS NOT NULL THEN
        EXECUTE format('ALTER POLICY %I ON %I.%I WITH CHECK (%s)', p.policyname, p.schemaname, p.tablename, c);
      END IF;
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tj_apply_scope(p_table text, p_org_column text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', p_table);
  EXECUTE format('CREATE POLICY %I ON %I USING (EXISTS (SELECT 1 FROM organizations so WHERE so.id = %I.%I AND so.path <@ tj_scope())) '
                 'WITH CHECK (EXISTS (SELECT 1 FROM organizations so WHERE so.id = %I.%I AND so.path <@ tj_scope()))',
                 p_table || '_scope', p_table, p_table, p_org_column, p_table, p_org_column);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO tj_app', p_table);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION tj_audit(%L)',
                 p_table || '_audit', p_table, p_org_column);
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = p_table AND column_name = 'updated_at') THEN
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at()', p_table || '_touch', p_table);
  END IF;
  EXECUTE 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tj_app';
END
$$;
--> statement-breakpoint
-- Row-level security hides column statistics from the planner behind operators that are not
-- LEAKPROOF, so every scope and subtree condition on a path was estimated at a default 0.5%
-- and large subtrees got plans meant for tiny ones. ltree's comparisons return a boolean for
-- any two paths and raise no data-dependent error: they leak nothing. Marking them needs a
-- superuser (PGlite and the usual installation); elsewhere the estimates stay the defaults.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION ltree_isparent(ltree, ltree) LEAKPROOF;
    ALTER FUNCTION ltree_risparent(ltree, ltree) LEAKPROOF;
    ALTER FUNCTION ltree_eq(ltree, ltree) LEAKPROOF;
    ALTER FUNCTION ltree_lt(ltree, ltree) LEAKPROOF;
    ALTER FUNCTION ltree_le(ltree, ltree) LEAKPROOF;
    ALTER FUNCTION ltree_gt(ltree, ltree) LEAKPROOF;
    ALTER FUNCTION ltree_ge(ltree, ltree) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: ltree comparisons left without LEAKPROOF (planner estimates under row-level security stay defaults)';
  END IF;
END
$$;
