import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { registerHomePage } from './http/home-preload.js';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/connection.js';
import { fastifyTrustProxy, type TrustProxy } from './config.js';
import { errorHandler } from './http/errors.js';
import { securityHeaders } from './http/security-headers.js';
import { registerRoutes, type RouteDef } from './http/route.js';
import { authRoutes } from './modules/auth/routes.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { ruleRoutes } from './modules/rules/routes.js';
import { statsRoutes } from './modules/stats/routes.js';
import { APP_VERSION, systemRoutes } from './modules/system/routes.js';
import { peopleRoutes } from './modules/people/routes.js';
import { developmentRoutes } from './modules/development/routes.js';
import { membershipRoutes } from './modules/membership/routes.js';
import { cadreRoutes } from './modules/cadres/routes.js';
import { orgLifeRoutes, youthVoicePublicRoutes } from './modules/org-life/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { dailyWorkPublicRoutes, dailyWorkRoutes, type SmsSender } from './modules/daily-work/routes.js';
import { inboxRoutes } from './modules/inbox/routes.js';
import { noticeRoutes } from './modules/notices/routes.js';
import { registerMetrics } from './ops/metrics.js';
import { archiveRoutes } from './modules/archive/routes.js';
import { importRoutes } from './modules/import/routes.js';
import { documentRoutes } from './modules/documents/routes.js';
import { documentPublicRoutes } from './modules/documents/verify-public.js';
import { registryRoutes } from './modules/registries/routes.js';
import { registrySmallRoutes } from './modules/registries-small/routes.js';
import { nationalRoutes } from './national/routes.js';
import { nationalTransferRoutes } from './national/transfer-routes.js';
import type { NationalTier } from './national/transfer.js';
import { deputyRoutes } from './modules/registries/deputies-routes.js';

export interface AppOptions {
  database: Database;
  logLevel?: string;
  cookieSecure?: boolean;
  /** Built web client to serve at /; omitted in API tests. */
  webDist?: string;
  /** The most time a request may hold its database connection (ms; default STATEMENT_TIMEOUT_MS, 0 = unbounded). */
  statementTimeoutMs?: number;
  /** Login attempts per client address and minute (account lockout is separate, in the rules). */
  loginRateLimit?: number;
  /** Where password-reset codes go (default: SMS_API_URL, else the log). */
  smsSender?: SmsSender;
  /** Bearer token for GET /metrics (METRICS_TOKEN); without one only direct loopback peers may read it (ops/metrics.ts). */
  metricsToken?: string;
  /** Proxies whose X-Forwarded-For is believed (config TRUST_PROXY); default none: req.ip is the TCP peer. */
  trustProxy?: TrustProxy;
  /** Where the JSON log lines go (default standard output). */
  logStream?: { write(line: string): void };
  /** The national tier's coordinator (a national server: NATIONAL_PROVINCES), for 跨省转接. */
  national?: NationalTier;
}

/** Every route of the API, in one list (the permission test walks it). */
export function allRoutes(database: Database, opts: { cookieSecure: boolean; smsSender?: SmsSender; national?: NationalTier }): RouteDef[] {
  return [
    ...systemRoutes(database),
    ...authRoutes(database, opts),
    ...dailyWorkPublicRoutes(database, { sms: opts.smsSender }),
    ...youthVoicePublicRoutes(database),
    ...documentPublicRoutes(database),
    ...organizationRoutes,
    ...accountRoutes,
    ...auditRoutes,
    ...ruleRoutes,
    ...statsRoutes,
    ...peopleRoutes,
    ...developmentRoutes,
    ...membershipRoutes,
    ...cadreRoutes,
    ...orgLifeRoutes,
    ...reportRoutes,
    ...dailyWorkRoutes,
    ...inboxRoutes,
    ...noticeRoutes,
    ...archiveRoutes,
    ...importRoutes,
    ...documentRoutes,
    ...registryRoutes,
    ...registrySmallRoutes,
    ...nationalRoutes,
    ...nationalTransferRoutes(opts.national),
    ...deputyRoutes,
  ];
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'], ...(opts.logStream ? { stream: opts.logStream } : {}) },
    genReqId: () => randomUUID(),
    trustProxy: fastifyTrustProxy(opts.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('user', null);
  // The request id is in every log line of the request (pino's reqId) and in the audit rows it writes
  // (audit_log.request_id); the response names it too, so one failing request can be followed.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerMetrics(app, opts.database, { token: opts.metricsToken ?? process.env.METRICS_TOKEN });
  if (!opts.trustProxy) {
    // Behind a proxy without TRUST_PROXY every client has the proxy's address (one login limit for all): say so once.
    let warned = false;
    app.addHook('onRequest', async (req) => {
      if (warned || req.headers['x-forwarded-for'] === undefined) return;
      warned = true;
      req.log.warn({ peer: req.ip }, 'X-Forwarded-For received but TRUST_PROXY is not set: the header is ignored and the client address is the proxy\'s; set TRUST_PROXY to the proxy address');
    });
  }

  await app.register(cookie);
  await app.register(helmet, securityHeaders({ https: opts.cookieSecure ?? false }));
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tuanjian 团建 API', description: '县域共青团基层组织管理平台接口', version: APP_VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tj_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerRoutes(app, opts.database, allRoutes(opts.database, { cookieSecure: opts.cookieSecure ?? false, smsSender: opts.smsSender, national: opts.national }), {
    loginRateLimit: opts.loginRateLimit ?? 30,
    statementTimeoutMs: opts.statementTimeoutMs,
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !opts.webDist) {
      return reply.status(404).send({ error: 'not_found', message: '接口不存在' });
    }
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html');
  });
  if (opts.webDist && existsSync(opts.webDist)) {
    registerHomePage(app, opts.database, opts.webDist);
    await app.register(fastifyStatic, {
      root: opts.webDist,
      wildcard: false,
      // GET / is the home page of http/home-preload.ts (what it names depends on the session).
      index: false,
      // Scripts and styles are sent as the build's .br/.gz when the browser accepts them (packages/web/vite.config.ts).
      preCompressed: true,
      // The service worker must be revalidated on every load (a new build replaces it); the manifest's type is explicit.
      setHeaders(res, path) {
        if (path.endsWith('sw.js')) {
          res.header('Cache-Control', 'no-cache');
          res.header('Service-Worker-Allowed', '/');
        }
        if (path.endsWith('.webmanifest')) res.header('Content-Type', 'application/manifest+json; charset=utf-8');
        // Built scripts and styles carry a content hash in their name: a phone need not revalidate them on each visit.
        if (/[\\/]assets[\\/]/.test(path)) res.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}
