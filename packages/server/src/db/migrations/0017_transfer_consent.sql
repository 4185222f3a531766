-- Transfers need both sides (issue 11 item 1).
--
-- A transfer started by the receiving side is a request the sending side must
-- agree to. It is recorded by tj_request_transfer_in, which matches the ID
-- number and the name against the register without telling the caller whether
-- anything matched: a request that matches no active member under that name is
-- recorded without a person and sending organization, nobody can answer it,
-- and it lapses (status 'lapsed') like any request nobody answered.
ALTER TABLE "transfers" ALTER COLUMN "person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "transfers" ALTER COLUMN "from_org_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "lapses_on" date;--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "requested_by" bigint;--> statement-breakpoint
CREATE INDEX "transfers_requested_by_idx" ON "transfers" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "transfers_lapse_idx" ON "transfers" USING btree ("lapses_on") WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "other_org_id" bigint;--> statement-breakpoint
CREATE INDEX "audit_log_other_org_idx" ON "audit_log" USING btree ("other_org_id","at") WHERE other_org_id IS NOT NULL;--> statement-breakpoint

-- Audit rows are visible in the scope of the record's organization and, for a
-- record between two organizations (a transfer; a person who moved), of the
-- other one too.
DROP POLICY audit_log_scope ON audit_log;--> statement-breakpoint
CREATE POLICY audit_log_scope ON audit_log FOR SELECT
  USING (CASE WHEN org_id IS NULL AND other_org_id IS NULL THEN tj_scope() = ''::ltree
              ELSE EXISTS (SELECT 1 FROM organizations so WHERE so.id = audit_log.org_id AND so.path <@ tj_scope())
                OR EXISTS (SELECT 1 FROM organizations so WHERE so.id = audit_log.other_org_id AND so.path <@ tj_scope()) END);
--> statement-breakpoint

-- The audit trigger, with the organizations read from the whole row (before, an
-- update that did not change the organization column was logged without one and
-- visible to nobody but the platform administrator).
-- TG_ARGV[0]: the column of the organization the record belongs to (after the write).
-- TG_ARGV[1]: optional, the column of a second organization the record concerns.
-- TG_ARGV[2]: optional, comma-separated columns never copied into the log.
-- A record whose organization changed is logged under the new one and the old one.
CREATE OR REPLACE FUNCTION tj_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  changed_cols text[] := '{}';
  -- Derived or bookkeeping columns: never a reason for an audit row on their own.
  quiet text[] := ARRAY['updated_at', 'version', 'path', 'failed_attempts', 'last_login_at'];
  secret text[] := ARRAY['password_hash'];
  omitted text[] := CASE WHEN TG_NARGS > 2 THEN string_to_array(TG_ARGV[2], ',') ELSE '{}'::text[] END;
  org bigint;
  other bigint;
  k text;
