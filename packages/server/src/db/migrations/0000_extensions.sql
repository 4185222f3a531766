-- Extensions and the restricted role that every request runs as.
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tj_app') THEN
    CREATE ROLE tj_app NOLOGIN;
  END IF;
END $$;
--> statement-breakpoint
-- The connecting role must be able to SET ROLE tj_app (a no-op for superusers).
DO $$
BEGIN
  EXECUTE format('GRANT tj_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
