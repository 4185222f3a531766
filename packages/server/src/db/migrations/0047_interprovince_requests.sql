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
--> statement-breakpoint
-- The receiving side consents on its own server: the coordinator writes the receiving branch's 'in' row pending
-- when it starts a transfer (with the person's record as the sending side keeps it); the branch (or a committee
-- above it) accepts it there, or the national administrator does. Either way the person and the row change in
-- one transaction of this province, by this one function (SECURITY INVOKER: row-level security holds for an
-- account's call): the ID number moves in the national registry because the transaction carries the key
-- (tj.transfer_key, 0034's trigger). A declined row keeps the reason.
ALTER TABLE "interprovince_transfers" ADD COLUMN IF NOT EXISTS "decision_note" text;
--> statement-breakpoint
CREATE FUNCTION tj_interprovince_receive(p_key uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  r interprovince_transfers%ROWTYPE;
  created bigint;
BEGIN
  SELECT * INTO r FROM interprovince_transfers WHERE key = p_key AND direction = 'in' FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF r.status = 'accepted' THEN RETURN r.person_id; END IF;
  IF r.status = 'rejected' THEN
    RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'interprovince_receive', MESSAGE = '该跨省转接已由转入方退回';
  END IF;
  PERFORM set_config('tj.transfer_key', p_key::text, true);
  INSERT INTO people (org_id, name, gender, id_number, birth_date, ethnicity, education, political_status, phone, occupation,
                      is_student, grade, member_no, joined_on, member_status, pioneer_joined_on, party_joined_on)
  SELECT r.org_id, j.name, j.gender, j.id_number, j.birth_date, j.ethnicity, j.education, j.political_status, j.phone, j.occupation,
         j.is_student, j.grade, j.member_no, j.joined_on, j.member_status, j.pioneer_joined_on, j.party_joined_on
    FROM jsonb_populate_record(null::people, r.person) j
  RETURNING id INTO created;
  UPDATE interprovince_transfers SET status = 'accepted', person_id = created, decided_at = now() WHERE id = r.id;
  RETURN created;
END
$$;
