-- Reports up the hierarchy and the reform assessment: scoped and audited like every registry.
ALTER TABLE report_tasks ADD CONSTRAINT report_tasks_status_check CHECK (status IN ('open', 'closed'));
--> statement-breakpoint
ALTER TABLE report_submissions ADD CONSTRAINT report_submissions_status_check CHECK (status IN ('draft', 'submitted', 'returned', 'accepted'));
--> statement-breakpoint
ALTER TABLE assessment_schemes ADD CONSTRAINT assessment_schemes_status_check CHECK (status IN ('draft', 'published'));
--> statement-breakpoint
SELECT tj_apply_scope(t.tbl, t.col) FROM (VALUES
  ('report_tasks', 'org_id'),
  ('report_submissions', 'org_id'),
  ('assessment_schemes', 'org_id')) AS t(tbl, col);
--> statement-breakpoint
-- Tasks and schemes issued by a committee above the caller, which the caller reports or is assessed under.
CREATE FUNCTION tj_report_tasks_in_line()
RETURNS TABLE (id bigint, org_id bigint, org_name text, org_path text, title text, period text, deadline date,
               sections jsonb, figures jsonb, status text, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.org_id, o.name, o.path::text, t.title, t.period, t.deadline, t.sections, t.figures, t.status, t.created_at
    FROM report_tasks t JOIN organizations o ON o.id = t.org_id
   WHERE o.path <@ tj_scope() OR tj_scope() <@ o.path
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_report_tasks_in_line() TO tj_app;
--> statement-breakpoint
CREATE FUNCTION tj_assessment_schemes_in_line()
RETURNS TABLE (id bigint, org_id bigint, org_name text, org_path text, year int, title text, indicators jsonb, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, s.org_id, o.name, o.path::text, s.year, s.title, s.indicators, s.status
    FROM assessment_schemes s JOIN organizations o ON o.id = s.org_id
   WHERE o.path <@ tj_scope() OR tj_scope() <@ o.path
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_assessment_schemes_in_line() TO tj_app;
