-- Issue 14 items 2 and 4: 发展团员编号 in the national layout and the electronic archive.
-- Whether a member number is held by anyone, whatever the caller's scope (a new number skips it).
CREATE FUNCTION tj_member_number_taken(p_member_no text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM people WHERE member_no = p_member_no)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_member_number_taken(text) TO tj_app;
--> statement-breakpoint
-- 团员身份已认证: the day the committee above approved the last document the 发展档案清单 requires.
ALTER TABLE "people" ADD COLUMN "identity_verified_on" date;
--> statement-breakpoint
-- 电子档案: one uploaded scan (入团申请书, 入团志愿书, photo …) of a person, optionally of their development
-- case; the file is an attachment (owner_type 'archive_document'). The branch uploads, the committee above
-- approves it or returns it with a reason. Scoped to the person's organization, audited.
CREATE TABLE "archive_documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"person_id" bigint NOT NULL REFERENCES "people"("id"),
	"case_id" bigint REFERENCES "development_cases"("id"),
	"kind" text NOT NULL CHECK ("kind" IN ('application_letter', 'application_form', 'photo', 'certificate', 'other')),
	"status" text DEFAULT 'pending' NOT NULL CHECK ("status" IN ('pending', 'approved', 'returned')),
	"return_reason" text,
	"uploaded_by" bigint REFERENCES "accounts"("id"),
	"reviewed_by" bigint REFERENCES "accounts"("id"),
	"reviewed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "archive_documents_person_idx" ON "archive_documents" USING btree ("person_id", "kind");
--> statement-breakpoint
CREATE INDEX "archive_documents_org_idx" ON "archive_documents" USING btree ("org_id", "status");
--> statement-breakpoint
SELECT tj_apply_scope('archive_documents', 'org_id');
--> statement-breakpoint
-- A member's archive follows the member: when a person moves to another organization (a transfer, which
-- the receiving side may complete from outside the sender's scope), the documents and their files move too.
CREATE FUNCTION tj_archive_follow_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE archive_documents SET org_id = NEW.org_id WHERE person_id = NEW.id AND org_id IS DISTINCT FROM NEW.org_id;
  UPDATE attachments a SET org_id = NEW.org_id
    FROM archive_documents d
   WHERE a.owner_type = 'archive_document' AND a.owner_id = d.id AND d.person_id = NEW.id AND a.org_id IS DISTINCT FROM NEW.org_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "people_archive_follow" AFTER UPDATE OF "org_id" ON "people"
  FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id) EXECUTE FUNCTION tj_archive_follow_person();
