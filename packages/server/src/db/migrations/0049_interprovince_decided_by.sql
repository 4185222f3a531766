-- Who decided a 跨省转入 on the receiving side (the account that pressed 接收 or 退回 on its own server), so the
-- national log names that person, with the province, instead of the coordinator that finished the transfer
-- afterwards (national/transfer.ts settleTransfers). NULL for rows decided before, or by the coordinator.
ALTER TABLE "interprovince_transfers" ADD COLUMN "decided_by" text;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tj_interprovince_receive(p_key uuid) RETURNS bigint LANGUAGE plpgsql AS $$
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
  UPDATE interprovince_transfers SET status = 'accepted', person_id = created, decided_at = now(),
         decided_by = nullif(current_setting('tj.actor_name', true), '') WHERE id = r.id;
  RETURN created;
END
$$;
