import { api } from '@tuanjian/domain';
import type { Database } from '../../db/connection.js';
import { raw, type RouteDef } from '../../http/route.js';
import { sql } from 'drizzle-orm';
import { readBackupStatus } from '../../ops/backup.js';
import { backupSettings } from '../../ops/settings.js';

export const APP_VERSION = '0.1.0';

export function systemRoutes(database: Database): RouteDef[] {
  return [
    raw(api.system.health, async (_req, reply) => {
      try {
        await database.db.execute(sql`select 1`);
      } catch {
        return reply.status(503).send({ error: 'database_unavailable', message: '数据库没有应答' });
      }
      const replica = database.replica ? await database.replica.execute(sql`select 1`).then(() => 'ok' as const, () => 'unreachable' as const) : ('none' as const);
      return { status: 'ok' as const, database: database.kind, replica, version: APP_VERSION };
    }),
    // Platform administrator only (the route layer checks rules:write): the outcome recorded by ops/backup.ts.
    raw(api.system.getBackupStatus, async () => {
      const s = backupSettings();
      return {
        last: await readBackupStatus(database),
        settings: { dir: s.dir, at: s.at ? `${String(s.at.hour).padStart(2, '0')}:${String(s.at.minute).padStart(2, '0')}` : null, keepDaily: s.keepDaily, keepMonthly: s.keepMonthly },
      };
    }),
  ];
}
