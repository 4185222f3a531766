import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connection.js';
import { withSystem } from '../db/context.js';
import { query } from '../db/sql.js';
import { today } from '../lib/clock.js';

/** The month (YYYY-MM) before the one containing `date`. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Month-end snapshots: at start-up (catching up a month the server was down
 * for) and shortly after midnight on the 1st, the figures of every committee
 * are frozen for the month that just ended. A snapshot, once taken, never changes. The same job keeps the
 * dues report's behind branches of the new month (tj_dues_ranked_keep).
 */
export function scheduleMonthlySnapshots(database: Database, log: FastifyBaseLogger): () => void {
  let timer: NodeJS.Timeout | undefined;
  const take = async () => {
    const month = previousMonth(today());
    try {
      const [r] = await withSystem(database, '月末快照', (tx) => query<{ n: number }>(tx, sql`select tj_take_snapshot(${month}) as n`));
      if (r && r.n > 0) log.info({ month, organizations: r.n }, 'month-end snapshot taken');
    } catch (err) {
      log.error({ err }, 'month-end snapshot failed');
    }
    // The dues report's behind branches are kept for this month and the last (migration 0044): the new month's
    // rows are made once (a month already kept costs nothing).
    try {
      await withSystem(database, '团费排名月份', (tx) => query(tx, sql`select tj_dues_ranked_keep(${`${today().slice(0, 7)}-01`}::date)`));
    } catch (err) {
      log.error({ err }, 'keeping the dues ranking of the month failed');
    }
  };
  const scheduleNext = () => {
    const now = new Date();
    // Next 1st of a month, 00:05 China Standard Time (UTC+8).
    const cst = new Date(now.getTime() + 8 * 3600_000);
    const next = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() + 1, 1, 0, 5) - 8 * 3600_000;
    timer = setTimeout(async () => {
      await take();
      scheduleNext();
    }, Math.min(next - now.getTime(), 2 ** 31 - 1));
    timer.unref();
  };
  void take().then(scheduleNext);
  return () => clearTimeout(timer);
}
