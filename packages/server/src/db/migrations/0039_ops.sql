-- Issue 16: the platform administrator's 待办 shows a failed or stale backup (modules/inbox/sources.ts,
-- kind 'backup'). The outcome is kept in system_state 'backup' (ops/backup.ts), which the app role
-- cannot read; this gives the app that one row, and only in the whole platform's scope ('*': the
-- platform administrator, the one role that sees 规则配置 → 数据备份).
CREATE FUNCTION tj_backup_state()
RETURNS TABLE (ok boolean, at timestamptz, error text, last_success_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT (s.value->>'ok')::boolean, (s.value->>'at')::timestamptz, s.value->>'error', (s.value->>'lastSuccessAt')::timestamptz
    FROM system_state s
   WHERE s.key = 'backup' AND current_setting('tj.scope', true) = '*'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tj_backup_state() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tj_backup_state() TO tj_app;
