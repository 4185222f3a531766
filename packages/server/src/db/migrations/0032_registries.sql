-- Issue 17, item 1: “三新” coverage. The units a county should reach with a league organization:
-- non-public enterprises, social organizations and new employment groups (one unit per platform and
-- station). org_id is the committee responsible for covering it (a township committee, or the county);
-- league_org_id the league organization that covers it (from covered_on). Scoped and audited.
CREATE TABLE "new_sector_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"kind" text NOT NULL CHECK ("kind" IN ('non_public_enterprise', 'social_organization', 'new_employment')),
	"name" text NOT NULL,
	"credit_code" text,
	"platform" text,
	"station" text,
	"address" text,
	"employees" integer CHECK ("employees" >= 0),
	"young_employees" integer CHECK ("young_employees" >= 0),
	"league_org_id" bigint REFERENCES "organizations"("id"),
	"covered_on" date,
	"registered_on" date NOT NULL,
	"closed_on" date,
	"contact_name" text,
	"contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "new_sector_units_org_idx" ON "new_sector_units" USING btree ("org_id", "kind");
--> statement-breakpoint
CREATE INDEX "new_sector_units_credit_idx" ON "new_sector_units" USING btree ("credit_code");
--> statement-breakpoint
SELECT tj_apply_scope('new_sector_units', 'org_id');
