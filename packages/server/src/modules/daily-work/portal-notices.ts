import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import type { SessionUser } from '../../http/session.js';
import { listReceived } from '../notices/service.js';
import { loadSelf } from './portal.js';

/**
 * 团员自助: the notices sent to the member's branch, read-only — the notices
 * module's own received list (the account's organization is the branch),
 * with each notice's text. Reading here does not count as the branch's read.
 */
export async function portalNotices(tx: Tx, user: SessionUser) {
  await loadSelf(tx, user);
  const list = await listReceived(tx, user, { page: 1, pageSize: 20 });
  if (!list.items.length) return [];
  const bodies = await query<{ id: number; body: string }>(tx, sql`select id, body from notices where id = any(${bigintArray(list.items.map((n) => n.id))})`);
  const byId = new Map(bodies.map((b) => [Number(b.id), b.body]));
  return list.items.map((n) => ({ id: n.id, title: n.title, publisherName: n.publisher.name, publishedAt: n.publishedAt, body: byId.get(n.id) ?? '' }));
}
