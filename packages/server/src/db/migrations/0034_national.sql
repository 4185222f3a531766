-- National tier (issue 15 item 4, docs/scaling.md): what a provincial database needs to be one province of
-- the national tier. The national schema itself (foreign servers, foreign tables over the provinces'
-- rollups, the ID registry, the transfer log) lives only on the national server and is created by code
-- (src/national/setup.ts), not here. In a single-server installation (PGlite, one PostgreSQL) nothing
-- below does anything: the trigger returns at once when the province is not linked.
--
-- 1. The national ID registry check. A province linked to the national server (setupProvinceLink) has a
--    foreign table tj_national.id_registry (postgres_fdw, pointing at national.id_registry) and
--    system_state 'national' = {province, name}. Every statement that inserts people or changes an ID
--    number registers the new numbers there and refuses one registered by another province
--    (身份证号 已在XX省登记), unless the registry row is handed over by the transfer being accepted in this
--    transaction (tj.transfer_key). A number that leaves the province (deleted, changed) is unregistered.
--    Insert first, then look: a concurrent registration of the same number in another province waits on
--    the registry's primary key, then sees the other row and is refused.
CREATE FUNCTION tj_national_id_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  me text;
  me_name text;
  k text := nullif(current_setting('tj.transfer_key', true), '');
  added text[];
  removed text[];
  clash record;
BEGIN
  IF to_regclass('tj_national.id_registry') IS NULL THEN RETURN NULL; END IF;
  SELECT value->>'province', value->>'name' INTO me, me_name FROM system_state WHERE key = 'national';
  IF me IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.id_number) INTO added FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT n.id_number) INTO added FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id_number = n.id_number);
    SELECT array_agg(DISTINCT o.id_number) INTO removed FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id_number = o.id_number);
  ELSE
    SELECT array_agg(DISTINCT o.id_number) INTO removed FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id_number = o.id_number);
  END IF;
  IF added IS NOT NULL THEN
    EXECUTE 'INSERT INTO tj_national.id_registry (id_number, province, province_name) SELECT unnest($1), $2, $3 ON CONFLICT DO NOTHING'
      USING added, me, me_name;
    IF k IS NOT NULL THEN
      EXECUTE 'UPDATE tj_national.id_registry SET province = $2, province_name = $3, updated_at = now() WHERE id_number = ANY($1) AND transfer_key = $4::uuid AND province <> $2'
        USING added, me, me_name, k;
    END IF;
    EXECUTE 'SELECT id_number, province_name FROM tj_national.id_registry WHERE id_number = ANY($1) AND province <> $2 LIMIT 1'
      INTO clash USING added, me;
    IF clash.id_number IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'people_national_id_registry',
        MESSAGE = format('身份证号 已在%s登记', clash.province_name), DETAIL = clash.id_number;
    END IF;
  END IF;
  IF removed IS NOT NULL THEN
    EXECUTE 'DELETE FROM tj_national.id_registry WHERE id_number = ANY($1) AND province = $2' USING removed, me;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER people_national_id_ins AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_national_id_check();
--> statement-breakpoint
CREATE TRIGGER people_national_id_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_national_id_check();
--> statement-breakpoint
CREATE TRIGGER people_national_id_del AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_national_id_check();
--> statement-breakpoint
-- 2. A transfer between provinces, one row on each side, linked by the transfer key (national/transfer.ts):
--    the sending side's 'out' row is pending until the receiving side has accepted (its 'in' row, written in
--    the same transaction as the person), then accepted (the person's registry_status 'removed', kept for
--    history) or rejected. org_id is the local organization (sending branch / receiving branch).
CREATE TABLE "interprovince_transfers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"key" uuid NOT NULL,
	"direction" text NOT NULL CHECK ("direction" IN ('out', 'in')),
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"person_id" bigint REFERENCES "people"("id"),
	"person_name" text NOT NULL,
	"id_number" text NOT NULL,
	"other_province" text NOT NULL,
	"other_org_id" bigint NOT NULL,
	"person" jsonb NOT NULL,
	"status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'accepted', 'rejected')),
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "interprovince_transfers_key_uq" ON "interprovince_transfers" USING btree ("key", "direction");
--> statement-breakpoint
CREATE INDEX "interprovince_transfers_org_idx" ON "interprovince_transfers" USING btree ("org_id", "status");
--> statement-breakpoint
SELECT tj_apply_scope('interprovince_transfers', 'org_id');
--> statement-breakpoint
-- 3. The top levels a national server reads (national/setup.ts: the province's views tj_national.top_*,
--    filtered on type): found through this small partial index, not a scan of a province's ~270k
--    organizations.
CREATE INDEX "organizations_top_idx" ON "organizations" USING btree ("type", "id") WHERE "type" IN ('provincial', 'city', 'county');
