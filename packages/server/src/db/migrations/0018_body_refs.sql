-- The organization directory (tj_org_directory) by id, for ids a request may
-- legitimately aim outside the caller's scope (a transfer's receiving branch,
-- the committee a 青年之声 appeal goes to): which of them are active
-- organizations, and nothing else about them. The route layer checks every
-- `outsideRefs: 'activeOrg'` input with it (http/input-checks.ts).
CREATE FUNCTION tj_active_orgs(p_ids bigint[])
RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.id FROM organizations o WHERE o.id = ANY(p_ids) AND o.status = 'active'
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_active_orgs(bigint[]) TO tj_app;
