CREATE TABLE "org_rollups" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "org_rollups_org_id_metric_pk" PRIMARY KEY("org_id","metric")
);
--> statement-breakpoint
CREATE TABLE "stat_snapshots" (
	"org_id" bigint NOT NULL,
	"month" text NOT NULL,
	"metrics" jsonb NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_snapshots_org_id_month_pk" PRIMARY KEY("org_id","month")
);
