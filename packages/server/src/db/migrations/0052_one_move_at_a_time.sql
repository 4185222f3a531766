-- A person moves one way at a time (issue 15, 跨省转接): no transfer within the province while a 跨省转接 or a
-- 跨省转出申请 of theirs is open. The sending side's own paths refuse it (membership/interprovince.ts
-- transferUnderWay); a request of the receiving side for a person outside its scope is matched here, in the
-- database, and did not look at the 跨省 rows: it matched the person and waited for the sending side's
-- consent. It now matches nobody then, like a request for a person with a transfer already pending: recorded
-- without a person, nobody can answer it, it lapses, and the caller learns nothing about the person.
-- 0017's function with the two conditions added (CREATE OR REPLACE repeats its body).
CREATE OR REPLACE FUNCTION tj_request_transfer_in(p_id_number text, p_name text, p_to_org_id bigint, p_reason text, p_masked text,
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
     AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.person_id = p.id AND t.status = 'pending')
     -- 0052: nor a person on the way to another province (a pending 跨省转出, an open 跨省转出申请).
     AND NOT EXISTS (SELECT 1 FROM interprovince_transfers x WHERE x.person_id = p.id AND x.direction = 'out' AND x.status = 'pending')
     AND NOT EXISTS (SELECT 1 FROM interprovince_requests r WHERE r.person_id = p.id AND r.status = 'requested');
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
