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
    webDist: resolve(root, 'packages/web/dist'),
    argon2: { memoryCost: Number(env.ARGON2_MEMORY_KIB ?? 19456), timeCost: Number(env.ARGON2_TIME ?? 2) },
  };
}
