-- 团员证明 and 组织关系介绍信 (issue 14 item 5): each issued copy with the verification code printed on
-- it (and in its QR code). The public page reads one row by code (no login); the issuing side revokes
-- it with a reason. Scoped to the issuing organization and audited like every registry.
CREATE TABLE "document_issues" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"org_id" bigint NOT NULL REFERENCES "organizations"("id"),
	"kind" text NOT NULL CHECK ("kind" IN ('member_certificate', 'transfer_letter')),
	"code" text NOT NULL,
	"person_id" bigint NOT NULL REFERENCES "people"("id"),
	"transfer_id" bigint REFERENCES "transfers"("id"),
	"subject_name" text NOT NULL,
	"issuer_name" text NOT NULL,
	"issued_by" bigint REFERENCES "accounts"("id"),
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"revoked_on" date,
	"revoked_by" bigint REFERENCES "accounts"("id"),
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CHECK (("revoked_on" IS NULL) = ("revoke_reason" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "document_issues_code_uq" ON "document_issues" USING btree ("code");
--> statement-breakpoint
CREATE INDEX "document_issues_person_idx" ON "document_issues" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX "document_issues_transfer_idx" ON "document_issues" USING btree ("transfer_id");
--> statement-breakpoint
SELECT tj_apply_scope('document_issues', 'org_id');
--> statement-breakpoint
-- The person of an accepted transfer as the sending side prints the 介绍信: after the transfer the
-- person is the receiving side's and no longer in the sender's scope. Answers only when the caller's
-- scope holds the transfer's sending organization. With it, the receiving organization's name.
CREATE FUNCTION tj_transfer_letter_person(p_transfer_id bigint)
RETURNS TABLE (person_id bigint, name text, gender text, id_number text, birth_date text, ethnicity text, education text,
               political_status text, occupation text, phone text, member_no text, joined_on text, member_status text, to_org_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, p.name, p.gender, p.id_number, p.birth_date::text, p.ethnicity, p.education, p.political_status, p.occupation,
         p.phone, p.member_no, p.joined_on::text, p.member_status, d.name
    FROM transfers t JOIN people p ON p.id = t.person_id JOIN organizations d ON d.id = t.to_org_id
    JOIN organizations f ON f.id = t.from_org_id
   WHERE t.id = p_transfer_id AND f.path <@ tj_scope()
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_transfer_letter_person(bigint) TO tj_app;
