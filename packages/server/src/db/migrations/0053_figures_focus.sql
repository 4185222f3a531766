-- Kept figures read for one organization below the caller's root (issue 15): a county reading one of its
-- townships, the province reading a city. 0043's policy lets the scope's own organization through at once and
-- probes the organization of every other row (one primary-key read and a path test per row): the org-life
-- overview of a city read by the province reads ~9,000 rows of org_figures, 40-55 ms of which ~20 ms were
-- those probes. The reader now names the organization it reads (tj.focus_org, set in its transaction) and the
-- policy checks that organization once per statement, with the same rule (in the caller's subtree): the
-- function tests the named organization against tj_scope() itself, so naming an organization outside the
-- scope lets nothing through; a row of any other organization is still probed as before.
CREATE FUNCTION tj_focus_org() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT o.id FROM organizations o WHERE o.id = nullif(current_setting('tj.focus_org', true), '')::bigint AND o.path <@ tj_scope()
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_focus_org() TO tj_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_figures', 'org_rollups', 'org_own_figures', 'branch_meeting_figures', 'stat_snapshots'] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%I.org_id = (SELECT tj_scope_org()) OR %I.org_id = (SELECT tj_focus_org()) OR (SELECT so.path FROM organizations so WHERE so.id = %I.org_id) <@ tj_scope())',
                   t || '_scope', t, t, t, t);
  END LOOP;
END
$$;
