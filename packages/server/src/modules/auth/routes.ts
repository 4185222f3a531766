import { queryResult } from '../../db/sql.js';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { api, passwordProblem } from '@tuanjian/domain';
import type { Database } from '../../db/connection.js';
import { withSystem } from '../../db/context.js';
import { HttpError } from '../../http/errors.js';
import { raw, loadRules, type RouteDef } from '../../http/route.js';
import { SESSION_COOKIE, hashToken, newToken, publicAccount, toSessionUser, type SessionUser } from '../../http/session.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { recordEvent } from '../audit/events.js';

interface AccountRow extends Record<string, unknown> {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'platform_admin';
  scope_org_id: number | null;
  status: string;
  must_change_password: boolean;
  failed_attempts: number;
  locked_until: string | null;
  locked: boolean;
  org_name: string | null;
  org_type: null;
  org_path: string | null;
}

export function authRoutes(database: Database, opts: { cookieSecure: boolean }): RouteDef[] {
  const setCookie = (reply: FastifyReply, token: string, hours: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.cookieSecure,
      path: '/',
      maxAge: hours * 3600,
    });

  async function startSession(req: FastifyRequest, reply: FastifyReply, accountId: number) {
    const rules = await loadRules(database);
    const token = newToken();
    const csrf = newToken();
    const hours = rules.security.sessionHours;
    const row = await withSystem(database, 'login', async (tx) => {
      await tx.execute(sql`delete from sessions where expires_at < now()`);
      await tx.execute(sql`insert into sessions (token_hash, account_id, csrf_token, ip, user_agent, expires_at)
        values (${hashToken(token)}, ${accountId}, ${csrf}, ${req.ip}, ${req.headers['user-agent'] ?? null}, now() + make_interval(hours => ${hours}))`);
      const r = await queryResult<AccountRow>(tx, sql`
        select ${hashToken(token)} as token_hash, ${csrf} as csrf_token, a.*, o.name as org_name, o.type as org_type, o.path::text as org_path
          from accounts a left join organizations o on o.id = a.scope_org_id where a.id = ${accountId}`);
      return r.rows[0]!;
    });
    setCookie(reply, token, hours);
    const user = toSessionUser(row as never);
    return { account: publicAccount(user), csrfToken: csrf };
  }

  return [
    raw(api.auth.login, async (req, reply, { body }) => {
      const rules = await loadRules(database);
      const { loginMaxFailures, lockoutMinutes } = rules.security;
      const account = await withSystem(database, 'login', async (tx) => {
        const r = await queryResult<AccountRow>(tx, sql`
          select a.*, (a.locked_until is not null and a.locked_until > now()) as locked
            from accounts a where lower(a.username) = lower(${body.username})`);
        return r.rows[0];
      });
      const actor = (a: AccountRow | undefined) => ({ accountId: a ? Number(a.id) : null, name: a?.display_name ?? body.username, scopePath: '', ip: req.ip, requestId: String(req.id) });
      // Until the password is right the answer is the same (status, code, message, and an argon2
      // verification's time) for an unknown user, a wrong password and a locked or disabled account,
      // so the login form cannot be used to find out which usernames exist.
      const refused = () => new HttpError(401, 'bad_credentials', badCredentialsMessage(rules.security));
      if (!account) {
        await verifyAgainstDummy(body.password);
        await recordEvent(database, actor(undefined), { action: 'login_failed', entity: 'accounts', after: { username: body.username, reason: '用户名不存在' } });
        throw refused();
      }
      const orgId = account.scope_org_id === null ? null : Number(account.scope_org_id);
      if (!(await verifyPassword(account.password_hash, body.password))) {
        if (account.locked) {
          await recordEvent(database, actor(account), { action: 'login_failed', entity: 'accounts', entityId: account.id, orgId, after: { reason: '账号已锁定' } });
          throw refused();
        }
        const failures = Number(account.failed_attempts) + 1;
        const lock = failures >= loginMaxFailures;
        await withSystem(database, 'login', (tx) =>
          tx.execute(sql`update accounts set failed_attempts = ${lock ? 0 : failures},
            locked_until = ${lock ? sql`now() + make_interval(mins => ${lockoutMinutes})` : sql`locked_until`} where id = ${account.id}`),
        );
        await recordEvent(database, actor(account), { action: 'login_failed', entity: 'accounts', entityId: account.id, orgId, after: { reason: lock ? '密码错误，账号已锁定' : '密码错误', failures } });
        throw refused();
      }
      // The password is right: now the account's state may be told.
      if (account.locked) {
        await recordEvent(database, actor(account), { action: 'login_failed', entity: 'accounts', entityId: account.id, orgId, after: { reason: '账号已锁定' } });
        throw new HttpError(423, 'locked', `连续登录失败次数过多，账号已锁定，请${lockoutMinutes}分钟后再试或联系管理员解锁`);
      }
      if (account.status !== 'active') {
        await recordEvent(database, actor(account), { action: 'login_failed', entity: 'accounts', entityId: account.id, orgId, after: { reason: '账号已停用' } });
        throw new HttpError(403, 'disabled', '账号已停用，请联系管理员');
      }
      await withSystem(database, 'login', (tx) =>
        tx.execute(sql`update accounts set failed_attempts = 0, locked_until = null, last_login_at = now() where id = ${account.id}`),
      );
      await recordEvent(database, actor(account), { action: 'login', entity: 'accounts', entityId: account.id, orgId });
      return startSession(req, reply, Number(account.id));
    }),

    raw(api.auth.logout, async (req, reply, _input, user) => {
      await withSystem(database, 'logout', (tx) => tx.execute(sql`delete from sessions where token_hash = ${user!.tokenHash}`));
      await recordEvent(database, actorOf(req, user!), { action: 'logout', entity: 'accounts', entityId: user!.id, orgId: user!.scopeOrgId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    }),

    raw(api.auth.me, async (_req, _reply, _input, user) => ({ account: publicAccount(user!), csrfToken: user!.csrfToken })),

    raw(api.auth.changePassword, async (req, reply, { body }, user) => {
      const u = user as SessionUser;
      const rules = await loadRules(database);
      const current = await withSystem(database, 'password', async (tx) => {
        const r = await queryResult<{ password_hash: string }>(tx, sql`select password_hash from accounts where id = ${u.id}`);
        return r.rows[0]!;
      });
      if (!(await verifyPassword(current.password_hash, body.oldPassword))) {
        throw new HttpError(422, 'bad_old_password', '原密码不正确', 'oldPassword');
      }
      const problem = passwordProblem(body.newPassword, rules, { username: u.username, name: u.displayName });
      if (problem) throw new HttpError(422, 'weak_password', problem, 'newPassword');
      if (body.newPassword === body.oldPassword) throw new HttpError(422, 'same_password', '新密码不能与原密码相同', 'newPassword');
      const hash = await hashPassword(body.newPassword);
      await withSystem(
        database,
        'password',
        async (tx) => {
          await tx.execute(sql`update accounts set password_hash = ${hash}, must_change_password = false where id = ${u.id}`);
          // Every other session of this account ends with the old password.
          await tx.execute(sql`delete from sessions where account_id = ${u.id}`);
        },
        actorOf(req, u),
      );
      return startSession(req, reply, u.id);
    }),
  ];
}

/** The one answer to every refused login before the password is known to be right. */
export function badCredentialsMessage(security: { loginMaxFailures: number; lockoutMinutes: number }): string {
  return `用户名或密码错误（连续${security.loginMaxFailures}次错误将锁定账号${security.lockoutMinutes}分钟）`;
}

export function actorOf(req: FastifyRequest, user: SessionUser) {
  return { accountId: user.id, name: user.displayName, scopePath: user.scopePath, ip: req.ip, requestId: String(req.id) };
}
