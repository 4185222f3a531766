import { api } from '@tuanjian/domain';
import type { Database } from '../../db/connection.js';
import { raw, type RouteDef } from '../../http/route.js';
import { sql } from 'drizzle-orm';

export const APP_VERSION = '0.1.0';

export function systemRoutes(database: Database): RouteDef[] {
  return [
    raw(api.system.health, async () => {
      await database.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: database.kind, version: APP_VERSION };
    }),
  ];
}
