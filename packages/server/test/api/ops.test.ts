import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/connection.js';
import { configurePasswordHashing } from '../../src/modules/auth/passwords.js';
import { ensureInitialData } from '../../src/seed/bootstrap.js';
import { createBackup, readBackupStatus } from '../../src/ops/backup.js';
import { differingTables, tableChecksums, type RunSql, type TableSums } from '../../src/ops/checksum.js';
import { NewerDatabaseError, latestKnownMigration, migrateFolder, refuseNewerDatabase } from '../../src/ops/migrations.js';
import { RestoreRefused, restoreBackup } from '../../src/ops/restore.js';
import { backupSettings } from '../../src/ops/settings.js';
import { MIGRATIONS_DIR } from '../../src/paths.js';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/ops/serve.js';
import { DEMO_PASSWORD, ENGINE, createTestApp, loginAs, systemRows } from '../helpers.js';
import { scheduleEmbeddedMaintenance, type MaintenanceRun } from '../../src/jobs/maintenance.js';
import { withSystem } from '../../src/db/context.js';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Issue 16: the restore drill (backup while running, wipe, restore: every table equal, the server
 * runs on the restored data and a user logs in), upgrades from an earlier schema, a failed
 * migration leaving the database as it was, and refusing a database newer than the release.
 * On the engine of the run (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
const temp = mkdtempSync(join(tmpdir(), 'tj-ops-test-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  rmSync(temp, { recursive: true, force: true });
});

/** A fresh empty database of the run's engine: its URL (PostgreSQL) or data directory (PGlite). */
async function freshTarget(): Promise<{ url?: string; dataDir: string; open(): Promise<Database>; wipe(): Promise<void> }> {
  const dataDir = join(temp, `db-${randomBytes(4).toString('hex')}`);
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    return { dataDir, open: () => openDatabase({ dataDir }), wipe: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `tj_ops_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };
  await admin(`create database ${name}`);
  cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    wipe: async () => {
      await admin(`drop database ${name} with (force)`);
      await admin(`create database ${name}`);
    },
  };
}

const runOn =
  (database: Database): RunSql =>
  async (text) =>
    ((await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;

describe(`restore drill (${ENGINE})`, () => {
  it('backs up a running system, restores it into an empty database with every table equal, and a user logs in', async () => {
    const target = await freshTarget();
    const attachmentDir = join(temp, 'attachments');
    const settings = { ...backupSettings({}), dir: join(temp, 'backups'), attachmentDir };
    let database = await target.open();
    await database.migrate();
    await ensureInitialData(database, { loadDemo: true, demoScale: 0.05, demoRecords: false });
    const logLines: string[] = [];
    let app = await buildApp({ database, logLevel: 'info', loginRateLimit: 10_000, logStream: { write: (line) => void logLines.push(line) } });
    await app.ready();
    // Records written through the API (audited), and an attachment on disk.
    const admin = await loginAs(app, 'county_admin', DEMO_PASSWORD);
    const [county] = await runOn(database)('select id from organizations where parent_id is null');
    const countyId = Number(county!.id);
    const created = await admin.post('/api/orgs', { parentId: countyId, name: '备份演练团支部', type: 'branch', sector: 'other' });
    expect(created.statusCode).toBe(200);
    // The structured log lines of that request carry the request id its audit row records (and the response names).
    const [audited] = await runOn(database)(`select request_id from audit_log where after->>'name' = '备份演练团支部'`);
    const requestId = String(audited!.request_id);
    expect(created.headers['x-request-id']).toBe(requestId);
    const lines = logLines.map((l) => JSON.parse(l) as { reqId?: string; msg: string; req?: { url: string } }).filter((l) => l.reqId === requestId);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(lines.find((l) => l.req)?.req?.url).toBe('/api/orgs');
    mkdirSync(join(attachmentDir, 'ab'), { recursive: true });
    writeFileSync(join(attachmentDir, 'ab', 'photo.jpg'), 'a photo');

    const before: TableSums = await tableChecksums(runOn(database));
    const status = await createBackup({ database, databaseUrl: target.url, settings }, 'manual');
    expect(status, status.error).toMatchObject({ ok: true, trigger: 'manual' });
    expect(status.bytes).toBeGreaterThan(1000);
    expect(readdirSync(settings.dir)).toContain(status.file!.split('/').pop());
    expect(await readBackupStatus(database)).toMatchObject({ ok: true, file: status.file });
    const auditBefore = Number(before['public.audit_log']!.rows);

    // Wipe everything, restore.
    await app.close();
    await database.close();
    await target.wipe();
    rmSync(attachmentDir, { recursive: true, force: true });
    const result = await restoreBackup(status.file!, { databaseUrl: target.url, dataDir: target.dataDir, attachmentDir });
    expect(result.tables).toBe(Object.keys(before).length);

    // A second restore onto the restored data is refused without --force.
    await expect(restoreBackup(status.file!, { databaseUrl: target.url, dataDir: target.dataDir, attachmentDir })).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(status.file!, { databaseUrl: target.url, dataDir: target.dataDir, attachmentDir })).rejects.toThrow(/已有数据.*--force/);

    database = await target.open();
    cleanups.push(() => database.close());
    const after = await tableChecksums(runOn(database));
    // Every table as it was; the audit log as it was plus the restore, recorded as an event.
    const { 'public.audit_log': auditAfter, ...restAfter } = after;
    const { 'public.audit_log': _auditBefore, ...restBefore } = before;
    expect(differingTables(restBefore, restAfter)).toEqual([]);
    const [oldAudit] = await runOn(database)(`select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as h from audit_log t where id <= (select max(id) from audit_log where action <> 'restore')`);
    expect({ rows: oldAudit!.n, md5: oldAudit!.h }).toEqual(_auditBefore);
    expect(auditAfter!.rows).toBe(auditBefore + 1);
    const [event] = await runOn(database)(`select action, entity, entity_id, actor_name from audit_log where action = 'restore'`);
    expect(event).toMatchObject({ action: 'restore', entity: 'system', entity_id: status.file!.split('/').pop(), actor_name: '系统维护' });
    expect(readFileSync(join(attachmentDir, 'ab', 'photo.jpg'), 'utf8')).toBe('a photo');

    // The server runs on the restored data: the user logs in and sees the record written before the backup.
    app = await buildApp({ database, logLevel: 'silent', loginRateLimit: 10_000 });
    await app.ready();
    cleanups.push(() => app.close());
    const again = await loginAs(app, 'county_admin', DEMO_PASSWORD);
    const children = await again.get(`/api/orgs/${countyId}/children`);
    expect(children.json().map((c: { name: string }) => c.name)).toContain('备份演练团支部');

    // Health names the database and the replica; /metrics is Prometheus text, for loopback only.
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: ENGINE, replica: 'none' });
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '10.1.2.3' } })).statusCode).toBe(404);
    // The restored system has no backup of its own yet (the outcome is recorded after the dump): take one.
    expect(await createBackup({ database, databaseUrl: target.url, settings }, 'nightly')).toMatchObject({ ok: true });
    const metrics = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(metrics.body);
    expect(samples.get('tuanjian_http_requests_total{method="POST",route="/api/auth/login",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(samples.get('tuanjian_http_request_duration_seconds_count{method="GET",route="/api/orgs/:id/children"}')).toBe(1);
    expect(samples.get('tuanjian_db_up{role="primary"}')).toBe(1);
    expect(samples.get('tuanjian_db_queue_seconds')).toBeGreaterThan(0);
    expect(samples.get('tuanjian_db_pool_wait_seconds_count')).toBeGreaterThan(0);
    expect(samples.get('tuanjian_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(samples.has('tuanjian_db_pool_connections{state="waiting"}')).toBe(true);
    expect(samples.get('tuanjian_backup_last_ok')).toBe(1);
    expect(samples.get('tuanjian_backup_last_success_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(samples.get('tuanjian_process_resident_memory_bytes')).toBeGreaterThan(0);
  }, 240_000);
});

describe(`first answer and the platform administrator's 待办 (${ENGINE})`, () => {
  it('answers the start-up page before the database is open, then serves; a failed or stale backup is a 待办 item of the platform administrator until a backup succeeds', async () => {
    const target = await freshTarget();
    // The database opens only when the test says so: meanwhile the server must already answer.
    let openNow!: () => void;
    const mayOpen = new Promise<void>((r) => (openNow = r));
    let opening = false;
    let port = 0;
    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', databaseUrl: target.url, dataDir: target.dataDir, loadDemo: false, logLevel: 'silent' };
    const settings = { ...backupSettings({}), dir: join(temp, 'start-backups'), at: null, attachmentDir: join(temp, 'start-attachments') };
    const starting = startServer({
      config,
      backupSettings: settings,
      open: async () => {
        opening = true;
        await mayOpen;
        return target.open();
      },
      onListening: (p) => (port = p),
    });
    starting.catch(() => {});
    await vi.waitFor(() => expect(opening).toBe(true), { timeout: 30_000 });
    const url = `http://127.0.0.1:${port}`;
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('<h1>正在打开数据库</h1>');
    const health = await fetch(`${url}/api/health`);
    expect([health.status, health.headers.get('retry-after'), await health.json()]).toEqual([503, '2', { status: 'starting', message: '正在打开数据库' }]);
    const inboxEarly = await fetch(`${url}/api/inbox`);
    expect([inboxEarly.status, await inboxEarly.json()]).toEqual([503, { error: 'starting', message: '正在打开数据库' }]);
    openNow();
    const server = await starting;
    cleanups.push(() => server.close());
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ status: 'ok', database: ENGINE });

    // The platform administrator (no organization of its own) and a backup that fails.
    const { database, app } = server;
    await ensureInitialData(database, { loadDemo: true, demoScale: 0.05, demoRecords: false });
    await runOn(database)(`update accounts set must_change_password = false where username = 'admin'`);
    const platform = await loginAs(app, 'admin', server.messages.find((m) => m.includes('初始密码'))!.split(': ').pop()!.trim());
    const county = await loginAs(app, 'county_admin', DEMO_PASSWORD);
    const backupItems = async (s: typeof platform) => {
      const r = await s.get('/api/inbox');
      expect(r.statusCode, r.body).toBe(200);
      const count = (await s.get('/api/inbox/count')).json();
      const source = r.json().sources.find((x: { kind: string }) => x.kind === 'backup');
      return { items: (source?.items ?? []).map((i: { title: string; link: string }) => `${i.title} → ${i.link}`), total: count.total };
    };
    expect(await backupItems(platform)).toEqual({ items: [], total: 0 });
    writeFileSync(join(temp, 'not-a-directory'), '');
    const failed = await createBackup({ database, databaseUrl: target.url, settings: { ...settings, dir: join(temp, 'not-a-directory', 'backups') } }, 'nightly');
    expect(failed.ok).toBe(false);
    const afterFailure = await backupItems(platform);
    expect(afterFailure.items).toEqual([expect.stringMatching(/^数据备份失败：.*not-a-directory.* → \/rules$/)]);
    expect(afterFailure.total).toBe(1);
    // Only the platform's inbox: a county's administrator has none of it.
    expect((await backupItems(county)).items).toEqual([]);
    // A later success removes it; a last success older than a nightly run (26 h) brings one back.
    expect(await createBackup({ database, databaseUrl: target.url, settings }, 'manual')).toMatchObject({ ok: true });
    expect(await backupItems(platform)).toEqual({ items: [], total: 0 });
    const old = new Date(Date.now() - 30 * 3600_000).toISOString();
    await runOn(database)(`update system_state set value = value || '{"at": "${old}", "lastSuccessAt": "${old}"}'::jsonb where key = 'backup'`);
    expect((await backupItems(platform)).items).toEqual(['已超过30小时未备份 → /rules']);
  }, 240_000);
});

