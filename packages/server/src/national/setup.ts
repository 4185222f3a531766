import pg from 'pg';
import type { ProvinceConfig } from './config.js';

/**
 * The national tier on PostgreSQL's own postgres_fdw (docs/scaling.md). One PostgreSQL server per
 * province holds the province's whole daily work with the ordinary Tuanjian schema; the national
 * server holds, in its schema `national`:
 *   - provinces: the configured provinces (code, name, foreign server);
 *   - per province a schema prov_<code> of foreign tables (server tj_prov_<code>, async_capable) over the
 *     province's views tj_national.top_organizations / top_rollups / top_figures / top_snapshots (the top
 *     levels — provincial, city, county committees — joined and filtered on the province's server) and
 *     over people's ID numbers;
 *   - views over every province, one foreign scan per province with its code: national.organizations,
 *     national.rollups, national.figures, national.snapshots; one query over them runs the provinces'
 *     scans at the same time (Async Foreign Scan under one Append);
 *   - id_registry (id_number unique → province) and transfers (the transfer log, national/transfer.ts).
 * Each province gets a foreign table tj_national.id_registry over the national registry and
 * system_state 'national' = {province, name}: the trigger of migration 0034 then registers every new ID
 * number there and refuses one registered by another province.
 *
 * Idempotent: re-run whenever a province is added or moved (everything per province is re-created in
 * one transaction on the national server; existing registry rows are kept).
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface SetupResult {
  provinces: { code: string; name: string; registered: number; conflicts: number }[];
}

const TOP_TYPES = "('provincial', 'city', 'county')";

export function checkCode(code: string): string {
  if (!/^\d{2}$/.test(code)) throw new Error(`省份代码须为两位数字：${code}`);
  return code;
}

export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

function connInfo(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port || '5432',
    dbname: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    user: decodeURIComponent(u.username) || 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

/** CREATE or re-point a postgres_fdw server and its user mapping (for every local role). */
function foreignServer(name: string, url: string): string[] {
  const c = connInfo(url);
  const mapping = `user ${lit(c.user)}${c.password ? `, password ${lit(c.password)}` : ''}`;
  return [
    `CREATE SERVER IF NOT EXISTS ${name} FOREIGN DATA WRAPPER postgres_fdw
       OPTIONS (host ${lit(c.host)}, port ${lit(c.port)}, dbname ${lit(c.dbname)}, async_capable 'true', fetch_size '10000')`,
    `ALTER SERVER ${name} OPTIONS (SET host ${lit(c.host)}, SET port ${lit(c.port)}, SET dbname ${lit(c.dbname)})`,
    `DROP USER MAPPING IF EXISTS FOR PUBLIC SERVER ${name}`,
    `CREATE USER MAPPING FOR PUBLIC SERVER ${name} OPTIONS (${mapping})`,
  ];
}

const NATIONAL_TABLES = [
  `CREATE EXTENSION IF NOT EXISTS postgres_fdw`,
  `CREATE SCHEMA IF NOT EXISTS national`,
  `CREATE TABLE IF NOT EXISTS national.provinces (
     code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
     name text NOT NULL,
     server text NOT NULL,
     added_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS national.id_registry (
     id_number text PRIMARY KEY,
     province text NOT NULL,
     province_name text NOT NULL,
     transfer_key uuid,
     updated_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE INDEX IF NOT EXISTS id_registry_province_idx ON national.id_registry (province)`,
  `CREATE TABLE IF NOT EXISTS national.transfers (
     key uuid PRIMARY KEY,
     id_number text NOT NULL,
     person_name text NOT NULL,
     from_province text NOT NULL,
     from_person_id bigint NOT NULL,
     to_province text NOT NULL,
     to_org_id bigint NOT NULL,
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'received', 'completed', 'rejected')),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE UNIQUE INDEX IF NOT EXISTS transfers_open_uq ON national.transfers (id_number) WHERE status IN ('pending', 'received')`,
  // The 跨省转接 page's order (open ones first, the latest first) and its filters: a page is read from an index, not a
  // sort of every transfer of the years (BENCHMARKS.md: 1 M transfers, 771–937 ms before, ≤ 21 ms a page after).
  `CREATE INDEX IF NOT EXISTS transfers_list_idx ON national.transfers ((status IN ('pending', 'received')) DESC, updated_at DESC, key)`,
  `CREATE INDEX IF NOT EXISTS transfers_status_idx ON national.transfers (status, updated_at DESC, key)`,
  `CREATE INDEX IF NOT EXISTS transfers_from_idx ON national.transfers (from_province, status)`,
  `CREATE INDEX IF NOT EXISTS transfers_to_idx ON national.transfers (to_province, status)`,
  // What the 跨省转接 page shows beside the coordinator's columns: the receiving branch's name, why, and who acted.
  `ALTER TABLE national.transfers ADD COLUMN IF NOT EXISTS to_org_name text,
     ADD COLUMN IF NOT EXISTS reason text, ADD COLUMN IF NOT EXISTS started_by text,
     ADD COLUMN IF NOT EXISTS decided_by text, ADD COLUMN IF NOT EXISTS decision_note text`,
  // A transfer started from a province's 跨省转出申请 (interprovince_requests, migration 0047): the sending side's
  // transaction that writes its pending 'out' row marks that request started.
  `ALTER TABLE national.transfers ADD COLUMN IF NOT EXISTS from_request_id bigint`,
];

