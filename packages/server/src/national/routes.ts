import { sql } from 'drizzle-orm';
import { api } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { HttpError } from '../http/errors.js';
import { scoped, type RouteDef } from '../http/route.js';
import type { SessionUser } from '../http/session.js';
import { nationalOverview, nationalStatTable } from './overview.js';

/** A national administrator: a platform-wide account, or an account of the central committee (共青团中央). */
export async function requireNationalAdmin(tx: Tx, user: SessionUser) {
  if (user.scopePath === '*') return;
  const [org] = await query<{ type: string }>(tx, sql`select type from organizations where path = ${user.scopePath}::ltree`);
  if (org?.type !== 'central') throw new HttpError(403, 'forbidden', '全国数据仅限平台管理员或团中央账号查看');
}

export const nationalRoutes: RouteDef[] = [
  scoped(api.national.getOverview, async ({ tx, user, rules }) => {
    await requireNationalAdmin(tx, user);
    return nationalOverview(tx, await rules());
  }),
  scoped(api.national.getStatTable, async ({ tx, user }, { query: q }) => {
    await requireNationalAdmin(tx, user);
    return nationalStatTable(tx, q.month);
  }),
];
