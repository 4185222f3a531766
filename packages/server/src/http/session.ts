import { queryResult } from '../db/sql.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { permissionsOf, type Role, type OrgType, api } from '@tuanjian/domain';
import type { Database } from '../db/connection.js';
import { withSystem } from '../db/context.js';

export const SESSION_COOKIE = 'tj_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The logged-in account as every request sees it. */
export interface SessionUser extends api.SessionAccount {
  /** ltree path of the scope organization, '*' for platform-wide accounts. */
  scopePath: string;
  csrfToken: string;
  tokenHash: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

interface SessionRow extends Record<string, unknown> {
  token_hash: string;
  csrf_token: string;
  id: number;
  username: string;
  display_name: string;
  role: Role;
  scope_org_id: number | null;
  must_change_password: boolean;
  org_name: string | null;
  org_type: OrgType | null;
  org_path: string | null;
}

export function toSessionUser(row: SessionRow): SessionUser {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scopeOrgId: row.scope_org_id === null ? null : Number(row.scope_org_id),
    scopeOrgName: row.org_name,
    scopeOrgType: row.org_type,
    mustChangePassword: row.must_change_password,
    permissions: permissionsOf(row.role),
    scopePath: row.role === 'platform_admin' ? '*' : (row.org_path ?? ''),
    csrfToken: row.csrf_token,
    tokenHash: row.token_hash,
  };
}

/** Loads the session behind a cookie token, or null when absent, expired or the account is disabled. */
/** `readReplica`: a read-only figure's request may check its session on the standby too. */
export async function loadSession(database: Database, token: string, readReplica = false): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  const rows = await withSystem(database, 'session', async (tx) => {
    const r = await queryResult<SessionRow>(tx, sql`
      select s.token_hash, s.csrf_token, a.id, a.username, a.display_name, a.role, a.scope_org_id,
             a.must_change_password, o.name as org_name, o.type as org_type, o.path::text as org_path
        from sessions s
        join accounts a on a.id = s.account_id
        left join organizations o on o.id = a.scope_org_id
       where s.token_hash = ${tokenHash} and s.expires_at > now() and a.status = 'active'`);
    return r.rows;
  }, null, { readReplica });
  const row = rows[0];
  if (!row) return null;
  const user = toSessionUser(row);
  // A scoped account whose scope organization is gone sees nothing rather than everything.
  if (user.role !== 'platform_admin' && !user.scopePath) return null;
  return user;
}

export function publicAccount(u: SessionUser): api.SessionAccount {
  const { scopePath: _s, csrfToken: _c, tokenHash: _t, ...account } = u;
  return account;
}