/**
 * On each province, the rows the national server reads, as views of the top levels (the join and the
 * filter run on the province): one foreign table per view on the national side, so that each province is
 * one plain foreign scan in the national views' Append and the scans run asynchronously, side by side.
 */
const PROVINCE_VIEWS = [
  `CREATE SCHEMA IF NOT EXISTS tj_national`,
  `CREATE OR REPLACE VIEW tj_national.top_organizations AS
     SELECT o.id, o.parent_id, o.path::text AS path, o.name, o.type, o.sector, o.status, o.region_code
       FROM organizations o WHERE o.type IN ${TOP_TYPES}`,
  `CREATE OR REPLACE VIEW tj_national.top_rollups AS
     SELECT r.org_id, o.type AS org_type, o.name AS org_name, r.metric, r.value
       FROM org_rollups r JOIN organizations o ON o.id = r.org_id WHERE o.type IN ${TOP_TYPES}`,
  `CREATE OR REPLACE VIEW tj_national.top_figures AS
     SELECT f.org_id, o.type AS org_type, f.metric, f.day, f.value
       FROM org_figures f JOIN organizations o ON o.id = f.org_id WHERE o.type IN ${TOP_TYPES}`,
  `CREATE OR REPLACE VIEW tj_national.top_snapshots AS
     SELECT n.org_id, o.type AS org_type, o.name AS org_name, n.month, n.metrics, n.taken_at
       FROM stat_snapshots n JOIN organizations o ON o.id = n.org_id WHERE o.type IN ${TOP_TYPES}`,
];

function provinceTables(code: string): string[] {
  const s = `prov_${code}`;
  const srv = `tj_prov_${code}`;
  const opts = (schema: string, table: string) => `SERVER ${srv} OPTIONS (schema_name ${lit(schema)}, table_name ${lit(table)})`;
  return [
    `DROP SCHEMA IF EXISTS ${s} CASCADE`,
    `CREATE SCHEMA ${s}`,
    `CREATE FOREIGN TABLE ${s}.organizations (id bigint, parent_id bigint, path text, name text, type text, sector text,
       status text, region_code text) ${opts('tj_national', 'top_organizations')}`,
    `CREATE FOREIGN TABLE ${s}.rollups (org_id bigint, org_type text, org_name text, metric text, value bigint) ${opts('tj_national', 'top_rollups')}`,
    `CREATE FOREIGN TABLE ${s}.figures (org_id bigint, org_type text, metric text, day date, value bigint) ${opts('tj_national', 'top_figures')}`,
    `CREATE FOREIGN TABLE ${s}.snapshots (org_id bigint, org_type text, org_name text, month text, metrics jsonb, taken_at timestamptz)
       ${opts('tj_national', 'top_snapshots')}`,
    `CREATE FOREIGN TABLE ${s}.people_ids (id_number text, registry_status text) ${opts('public', 'people')}`,
  ];
}

/** The national views: one branch per province, each one foreign scan of the province's view. */
function nationalViews(codes: string[]): string[] {
  if (!codes.length) return [];
  const union = (branch: (s: string, code: string) => string) => codes.map((c) => branch(`prov_${c}`, c)).join('\n UNION ALL\n');
  const view = (name: string, cols: string) =>
    `CREATE VIEW national.${name} AS ${union((p, c) => `SELECT ${lit(c)}::text AS province, ${cols} FROM ${p}.${name}`)}`;
  return [
    view('organizations', 'id, parent_id, path, name, type, sector, status, region_code'),
    view('rollups', 'org_id, org_type, org_name, metric, value'),
    view('figures', 'org_id, org_type, metric, day, value'),
    view('snapshots', 'org_id, org_type, org_name, month, metrics, taken_at'),
    // The national server's own requests run as tj_app (withScope): it reads the views (the foreign
    // tables are reached as the views' owner) and nothing else of the national schema.
    `DO $$ BEGIN
       IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tj_app') THEN
         GRANT USAGE ON SCHEMA national TO tj_app;
         GRANT SELECT ON national.provinces, national.organizations, national.rollups, national.figures, national.snapshots TO tj_app;
       END IF;
     END $$`,
  ];
}

