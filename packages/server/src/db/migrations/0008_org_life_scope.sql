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

--> statement-breakpoint
-- Honor campaigns and 青年大学习 rounds run by a committee above the caller, which the caller takes part in.
CREATE FUNCTION tj_honor_campaigns_in_line()
RETURNS TABLE (id bigint, org_id bigint, org_name text, org_path text, honor_type text, year int, title text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id, c.org_id, o.name, o.path::text, c.honor_type, c.year, c.title, c.status
    FROM honor_campaigns c JOIN organizations o ON o.id = c.org_id
   WHERE o.path <@ tj_scope() OR tj_scope() <@ o.path
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_honor_campaigns_in_line() TO tj_app;
--> statement-breakpoint
CREATE FUNCTION tj_study_rounds_in_line()
RETURNS TABLE (id bigint, org_id bigint, org_name text, org_path text, year int, round_no int, title text, start_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, s.org_id, o.name, o.path::text, s.year, s.round_no, s.title, s.start_on
    FROM study_rounds s JOIN organizations o ON o.id = s.org_id
   WHERE o.path <@ tj_scope() OR tj_scope() <@ o.path
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_study_rounds_in_line() TO tj_app;
