import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { DomainError, api, grantableRoles, scopeFitsRole, ROLE_LABELS, type OrgType, type Role } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { accounts, organizations } from '../../db/schema.js';
import { HttpError, notFound } from '../../http/errors.js';
import { scoped, type RouteDef } from '../../http/route.js';
import type { SessionUser } from '../../http/session.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { isoTime } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';

const columns = {
  id: accounts.id,
  username: accounts.username,
  displayName: accounts.displayName,
  phone: accounts.phone,
  role: accounts.role,
  scopeOrgId: accounts.scopeOrgId,
  scopeOrgName: organizations.name,
  status: accounts.status,
  locked: sql<boolean>`coalesce(${accounts.lockedUntil} > now(), false)`,
  mustChangePassword: accounts.mustChangePassword,
  lastLoginAt: accounts.lastLoginAt,
  createdAt: accounts.createdAt,
};

type Item = api.AccountItem;
const asItem = (r: Record<string, unknown>) =>
  ({ ...r, lastLoginAt: isoTime(r.lastLoginAt as string | null), createdAt: isoTime(r.createdAt as string) }) as unknown as Item;

async function loadAccount(tx: Tx, id: number): Promise<Item> {
  const [row] = await tx.select(columns).from(accounts).leftJoin(organizations, eq(organizations.id, accounts.scopeOrgId)).where(eq(accounts.id, id));
  if (!row) throw notFound('账号');
  return asItem(row);
}

/** Role and scope rules for giving an account `role` over `scopeOrgId`. */
async function checkGrant(tx: Tx, user: SessionUser, role: Role, scopeOrgId: number | null) {
  if (!grantableRoles(user.role).includes(role)) {
    throw new HttpError(403, 'role_not_grantable', `您不能设置“${ROLE_LABELS[role]}”角色`, 'role');
  }
  const scopeOrg = scopeOrgId === null ? null : await loadOrg(tx, scopeOrgId).catch(() => {
    throw new HttpError(404, 'not_found', '管理范围所选组织不存在或不在您的管理范围内', 'scopeOrgId');
  });
  const problem = scopeFitsRole(role, (scopeOrg?.type as OrgType) ?? null);
  if (problem) throw new DomainError('scope_role_mismatch', problem, 'scopeOrgId');
  if (scopeOrg && scopeOrg.status !== 'active') throw new DomainError('scope_dissolved', '所选组织已撤销', 'scopeOrgId');
}

export const accountRoutes: RouteDef[] = [
  scoped(api.accounts.listAccounts, async ({ tx }, { query }) => {
    const conds: (SQL | undefined)[] = [];
    if (query.q) conds.push(or(ilike(accounts.username, `%${query.q}%`), ilike(accounts.displayName, `%${query.q}%`)));
    if (query.role) conds.push(eq(accounts.role, query.role));
    if (query.under) {
      const org = await loadOrg(tx, query.under);
      conds.push(sql`${organizations.path} <@ ${org.path}::ltree`);
    }
    const where = and(...conds);
    const items = await tx
      .select(columns)
      .from(accounts)
      .leftJoin(organizations, eq(organizations.id, accounts.scopeOrgId))
      .where(where)
      .orderBy(asc(organizations.path), asc(accounts.username))
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [{ total }] = (await tx
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(accounts)
      .leftJoin(organizations, eq(organizations.id, accounts.scopeOrgId))
      .where(where)) as [{ total: number }];
    return { items: items.map(asItem), total, page: query.page, pageSize: query.pageSize };
  }),

  scoped(api.accounts.createAccount, async ({ tx, user }, { body }) => {
    await checkGrant(tx, user, body.role, body.scopeOrgId);
    const initialPassword = generatePassword();
    const [row] = await tx
      .insert(accounts)
      .values({
        username: body.username,
        displayName: body.displayName,
        phone: body.phone ?? null,
        role: body.role,
        scopeOrgId: body.scopeOrgId,
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
      })
      .returning({ id: accounts.id });
    return { account: await loadAccount(tx, row!.id), initialPassword };
  }),

  scoped(api.accounts.updateAccount, async ({ tx, user }, { params, body }) => {
    const current = await loadAccount(tx, params.id);
    if (current.id === user.id && (body.role !== undefined || body.scopeOrgId !== undefined || body.status === 'disabled')) {
      throw new DomainError('self_change', '不能修改自己的角色、管理范围或停用自己', undefined, 403);
    }
    if (!grantableRoles(user.role).includes(current.role)) throw new HttpError(403, 'role_not_grantable', '您无权修改该账号', 'role');
    const role = body.role ?? current.role;
    const scopeOrgId = body.scopeOrgId !== undefined ? body.scopeOrgId : current.scopeOrgId;
    if (body.role !== undefined || body.scopeOrgId !== undefined) await checkGrant(tx, user, role, scopeOrgId);
    await tx
      .update(accounts)
      .set({ displayName: body.displayName, phone: body.phone, role, scopeOrgId, status: body.status })
      .where(eq(accounts.id, params.id));
    // No session cleanup needed: every request re-reads role, scope and status (http/session.ts).
    return loadAccount(tx, params.id);
  }),

  scoped(api.accounts.resetAccountPassword, async ({ tx, user }, { params }) => {
    const current = await loadAccount(tx, params.id);
    if (current.id === user.id) throw new DomainError('self_reset', '请通过“修改密码”更改自己的密码', undefined, 403);
    if (!grantableRoles(user.role).includes(current.role)) throw new HttpError(403, 'role_not_grantable', '您无权重置该账号的密码');
    const initialPassword = generatePassword();
    await tx
      .update(accounts)
      .set({ passwordHash: await hashPassword(initialPassword), mustChangePassword: true, failedAttempts: 0, lockedUntil: null })
      .where(eq(accounts.id, params.id));
    return { account: await loadAccount(tx, params.id), initialPassword };
  }),

  scoped(api.accounts.unlockAccount, async ({ tx, user }, { params }) => {
    const current = await loadAccount(tx, params.id);
    if (!grantableRoles(user.role).includes(current.role)) throw new HttpError(403, 'role_not_grantable', '您无权解锁该账号');
    await tx.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.id, params.id));
    return loadAccount(tx, params.id);
  }),
];
