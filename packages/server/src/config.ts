import { resolve } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** Process configuration, from the environment. Business rules live in the rules table, not here. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Hot standby for read-only figures (dashboards, statistical tables). */
  databaseReplicaUrl?: string;
  dataDir: string;
  logLevel: string;
  /** Load the demo county into an empty database on start. */
  loadDemo: boolean;
  /** Size of the demo population (1 = the 余庆 figures; tests use less). */
  demoScale: number;
  cookieSecure: boolean;
  /** Which proxies may set X-Forwarded-For (TRUST_PROXY); false: the peer address is the client's. */
  trustProxy: TrustProxy;
  /** The most time a request may hold its database connection, in ms (STATEMENT_TIMEOUT_MS; unset: by engine, http/route.ts). */
  statementTimeoutMs?: number;
  /** Directory of the built web client served at /. */
  webDist: string;
  /** argon2id cost; lowered only by tests. */
  argon2: { memoryCost: number; timeCost: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = REPO_ROOT;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    dataDir: resolve(root, env.DATA_DIR ?? 'data/pglite'),
    logLevel: env.LOG_LEVEL ?? 'info',
    loadDemo: env.DEMO !== 'false',
    demoScale: Number(env.DEMO_SCALE ?? 1),
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS ? Number(env.STATEMENT_TIMEOUT_MS) : undefined,
    webDist: resolve(root, 'packages/web/dist'),
    argon2: { memoryCost: Number(env.ARGON2_MEMORY_KIB ?? 19456), timeCost: Number(env.ARGON2_TIME ?? 2) },
  };
}

/** false, a number of proxy hops, or the proxies' addresses/CIDRs (Fastify's trustProxy forms). */
export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY: unset/empty/`false`/`0` trusts no proxy (the client address is the TCP peer, and
 * X-Forwarded-For is ignored); a whole number trusts that many hops in front of the server; else a
 * comma-separated list of proxy addresses or CIDRs (`127.0.0.1`, `10.0.0.0/8`, `loopback`).
 * `true` is refused: trusting every hop lets any client forge its address.
 * A hop count fits only a server that nothing but those proxies can reach (e.g. HOST=127.0.0.1
 * behind nginx on the same machine); otherwise name the proxies' addresses.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') {
    throw new Error('TRUST_PROXY=true 会信任任意客户端伪造的 X-Forwarded-For，请填写代理层数（如 1）或代理地址（如 127.0.0.1,10.0.0.0/8）');
  }
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The form Fastify takes. Fastify 5 deliberately trusts nothing for a bare number (a hop count
 * cannot tell the proxy from a direct client), so a hop count becomes the classic rule here:
 * the first `n` addresses counted from the TCP peer are proxies.
 */
export function fastifyTrustProxy(tp: TrustProxy | undefined): false | string[] | ((address: string, hop: number) => boolean) {
  if (!tp) return false;
  if (typeof tp === 'number') return (_address, hop) => hop < tp;
  return tp;
}
