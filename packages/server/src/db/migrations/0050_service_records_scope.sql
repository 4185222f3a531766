-- 志愿服务 records read newest first at a province's root (issue 15): the first page of
-- org-life/service-records took 440-870 ms there, because the table's scope policy (EXISTS over the
-- caller's organizations, 0016) was planned as a hashed SubPlan that reads every organization of the scope
-- (268,255) before the first row. Here it takes 0043's per-row form, as the kept-figure tables do: one
-- primary-key probe of the row's organization, none for the scope's own organization. The rule is the
-- same (visible and writable when the row's organization is in the caller's subtree); a page of 20
-- records now costs 20 probes whatever the scope.
ALTER POLICY service_records_scope ON service_records
  USING (service_records.org_id = (SELECT tj_scope_org()) OR (SELECT so.path FROM organizations so WHERE so.id = service_records.org_id) <@ tj_scope())
  WITH CHECK (service_records.org_id = (SELECT tj_scope_org()) OR (SELECT so.path FROM organizations so WHERE so.id = service_records.org_id) <@ tj_scope());
