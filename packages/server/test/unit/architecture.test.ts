import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * The unscoped database context (withSystem, or the raw drizzle handle) is for
 * authentication, start-up and the demo generator only. Feature modules get a
 * scoped transaction from the route layer; this test keeps it that way.
 */
const ALLOWED_SYSTEM_ACCESS = new Set([
  'db/context.ts',
  'http/route.ts', // loads the rules for login and the session's account
  'http/session.ts',
  'modules/auth/routes.ts',
  'modules/audit/events.ts',
  'modules/system/routes.ts', // health check: select 1
  'seed/bootstrap.ts',
  'jobs/snapshots.ts', // month-end snapshots of every committee
  'jobs/maintenance.ts', // the embedded engine's ANALYZE and VACUUM (no transaction, no rows read)
  'modules/org-life/appeals-public.ts', // 青年之声: a young person without an account submits and follows an appeal
  'modules/daily-work/resets-public.ts', // password reset by SMS code, before login
  'modules/daily-work/join-applications-public.ts', // 入团申请 online: a young person without an account finds a branch and applies
  'modules/documents/verify-public.ts', // the public check of a 团员证明 or 介绍信 by its code
  'main.ts',
  'ops/first-start.ts', // start-up: the demo copy's new admin password
  'ops/migrations.ts', // start-up: the migration level
  'ops/backup.ts', // backups and their recorded outcome
  'ops/restore.ts', // restore: checks the restored tables, records the event
  'ops/metrics.ts', // /metrics: database probe, import batches, backup outcome
]);

describe('architecture', () => {
  it('only authentication and start-up code reaches the database outside a scope', () => {
    const offenders = files(SRC)
      .map((f) => relative(SRC, f))
      .filter((f) => !ALLOWED_SYSTEM_ACCESS.has(f))
      .filter((f) => /\bwithSystem\b|database\.db\b/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('feature modules never open their own transactions', () => {
    const offenders = files(join(SRC, 'modules'))
      .filter((f) => /\.transaction\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
