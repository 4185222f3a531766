import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';
import { demoSnapshotKey } from '../src/ops/demo-snapshot.js';
import { ensureInitialData } from '../src/seed/bootstrap.js';

/**
 * The API tests' databases, copied from a template made once per suite run instead of migrated and
 * seeded in every test file (that set-up took ~6 s a file on PGlite and ~2 s on PostgreSQL).
 *
 * The template is the database as createTestApp used to make it: migrated, then ensureInitialData
 * (the platform admin, and the demo county's registry at scale 0.05 without the year of records when
 * `demo`). It is keyed by what that data depends on: demoSnapshotKey (the business date TJ_TODAY or
 * today, the migrations, the server's and domain's sources), the set-up options and the engine's
 * version; a change to any of them makes a new template. The first file that needs a key builds it;
 * later files (also in another process) copy it. Each file still gets its own database.
 *  - PGlite: dumpDataDir() of the built database in a file under os.tmpdir()/tj-test-templates,
 *    loaded with `loadDataDir` into a new in-memory PGlite;
 *  - PostgreSQL: a database tj_template_<key> on the test server, copied with
 *    `create database … template …`, built and copied under an advisory lock.
 * What the set-up returns (the admin's one-time password) is stored with the template: as a JSON
 * line before the dump in the same file, or as the template database's comment.
 *
 * TEST_DB_TEMPLATE=0 turns it off (every file migrates and seeds its own database, as before).
 */
export interface SetupOptions {
  /** The demo county's registry (true) or an empty installation with the admin only (false). */
  demo: boolean;
}

export interface TestDatabase {
  database: Database;
  adminPassword: string;
  /** Drops the PostgreSQL database (after database.close()); nothing for PGlite. */
  drop(): Promise<void>;
}

interface TemplateMeta {
  adminPassword: string;
}

