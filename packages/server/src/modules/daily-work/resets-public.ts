import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import {
  DomainError,
  ISSUED_CODE_ALPHABET,
  ISSUED_CODE_LENGTH,
  ISSUE_MAX_MEMBERS,
  RESET_CODE_REFUSAL,
  RESET_REQUESTS_PER_MINUTE,
  RESET_REQUEST_ANSWER,
  SELF_RESET_ROLES,
  SMS_CODE_LENGTH,
  SMS_RESEND_SECONDS,
  api,
  isBranchType,
  issueProblems,
  memberUsername,
  normalizePhone,
  passwordProblem,
  phonesMatch,
  resetCodeExpiry,
  resetCodeProblem,
  smsResetText,
  wrongCodeMessage,
  type OrgType,
  type ResetChannel,
  type Role,
} from '@tuanjian/domain';
import type { Database, Tx } from '../../db/connection.js';
import { withScope, withSystem, type Actor } from '../../db/context.js';
import { bigintArray, query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { loadRules, raw, type RouteDef } from '../../http/route.js';
import type { SessionUser } from '../../http/session.js';
import { actorOf } from '../auth/routes.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/passwords.js';
import { loadOrg } from '../organizations/service.js';
import { smsSenderFromEnv, type SmsSender } from './sms.js';

/*
 * Password resets by one-time code. Reset codes touch authentication, so like
 * login these handlers work outside a data scope: reset_codes has no grant to
 * tj_app at all. The two unauthenticated routes (request a code by SMS,
 * redeem a code) answer the same whether or not the account exists; the two
 * secretary routes check the members against the caller's scope first (in a
 * scoped transaction: out-of-scope people answer 404), then store the codes.
 * Only hashes of codes are kept; every issue and every redemption is audited.
 */

const d = api.dailyWork;

/** A small fixed-window limiter per client address (the route layer's rate limit covers login only). */
class WindowLimiter {
  private hits = new Map<string, { start: number; count: number }>();
  constructor(private readonly max: number, private readonly windowMs = 60_000) {}
  take(key: string): boolean {
    const now = Date.now();
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (now - v.start > this.windowMs) this.hits.delete(k);
    const hit = this.hits.get(key);
    if (!hit || now - hit.start > this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      return true;
    }
    hit.count++;
    return hit.count <= this.max;
  }
}

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  status: string;
  phone: string | null;
  person_phone: string | null;
  scope_org_id: number | null;
}

interface CodeRow {
  id: number;
  code_hash: string;
  channel: ResetChannel;
  attempts: number;
  expires_at: string;
  used_at: string | null;
}

function smsCode(): string {
  let s = '';
  for (let i = 0; i < SMS_CODE_LENGTH; i++) s += String(randomInt(10));
  return s;
}

function issuedCode(): string {
  let s = '';
  for (let i = 0; i < ISSUED_CODE_LENGTH; i++) s += ISSUED_CODE_ALPHABET[randomInt(ISSUED_CODE_ALPHABET.length)]!;
  return s;
}

/** Codes as typed: spaces and dashes ignored, letters in capitals. */
const normalizeCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** An audit row for an event that is not a row write of an audited table (reset_codes has no trigger). */
async function audit(tx: Tx, actor: Actor, e: { action: 'insert' | 'password_change' | 'login_failed'; entity: string; entityId: number | null; orgId: number | null; after: Record<string, unknown> }) {
  await tx.execute(sql`insert into audit_log (actor_id, actor_name, ip, request_id, action, entity, entity_id, org_id, after)
    values (${actor.accountId}, ${actor.name}, ${actor.ip ?? null}, ${actor.requestId ?? null}, ${e.action}, ${e.entity},
            ${e.entityId === null ? null : String(e.entityId)}, ${e.orgId}, ${JSON.stringify(e.after)}::jsonb)`);
}

const anonymous = (req: FastifyRequest, name: string): Actor => ({ accountId: null, name, scopePath: '', ip: req.ip, requestId: String(req.id) });