/** A copy of the migration history cut after `lastIdx`, with `extra` steps appended. */
function historyFolder(lastIdx: number, extra: { tag: string; sql: string }[] = []): string {
  const folder = mkdtempSync(join(temp, 'migrations-'));
  mkdirSync(join(folder, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= lastIdx);
  for (const e of journal.entries) cpSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  let when = Math.max(...journal.entries.map((e) => e.when));
  for (const x of extra) {
    journal.entries.push({ ...journal.entries[0]!, idx: journal.entries.length, when: (when += 1000), tag: x.tag });
    writeFileSync(join(folder, `${x.tag}.sql`), x.sql);
  }
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

describe(`upgrades (${ENGINE})`, () => {
  it('upgrades a database made by the schema of migration 0016 with its data, all or nothing, and refuses a newer one', async () => {
    const target = await freshTarget();
    const database = await target.open();
    cleanups.push(() => database.close());
    const run = runOn(database);
    await migrateFolder(database, historyFolder(16));
    const applied = async () => Number((await run('select count(*)::int as n from drizzle.__drizzle_migrations'))[0]!.n);
    expect(await applied()).toBe(17);
    // Data as the earlier release wrote it: the platform admin and an organization tree.
    await ensureInitialData(database, { loadDemo: false });
    await run(`insert into organizations (name, type, sector, parent_id) values ('共青团升级县委员会', 'county', 'other', null)`);
    const early = await tableChecksums(run);

    // A failing step after the pending ones: nothing of the batch stays.
    const broken = historyFolder(999, [{ tag: '9999_broken', sql: 'CREATE TABLE tj_upgrade_probe (id int);\n--> statement-breakpoint\nSELECT 1/0;' }]);
    await expect(migrateFolder(database, broken)).rejects.toThrow();
    expect(await applied()).toBe(17);
    expect((await run(`select to_regclass('tj_upgrade_probe')::text as t`))[0]!.t).toBeNull();
    expect(differingTables(early, await tableChecksums(run))).toEqual([]);

    // The real upgrade: every later migration applied, the earlier rows all there.
    await refuseNewerDatabase(database);
    await database.migrate();
    expect(await applied()).toBe(JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')).entries.length);
    const [org] = await run(`select name, type from organizations where name = '共青团升级县委员会'`);
    expect(org).toMatchObject({ name: '共青团升级县委员会', type: 'county' });
    const [accounts] = await run(`select count(*)::int as n from accounts where username = 'admin'`);
    expect(accounts!.n).toBe(1);

    // A database a newer release migrated is refused, with the reason in Chinese.
    await run(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-release', ${latestKnownMigration() + 1})`);
    const refused = await refuseNewerDatabase(database).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NewerDatabaseError);
    expect((refused as Error).message).toMatch(/数据库由较新版本的团建升级过.*本程序不能在其上运行/);
    expect(existsSync(MIGRATIONS_DIR)).toBe(true);
  });
});

/**
 * Prometheus' text exposition format, strictly: # HELP / # TYPE lines, and samples
 * `name{label="value",…} number`; anything else fails. Returns each sample's value by its series.
 */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const label = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
  const sample = new RegExp(`^(${name})(\\{(?:${label}(?:,${label})*)?,?\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)( -?[0-9]+)?$`);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], line).toContain(meta[3]);
        typed.add(meta[2]!);
      }
      continue;
    }
    const m = sample.exec(line);
    expect(m, `not a Prometheus sample: ${line}`).not.toBeNull();
    const family = m![1]!.replace(/_(bucket|sum|count|total|created)$/, '');
    expect(typed.has(m![1]!) || typed.has(family), `sample without # TYPE: ${line}`).toBe(true);
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]));
  }
  return samples;
}

