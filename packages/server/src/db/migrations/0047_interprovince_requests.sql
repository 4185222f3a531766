-- 跨省转出 asked for on the sending province's own server (issue 15 item 4): a branch (or the committee
-- above it) asks for a member to be transferred to another province; the national coordinator picks the
-- request up (national/transfer-routes.ts), the national administrator chooses the receiving branch in the
-- other province's directory and starts the transfer, and the sending side's transaction that writes the
-- pending 'out' row (national/transfer.ts) marks the request started with the transfer's key. Until then
-- the asking side may withdraw it; the national administrator may decline it with a reason. In a
-- single-server installation (no national tier) the request cannot be made (the route answers 409).
CREATE TABLE "interprovince_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"person_id" bigint NOT NULL REFERENCES "people"("id"),
	"person_name" text NOT NULL,
	"id_number" text NOT NULL,
	"to_province" text NOT NULL CHECK ("to_province" ~ '^[1-8][0-9]$'),
	"to_province_name" text NOT NULL,
	"to_org_name" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL DEFAULT 'requested' CHECK ("status" IN ('requested', 'started', 'withdrawn', 'declined')),
	"transfer_key" uuid,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- One open request per person.
CREATE UNIQUE INDEX "interprovince_requests_open_uq" ON "interprovince_requests" USING btree ("person_id") WHERE "status" = 'requested';
--> statement-breakpoint
-- The coordinator's pick-up: the open requests, oldest first.
CREATE INDEX "interprovince_requests_status_idx" ON "interprovince_requests" USING btree ("status", "created_at");
--> statement-breakpoint
CREATE INDEX "interprovince_requests_org_idx" ON "interprovince_requests" USING btree ("org_id", "status");
--> statement-breakpoint
SELECT tj_apply_scope('interprovince_requests', 'org_id');
--> statement-breakpoint
-- The national tier this province is linked to ({province, name}, set by national/setup.ts), null when none:
-- the province's pages offer 跨省转出 only then. system_state itself stays the owner's.
CREATE FUNCTION tj_national_link() RETURNS jsonb LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT value FROM system_state WHERE key = 'national'
$$;