/**
 * The member's own account (role member), anchored in the branch the member
 * belongs to now: opened when missing (login name: the member number, or a
 * fixed name when that is taken), moved along after a transfer.
 */
async function memberAccountFor(tx: Tx, p: { id: number; name: string; member_no: string | null; phone: string | null; org_id: number }) {
  const [existing] = await query<{ id: number; username: string; role: Role; scope_org_id: number | null }>(
    tx,
    sql`select id, username, role, scope_org_id from accounts where person_id = ${p.id} order by id limit 1 for update`,
  );
  if (existing) {
    if (existing.role !== 'member') throw new DomainError('not_member_account', `${p.name}的账号（${existing.username}）不是团员账号，请由管理员重置密码`, 'personIds');
    if (Number(existing.scope_org_id) !== p.org_id) await tx.execute(sql`update accounts set scope_org_id = ${p.org_id} where id = ${existing.id}`);
    return { id: Number(existing.id), username: existing.username, created: false };
  }
  let username = memberUsername({ id: p.id, memberNo: p.member_no });
  const [taken] = await query(tx, sql`select 1 from accounts where lower(username) = lower(${username})`);
  if (taken) username = memberUsername({ id: p.id, memberNo: null });
  const [made] = await query<{ id: number }>(
    tx,
    sql`insert into accounts (username, display_name, phone, password_hash, role, scope_org_id, must_change_password, person_id)
        values (${username}, ${p.name}, ${p.phone}, ${'!reset-code-required'}, 'member', ${p.org_id}, false, ${p.id}) returning id`,
  );
  return { id: Number(made!.id), username, created: true };
}

export interface PublicRouteOptions {
  /** Where SMS go; default from the environment (SMS_API_URL/SMS_API_KEY, else the log). */
  sms?: SmsSender;
}

