-- Issue 17, item 6: smaller registries the seed reports name. Every table is scoped (tj_apply_scope: row-level
-- security on org_id, audit trigger). Configured post titles (团支部书记助理…) need no table: cadre_posts.title is text.
--
-- 督导联系点: a leader of the county committee assigned to a township (org_id = the township, so the township
-- sees its own and the county all), and the leader's visits there.
CREATE TABLE "supervision_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"assigned_by_org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"leader_cadre_id" bigint REFERENCES "cadres"("id"),
	"leader_name" text NOT NULL,
	"leader_post" text,
	"assigned_on" date NOT NULL,
	"ended_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "supervision_contacts_org_idx" ON "supervision_contacts" USING btree ("org_id");
--> statement-breakpoint
CREATE TABLE "supervision_visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"contact_id" bigint NOT NULL REFERENCES "supervision_contacts"("id"),
	"visited_on" date NOT NULL,
	"content" text NOT NULL,
	"problems" text,
	"follow_up" text,
	"follow_up_done" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "supervision_visits_org_idx" ON "supervision_visits" USING btree ("org_id", "visited_on");
--> statement-breakpoint
CREATE INDEX "supervision_visits_contact_idx" ON "supervision_visits" USING btree ("contact_id");
--> statement-breakpoint
SELECT tj_apply_scope('supervision_contacts', 'org_id');
--> statement-breakpoint
SELECT tj_apply_scope('supervision_visits', 'org_id');
--> statement-breakpoint
-- 党委研究团的工作: the township party committee's meeting on league work (minutes as attachments, owner_type
-- 'party_league_meeting'), kept at the township's league committee.
CREATE TABLE "party_league_meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"held_on" date NOT NULL,
	"meeting_name" text NOT NULL,
	"chaired_by" text,
	"topics" text NOT NULL,
	"attendance" text,
	"decisions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "party_league_meetings_org_idx" ON "party_league_meetings" USING btree ("org_id", "held_on");
--> statement-breakpoint
SELECT tj_apply_scope('party_league_meetings', 'org_id');
--> statement-breakpoint
-- 青年社团 attached to a township (or any committee).
CREATE TABLE "youth_societies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"name" text NOT NULL,
	"society_type" text NOT NULL,
	"members" integer,
	"contact_name" text,
	"contact_phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"founded_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "youth_societies_org_idx" ON "youth_societies" USING btree ("org_id");
--> statement-breakpoint
SELECT tj_apply_scope('youth_societies', 'org_id');
--> statement-breakpoint
-- 青年发展规划 measures of a county with their progress.
CREATE TABLE "youth_plan_measures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"plan_title" text NOT NULL,
	"area" text,
	"measure" text NOT NULL,
	"responsible_unit" text NOT NULL,
	"target" text,
	"progress" numeric(5, 1) DEFAULT 0 NOT NULL CHECK ("progress" >= 0 AND "progress" <= 100),
	"status" text NOT NULL CHECK ("status" IN ('not_started', 'in_progress', 'completed', 'delayed')),
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "youth_plan_measures_org_idx" ON "youth_plan_measures" USING btree ("org_id");
--> statement-breakpoint
SELECT tj_apply_scope('youth_plan_measures', 'org_id');
--> statement-breakpoint
-- 西部计划、三支一扶… (规则配置 → 青年工作 → 专项计划): a cadre or a volunteer flagged with a programme and year,
-- kept at the flagged record's organization.
CREATE TABLE "service_program_flags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"cadre_id" bigint REFERENCES "cadres"("id"),
	"volunteer_id" bigint REFERENCES "volunteers"("id"),
	"program" text NOT NULL,
	"program_year" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CHECK (("cadre_id" IS NULL) <> ("volunteer_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "service_program_flags_cadre_uq" ON "service_program_flags" USING btree ("cadre_id") WHERE "cadre_id" IS NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "service_program_flags_volunteer_uq" ON "service_program_flags" USING btree ("volunteer_id") WHERE "volunteer_id" IS NOT NULL;
--> statement-breakpoint
SELECT tj_apply_scope('service_program_flags', 'org_id');
