import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';

/** Runs `fn` on a fresh database created on the server of `url` for the run, dropped afterwards. */
export async function onThrowawayDatabase(url: string, poolSize: number, fn: (database: Database, url: string) => Promise<void>): Promise<void> {
  const name = `tj_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize });
  try {
    await fn(database, u.toString());
  } finally {
    await database.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}
