SELECT tj_apply_scope(t.tbl, t.col) FROM (VALUES
  ('meetings', 'org_id'),
  ('meeting_attendance', 'org_id'),
  ('attachments', 'org_id'),
  ('venues', 'org_id'),
  ('activities', 'org_id'),
  ('activity_participants', 'org_id'),
  ('volunteer_teams', 'org_id'),
  ('volunteers', 'org_id'),
  ('service_projects', 'org_id'),
  ('service_records', 'org_id'),
  ('study_rounds', 'org_id'),
  ('study_participation', 'org_id'),
  ('aid_projects', 'org_id'),
  ('aid_beneficiaries', 'org_id'),
  ('honor_campaigns', 'org_id'),
  ('honor_nominations', 'org_id'),
  ('appeals', 'org_id'),
  ('appeal_events', 'org_id')) AS t(tbl, col);
--> statement-breakpoint
-- Whether a person already received aid in a program-year, across scopes (no names outside scope).
CREATE FUNCTION tj_aid_location(p_program text, p_year int, p_id_number text)
RETURNS TABLE (beneficiary_id bigint, org_name text, in_scope boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT b.id, CASE WHEN o.path <@ tj_scope() THEN o.name END, coalesce(o.path <@ tj_scope(), false)
    FROM aid_beneficiaries b JOIN organizations o ON o.id = b.org_id
   WHERE b.program = p_program AND b.year = p_year AND b.id_number = upper(p_id_number) AND b.status <> 'cancelled'
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_aid_location(text, int, text) TO tj_app;
