-- Issue 17, item 2: league congress deputies (团代会代表) and their liaison (一专一站两联).
-- congresses: a congress convened by a committee (org_id), level and term (第N次).
-- congress_deputies: a deputy, kept at the constituency (选举单位, org_id) so a township sees the deputies it
-- elected; the congress's title is copied (the township cannot read the county's congress row). A deputy is a
-- person in the system (person_id, cadre_id) or an outside person; identity categories are configuration.
-- deputy_stations (代表联络站): hosted by an organization, deputies assigned by congress_deputies.station_id.
-- deputy_committees (专委会): of the congress's committee, members by congress_deputies.committee_id.
-- liaisons: one mechanism for deputies and committee members; a deputy's liaison names the deputy
-- (deputy_id), its cadre is optional (an outside deputy has none). Existing role 'deputy' liaisons keep their
-- cadre and are attached when that cadre is registered as a deputy (server: deputies.attachLiaisons).
CREATE TABLE "congresses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"level" text NOT NULL CHECK ("level" IN ('township', 'county', 'city', 'provincial', 'national')),
	"term" integer NOT NULL CHECK ("term" BETWEEN 1 AND 99),
	"title" text NOT NULL,
	"opened_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "congresses_term_uq" ON "congresses" USING btree ("org_id", "level", "term");
--> statement-breakpoint
CREATE TABLE "deputy_stations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"congress_id" bigint NOT NULL REFERENCES "congresses"("id"),
	"name" text NOT NULL,
	"address" text,
	"opened_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deputy_stations_org_idx" ON "deputy_stations" USING btree ("org_id");
--> statement-breakpoint
CREATE TABLE "deputy_committees" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"congress_id" bigint NOT NULL REFERENCES "congresses"("id"),
	"name" text NOT NULL,
	"duties" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "congress_deputies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"congress_id" bigint NOT NULL REFERENCES "congresses"("id"),
	"congress_title" text NOT NULL,
	"person_id" bigint REFERENCES "people"("id"),
	"cadre_id" bigint REFERENCES "cadres"("id"),
	"name" text NOT NULL,
	"gender" text NOT NULL CHECK ("gender" IN ('male', 'female')),
	"birth_date" date,
	"ethnicity" text,
	"political_status" text,
	"unit_post" text,
	"phone" text,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"station_id" bigint REFERENCES "deputy_stations"("id"),
	"committee_id" bigint REFERENCES "deputy_committees"("id"),
	"committee_role" text,
	"status" text DEFAULT 'serving' NOT NULL CHECK ("status" IN ('serving', 'terminated')),
	"terminated_on" date,
	"termination_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "congress_deputies_org_idx" ON "congress_deputies" USING btree ("org_id", "congress_id");
--> statement-breakpoint
CREATE INDEX "congress_deputies_congress_idx" ON "congress_deputies" USING btree ("congress_id", "status");
--> statement-breakpoint
CREATE INDEX "congress_deputies_cadre_idx" ON "congress_deputies" USING btree ("cadre_id");
--> statement-breakpoint
ALTER TABLE "liaisons" ADD COLUMN "deputy_id" bigint REFERENCES "congress_deputies"("id");
--> statement-breakpoint
ALTER TABLE "liaisons" ALTER COLUMN "cadre_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "liaisons" ADD CONSTRAINT "liaisons_who_ck" CHECK ("cadre_id" IS NOT NULL OR "deputy_id" IS NOT NULL);
--> statement-breakpoint
CREATE INDEX "liaisons_deputy_idx" ON "liaisons" USING btree ("deputy_id");
--> statement-breakpoint
SELECT tj_apply_scope(t.tbl, 'org_id') FROM (VALUES ('congresses'), ('deputy_stations'), ('deputy_committees'), ('congress_deputies')) AS t(tbl);