/** The password-reset routes (public and secretary); they need the database itself, not a scoped transaction. */
export function dailyWorkPublicRoutes(database: Database, opts: PublicRouteOptions = {}): RouteDef[] {
  const sms = opts.sms ?? smsSenderFromEnv();
  const limiter = new WindowLimiter(RESET_REQUESTS_PER_MINUTE);
  const limit = (req: FastifyRequest, route: string) => {
    if (!limiter.take(`${route}|${req.ip}`)) throw new HttpError(429, 'too_many_requests', '请求过于频繁，请稍后再试');
  };

  async function findAccount(username: string): Promise<AccountRow | undefined> {
    const rows = await withSystem(database, 'password_reset', (tx) =>
      query<AccountRow>(
        tx,
        sql`select a.id, a.username, a.display_name, a.role, a.status, a.phone, p.phone as person_phone, a.scope_org_id
              from accounts a left join people p on p.id = a.person_id
             where lower(a.username) = lower(${username.trim()})`,
      ),
    );
    const row = rows[0];
    return row ? { ...row, id: Number(row.id), scope_org_id: row.scope_org_id === null ? null : Number(row.scope_org_id) } : undefined;
  }

  /**
   * Issues codes for people the caller can see (checked in the caller's scope:
   * others answer 404 before anything is written), then opens or moves their
   * member accounts and stores the code hashes outside the scope.
   */
  async function issue(req: FastifyRequest, user: SessionUser, personIds: number[] | null, branchId: number | null) {
    const rules = await loadRules(database);
    const actor = actorOf(req, user);
    const targets = await withScope(database, actor, async (tx) => {
      let people: { id: number; name: string; member_no: string | null; member_status: string | null; phone: string | null; org_id: number; org_type: OrgType }[];
      if (branchId !== null) {
        const branch = await loadOrg(tx, branchId).catch(() => {
          throw new HttpError(404, 'not_found', '团支部不存在或不在您的管理范围内', 'orgId');
        });
        if (!isBranchType(branch.type as OrgType)) throw new DomainError('not_a_branch', '请选择团支部', 'orgId');
        people = await query(
          tx,
          sql`select p.id, p.name, p.member_no, p.member_status, p.phone, p.org_id, o.type as org_type from people p join organizations o on o.id = p.org_id
               where p.org_id = ${branch.id} and p.member_status = 'active' order by p.member_no nulls last, p.id`,
        );
        if (!people.length) throw new DomainError('no_members', '该团支部没有在册团员', 'orgId');
        if (people.length > ISSUE_MAX_MEMBERS) throw new DomainError('too_many', `一次最多为${ISSUE_MAX_MEMBERS}名团员发放`, 'orgId');
      } else {
        const ids = [...new Set(personIds!)];
        people = await query(
          tx,
          sql`select p.id, p.name, p.member_no, p.member_status, p.phone, p.org_id, o.type as org_type from people p join organizations o on o.id = p.org_id
               where p.id = any(${bigintArray(ids)}) order by p.id`,
        );
        if (people.length !== ids.length) throw new HttpError(404, 'not_found', '所选团员不存在或不在您的管理范围内', 'personIds');
      }
      const problems = people.flatMap((p) => issueProblems({ name: p.name, memberStatus: p.member_status, isBranchMember: isBranchType(p.org_type) }));
      if (problems.length) throw new DomainError('issue_refused', problems.slice(0, 10).join('；'), 'personIds');
      return people.map((p) => ({ ...p, id: Number(p.id), org_id: Number(p.org_id) }));
    });
    const expires = resetCodeExpiry(new Date(), rules);
    // The people are the caller's (checked above); their own accounts follow them, wherever they were opened.
    const codes = await withSystem(
      database,
      'password_reset',
      async (tx) => {
        const list = [];
        for (const p of targets) {
          const account = await memberAccountFor(tx, p);
          const code = issuedCode();
          const [row] = await query<{ id: number }>(
            tx,
            sql`insert into reset_codes (account_id, code_hash, channel, issued_by, expires_at)
                values (${account.id}, ${await hashPassword(code)}, 'secretary', ${user.displayName}, ${expires.toISOString()}) returning id`,
          );
          await audit(tx, actor, {
            action: 'insert',
            entity: 'reset_codes',
            entityId: Number(row!.id),
            orgId: p.org_id,
            after: { channel: 'secretary', accountId: account.id, username: account.username, personId: p.id, expiresAt: expires.toISOString() },
          });
          list.push({ personId: p.id, name: p.name, username: account.username, accountId: account.id, code, expiresAt: expires.toISOString(), accountCreated: account.created });
        }
        return list;
      },
      actor,
    );
    return { codes, minutes: rules.dailyWork.resetCodeMinutes };
  }

  return [
    raw(d.requestResetCode, async (req, _reply, { body }) => {
      limit(req, 'request');
      const rules = await loadRules(database);
      const account = await findAccount(body.username);
      // A member's phone is kept in the registry (the branch updates it there); the account's copy is a fallback.
      const phone = account ? (account.person_phone ?? account.phone) : null;
      if (!account || !SELF_RESET_ROLES.includes(account.role) || account.status !== 'active' || !phonesMatch(body.phone, phone)) {
        if (account) {
          await withSystem(database, 'password_reset', (tx) =>
            audit(tx, anonymous(req, body.username), {
              action: 'login_failed',
              entity: 'reset_codes',
              entityId: null,
              orgId: account.scope_org_id,
              after: { username: account.username, reason: SELF_RESET_ROLES.includes(account.role) ? '找回密码：手机号与预留号码不符' : '找回密码：该角色不能自助找回' },
            }),
          );
        }
        req.log.info({ username: body.username }, 'password reset code not sent: no matching member account and phone');
        return { ok: true as const, message: RESET_REQUEST_ANSWER };
      }
      const code = smsCode();
      const issued = await withSystem(database, 'password_reset', async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(72010, ${account.id}::int)`);
        const recent = await query<{ n: number }>(
          tx,
          sql`select count(*)::int as n from reset_codes where account_id = ${account.id} and channel = 'sms'
                and created_at > now() - make_interval(secs => ${SMS_RESEND_SECONDS})`,
        );
        if (Number(recent[0]!.n) > 0) return false;
        const expires = resetCodeExpiry(new Date(), rules);
        const [row] = await query<{ id: number }>(
          tx,
          sql`insert into reset_codes (account_id, code_hash, channel, expires_at)
              values (${account.id}, ${await hashPassword(code)}, 'sms', ${expires.toISOString()}) returning id`,
        );
        await audit(tx, anonymous(req, account.display_name), {
          action: 'insert',
          entity: 'reset_codes',
          entityId: Number(row!.id),
          orgId: account.scope_org_id,
          after: { channel: 'sms', accountId: account.id, username: account.username, to: normalizePhone(phone).replace(/^(\d{3})\d+(\d{4})$/, '$1****$2'), expiresAt: expires.toISOString() },
        });
        return true;
      });
      if (issued) {
        try {
          await sms.send({ phone: normalizePhone(phone), text: smsResetText(code, rules), code, purpose: 'password_reset' }, req.log);
        } catch (err) {
          req.log.error({ err, sender: sms.name }, 'SMS sender failed: the reset code was not delivered');
        }
      }
      return { ok: true as const, message: RESET_REQUEST_ANSWER };
    }),

    raw(d.redeemResetCode, async (req, _reply, { body }) => {
      limit(req, 'redeem');
      const rules = await loadRules(database);
      const account = await findAccount(body.username);
      if (!account || !SELF_RESET_ROLES.includes(account.role) || account.status !== 'active') {
        await verifyAgainstDummy(body.code);
        throw new HttpError(422, 'bad_code', RESET_CODE_REFUSAL, 'code');
      }
      const problem = passwordProblem(body.newPassword, rules, { username: account.username, name: account.display_name });
      if (problem) throw new HttpError(422, 'weak_password', problem, 'newPassword');
      const self: Actor = { accountId: account.id, name: account.display_name, scopePath: '', ip: req.ip, requestId: String(req.id) };
      const newHash = await hashPassword(body.newPassword);
      const outcome = await withSystem(
        database,
        'password_reset',
        async (tx) => {
          const [code] = await query<CodeRow>(
            tx,
            sql`select id, code_hash, channel, attempts, expires_at, used_at from reset_codes
                 where account_id = ${account.id} and used_at is null order by id desc limit 1 for update`,
          );
          if (!code) return { ok: false as const, message: RESET_CODE_REFUSAL };
          const dead = resetCodeProblem({ expiresAt: code.expires_at, usedAt: code.used_at, attempts: Number(code.attempts) }, new Date(), rules);
          if (dead) return { ok: false as const, message: dead };
          if (!(await verifyPassword(code.code_hash, normalizeCode(body.code)))) {
            const attempts = Number(code.attempts) + 1;
            await tx.execute(sql`update reset_codes set attempts = ${attempts} where id = ${code.id}`);
            await audit(tx, self, { action: 'login_failed', entity: 'reset_codes', entityId: Number(code.id), orgId: account.scope_org_id, after: { reason: '重置验证码错误', attempts } });
            return { ok: false as const, message: wrongCodeMessage(attempts, rules) };
          }
          await tx.execute(sql`update accounts set password_hash = ${newHash}, must_change_password = false, failed_attempts = 0, locked_until = null where id = ${account.id}`);
          await tx.execute(sql`update reset_codes set used_at = now() where account_id = ${account.id} and used_at is null`);
          // Every session of the account ends with the old password.
          await tx.execute(sql`delete from sessions where account_id = ${account.id}`);
          await audit(tx, self, { action: 'password_change', entity: 'accounts', entityId: account.id, orgId: account.scope_org_id, after: { via: code.channel, resetCodeId: Number(code.id) } });
          return { ok: true as const };
        },
        self,
      );
      if (!outcome.ok) throw new HttpError(422, 'bad_code', outcome.message, 'code');
      return { ok: true as const, message: '密码已重置，请使用新密码登录' };
    }),

    raw(d.issueResetCodes, async (req, _reply, { body }, user) => issue(req, user!, body.personIds, null)),
    raw(d.issueBranchResetCodes, async (req, _reply, { body }, user) => issue(req, user!, null, body.orgId)),
  ];
}

