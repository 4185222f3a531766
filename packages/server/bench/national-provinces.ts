/**
 * The national tier on loopback, for the national test (tests/national) and bench (bench/national.ts):
 * one PostgreSQL cluster per province plus one for the national server, each a throwaway data directory
 * on 127.0.0.1, and a small generated province in each (the demo county generator, `counties` counties
 * under a provincial committee, people at `scale` of the demo county's).
 */
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { generateRegion } from '../src/seed/demo-county.js';
import { seedDemoPeople } from '../src/seed/demo-people.js';
import { writeTree } from '../src/seed/tree.js';
import { today } from '../src/lib/clock.js';
import { freePort } from './free-port.js';

/** Throwaway PostgreSQL clusters on loopback; start/stop one by name (pg_ctl), stopAll at the end. */
export class Clusters {
  private readonly asRoot = process.getuid?.() === 0;
  readonly ports = new Map<string, number>();
  constructor(
    private readonly pgBin: string,
    private readonly dir: string,
  ) {
    if (this.asRoot) execFileSync('chown', ['postgres', dir]);
  }

  private run(bin: string, args: string[]) {
    const cmd = join(this.pgBin, bin);
    const r = this.asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  async init(name: string): Promise<number> {
    const port = await freePort();
    this.ports.set(name, port);
    this.run('initdb', ['-D', join(this.dir, name), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    this.start(name);
    return port;
  }

  start(name: string) {
    const port = this.ports.get(name)!;
    const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c full_page_writes=off -c max_connections=60`;
    this.run('pg_ctl', ['-D', join(this.dir, name), '-l', join(this.dir, `${name}.log`), '-w', '-o', opts, 'start']);
  }

  /**
   * -m immediate: the server dies as in a crash (no shutdown checkpoint, connections cut). Commits are
   * synchronous (the default), so a committed transaction survives it; fsync is off (only an OS crash loses it).
   */
  stop(name: string, mode: 'immediate' | 'fast' = 'immediate') {
    this.run('pg_ctl', ['-D', join(this.dir, name), '-m', mode, '-w', 'stop']);
  }

  stopAll() {
    for (const name of this.ports.keys()) {
      try {
        this.stop(name);
      } catch {
        /* already stopped */
      }
    }
  }

  url(name: string, db = 'postgres') {
    return `postgres://postgres@127.0.0.1:${this.ports.get(name)}/${db}`;
  }
}

export async function createDatabase(serverUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

export interface ProvinceSpec {
  code: string;
  name: string;
  counties: number;
  /** Share of the demo county's people per county (0.01 ≈ 430 people a county). */
  scale: number;
}

/**
 * A small province in a migrated database: 共青团<name>委员会 over `counties` counties shaped like the
 * demo county (region codes <code>01.., so ID and member numbers differ between provinces), each with
 * its people and development cases; the rollups and figures are kept by the triggers as the rows go in.
 */
export async function seedProvince(database: Database, spec: ProvinceSpec): Promise<{ rootId: number; countyIds: number[]; people: number }> {
  const on = today();
  return withSystem(database, '演示省份', async (tx) => {
    const region = generateRegion('provincial', spec.counties, Number(spec.code));
    region.name = `共青团${spec.name}委员会`;
    region.children!.forEach((c) => (c.name = c.name.replace('省属', spec.name.replace(/省$/, ''))));
    await writeTree(tx, region);
    await tx.execute(sql`update organizations set region_code = ${`${spec.code}0000`} where id = ${region.id!}`);
    let people = 0;
    for (const [i, county] of region.children!.entries()) {
      const regionCode = `${spec.code}${String(i + 1).padStart(2, '0')}01`;
      const r = await seedDemoPeople(tx, county, { regionCode, year: Number(on.slice(0, 4)), today: on, scale: spec.scale });
      people += r.people;
    }
    return { rootId: region.id!, countyIds: region.children!.map((c) => c.id!), people };
  });
}

/** Creates database `tuanjian` on the cluster, migrates it and generates the province in it. */
export async function provinceOn(serverUrl: string, spec: ProvinceSpec) {
  await createDatabase(serverUrl, 'tuanjian');
  const url = serverUrl.replace(/\/[^/]*$/, '/tuanjian');
  const database = await openDatabase({ url, poolSize: 3 });
  await database.migrate();
  const seeded = await seedProvince(database, spec);
  return { url, database, ...seeded };
}