async function inTransaction(client: Queryable, statements: string[]) {
  await client.query('BEGIN');
  try {
    for (const s of statements) await client.query(s);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/**
 * A province's side: the views the national server reads and, with the national server's address, the
 * foreign table over the national ID registry and who the province is (system_state 'national').
 */
export async function setupProvince(province: Queryable, p: Pick<ProvinceConfig, 'code' | 'name'>, nationalUrl?: string) {
  checkCode(p.code);
  await inTransaction(province, [
    ...PROVINCE_VIEWS,
    ...(nationalUrl
      ? [
          `CREATE EXTENSION IF NOT EXISTS postgres_fdw`,
          ...foreignServer('tj_national', nationalUrl),
          `DROP FOREIGN TABLE IF EXISTS tj_national.id_registry`,
          `CREATE FOREIGN TABLE tj_national.id_registry (id_number text, province text, province_name text, transfer_key uuid, updated_at timestamptz DEFAULT now())
             SERVER tj_national OPTIONS (schema_name 'national', table_name 'id_registry')`,
          `INSERT INTO system_state (key, value) VALUES ('national', ${lit(JSON.stringify({ province: p.code, name: p.name }))}::jsonb)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        ]
      : []),
  ]);
}

export interface SetupOptions {
  /** How the provinces reach the national database; with it every province is linked to the ID registry. */
  selfUrl?: string;
  /** Register the provinces' existing ID numbers (default true; the bench's repeated provinces turn it off). */
  backfillRegistry?: boolean;
}

/**
 * Sets up (or re-sets up) the national server for the given provinces, creates each province's views,
 * links each province to the ID registry (opts.selfUrl) and registers the ID numbers the provinces already hold. `conflicts` counts the people
 * of a province whose number another province registered first (those stay with the first).
 */
export async function setupNational(national: Queryable, provinces: ProvinceConfig[], opts: SetupOptions = {}): Promise<SetupResult> {
  provinces.forEach((p) => checkCode(p.code));
  await inTransaction(national, NATIONAL_TABLES);
  for (const p of provinces) {
    const client = new pg.Client({ connectionString: p.url });
    await client.connect();
    try {
      await setupProvince(client, p, opts.selfUrl);
    } finally {
      await client.end();
    }
  }
  const known = (await national.query('SELECT code FROM national.provinces')).rows.map((r) => r.code as string);
  const codes = [...new Set([...known, ...provinces.map((p) => p.code)])].sort();
  const given = new Set(provinces.map((p) => p.code));
  await inTransaction(national, [
    `DROP VIEW IF EXISTS national.organizations, national.rollups, national.figures, national.snapshots`,
    ...provinces.flatMap((p) => [
      ...foreignServer(`tj_prov_${p.code}`, p.url),
      ...provinceTables(p.code),
      `INSERT INTO national.provinces (code, name, server) VALUES (${lit(p.code)}, ${lit(p.name)}, ${lit(`tj_prov_${p.code}`)})
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, server = EXCLUDED.server, updated_at = now()`,
    ]),
    // Provinces set up by an earlier run and not given now keep their foreign tables.
    ...nationalViews(codes.filter((c) => given.has(c) || known.includes(c))),
  ]);
  const result: SetupResult = { provinces: [] };
  for (const p of provinces) {
    let registered = 0;
    let conflicts = 0;
    if (opts.backfillRegistry !== false) {
      const s = `prov_${p.code}`;
      const ins = await national.query(
        `INSERT INTO national.id_registry (id_number, province, province_name)
         SELECT id_number, $1, $2 FROM ${s}.people_ids WHERE registry_status <> 'removed' ON CONFLICT (id_number) DO NOTHING`,
        [p.code, p.name],
      );
      registered = (ins as { rowCount?: number }).rowCount ?? 0;
      const c = await national.query(
        `SELECT count(*)::int AS n FROM ${s}.people_ids x JOIN national.id_registry r ON r.id_number = x.id_number
          WHERE x.registry_status <> 'removed' AND r.province <> $1`,
        [p.code],
      );
      conflicts = c.rows[0].n;
    }
    result.provinces.push({ code: p.code, name: p.name, registered, conflicts });
  }
  return result;
}

/** National mode at start-up (ops/serve.ts, NATIONAL_PROVINCES): sets up the national server on its own database. */
export async function setupNationalServer(databaseUrl: string, provinces: ProvinceConfig[], selfUrl: string): Promise<SetupResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await setupNational(client, provinces, { selfUrl });
  } finally {
    await client.end();
  }
}
