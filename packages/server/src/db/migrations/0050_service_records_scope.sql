-- 志愿服务 records read newest first at a province's root or a city (issue 15): the first page of
-- org-life/service-records took 440-870 ms at the synthetic province's root and ~970 ms at a city, because
-- the scope policies of the three tables it joins (EXISTS over the caller's organizations, 0016) were planned
-- as hashed SubPlans that read every organization of the scope (268,255 at the province) before the first
-- row: service_records' at the root, service_projects' (hashed under a Materialize) at a city. Here they
-- take 0043's per-row form, as the kept-figure tables do: one primary-key probe of the row's organization,
-- none for the scope's own organization. The rule is the same (visible and writable when the row's
-- organization is in the caller's subtree); a page of 20 records costs 20 probes whatever the scope.
-- volunteers keeps EXISTS: under the per-row form the planner estimated its rows at 1 % and started the
-- same page from a scan of every volunteer (4.7 s at the city).
DO $$
DECLARE
  t text;
  rule text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_records', 'service_projects'] LOOP
    rule := format('%I.org_id = (SELECT tj_scope_org()) OR (SELECT so.path FROM organizations so WHERE so.id = %I.org_id) <@ tj_scope()', t, t);
    EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_scope', t, rule, rule);
  END LOOP;
END
$$;
