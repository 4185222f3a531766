import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createBackup, type BackupStatus, type BackupTarget } from './backup.js';

/**
 * How `npm run backup` reaches a running server with the embedded database (only that process may
 * open the data directory): the server writes BACKUP_DIR/.server.json (mode 0600: its port and a
 * random token) and takes the backup inside itself on POST /internal/backup, from the loopback
 * address with that token only. Removed at shutdown.
 */
const CONTROL_FILE = '.server.json';
export const TOKEN_HEADER = 'x-tuanjian-ops-token';

interface Control {
  pid: number;
  port: number;
  token: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function registerControl(app: FastifyInstance, target: BackupTarget): { publish(port: number): void; remove(): void } {
  const token = randomBytes(24).toString('hex');
  const file = join(target.settings.dir, CONTROL_FILE);
  app.post('/internal/backup', { schema: { hide: true } }, async (req, reply) => {
    const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
    const ok = LOOPBACK.has(req.socket.remoteAddress ?? '') && given.length === token.length && timingSafeEqual(given, Buffer.from(token));
    if (!ok) return reply.status(404).send({ error: 'not_found', message: '接口不存在' });
    return createBackup(target, 'manual', req.log);
  });
  return {
    publish(port) {
      mkdirSync(target.settings.dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify({ pid: process.pid, port, token } satisfies Control), { mode: 0o600 });
    },
    remove() {
      try {
        const c = JSON.parse(readFileSync(file, 'utf8')) as Control;
        if (c.pid === process.pid) rmSync(file, { force: true });
      } catch {
        /* already gone */
      }
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asks the running server for a backup; null when no server runs on this BACKUP_DIR. */
export async function backupThroughServer(backupDir: string): Promise<BackupStatus | null> {
  const file = join(backupDir, CONTROL_FILE);
  if (!existsSync(file)) return null;
  const c = JSON.parse(readFileSync(file, 'utf8')) as Control;
  if (!alive(c.pid)) return null;
  const res = await fetch(`http://127.0.0.1:${c.port}/internal/backup`, { method: 'POST', headers: { [TOKEN_HEADER]: c.token } });
  if (!res.ok) throw new Error(`服务器拒绝了备份请求（HTTP ${res.status}）`);
  return (await res.json()) as BackupStatus;
}
