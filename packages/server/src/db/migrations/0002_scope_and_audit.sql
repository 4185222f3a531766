-- Data scope, hierarchy maintenance and the audit trail, enforced by the database.
--
-- Every API request runs in a transaction as role tj_app with
--   tj.scope     = the ltree path of the caller's scope organization ('*' = everything)
--   tj.actor_id / tj.actor_name / tj.ip / tj.request_id   for the audit trail.
-- Row-level security below hides every row outside tj.scope; with no scope set
-- nothing is visible (deny by default).

-- The caller's scope as an ltree; NULL (matches nothing) when unset. The empty
-- ltree is an ancestor of every path, so '*' sees all.
CREATE FUNCTION tj_scope() RETURNS ltree LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN coalesce(current_setting('tj.scope', true), '') = '' THEN NULL
    WHEN current_setting('tj.scope', true) = '*' THEN ''::ltree
    ELSE current_setting('tj.scope', true)::ltree
  END
$$;
--> statement-breakpoint

-- organizations.path is derived from parent_id; a move rewrites the subtree in the same transaction.
CREATE FUNCTION tj_org_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_path ltree;
BEGIN
  -- Only a change of parent recomputes the path; descendants' paths are
  -- rewritten by tj_org_move_subtree (tj_app has no UPDATE right on path).
  IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
    RETURN NEW;
  END IF;
  -- Serialize tree reshaping so that two concurrent moves cannot build a cycle.
  PERFORM pg_advisory_xact_lock(72001);
  IF NEW.parent_id IS NULL THEN
    NEW.path := NEW.id::text::ltree;
  ELSE
    SELECT path INTO parent_path FROM organizations WHERE id = NEW.parent_id;
    IF parent_path IS NULL THEN
      RAISE EXCEPTION 'parent organization % not found', NEW.parent_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND parent_path <@ OLD.path THEN
      RAISE EXCEPTION 'organization % cannot move under its own subtree', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'organizations_no_cycle';
    END IF;
    NEW.path := parent_path || NEW.id::text;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_set_path BEFORE INSERT OR UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION tj_org_set_path();
--> statement-breakpoint

-- SECURITY DEFINER: descendants of a moved organization travel with it; the
-- moved row itself has already passed the caller's scope check.
CREATE FUNCTION tj_org_move_subtree() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE organizations
     SET path = NEW.path || subpath(path, nlevel(OLD.path))
   WHERE path <@ OLD.path AND id <> NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_move_subtree AFTER UPDATE OF parent_id ON organizations
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION tj_org_move_subtree();
--> statement-breakpoint

CREATE FUNCTION tj_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_touch BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER admin_units_touch BEFORE UPDATE ON admin_units FOR EACH ROW EXECUTE FUNCTION tj_touch_updated_at();
--> statement-breakpoint