BEGIN
  IF TG_NARGS > 0 AND TG_ARGV[0] <> '' THEN
    org := (coalesce(new_row, old_row) ->> TG_ARGV[0])::bigint;
    IF TG_OP = 'UPDATE' AND (old_row ->> TG_ARGV[0]) IS DISTINCT FROM (new_row ->> TG_ARGV[0]) THEN
      other := (old_row ->> TG_ARGV[0])::bigint;
    END IF;
  END IF;
  IF other IS NULL AND TG_NARGS > 1 AND TG_ARGV[1] <> '' THEN
    other := (coalesce(new_row, old_row) ->> TG_ARGV[1])::bigint;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    FOR k IN SELECT jsonb_object_keys(new_row) LOOP
      IF new_row -> k IS DISTINCT FROM old_row -> k AND NOT (k = ANY (quiet)) THEN
        changed_cols := changed_cols || k;
      END IF;
    END LOOP;
    IF cardinality(changed_cols) = 0 THEN
      RETURN NULL;
    END IF;
    -- Keep only what changed (plus the id) so the log shows the difference.
    SELECT jsonb_object_agg(key, value) INTO old_row FROM jsonb_each(old_row) WHERE key = ANY (changed_cols) OR key = 'id';
    SELECT jsonb_object_agg(key, value) INTO new_row FROM jsonb_each(new_row) WHERE key = ANY (changed_cols) OR key = 'id';
  END IF;
  FOREACH k IN ARRAY secret LOOP
    IF old_row ? k THEN old_row := jsonb_set(old_row, ARRAY[k], '"***"'); END IF;
    IF new_row ? k THEN new_row := jsonb_set(new_row, ARRAY[k], '"***"'); END IF;
  END LOOP;
  IF cardinality(omitted) > 0 THEN
    old_row := old_row - omitted;
    new_row := new_row - omitted;
    changed_cols := ARRAY(SELECT c FROM unnest(changed_cols) c WHERE NOT (c = ANY (omitted)));
  END IF;
  -- National ID and phone numbers are kept masked: seeing them in full is an audited act of its own.
  old_row := tj_mask_sensitive(old_row);
  new_row := tj_mask_sensitive(new_row);
  INSERT INTO audit_log (actor_id, actor_name, ip, request_id, action, entity, entity_id, org_id, other_org_id, before, after, changed)
  VALUES (
    nullif(current_setting('tj.actor_id', true), '')::bigint,
    coalesce(nullif(current_setting('tj.actor_name', true), ''), '系统'),
    nullif(current_setting('tj.ip', true), ''),
    nullif(current_setting('tj.request_id', true), ''),
    lower(TG_OP),
    TG_TABLE_NAME,
    coalesce(new_row, old_row) ->> 'id',
    org,
    CASE WHEN other IS DISTINCT FROM org THEN other END,
    old_row,
    new_row,
    changed_cols
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- A transfer is logged under the receiving organization and the sending one.
-- The person and the sending organization are never copied into the log: the
-- receiving side reads these rows before the sending side has agreed (the
-- transfer id links each row to the transfer, which shows them to whoever may see them).
DROP TRIGGER transfers_audit ON transfers;--> statement-breakpoint
CREATE TRIGGER transfers_audit AFTER INSERT OR UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION tj_audit('to_org_id', 'from_org_id', 'person_id,from_org_id');
--> statement-breakpoint

-- Requests nobody answered lapse one period after their due date (lapses_on).
CREATE FUNCTION tj_lapse_transfer_requests(p_today date) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n int;
BEGIN
  UPDATE transfers SET status = 'lapsed', decided_on = lapses_on
   WHERE status = 'pending' AND initiated_by = 'receiving' AND lapses_on < p_today;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_lapse_transfer_requests(date) TO tj_app;
--> statement-breakpoint

-- The receiving side asks for a member held outside its scope, by ID number
-- and name. Matches an active member registered under exactly that name, not
-- already in the receiving branch and without an open transfer; records the
-- request either way and returns only its id, so the caller cannot tell
-- whether anybody matched.
CREATE FUNCTION tj_request_transfer_in(p_id_number text, p_name text, p_to_org_id bigint, p_reason text, p_masked text,
                                       p_kind text, p_destination text, p_due date, p_lapses date)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_person bigint;
  v_from bigint;
  v_id bigint;
  v_actor bigint := nullif(current_setting('tj.actor_id', true), '')::bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM organizations WHERE id = p_to_org_id AND path <@ tj_scope()) THEN
    RAISE EXCEPTION 'organization % not found', p_to_org_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT p.id, p.org_id INTO v_person, v_from
    FROM people p
   WHERE p.id_number = upper(btrim(p_id_number)) AND p.name = p_name AND p.member_status = 'active' AND p.org_id <> p_to_org_id
     AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.person_id = p.id AND t.status = 'pending');
  BEGIN
    INSERT INTO transfers (person_id, from_org_id, to_org_id, initiated_by, kind, destination, reason, person_name, person_id_masked,
                           due_on, lapses_on, requested_by)
    VALUES (v_person, v_from, p_to_org_id, 'receiving', p_kind, p_destination, p_reason, p_name, p_masked, p_due, p_lapses, v_actor)
    RETURNING id INTO v_id;
  EXCEPTION WHEN unique_violation THEN
    -- Another open transfer of the same member was recorded meanwhile: this one matches nobody.
    INSERT INTO transfers (person_id, from_org_id, to_org_id, initiated_by, kind, destination, reason, person_name, person_id_masked,
                           due_on, lapses_on, requested_by)
    VALUES (NULL, NULL, p_to_org_id, 'receiving', p_kind, p_destination, p_reason, p_name, p_masked, p_due, p_lapses, v_actor)
    RETURNING id INTO v_id;
  END;
  RETURN v_id;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_request_transfer_in(text, text, bigint, text, text, text, text, date, date) TO tj_app;
--> statement-breakpoint

-- The move, in one statement, by the side whose consent completes the
-- transfer: the receiving side for a transfer the sending side started, the
-- sending side (or a committee above both sides, which holds it too) for a
-- request of the receiving side.
CREATE OR REPLACE FUNCTION tj_accept_transfer(p_transfer_id bigint, p_decided_by text, p_on date)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  tr transfers%ROWTYPE;
  consenting bigint;
BEGIN
  SELECT * INTO tr FROM transfers WHERE id = p_transfer_id FOR UPDATE;
  consenting := CASE WHEN tr.initiated_by = 'receiving' THEN tr.from_org_id ELSE tr.to_org_id END;
  IF tr.id IS NULL OR tr.person_id IS NULL OR NOT EXISTS (SELECT 1 FROM organizations WHERE id = consenting AND path <@ tj_scope()) THEN
    RAISE EXCEPTION 'transfer % not found', p_transfer_id USING ERRCODE = 'no_data_found';
  END IF;
  IF tr.status <> 'pending' THEN
    RAISE EXCEPTION 'transfer % is %', p_transfer_id, tr.status USING ERRCODE = 'check_violation', CONSTRAINT = 'transfers_not_pending';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM organizations WHERE id = tr.to_org_id AND status = 'active') THEN
    RAISE EXCEPTION 'receiving organization % is not active', tr.to_org_id USING ERRCODE = 'check_violation', CONSTRAINT = 'transfers_target_dissolved';
  END IF;
  UPDATE people SET org_id = tr.to_org_id, version = version + 1 WHERE id = tr.person_id AND org_id = tr.from_org_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'person % is no longer in the sending organization', tr.person_id USING ERRCODE = 'check_violation', CONSTRAINT = 'transfers_person_moved';
  END IF;
  UPDATE transfers SET status = 'accepted', decided_on = p_on, decided_by = p_decided_by WHERE id = p_transfer_id;
END
$$;
