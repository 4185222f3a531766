import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasPermission, resolveRules, type Rules, api } from '@tuanjian/domain';
import { eq } from 'drizzle-orm';
import type { Database, DatabaseKind, Tx } from '../db/connection.js';
import { withScope, withSystem } from '../db/context.js';
import { ruleSettings } from '../db/schema.js';
import { loadConfig } from '../config.js';
import { HttpError } from './errors.js';
import { checkInputText, checkOutsideRefs, checkRefs, hasRefs } from './input-checks.js';
import { CSRF_HEADER, SESSION_COOKIE, loadSession, safeEqual, type SessionUser } from './session.js';

type Contract = api.Contract;
type Input<C extends Contract> = { params: api.ParamsOf<C>; query: api.QueryOf<C>; body: api.BodyOf<C> };

/** What a scoped handler gets: the caller and a transaction confined to the caller's subtree. */
export interface RequestContext {
  user: SessionUser;
  tx: Tx;
  rules(): Promise<Rules>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type ScopedHandler<C extends Contract> = (ctx: RequestContext, input: Input<C>) => Promise<api.ResponseOf<C> | void>;

/** Handlers that manage sessions themselves (login, logout, health); they get the database, no scope. */
export type RawHandler<C extends Contract> = (
  req: FastifyRequest,
  reply: FastifyReply,
  input: Input<C>,
  user: SessionUser | null,
) => Promise<api.ResponseOf<C> | void>;

export type RouteDef =
  | { kind: 'scoped'; contract: Contract; handler: ScopedHandler<any> }
  | { kind: 'raw'; contract: Contract; handler: RawHandler<any> };

export const scoped = <C extends Contract>(contract: C, handler: ScopedHandler<C>): RouteDef => ({ kind: 'scoped', contract, handler });
export const raw = <C extends Contract>(contract: C, handler: RawHandler<C>): RouteDef => ({ kind: 'raw', contract, handler });

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyContextConfig {
    contract?: api.Contract;
  }
}

const MUST_CHANGE_ALLOWED = new Set([api.auth.me.path, api.auth.changePassword.path, api.auth.logout.path]);

async function readRules(tx: Tx): Promise<Rules> {
  const rows = await tx.select().from(ruleSettings);
  return resolveRules(Object.fromEntries(rows.map((r) => [r.section, r.value])));
}

export function loadRules(database: Database): Promise<Rules> {
  return withSystem(database, 'rules', readRules);
}

/**
 * Registers routes from their contracts. Authentication, CSRF and the route's
 * declared permission are checked here for every route; scoped handlers run
 * inside withScope, so data scope is enforced by the database for all of them.
 * Every string input is checked for control characters before validation, and
 * every id the contract declares (refs, outsideRefs) before the handler.
 */
export function registerRoutes(app: FastifyInstance, database: Database, routes: RouteDef[], opts: { loginRateLimit: number; statementTimeoutMs?: number }) {
  const limits = statementLimits(database.kind, opts.statementTimeoutMs);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const def of routes) {
    const c = def.contract;
    if (c.permission === 'public' && Object.keys(c.refs ?? {}).length) throw new Error(`${c.method} ${c.path}: refs need a caller's scope; a public route declares outsideRefs`);
    typed.route({
      method: c.method,
      url: c.path,
      ...(c.bodyLimit ? { bodyLimit: c.bodyLimit } : {}),
      config: { contract: c, ...(c.path === api.auth.login.path ? { rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } } : {}) },
      schema: {
        tags: [c.tag],
        summary: c.summary,
        ...(c.params ? { params: c.params } : {}),
        ...(c.query ? { querystring: c.query } : {}),
        ...(c.body ? { body: c.body } : {}),
        ...(c.file ? {} : { response: { 200: c.response } }),
      },
      // Before validation: an anonymous or unauthorized caller learns nothing from validation errors.
      preValidation: async (req) => {
        await authorize(database, req, c);
        checkInputText(c, { params: req.params, query: req.query, body: req.body });
      },
      handler: async (req, reply) => {
        const input = { params: req.params, query: req.query, body: req.body } as Input<Contract>;
        if (def.kind === 'raw') {
          // Handlers that open their own transactions: the ids are checked first, in the caller's scope (none when public).
          if (hasRefs(c) && c.permission === 'public') await withSystem(database, 'refs', (tx) => checkOutsideRefs(tx, c, input));
          else if (hasRefs(c)) await withScope(database, actorOf(req), (tx) => checkRefs(tx, c, input), { readReplica: c.readReplica });
          return def.handler(req, reply, input, req.user);
        }
        const user = req.user!;
        return withScope(
          database,
          actorOf(req),
          async (tx) => {
            let rules: Rules | undefined;
            const ctx: RequestContext = { user, tx, request: req, reply, rules: async () => (rules ??= await readRules(tx)) };
            if (hasRefs(c)) await checkRefs(tx, c, input);
            return def.handler(ctx, input);
          },
          { readReplica: c.readReplica, statementTimeoutMs: c.file || c.bodyLimit || c.longRunning ? limits.long : limits.ordinary },
        );
      },
    });
  }
}

/**
 * How long a request may hold its database connection (STATEMENT_TIMEOUT_MS), 5 s by default on both
 * engines. On PGlite one connection serves everyone, so the limit is also the longest one request makes
 * every other wait (BENCHMARKS.md, mixed load: 2 s halves that p99, but the county's live org-life figures
 * take up to 2.2 s on a busy machine until they are kept as rollups, and a home page refused as
 * 查询过大 is worse than a slow one). Files, uploads and import commits (contract.longRunning) get
 * 40 times as long, at least 10 minutes (a 100,000-row import).
 */
const DEFAULT_STATEMENT_TIMEOUT_MS: Record<DatabaseKind, number> = { postgres: 5_000, pglite: 5_000 };

export function statementLimits(kind: DatabaseKind, ms = loadConfig().statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS[kind]): { ordinary: number; long: number } {
  return { ordinary: ms, long: ms && Math.max(ms * 40, 600_000) };
}

function actorOf(req: FastifyRequest) {
  const user = req.user!;
  return { accountId: user.id, name: user.displayName, scopePath: user.scopePath, ip: req.ip, requestId: String(req.id) };
}

async function authorize(database: Database, req: FastifyRequest, c: Contract) {
  const token = req.cookies[SESSION_COOKIE];
  req.user = token ? await loadSession(database, token, c.readReplica) : null;
  if (c.permission === 'public') return;
  const user = req.user;
  if (!user) throw new HttpError(401, 'unauthenticated', '请先登录');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, user.csrfToken)) {
      throw new HttpError(403, 'csrf', '页面已过期，请刷新后重试');
    }
  }
  if (user.mustChangePassword && !MUST_CHANGE_ALLOWED.has(c.path)) {
    throw new HttpError(403, 'must_change_password', '请先修改初始密码');
  }
  if (c.permission !== 'authenticated' && !hasPermission(user.role, c.permission)) {
    throw new HttpError(403, 'forbidden', '您的角色无权进行此操作');
  }
}
