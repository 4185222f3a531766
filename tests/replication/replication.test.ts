import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildApp } from '../../packages/server/src/app.js';
import { openDatabase, type Database } from '../../packages/server/src/db/connection.js';
import { configurePasswordHashing } from '../../packages/server/src/modules/auth/passwords.js';
import { ensureInitialData } from '../../packages/server/src/seed/bootstrap.js';
import { freePort } from '../../packages/server/bench/free-port.js';

/**
 * A primary and a hot standby (streaming replication) on loopback: writes go to
 * the primary, read-only figures (dashboards, statistical tables) to the standby.
 * PG_BIN (set by scripts/test-all.sh) holds the PostgreSQL server binaries.
 */
const PG_BIN = process.env.PG_BIN;
if (!PG_BIN) throw new Error('PG_BIN is not set: run through scripts/test-all.sh (it installs and locates PostgreSQL)');
const asRoot = process.getuid?.() === 0;
const run = (bin: string, args: string[]) => {
  const cmd = join(PG_BIN, bin);
  const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
};

const dir = mkdtempSync(join(tmpdir(), 'tj-repl-'));
let primaryPort = 0;
let standbyPort = 0;
let database: Database;
const url = (port: number, db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;

async function standbyHas(name: string) {
  const c = new pg.Client({ connectionString: url(standbyPort, 'tj_repl') });
  await c.connect();
  try {
    return (await c.query('select count(*)::int as n from organizations where name = $1', [name])).rows[0].n > 0;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  primaryPort = await freePort();
  standbyPort = await freePort();
  const opts = (port: number) => `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on`;
  run('initdb', ['-D', join(dir, 'primary'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', ['-D', join(dir, 'primary'), '-l', join(dir, 'primary.log'), '-w', '-o', opts(primaryPort), 'start']);
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', join(dir, 'standby'), '-R', '-X', 'stream']);
  run('pg_ctl', ['-D', join(dir, 'standby'), '-l', join(dir, 'standby.log'), '-w', '-o', opts(standbyPort), 'start']);
  const admin = new pg.Client({ connectionString: url(primaryPort) });
  await admin.connect();
  await admin.query('create database tj_repl');
  await admin.end();
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  database = await openDatabase({ url: url(primaryPort, 'tj_repl'), replicaUrl: url(standbyPort, 'tj_repl'), poolSize: 4 });
  await database.migrate();
  await ensureInitialData(database, { loadDemo: true, demoScale: 0.02 });
}, 180_000);

afterAll(async () => {
  await database?.close();
  for (const node of ['standby', 'primary']) {
    try {
      run('pg_ctl', ['-D', join(dir, node), '-m', 'immediate', 'stop']);
    } catch {
      /* already stopped */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('read replica', () => {
  it('writes to the primary and serves figures from the standby, even while the primary is down', async () => {
    const app = await buildApp({ database, logLevel: 'silent', loginRateLimit: 1000 });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county_admin', password: 'Tuanjian2026' } });
    expect(login.statusCode).toBe(200);
    const headers = { cookie: `tj_session=${login.cookies.find((c) => c.name === 'tj_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
    const countyId = login.json().account.scopeOrgId;
    const before = (await app.inject({ method: 'GET', url: `/api/stats/dashboard?orgId=${countyId}`, headers })).json().orgs.total;

    const created = await app.inject({ method: 'POST', url: '/api/orgs', headers, payload: { parentId: countyId, name: '余庆县复制测试团支部', type: 'branch', sector: 'other' } });
    expect(created.statusCode).toBe(200);
    for (let i = 0; i < 100 && !(await standbyHas('余庆县复制测试团支部')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await standbyHas('余庆县复制测试团支部')).toBe(true);

    run('pg_ctl', ['-D', join(dir, 'primary'), '-m', 'fast', 'stop']);
    const dashboard = await app.inject({ method: 'GET', url: `/api/stats/dashboard?orgId=${countyId}`, headers });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    expect(dashboard.json().orgs.total).toBe(before + 1);
    const write = await app.inject({ method: 'POST', url: '/api/orgs', headers, payload: { parentId: countyId, name: '余庆县主库停机团支部', type: 'branch', sector: 'other' } });
    expect(write.statusCode).toBe(503);
    expect(write.json().message).toContain('数据库暂时不可用');
    await app.close();
  });
});
