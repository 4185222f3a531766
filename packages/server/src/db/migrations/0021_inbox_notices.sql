-- 待办 and 通知公告 (issue 12).
--
-- 通知公告: a committee publishes a notice to organizations of its subtree (notice_targets);
-- each receiving organization's accounts read it (notice_reads: the first read of each account)
-- and reply when asked (notice_replies, attachments in the attachments table). Scoped per row and
-- audited like every registry: a notice is seen by its publisher's line of authority and by the
-- organizations it was sent to; reads and replies by the receiving organization's line.
CREATE TABLE "notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	-- The publisher's name as published: receiving organizations do not see organizations above them.
	"org_name" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"deadline" date,
	"reply_required" boolean DEFAULT false NOT NULL,
	"target_mode" text NOT NULL CHECK ("target_mode" IN ('subtree', 'chosen')),
	"published_by" bigint REFERENCES "accounts"("id"),
	"published_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notices_org_idx" ON "notices" USING btree ("org_id", "id");
--> statement-breakpoint
CREATE TABLE "notice_targets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"notice_id" bigint NOT NULL REFERENCES "notices"("id"),
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"chased_at" timestamp with time zone,
	"chase_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notice_targets_uq" ON "notice_targets" USING btree ("notice_id", "org_id");
--> statement-breakpoint
CREATE INDEX "notice_targets_org_idx" ON "notice_targets" USING btree ("org_id", "notice_id");
--> statement-breakpoint
CREATE TABLE "notice_reads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"notice_id" bigint NOT NULL REFERENCES "notices"("id"),
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"account_id" bigint REFERENCES "accounts"("id"),
	"reader_name" text NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notice_reads_uq" ON "notice_reads" USING btree ("notice_id", "org_id", "account_id");
--> statement-breakpoint
CREATE TABLE "notice_replies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"notice_id" bigint NOT NULL REFERENCES "notices"("id"),
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"account_id" bigint REFERENCES "accounts"("id"),
	"author_name" text NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notice_replies_notice_idx" ON "notice_replies" USING btree ("notice_id", "org_id");
--> statement-breakpoint
SELECT tj_apply_scope(t.tbl, t.col) FROM (VALUES
  ('notices', 'org_id'),
  ('notice_targets', 'org_id'),
  ('notice_reads', 'org_id'),
  ('notice_replies', 'org_id')) AS t(tbl, col);
--> statement-breakpoint
-- A receiving organization sees the notices sent to it (its target row is in its scope); only the
-- publisher's line writes them.
ALTER POLICY notices_scope ON notices
  USING (EXISTS (SELECT 1 FROM organizations so WHERE so.id = notices.org_id AND so.path <@ tj_scope())
         OR EXISTS (SELECT 1 FROM notice_targets nt JOIN organizations so ON so.id = nt.org_id
                     WHERE nt.notice_id = notices.id AND so.path <@ tj_scope()));
--> statement-breakpoint
-- The notice's own attachments belong to the publisher; a receiving organization reads them through
-- this function, which shows them exactly when the notice is visible to the caller.
CREATE FUNCTION tj_notice_attachments(p_notice bigint, p_id bigint DEFAULT NULL)
RETURNS TABLE (id bigint, org_id bigint, owner_id bigint, file_name text, mime_type text, size int, storage_key text, created_at text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, a.org_id, a.owner_id, a.file_name, a.mime_type, a.size, a.storage_key, a.created_at::text
    FROM attachments a JOIN notices n ON n.id = a.owner_id
   WHERE a.owner_type = 'notice'
     AND (p_notice IS NULL OR a.owner_id = p_notice)
     AND (p_id IS NULL OR a.id = p_id)
     AND (EXISTS (SELECT 1 FROM organizations so WHERE so.id = n.org_id AND so.path <@ tj_scope())
          OR EXISTS (SELECT 1 FROM notice_targets nt JOIN organizations so ON so.id = nt.org_id
                      WHERE nt.notice_id = n.id AND so.path <@ tj_scope()))
   ORDER BY a.id
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_notice_attachments(bigint, bigint) TO tj_app;
--> statement-breakpoint
-- 待办 reads each source from an index on its open state and deadline, so its cost follows the open
-- items of the caller's organization, not every record ever kept.
CREATE INDEX "meetings_planned_idx" ON "meetings" USING btree ("org_id", "planned_on") WHERE status = 'planned';
--> statement-breakpoint
CREATE INDEX "transfers_escalated_idx" ON "transfers" USING btree ("escalated_to_org_id") WHERE status = 'pending' AND escalated_to_org_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "development_cases_open_stage_idx" ON "development_cases" USING btree ("branch_id", "stage") WHERE status = 'in_progress';
--> statement-breakpoint
CREATE INDEX "report_submissions_open_idx" ON "report_submissions" USING btree ("org_id") WHERE status IN ('draft', 'returned');
--> statement-breakpoint
CREATE INDEX "report_submissions_submitted_idx" ON "report_submissions" USING btree ("task_id") WHERE status = 'submitted';
--> statement-breakpoint
CREATE INDEX "rectification_tasks_open_idx" ON "rectification_tasks" USING btree ("org_id", "deadline") WHERE status IN ('open', 'overdue');
--> statement-breakpoint
CREATE INDEX "star_rating_entries_open_idx" ON "star_rating_entries" USING btree ("org_id") WHERE status <> 'confirmed';
--> statement-breakpoint
CREATE INDEX "star_rating_entries_rating_idx" ON "star_rating_entries" USING btree ("rating_id") WHERE status IN ('self_assessed', 'reviewed');
--> statement-breakpoint
CREATE INDEX "honor_nominations_open_idx" ON "honor_nominations" USING btree ("campaign_id") WHERE status = 'nominated';
--> statement-breakpoint
CREATE INDEX "elections_open_idx" ON "elections" USING btree ("org_id", "planned_on") WHERE status = 'in_progress';
--> statement-breakpoint
CREATE INDEX "audit_log_corrections_idx" ON "audit_log" USING btree ("org_id", "id") WHERE entity = 'correction_requests' AND action = 'insert';
--> statement-breakpoint
CREATE INDEX "audit_log_correction_updates_idx" ON "audit_log" USING btree ("entity_id") WHERE entity = 'correction_requests' AND action = 'update';
