-- Mapped import (issue 14): a county's own header synonyms and code values over the defaults shipped in
-- packages/domain (import/tables.ts), the column mapping a user confirmed for a header set (kept for next
-- time), and the national system's code of each imported organization (an organization sheet names its
-- parent by name or by that code). Tables of a county are seen and written by every account inside it
-- (county_path <@ or @> the scope), like the county's rules; audited like every registry.
CREATE TABLE "import_mappings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"county_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"county_path" ltree NOT NULL,
	"kind" text NOT NULL,
	"header_key" text NOT NULL,
	"headers" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_uq" ON "import_mappings" USING btree ("county_id", "kind", "header_key");
--> statement-breakpoint
CREATE TABLE "import_synonyms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"county_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"county_path" ltree NOT NULL,
	"field" text NOT NULL,
	"header" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_synonyms_uq" ON "import_synonyms" USING btree ("county_id", "field", "header");
--> statement-breakpoint
CREATE TABLE "import_code_values" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"county_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"county_path" ltree NOT NULL,
	"code_table" text NOT NULL,
	"value" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_code_values_uq" ON "import_code_values" USING btree ("county_id", "code_table", "value");
--> statement-breakpoint
CREATE TABLE "org_import_codes" (
	"org_id" bigint PRIMARY KEY REFERENCES "organizations"("id"),
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "org_import_codes_code_idx" ON "org_import_codes" USING btree ("code");
--> statement-breakpoint
SELECT tj_apply_scope('org_import_codes', 'org_id');
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['import_mappings', 'import_synonyms', 'import_code_values'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    -- Read by every account inside the county; a county's synonyms and code values are written (and deleted)
    -- from the county or above only, as they serve all its townships; a confirmed mapping is remembered from
    -- any account inside the county.
    IF t = 'import_mappings' THEN
      EXECUTE format('CREATE POLICY %I ON %I USING (county_path <@ tj_scope() OR tj_scope() <@ county_path) '
                     'WITH CHECK (county_path <@ tj_scope() OR tj_scope() <@ county_path)', t || '_scope', t);
    ELSE
      EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (county_path <@ tj_scope() OR tj_scope() <@ county_path)', t || '_read', t);
      EXECUTE format('CREATE POLICY %I ON %I USING (county_path <@ tj_scope()) WITH CHECK (county_path <@ tj_scope())', t || '_scope', t);
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO tj_app', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION tj_audit(%L)', t || '_audit', t, 'county_id');
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at()', t || '_touch', t);
  END LOOP;
END $$;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tj_app;
--> statement-breakpoint
-- The county of an organization in the caller's scope, which may lie above that scope (a township's account
-- uses its county's tables): its id, path and name only.
CREATE FUNCTION tj_import_county(p_org_id bigint) RETURNS TABLE (id bigint, path text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id, c.path::text, c.name
    FROM organizations o JOIN organizations c ON o.path <@ c.path AND c.type = 'county'
   WHERE o.id = p_org_id AND o.path <@ tj_scope()
   LIMIT 1
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_import_county(bigint) TO tj_app;
