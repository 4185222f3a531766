import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToKeep } from '../../src/ops/backup.js';
import { startupServer } from '../../src/ops/startup.js';
import { REPO_ROOT } from '../../src/paths.js';

describe('backup retention', () => {
  it('keeps the newest backup of each of the last N days and of the last M months', () => {
    const names = [
      'tuanjian-20261206-023000.tar.gz',
      'tuanjian-20261206-140000.tar.gz', // a manual one later the same day: the day's newest
      'tuanjian-20261205-023000.tar.gz',
      'tuanjian-20261204-023000.tar.gz',
      'tuanjian-20261130-023000.tar.gz', // November's newest
      'tuanjian-20261101-023000.tar.gz',
      'tuanjian-20261031-023000.tar.gz', // October's newest
      'tuanjian-20260930-023000.tar.gz', // September: beyond 3 months
      'notes.txt',
    ];
    const keep = backupsToKeep(names, 2, 3);
    expect([...keep].sort()).toEqual(['tuanjian-20261031-023000.tar.gz', 'tuanjian-20261130-023000.tar.gz', 'tuanjian-20261205-023000.tar.gz', 'tuanjian-20261206-140000.tar.gz']);
  });

  it('names a backup by its local time', () => {
    expect(backupFileName(new Date(2026, 11, 6, 2, 30, 5))).toBe('tuanjian-20261206-023005.tar.gz');
  });
});

describe('start-up page', () => {
  it('answers every request with the progress until the app is served, then hands them to the app', async () => {
    const gate = startupServer();
    const port = await gate.listen(0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${port}`;
      gate.step('正在生成演示数据', 0);
      gate.progress(0.415);
      const page = await fetch(`${url}/login`);
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('retry-after')).toBe('2');
      expect(await page.text()).toContain('正在生成演示数据（41%）');
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'starting', message: '正在生成演示数据（41%）' });
      const other = await fetch(`${url}/api/inbox`);
      expect([other.status, await other.json()]).toEqual([503, { error: 'starting', message: '正在生成演示数据（41%）' }]);
      const app = Fastify();
      app.get('/api/health', async () => ({ status: 'ok' }));
      app.get('/login', async () => 'login page');
      app.get('/slow', async () => new Promise((r) => setTimeout(() => r('done'), 300)));
      await app.ready();
      gate.serve(app);
      expect(gate.status()).toBeNull();
      expect(await (await fetch(`${url}/login`)).text()).toBe('login page');
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      // Shutting down waits for the request in flight and does not wait for its keep-alive connection.
      const slow = fetch(`${url}/slow`).then((r) => r.text());
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      await gate.close();
      expect(await slow).toBe('done');
      expect(performance.now() - t0).toBeLessThan(3000);
      await app.close();
    } finally {
      if (gate.server.listening) await gate.close();
    }
  }, 20_000);
});

describe('backup and restore command line', () => {
  // The operator's terminal shows one Chinese sentence for a failure, never a stack trace.
  const cli = (args: string[], env: Record<string, string>) =>
    spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'packages/server/src/ops/cli.ts'), ...args], {
      env: { ...process.env, DEBUG: '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('names a wrong BACKUP_AT in one line', () => {
    const r = cli(['backup'], { BACKUP_AT: '25:00' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('备份失败：BACKUP_AT 应为 HH:MM（如 02:30）或 off，而不是 25:00');
  }, 60_000);

  it('the server names a wrong setting in one line before opening anything', () => {
    const r = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'packages/server/src/main.ts')], {
      // An unused DATA_DIR: the code before this mend opened the database before reading BACKUP_AT.
      env: { ...process.env, BACKUP_AT: '2:3', DATA_DIR: join(tmpdir(), `tj-never-${process.pid}`) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('配置有误：BACKUP_AT 应为 HH:MM（如 02:30）或 off，而不是 2:3');
  }, 60_000);

  it('names an embedded data directory without a database in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tj-cli-'));
    const r = cli(['backup'], { DATABASE_URL: '', DATA_DIR: join(dir, 'none'), BACKUP_DIR: join(dir, 'backups') });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`备份失败：数据目录 ${join(dir, 'none')} 里没有数据库`);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
