-- The application's functions are executable by its own roles only: the owner (migrations, jobs) and
-- tj_app (every request). Until now every function kept PostgreSQL's default grant to PUBLIC, so any
-- other role on a shared server (a reporting login, the national tier's postgres_fdw mapping) could call
-- the SECURITY DEFINER ones, which run as the owner past row-level security (tj_org_directory,
-- tj_take_snapshot, tj_figures_rebuild, ...). Functions that already withhold EXECUTE from PUBLIC
-- (tj_backup_state, 0039) keep their narrower grants; extension functions (ltree) are not ours to change.
DO $$
DECLARE
  f record;
BEGIN
  FOR f IN SELECT p.oid::regprocedure AS sig
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
              AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f.sig);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO tj_app', f.sig);
  END LOOP;
END $$;
--> statement-breakpoint
-- Functions that later migrations create (as the same migrating role): the same grants from the start.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO tj_app;