describe(`embedded database housekeeping (${ENGINE})`, () => {
  it('analyzes a database never analyzed at start, vacuums the kept-figure tables only after a write, and leaves PostgreSQL to autovacuum', async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    const runs: MaintenanceRun[] = [];
    const log = { info: (r: MaintenanceRun) => runs.push(r), warn: ({ err }: { err: unknown }) => runs.push({ kind: 'failed' as never, ms: String(err) as never }) } as unknown as FastifyBaseLogger;
    const relation = (name: string) =>
      systemRows<{ reltuples: number; relallvisible: number }>(t.database, sql`select reltuples::float8 as reltuples, relallvisible from pg_class where relname = ${name}`).then((r) => r[0]!);
    const stop = scheduleEmbeddedMaintenance(t.database, log, { intervalMs: 150 });
    try {
      if (t.database.kind !== 'pglite') {
        await new Promise((r) => setTimeout(r, 600));
        expect(runs).toEqual([]);
        return;
      }
      await vi.waitFor(() => expect(runs.map((r) => r.kind)).toContain('analyze'), { timeout: 30_000, interval: 100 });
      expect((await relation('people')).reltuples).toBeGreaterThan(0);
      const [never] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`);
      expect(never!.n).toBe(0);
      // Nothing written: the figure tables are left alone.
      await new Promise((r) => setTimeout(r, 600));
      expect(runs.filter((r) => r.kind === 'figures')).toEqual([]);
      expect((await relation('org_figures')).relallvisible).toBe(0);
      // A write (audited like every write): the next pass vacuums them.
      await withSystem(t.database, '测试', (tx) => tx.execute(sql`update organizations set short_name = '测试' where id = (select max(id) from organizations where type = 'branch')`));
      await vi.waitFor(() => expect(runs.map((r) => r.kind)).toContain('figures'), { timeout: 30_000, interval: 100 });
      expect((await relation('org_figures')).relallvisible).toBeGreaterThan(0);
      expect(runs.filter((r) => r.kind === 'figures')).toHaveLength(1);
    } finally {
      stop();
    }
  }, 120_000);
});

describe(`embedded database and the event loop (${ENGINE})`, () => {
  it('lets sockets and timers have their turn while a queue of requests waits for the database', async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    // Twelve transactions queued at once, as the home page's figure requests are, of four ~20 ms statements each.
    const heavy = sql`select count(*) from generate_series(1, 100000) g where g % 7 = 3`;
    const t0 = performance.now();
    let firedAt = 0;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        firedAt = performance.now() - t0;
        resolve();
      }, 0),
    );
    const ends: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withSystem(t.database, 'test', async (tx) => {
          for (let i = 0; i < 4; i++) await tx.execute(heavy);
          ends.push(performance.now() - t0);
        }),
      ),
    );
    await timer;
    const last = Math.max(...ends);
    // PGlite runs in this thread: without a turn between statements the timer (like a static file's read) fires
    // only once the whole queue is done. PostgreSQL's statements run elsewhere.
    expect(firedAt, `timer at ${firedAt.toFixed(0)} ms, queue done at ${last.toFixed(0)} ms`).toBeLessThan(last / 4);
  });
});
