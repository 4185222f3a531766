import { sql } from 'drizzle-orm';
import type { Database } from '../../db/connection.js';
import { withSystem, type Actor } from '../../db/context.js';

/**
 * Events that are not row writes (logins, views of sensitive data). Row
 * writes are audited by the database trigger tj_audit; these are the rest.
 */
export interface AuditEvent {
  action: 'login' | 'login_failed' | 'logout' | 'view_sensitive' | 'restore';
  entity: string;
  entityId?: number | string | null;
  orgId?: number | null;
  after?: Record<string, unknown>;
}

export function recordEvent(database: Database, actor: Actor, e: AuditEvent) {
  return withSystem(database, 'audit', (tx) =>
    tx.execute(sql`insert into audit_log (actor_id, actor_name, ip, request_id, action, entity, entity_id, org_id, after)
      values (${actor.accountId}, ${actor.name}, ${actor.ip ?? null}, ${actor.requestId ?? null}, ${e.action}, ${e.entity},
              ${e.entityId == null ? null : String(e.entityId)}, ${e.orgId ?? null}, ${e.after ? JSON.stringify(e.after) : null}::jsonb)`),
  );
}
