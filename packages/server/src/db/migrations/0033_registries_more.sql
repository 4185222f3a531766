-- Issue 17, item 2: honors of every origin. An honor awarded by any level (national to township) to a
-- person, a league organization or another collective (a 青年突击队 of a company), with the awarding
-- body, year and certificate (attachments, owner_type 'honor_award'). org_id places it in the tree:
-- the person's organization, the organization itself, or the one the collective belongs to.
CREATE TABLE "honor_awards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"recipient_kind" text NOT NULL CHECK ("recipient_kind" IN ('person', 'org', 'collective')),
	"person_id" bigint REFERENCES "people"("id"),
	"recipient_org_id" bigint REFERENCES "organizations"("id"),
	"recipient_name" text NOT NULL,
	"award_type" text NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL CHECK ("level" IN ('national', 'provincial', 'city', 'county', 'township')),
	"awarding_body" text NOT NULL,
	"year" integer NOT NULL,
	"awarded_on" date,
	"certificate_no" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "honor_awards_org_idx" ON "honor_awards" USING btree ("org_id", "year");
--> statement-breakpoint
CREATE INDEX "honor_awards_person_idx" ON "honor_awards" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX "honor_awards_recipient_org_idx" ON "honor_awards" USING btree ("recipient_org_id");
--> statement-breakpoint
SELECT tj_apply_scope('honor_awards', 'org_id');
--> statement-breakpoint
-- Issue 17, item 3: manual (qualitative) indicators of a reform assessment, scored by the assessing committee
-- for each assessed organization, with evidence (note here, files as attachments, owner_type
-- 'assessment_score'). org_id is the assessed organization: it sees its own scores and evidence; the
-- server lets only the scheme's committee (or above) write.
CREATE TABLE "assessment_manual_scores" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"scheme_id" bigint NOT NULL REFERENCES "assessment_schemes"("id"),
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"indicator_key" text NOT NULL,
	"score" numeric(7, 2) NOT NULL,
	"note" text,
	"scored_by" bigint REFERENCES "accounts"("id"),
	"scored_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_manual_scores_uq" ON "assessment_manual_scores" USING btree ("scheme_id", "org_id", "indicator_key");
--> statement-breakpoint
SELECT tj_apply_scope('assessment_manual_scores', 'org_id');
--> statement-breakpoint
-- Issue 17, item 4: 换届 campaigns. A committee starts one with a deadline over chosen organizations below it;
-- each target row is the target organization's (it sees its own: title and deadline are copied), the
-- campaign row the committee's. Progress is read from the targets' elections. Scoped and audited.
CREATE TABLE "election_campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"title" text NOT NULL,
	"deadline" date NOT NULL,
	"started_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_campaign_targets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"campaign_id" bigint NOT NULL REFERENCES "election_campaigns"("id"),
	"campaign_org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"title" text NOT NULL,
	"deadline" date NOT NULL,
	"started_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "election_campaign_targets_uq" ON "election_campaign_targets" USING btree ("campaign_id", "org_id");
--> statement-breakpoint
CREATE INDEX "election_campaign_targets_org_idx" ON "election_campaign_targets" USING btree ("org_id");
--> statement-breakpoint
SELECT tj_apply_scope('election_campaigns', 'org_id');
--> statement-breakpoint
SELECT tj_apply_scope('election_campaign_targets', 'org_id');