const DEMO_SCALE = 0.05;
const KEEP = 6;
const PGLITE_VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(join(import.meta.dirname, '../../../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

const useTemplates = () => process.env.TEST_DB_TEMPLATE !== '0';

/** Migrates and seeds `database` as the API tests need it; returns the admin's one-time password. */
async function setUp(database: Database, opts: SetupOptions): Promise<TemplateMeta> {
  await database.migrate();
  // The registry only: each feature's tests create (or seed) the records they need.
  const initial = await ensureInitialData(database, { loadDemo: opts.demo, demoScale: DEMO_SCALE, demoRecords: false });
  return { adminPassword: initial.adminPassword! };
}

function templateKey(engine: string, opts: SetupOptions): string {
  const variant = JSON.stringify({ engine, demo: opts.demo, demoRecords: false, pglite: PGLITE_VERSION, v: 1 });
  return createHash('sha256').update(demoSnapshotKey(DEMO_SCALE)).update(variant).digest('hex').slice(0, 24);
}

/** A fresh database for one test file, migrated and seeded (from the template when possible). */
export async function createTestDatabase(opts: SetupOptions): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  return base ? postgresDatabase(base, opts) : pgliteDatabase(opts);
}

// --- PGlite ---------------------------------------------------------------------------------

export function pgliteTemplateDir(): string {
  return join(tmpdir(), 'tj-test-templates');
}

async function pgliteDatabase(opts: SetupOptions): Promise<TestDatabase> {
  const none = async () => {};
  if (!useTemplates()) {
    const database = await openDatabase({});
    return { database, ...(await setUp(database, opts)), drop: none };
  }
  const dir = pgliteTemplateDir();
  const file = join(dir, `${templateKey('pglite', opts)}.template`);
  let copy: { data: Uint8Array<ArrayBuffer>; meta: TemplateMeta } | null = null;
  try {
    // One file, renamed into place whole: a line of JSON (what the set-up returned), then the dump.
    if (existsSync(file)) {
      const bytes = readFileSync(file);
      const eol = bytes.indexOf(10);
      const { buffer, byteOffset, byteLength } = bytes;
      copy = { meta: JSON.parse(bytes.subarray(0, eol).toString('utf8')) as TemplateMeta, data: new Uint8Array(buffer as ArrayBuffer, byteOffset + eol + 1, byteLength - eol - 1) };
    }
  } catch {
    copy = null; // pruned by another process meanwhile: build it again
  }
  if (copy) {
    const now = new Date();
    try {
      utimesSync(file, now, now); // in use: pruned last
    } catch {
      /* pruned meanwhile: this file has its copy already */
    }
    const database = await openDatabase({ loadDataDir: new Blob([copy.data]) });
    return { database, adminPassword: copy.meta.adminPassword, drop: none };
  }
  const database = await openDatabase({});
  const meta = await setUp(database, opts);
  await database.pglite!.exec('checkpoint');
  const dump = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(meta)}\n`), dump]), { mode: 0o600 });
  renameSync(tmp, file); // concurrent builders of the same key: the last rename wins, each file whole
  prunePgliteTemplates(dir);
  return { database, ...meta, drop: none };
}

/** Keeps the KEEP most recently used templates (each ~70 MB); removes leftovers of interrupted writes. */
function prunePgliteTemplates(dir: string) {
  try {
    const templates = readdirSync(dir)
      .filter((f) => f.endsWith('.template'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of templates.slice(KEEP)) rmSync(join(dir, f), { force: true });
    const hour = Date.now() - 3600_000;
    for (const f of readdirSync(dir)) if (!f.endsWith('.template') && statSync(join(dir, f)).mtimeMs < hour) rmSync(join(dir, f), { force: true });
  } catch {
    /* another process pruned at the same time */
  }
}

// --- PostgreSQL ------------------------------------------------------------------------------

/** Serializes template builds and copies on one server (a source database must have no other connection). */
const TEMPLATE_LOCK = 72_113;

function urlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresDatabase(base: string, opts: SetupOptions): Promise<TestDatabase> {
  const name = `tj_test_${randomBytes(6).toString('hex')}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (!useTemplates()) {
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ url: urlFor(base, name), poolSize: 4 });
    return { database, ...(await setUp(database, opts)), drop };
  }
  const template = `tj_template_${templateKey('postgres', opts)}`;
  let meta: TemplateMeta;
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const found = await admin.query<{ description: string | null }>(
      `select shobj_description(oid, 'pg_database') as description from pg_database where datname = $1`,
      [template],
    );
    if (found.rows[0]?.description) {
      meta = JSON.parse(found.rows[0].description) as TemplateMeta;
    } else {
      if (found.rows[0]) await admin.query(`drop database ${template} with (force)`); // an interrupted build
      const building = `tj_building_${randomBytes(6).toString('hex')}`;
      await admin.query(`create database ${building}`);
      try {
        const database = await openDatabase({ url: urlFor(base, building), poolSize: 4 });
        try {
          meta = await setUp(database, opts);
        } finally {
          await database.close();
        }
        // The comment marks the template whole; it carries the set-up's result for every copy.
        await admin.query(`comment on database ${building} is ${admin.escapeLiteral(JSON.stringify({ ...meta, createdAt: new Date().toISOString() }))}`);
        await admin.query(`alter database ${building} rename to ${template}`);
        // Nobody connects to it (not even autovacuum), so that copying it never finds it in use.
        await admin.query(`alter database ${template} with allow_connections false`);
      } catch (e) {
        await admin.query(`drop database if exists ${building} with (force)`);
        throw e;
      }
      await pruneTemplates(admin, template);
    }
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => {});
    await admin.end();
  }
  const database = await openDatabase({ url: urlFor(base, name), poolSize: 4 });
  return { database, adminPassword: meta.adminPassword, drop };
}

/** Keeps the KEEP newest templates on the server (a developer's long-lived test server collects them). */
async function pruneTemplates(admin: pg.Client, keep: string) {
  const { rows } = await admin.query<{ datname: string; description: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as description from pg_database where datname like 'tj\\_template\\_%' and datname <> $1`,
    [keep],
  );
  const created = (d: string | null) => {
    try {
      return Date.parse((JSON.parse(d ?? '{}') as { createdAt?: string }).createdAt ?? '') || 0;
    } catch {
      return 0;
    }
  };
  const old = rows.sort((a, b) => created(b.description) - created(a.description)).slice(KEEP - 1);
  for (const { datname } of old) await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
}
