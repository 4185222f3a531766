import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';

/*
 * Documents (issue 14.5): 团员证明 as PDF per second, through the HTTP route
 * (person read in scope, the issued copy inserted with its code, the PDF
 * drawn with the Chinese font subset and a QR code), one request after
 * another and `parallel` at a time (the server's one process).
 */
export interface DocumentsBenchRow {
  what: string;
  perSecond: number;
  p50: number;
  bytes: number;
  n: number;
}

export async function documentsBench(app: FastifyInstance, database: Database, cookie: string, opts: { runs: number; log?: (line: string) => void }): Promise<DocumentsBenchRow[]> {
  const people = await withSystem(database, 'bench', (tx) =>
    query<{ id: number }>(tx, sql`select id from people where member_status = 'active' order by id limit 50`),
  );
  if (!people.length) return [];
  const get = async (i: number) => {
    const res = await app.inject({ method: 'GET', url: `/api/documents/people/${people[i % people.length]!.id}/certificate`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`certificate: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.rawPayload.length;
  };
  await get(0); // the font is read on the first document
  const rows: DocumentsBenchRow[] = [];
  for (const parallel of [1, 4]) {
    const times: number[] = [];
    let bytes = 0;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < opts.runs) {
          const i = next++;
          const s = performance.now();
          bytes = await get(i);
          times.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    const row = { what: `团员证明 PDF (HTTP, ${parallel} at a time)`, perSecond: opts.runs / seconds, p50: times[Math.floor(times.length / 2)]!, bytes, n: opts.runs };
    opts.log?.(`documents: ${row.what}: ${row.perSecond.toFixed(1)} per second, p50 ${row.p50.toFixed(0)} ms, ${(row.bytes / 1024).toFixed(1)} KB each (${row.n} documents)`);
    rows.push(row);
  }
  return rows;
}

export function printDocumentsRows(rows: DocumentsBenchRow[]) {
  if (!rows.length) return;
  console.log('\n| documents | per second | p50 ms | size | n |\n|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.what} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(0)} | ${(r.bytes / 1024).toFixed(1)} KB | ${r.n} |`);
}
