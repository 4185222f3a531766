-- One procedure puts a table under the caller's scope (row-level security on the
-- column that places the row in the organization tree), grants it to tj_app,
-- and attaches the audit and updated_at triggers. Later migrations call it.
CREATE FUNCTION tj_apply_scope(p_table text, p_org_column text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', p_table);
  EXECUTE format('CREATE POLICY %I ON %I USING (%I IN (SELECT id FROM organizations WHERE path <@ tj_scope())) '
                 'WITH CHECK (%I IN (SELECT id FROM organizations WHERE path <@ tj_scope()))',
                 p_table || '_scope', p_table, p_org_column, p_org_column);
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
SELECT tj_apply_scope(t.tbl, t.col) FROM (VALUES
  ('cadres', 'org_id'),
  ('cadre_posts', 'org_id'),
  ('committee_terms', 'org_id'),
  ('elections', 'org_id'),
  ('election_candidates', 'org_id'),
  ('election_steps', 'org_id'),
  ('appraisal_campaigns', 'org_id'),
  ('appraisal_scores', 'org_id'),
  ('trainings', 'org_id'),
  ('training_attendance', 'org_id'),
  ('reserve_talents', 'org_id'),
  ('liaisons', 'org_id'),
  ('liaison_contacts', 'org_id')) AS t(tbl, col);
--> statement-breakpoint
-- Where a national ID is already held by a cadre record (duplicates across scopes).
CREATE FUNCTION tj_cadre_location(p_id_number text)
RETURNS TABLE (cadre_id bigint, org_id bigint, org_name text, in_scope boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id, c.org_id, CASE WHEN o.path <@ tj_scope() THEN o.name END, coalesce(o.path <@ tj_scope(), false)
    FROM cadres c JOIN organizations o ON o.id = c.org_id
   WHERE c.id_number = upper(p_id_number)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_cadre_location(text) TO tj_app;
