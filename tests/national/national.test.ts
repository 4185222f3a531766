import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../packages/server/src/db/connection.js';
import { configurePasswordHashing } from '../../packages/server/src/modules/auth/passwords.js';
import { setupNational } from '../../packages/server/src/national/setup.js';
import type { ProvinceConfig } from '../../packages/server/src/national/config.js';
import { Clusters, createDatabase, provinceOn, type ProvinceSpec } from '../../packages/server/bench/national-provinces.js';

/**
 * The national tier (issue 15 item 4, docs/scaling.md): three provincial PostgreSQL servers and a
 * national one on loopback; the national server reads the provinces' rollups through postgres_fdw.
 * PG_BIN (set by scripts/test-all.sh) holds the PostgreSQL server binaries.
 */
const PG_BIN = process.env.PG_BIN;
if (!PG_BIN) throw new Error('PG_BIN is not set: run through scripts/test-all.sh (it installs and locates PostgreSQL)');

const SPECS: ProvinceSpec[] = [
  { code: '52', name: '贵州省', counties: 2, scale: 0.01 },
  { code: '53', name: '云南省', counties: 2, scale: 0.01 },
  { code: '45', name: '广西壮族自治区', counties: 1, scale: 0.01 },
];
const dir = mkdtempSync(join(tmpdir(), 'tj-national-'));
const clusters = new Clusters(PG_BIN, dir);
const provinces = new Map<string, { url: string; database: Database; rootId: number; countyIds: number[]; people: number }>();
let nationalUrl = '';
let national: pg.Client;
let nationalDb: Database;
const configs = (): ProvinceConfig[] => SPECS.map((s) => ({ code: s.code, name: s.name, url: provinces.get(s.code)!.url }));

async function rows<T = any>(url: string, text: string, values?: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  await Promise.all(['national', ...SPECS.map((s) => `p${s.code}`)].map((n) => clusters.init(n)));
  await createDatabase(clusters.url('national'), 'tuanjian');
  nationalUrl = clusters.url('national', 'tuanjian');
  nationalDb = await openDatabase({ url: nationalUrl, poolSize: 2 });
  const [, ...made] = await Promise.all([nationalDb.migrate(), ...SPECS.map((s) => provinceOn(clusters.url(`p${s.code}`), s))]);
  SPECS.forEach((s, i) => provinces.set(s.code, made[i]!));
  national = new pg.Client({ connectionString: nationalUrl });
  await national.connect();
}, 180_000);

afterAll(async () => {
  await national?.end();
  await nationalDb?.close();
  for (const p of provinces.values()) await p.database.close().catch(() => {});
  clusters.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('national tier over postgres_fdw', () => {
  it('sets up the national server idempotently and reads every province’s rollups in one query', async () => {
    const first = await setupNational(national, configs(), { selfUrl: nationalUrl });
    expect(first.provinces.map((p) => p.registered)).toEqual(SPECS.map((s) => provinces.get(s.code)!.people));
    expect(first.provinces.every((p) => p.conflicts === 0)).toBe(true);
    // Re-run (as when a province is added): nothing doubles, the registry keeps its rows.
    const again = await setupNational(national, configs(), { selfUrl: nationalUrl });
    expect(again.provinces.map((p) => p.registered)).toEqual([0, 0, 0]);
    const { rows: reg } = await national.query('select province, count(*)::int as n from national.id_registry group by 1 order by 1');
    expect(reg).toEqual(SPECS.map((s) => ({ province: s.code, n: provinces.get(s.code)!.people })).sort((a, b) => a.province.localeCompare(b.province)));

    const { rows: remote } = await national.query(
      `select province, org_id, metric, value from national.rollups where org_type = 'provincial' and metric in ('members:total', 'orgs:total', 'people:total')`,
    );
    for (const s of SPECS) {
      const p = provinces.get(s.code)!;
      const local = await rows<{ metric: string; value: string }>(p.url, `select metric, value from org_rollups where org_id = $1 and metric in ('members:total', 'orgs:total', 'people:total')`, [p.rootId]);
      const mine = remote.filter((r) => r.province === s.code);
      expect(mine.length).toBe(3);
      expect(mine.every((r) => Number(r.org_id) === p.rootId)).toBe(true);
      for (const l of local) expect(Number(mine.find((r) => r.metric === l.metric)!.value), `${s.code} ${l.metric}`).toBe(Number(l.value));
      expect(Number(mine.find((r) => r.metric === 'people:total')!.value)).toBe(p.people);
    }
    // The top levels of every province: its committee and its counties.
    const { rows: orgs } = await national.query(`select province, type, count(*)::int as n from national.organizations group by 1, 2 order by 1, 2`);
    expect(orgs).toEqual([
      { province: '45', type: 'county', n: 1 }, { province: '45', type: 'provincial', n: 1 },
      { province: '52', type: 'county', n: 2 }, { province: '52', type: 'provincial', n: 1 },
      { province: '53', type: 'county', n: 2 }, { province: '53', type: 'provincial', n: 1 },
    ]);
  });
});
