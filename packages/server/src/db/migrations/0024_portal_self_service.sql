-- 团员自助 (issue 13 item 2): a member uploads a payment receipt or transfer screenshot for a month's
-- dues; the branch confirms it (which records the payment in dues_payments) or returns it with a reason.
-- The file is an attachment (owner_type 'dues_receipt'); the receipt row is the branch's, scoped and
-- audited like every registry.
CREATE TABLE "dues_receipts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"person_id" bigint NOT NULL REFERENCES "people"("id"),
	"period" text NOT NULL,
	"paid_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL CHECK ("status" IN ('pending', 'confirmed', 'returned')),
	"note" text,
	"payment_id" bigint REFERENCES "dues_payments"("id"),
	"submitted_by" bigint REFERENCES "accounts"("id"),
	"decided_by" bigint REFERENCES "accounts"("id"),
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_receipts_pending_uq" ON "dues_receipts" USING btree ("person_id", "period") WHERE "status" = 'pending';
--> statement-breakpoint
CREATE INDEX "dues_receipts_org_idx" ON "dues_receipts" USING btree ("org_id", "status");
--> statement-breakpoint
SELECT tj_apply_scope('dues_receipts', 'org_id');
--> statement-breakpoint
-- 入团申请 online: a young person (no account) applies through the public page, choosing the branch;
-- the branch accepts it (registers the youth when not registered yet and starts the development case)
-- or declines it with a reason. Scoped to the chosen branch, audited.
CREATE TABLE "join_applications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"ethnicity" text NOT NULL,
	"phone" text NOT NULL,
	"school" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL CHECK ("status" IN ('pending', 'accepted', 'declined')),
	"note" text,
	"person_id" bigint REFERENCES "people"("id"),
	"case_id" bigint REFERENCES "development_cases"("id"),
	"decided_by" bigint REFERENCES "accounts"("id"),
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "join_applications_pending_uq" ON "join_applications" USING btree ("id_number") WHERE "status" = 'pending';
--> statement-breakpoint
CREATE INDEX "join_applications_org_idx" ON "join_applications" USING btree ("org_id", "status");
--> statement-breakpoint
SELECT tj_apply_scope('join_applications', 'org_id');
