-- Scope, grants and audit for the youth and member registries (see 0002 for the mechanism).
CREATE FUNCTION tj_org_in_scope(p_org_id bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM organizations WHERE id = p_org_id AND path <@ tj_scope())
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_org_in_scope(bigint) TO tj_app;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  -- table, organization column
  FOR t IN SELECT * FROM (VALUES
      ('people', 'org_id'),
      ('development_cases', 'branch_id'),
      ('development_steps', 'branch_id'),
      ('development_quotas', 'org_id'),
      ('registrations', 'org_id'),
      ('appraisals', 'org_id'),
      ('membership_events', 'org_id'),
      ('party_recommendations', 'org_id'),
      ('review_campaigns', 'org_id'),
      ('review_findings', 'org_id'),
      ('import_batches', 'org_id')) AS x(tbl, col)
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.tbl);
    EXECUTE format('CREATE POLICY %I ON %I USING (%I IN (SELECT id FROM organizations WHERE path <@ tj_scope())) '
                   'WITH CHECK (%I IN (SELECT id FROM organizations WHERE path <@ tj_scope()))',
                   t.tbl || '_scope', t.tbl, t.col, t.col);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO tj_app', t.tbl);
    IF t.tbl <> 'import_batches' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION tj_audit(%L)',
                     t.tbl || '_audit', t.tbl, t.col);
    END IF;
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = t.tbl AND column_name = 'updated_at') THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at()', t.tbl || '_touch', t.tbl);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- A transfer is seen by both sides: the sending and the receiving organization's lines of authority.
ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY transfers_scope ON transfers
  USING (from_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope())
         OR to_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()))
  WITH CHECK (from_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope())
         OR to_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON transfers TO tj_app;
--> statement-breakpoint
CREATE TRIGGER transfers_audit AFTER INSERT OR UPDATE OR DELETE ON transfers FOR EACH ROW EXECUTE FUNCTION tj_audit('from_org_id');
--> statement-breakpoint
CREATE TRIGGER transfers_touch BEFORE UPDATE ON transfers FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at();
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON member_number_sequences TO tj_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tj_app;
--> statement-breakpoint

-- Where a national ID is already registered, whatever the caller's scope: the
-- caller learns the organization's name only when it is in scope.
CREATE FUNCTION tj_person_location(p_id_number text)
RETURNS TABLE (person_id bigint, org_id bigint, org_name text, in_scope boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, p.org_id,
         CASE WHEN o.path <@ tj_scope() THEN o.name END,
         coalesce(o.path <@ tj_scope(), false)
    FROM people p JOIN organizations o ON o.id = p.org_id
   WHERE p.id_number = upper(p_id_number)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_person_location(text) TO tj_app;
--> statement-breakpoint

-- Transfer targets outside the caller's subtree: active organizations by name,
-- with the name of their parent, and nothing else.
CREATE FUNCTION tj_org_directory(p_query text)
RETURNS TABLE (id bigint, name text, type text, parent_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.id, o.name, o.type, p.name
    FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
   WHERE o.status = 'active' AND length(p_query) >= 2 AND strpos(o.name, p_query) > 0
   ORDER BY o.path LIMIT 20
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_org_directory(text) TO tj_app;
--> statement-breakpoint

-- The receiving side accepts a transfer: the person moves in one statement, so
-- they are never in two places or none. Refused unless the caller's scope holds
-- the receiving organization.
CREATE FUNCTION tj_accept_transfer(p_transfer_id bigint, p_decided_by text, p_on date)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  tr transfers%ROWTYPE;
BEGIN
  SELECT * INTO tr FROM transfers WHERE id = p_transfer_id FOR UPDATE;
  IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM organizations WHERE id = tr.to_org_id AND path <@ tj_scope()) THEN
    RAISE EXCEPTION 'transfer % not found', p_transfer_id USING ERRCODE = 'no_data_found';
  END IF;
  IF tr.status <> 'pending' THEN
    RAISE EXCEPTION 'transfer % is %', p_transfer_id, tr.status USING ERRCODE = 'check_violation', CONSTRAINT = 'transfers_not_pending';
  END IF;
  UPDATE people SET org_id = tr.to_org_id, version = version + 1 WHERE id = tr.person_id AND org_id = tr.from_org_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'person % is no longer in the sending organization', tr.person_id USING ERRCODE = 'check_violation', CONSTRAINT = 'transfers_person_moved';
  END IF;
  UPDATE transfers SET status = 'accepted', decided_on = p_on, decided_by = p_decided_by WHERE id = p_transfer_id;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_accept_transfer(bigint, text, date) TO tj_app;
--> statement-breakpoint
GRANT UPDATE (graduation_year, region_code) ON organizations TO tj_app;
--> statement-breakpoint

-- Where each of many national IDs is registered (imports check thousands at once).
CREATE FUNCTION tj_people_locations(p_id_numbers text[])
RETURNS TABLE (id_number text, person_id bigint, org_id bigint, org_name text, in_scope boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id_number, p.id, p.org_id,
         CASE WHEN o.path <@ tj_scope() THEN o.name END,
         coalesce(o.path <@ tj_scope(), false)
    FROM people p JOIN organizations o ON o.id = p.org_id
   WHERE p.id_number = ANY (p_id_numbers)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_people_locations(text[]) TO tj_app;
--> statement-breakpoint

-- Quotas at every level from a branch up to the root, with the approvals of the
-- year under each: an approval must fit all of them, including levels above the
-- approver's own scope (which row-level security would otherwise hide).
CREATE FUNCTION tj_quota_chain(p_org_id bigint, p_year int)
RETURNS TABLE (org_id bigint, org_name text, depth int, quota int, used int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, a.name, nlevel(a.path), q.amount,
         (SELECT count(*)::int FROM development_cases c JOIN organizations b ON b.id = c.branch_id
           WHERE b.path <@ a.path AND c.approved_on >= make_date(p_year, 1, 1) AND c.approved_on < make_date(p_year + 1, 1, 1)
             AND c.status IN ('in_progress', 'admitted'))
    FROM organizations o
    JOIN organizations a ON o.path <@ a.path
    JOIN development_quotas q ON q.org_id = a.id AND q.year = p_year
   WHERE o.id = p_org_id AND EXISTS (SELECT 1 FROM organizations s WHERE s.id = p_org_id AND s.path <@ tj_scope())
   ORDER BY nlevel(a.path)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_quota_chain(bigint, int) TO tj_app;
--> statement-breakpoint

-- The region code for member numbers: the nearest ancestor committee that has one.
CREATE FUNCTION tj_region_code(p_org_id bigint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.region_code FROM organizations o JOIN organizations a ON o.path <@ a.path
   WHERE o.id = p_org_id AND a.region_code IS NOT NULL ORDER BY nlevel(a.path) DESC LIMIT 1
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_region_code(bigint) TO tj_app;
--> statement-breakpoint
-- Branch meetings passed under a quota holder in a window, whatever the caller's
-- scope (a branch secretary's meeting is weighed against the whole township).
CREATE FUNCTION tj_branch_meetings_between(p_org_id bigint, p_after date, p_until date) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(DISTINCT s.case_id)::int FROM development_steps s JOIN organizations b ON b.id = s.branch_id
   WHERE s.step = 'branch_meeting' AND s.acted_on > p_after AND s.acted_on <= p_until
     AND b.path <@ (SELECT path FROM organizations WHERE id = p_org_id)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_branch_meetings_between(bigint, date, date) TO tj_app;