-- Masks national ID numbers (1101**********002X) and phone numbers (138****5678) in a row image.
CREATE FUNCTION tj_mask_sensitive(p_row jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v text;
BEGIN
  IF p_row IS NULL THEN RETURN NULL; END IF;
  v := p_row ->> 'id_number';
  IF v IS NOT NULL THEN p_row := jsonb_set(p_row, '{id_number}', to_jsonb(left(v, 4) || '**********' || right(v, 4))); END IF;
  v := p_row ->> 'phone';
  IF v IS NOT NULL AND length(v) >= 7 THEN p_row := jsonb_set(p_row, '{phone}', to_jsonb(left(v, 3) || '****' || right(v, 4))); END IF;
  RETURN p_row;
END
$$;
--> statement-breakpoint

-- Audit: one row per written record, with who, when, from where, and the changed columns before/after.
-- TG_ARGV[0] names the column holding the organization the record belongs to (audit rows are scoped by it).
CREATE FUNCTION tj_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  changed_cols text[] := '{}';
  -- Derived or bookkeeping columns: never a reason for an audit row on their own.
  quiet text[] := ARRAY['updated_at', 'version', 'path', 'failed_attempts', 'last_login_at'];
  secret text[] := ARRAY['password_hash'];
  k text;
BEGIN
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
  -- National ID and phone numbers are kept masked: seeing them in full is an audited act of its own.
  old_row := tj_mask_sensitive(old_row);
  new_row := tj_mask_sensitive(new_row);
  INSERT INTO audit_log (actor_id, actor_name, ip, request_id, action, entity, entity_id, org_id, before, after, changed)
  VALUES (
    nullif(current_setting('tj.actor_id', true), '')::bigint,
    coalesce(nullif(current_setting('tj.actor_name', true), ''), '系统'),
    nullif(current_setting('tj.ip', true), ''),
    nullif(current_setting('tj.request_id', true), ''),
    lower(TG_OP),
    TG_TABLE_NAME,
    coalesce(new_row, old_row) ->> 'id',
    CASE WHEN TG_NARGS > 0 THEN (coalesce(new_row, old_row) ->> TG_ARGV[0])::bigint END,
    old_row,
    new_row,
    changed_cols
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_audit AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION tj_audit('id');
--> statement-breakpoint
CREATE TRIGGER admin_units_audit AFTER INSERT OR UPDATE OR DELETE ON admin_units FOR EACH ROW EXECUTE FUNCTION tj_audit('township_org_id');
--> statement-breakpoint
CREATE TRIGGER accounts_audit AFTER INSERT OR UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION tj_audit('scope_org_id');
--> statement-breakpoint
CREATE TRIGGER rule_settings_audit AFTER INSERT OR UPDATE OR DELETE ON rule_settings FOR EACH ROW EXECUTE FUNCTION tj_audit();
--> statement-breakpoint

-- Row-level security: what tj_app may see and write.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organizations_scope ON organizations
  USING (path <@ tj_scope())
  WITH CHECK (path <@ tj_scope());
--> statement-breakpoint
ALTER TABLE admin_units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Visible: the units of townships in scope, and the unit a visible branch serves (a branch secretary sees their village).
CREATE POLICY admin_units_scope ON admin_units
  USING (township_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope())
         OR id IN (SELECT admin_unit_id FROM organizations WHERE path <@ tj_scope()))
  WITH CHECK (township_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()));
--> statement-breakpoint
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Platform-wide accounts (no scope organization) are visible only to an unrestricted caller.
CREATE POLICY accounts_scope ON accounts
  USING (CASE WHEN scope_org_id IS NULL THEN tj_scope() = ''::ltree
              ELSE scope_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()) END)
  WITH CHECK (CASE WHEN scope_org_id IS NULL THEN tj_scope() = ''::ltree
              ELSE scope_org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()) END);
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_log_scope ON audit_log FOR SELECT
  USING (CASE WHEN org_id IS NULL THEN tj_scope() = ''::ltree
              ELSE org_id IN (SELECT id FROM organizations WHERE path <@ tj_scope()) END);
--> statement-breakpoint

GRANT SELECT, INSERT ON organizations TO tj_app;
--> statement-breakpoint
-- Every column but path (derived) and id; a migration adding a column grants it here too.
GRANT UPDATE (parent_id, name, short_name, type, sector, school_stage, admin_unit_id, founded_on, status,
  dissolved_on, dissolved_reason, contact_name, contact_phone, address, sort_order, version) ON organizations TO tj_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON admin_units, accounts, rule_settings TO tj_app;
--> statement-breakpoint
GRANT SELECT ON audit_log TO tj_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tj_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_scope() TO tj_app;
--> statement-breakpoint
-- Audit events that are not row writes (e.g. a view of a full ID number), callable inside a scoped request.
CREATE FUNCTION tj_audit_event(p_action text, p_entity text, p_entity_id text, p_org_id bigint, p_after jsonb)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO audit_log (actor_id, actor_name, ip, request_id, action, entity, entity_id, org_id, after)
  VALUES (nullif(current_setting('tj.actor_id', true), '')::bigint,
          coalesce(nullif(current_setting('tj.actor_name', true), ''), '系统'),
          nullif(current_setting('tj.ip', true), ''), nullif(current_setting('tj.request_id', true), ''),
          p_action, p_entity, p_entity_id, p_org_id, p_after)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_audit_event(text, text, text, bigint, jsonb) TO tj_app;
