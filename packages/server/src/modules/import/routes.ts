import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { importBatches } from '../../db/schema.js';
import { sql } from 'drizzle-orm';
import { exportNational } from './export.js';
import { commitMapped, commitProgress, previewMapped } from './pipeline.js';
import { countyTables, saveCountyTables } from './tables.js';

export const importRoutes: RouteDef[] = [
  scoped(api.imports.previewMapped, async ({ tx, user, rules }, { body }) => previewMapped(tx, user, body, await rules())),
  scoped(api.imports.commitMapped, async ({ tx, user, rules }, { params }) => commitMapped(tx, user, params.id, await rules())),
  scoped(api.imports.importProgress, async ({ tx }, { params }) => {
    const [b] = await tx.select({ committedAt: importBatches.committedAt }).from(importBatches).where(sql`id = ${params.id}`);
    return commitProgress(params.id, !!b?.committedAt);
  }),
  scoped(api.imports.getImportTables, ({ tx }, { query }) => countyTables(tx, query.orgId)),
  scoped(api.imports.saveImportTables, ({ tx }, { body }) => saveCountyTables(tx, body)),
  scoped(api.imports.exportNational, async ({ tx, reply }, { params, query }) => exportNational(tx, reply, params.kind, query.orgId)),
];
