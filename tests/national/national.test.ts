import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../packages/server/src/db/connection.js';
import { configurePasswordHashing, hashPassword } from '../../packages/server/src/modules/auth/passwords.js';
import { buildApp } from '../../packages/server/src/app.js';
import { setupNational } from '../../packages/server/src/national/setup.js';
import { NationalTier, acceptTransfer, rejectTransfer, settleTransfers, startTransfer } from '../../packages/server/src/national/transfer.js';
import type { ProvinceConfig } from '../../packages/server/src/national/config.js';
import { makeIdNumber } from '../../packages/server/test/factories.js';
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

/** The province's own API (its Tuanjian server), logged in as an administrator of the provincial committee. */
async function provinceApp(code: string) {
  const p = provinces.get(code)!;
  const [acc] = await rows(p.url, `select id from accounts where username = 'prov_admin'`);
  if (!acc) {
    await rows(p.url, `insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
                       values ('prov_admin', '团省委管理员', $1, 'org_admin', $2, false)`, [await hashPassword('Tuanjian2026'), p.rootId]);
  }
  const app = await buildApp({ database: p.database, logLevel: process.env.NATIONAL_TEST_LOG ?? 'silent', loginRateLimit: 1000 });
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'prov_admin', password: 'Tuanjian2026' } });
  expect(r.statusCode, r.body).toBe(200);
  const headers = { cookie: `tj_session=${r.cookies.find((c) => c.name === 'tj_session')!.value}`, 'x-csrf-token': r.json().csrfToken };
  return { app, headers, p };
}

/** A branch of the province (the first village branch of its first county). */
async function branchOf(code: string): Promise<number> {
  const p = provinces.get(code)!;
  const [b] = await rows(p.url, `select id from organizations where type = 'branch' and sector = 'village' and path <@ (select path from organizations where id = $1) order by id limit 1`, [p.countyIds[0]]);
  return Number(b.id);
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

  it('answers the national overview and statistical table from one query each, to a national administrator only', async () => {
    // The national server is a Tuanjian installation too: its own accounts, a central committee.
    const hash = await hashPassword('Tuanjian2026');
    const [central] = (await national.query(`insert into organizations (name, type, sector) values ('共青团中央', 'central', 'government') returning id`)).rows;
    const [prov] = (await national.query(`insert into organizations (parent_id, name, type, sector) values ($1, '共青团测试省委员会', 'provincial', 'government') returning id`, [central.id])).rows;
    await national.query(
      `insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
       values ('central_admin', '团中央管理员', $1, 'org_admin', $2, false), ('province_admin', '团省委管理员', $1, 'org_admin', $3, false)`,
      [hash, central.id, prov.id],
    );
    const app = await buildApp({ database: nationalDb, logLevel: 'silent', loginRateLimit: 1000 });
    try {
      const login = async (username: string) => {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Tuanjian2026' } });
        expect(r.statusCode, r.body).toBe(200);
        return { cookie: `tj_session=${r.cookies.find((c) => c.name === 'tj_session')!.value}`, 'x-csrf-token': r.json().csrfToken };
      };
      const headers = await login('central_admin');
      const res = await app.inject({ method: 'GET', url: '/api/national/overview', headers });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.provinces.map((p: { code: string; name: string }) => `${p.code}${p.name}`)).toEqual(['45广西壮族自治区', '52贵州省', '53云南省']);
      let members = 0;
      let orgs = 0;
      for (const p of body.provinces) {
        const local = provinces.get(p.code)!;
        const [m] = await rows(local.url, `select (select value from org_rollups where org_id = $1 and metric = 'members:total')::int as members,
                                                  (select value from org_rollups where org_id = $1 and metric = 'orgs:total')::int as orgs,
                                                  (select count(*) from development_cases where status = 'in_progress')::int as cases`, [local.rootId]);
        expect(p.orgId).toBe(local.rootId);
        expect(p.people.members).toBe(m.members);
        expect(p.orgs.total).toBe(m.orgs);
        expect(p.people.registered).toBe(local.people);
        expect(p.development.stages.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(m.cases);
        expect(m.members).toBeGreaterThan(0);
        members += m.members;
        orgs += m.orgs;
      }
      expect(body.total.people.members).toBe(members);
      expect(body.total.orgs.total).toBe(orgs);

      // One query, one foreign leg per province, run at the same time (async foreign scans).
      const { rows: plan } = await national.query(
        `explain select r.province, p.name, r.org_id, r.org_name, r.metric, r.value from national.rollups r join national.provinces p on p.code = r.province where r.org_type = 'provincial'`,
      );
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text.match(/Async Foreign Scan/g)?.length, text).toBe(3);

      // Month-end snapshots on each province, then the national statistical table of that month.
      for (const p of provinces.values()) await rows(p.url, `select tj_take_snapshot('2026-11')`);
      const table = await app.inject({ method: 'GET', url: '/api/national/stat-table?month=2026-11', headers });
      expect(table.statusCode, table.body).toBe(200);
      expect(table.json().rows.map((r: { code: string; members: number }) => [r.code, r.members])).toEqual(body.provinces.map((p: any) => [p.code, p.people.members]));
      const empty = await app.inject({ method: 'GET', url: '/api/national/stat-table?month=2026-10', headers });
      expect(empty.json().rows.every((r: { members: number | null }) => r.members === null)).toBe(true);

      // A provincial committee's account on the national server is refused.
      const other = await app.inject({ method: 'GET', url: '/api/national/overview', headers: await login('province_admin') });
      expect(other.statusCode).toBe(403);
      expect(other.json().message).toContain('全国数据仅限');
    } finally {
      await app.close();
    }
  });

  it('refuses a person already registered in another province (national ID registry), on insert and on an ID change', async () => {
    const gz = await provinceApp('52');
    const yn = await provinceApp('53');
    try {
      const idNumber = makeIdNumber('2004-05-06', 'male', '520102');
      const person = (orgId: number, id = idNumber) => ({ name: '跨省测试', gender: 'male', idNumber: id, ethnicity: '01', politicalStatus: '13', orgId });
      const first = await gz.app.inject({ method: 'POST', url: '/api/people', headers: gz.headers, payload: person(await branchOf('52')) });
      expect(first.statusCode, first.body).toBe(200);
      expect((await national.query('select province, province_name from national.id_registry where id_number = $1', [idNumber])).rows).toEqual([{ province: '52', province_name: '贵州省' }]);

      const twice = await yn.app.inject({ method: 'POST', url: '/api/people', headers: yn.headers, payload: person(await branchOf('53')) });
      expect(twice.statusCode, twice.body).toBe(409);
      expect(twice.json().message).toBe('身份证号 已在贵州省登记');
      expect(twice.json().fields).toEqual([{ field: 'idNumber', message: '身份证号 已在贵州省登记' }]);
      expect(await rows(yn.p.url, 'select id from people where id_number = $1', [idNumber])).toEqual([]);

      // An ID change to a number another province holds is refused the same way.
      const other = makeIdNumber('2003-07-08', 'female', '530102');
      const made = await yn.app.inject({ method: 'POST', url: '/api/people', headers: yn.headers, payload: { ...person(await branchOf('53'), other), gender: 'female' } });
      expect(made.statusCode, made.body).toBe(200);
      const change = await yn.app.inject({ method: 'PATCH', url: `/api/people/${made.json().id}`, headers: yn.headers, payload: { idNumber, gender: 'male', version: made.json().version } });
      expect(change.statusCode, change.body).toBe(409);
      expect(change.json().message).toBe('身份证号 已在贵州省登记');
      // A number that leaves a province (changed there) is free again, the new one registered.
      const renumbered = makeIdNumber('2004-05-06', 'male', '520103');
      const moved = await gz.app.inject({ method: 'PATCH', url: `/api/people/${first.json().id}`, headers: gz.headers, payload: { idNumber: renumbered, version: first.json().version } });
      expect(moved.statusCode, moved.body).toBe(200);
      const { rows: reg } = await national.query('select id_number, province from national.id_registry where id_number = any($1) order by id_number', [[idNumber, renumbered]]);
      expect(reg).toEqual([{ id_number: renumbered, province: '52' }]);
      const retry = await yn.app.inject({ method: 'PATCH', url: `/api/people/${made.json().id}`, headers: yn.headers, payload: { idNumber, gender: 'male', version: made.json().version } });
      expect(retry.statusCode, retry.body).toBe(200);
      expect((await national.query('select province from national.id_registry where id_number = $1', [idNumber])).rows).toEqual([{ province: '53' }]);
    } finally {
      await gz.app.close();
      await yn.app.close();
    }
  });

  describe('a transfer between provinces', () => {
    let tier: NationalTier;
    beforeAll(() => {
      tier = new NationalTier(nationalUrl, configs());
    });
    afterAll(async () => {
      await tier?.close();
    });

    /** An active member of the province who has never been transferred. */
    const member = async (code: string, skip: number) => {
      const [m] = await rows(provinces.get(code)!.url, `select id, id_number from people where member_status = 'active' and registry_status = 'active' order by id offset $1 limit 1`, [skip]);
      return { id: Number(m.id), idNumber: m.id_number as string };
    };
    /** Where the ID number is in the registry of each province's database, by registry status. */
    const whereIs = async (idNumber: string) => {
      const out: Record<string, string[]> = {};
      for (const s of SPECS) {
        out[s.code] = (await rows(provinces.get(s.code)!.url, 'select registry_status from people where id_number = $1 order by id', [idNumber])).map((r) => r.registry_status);
      }
      return out;
    };
    const registry = async (idNumber: string) =>
      (await national.query('select province, transfer_key from national.id_registry where id_number = $1', [idNumber])).rows;
    const people = async (code: string) =>
      Number((await rows(provinces.get(code)!.url, `select value from org_rollups where org_id = $1 and metric = 'people:total'`, [provinces.get(code)!.rootId]))[0].value);

    it('stays pending on the sending side while the receiving server is down, and after it returns ends with the person exactly once, in the receiving province', async () => {
      const m = await member('52', 0);
      const toOrgId = await branchOf('53');
      const before = { gz: await people('52'), yn: await people('53') };
      const key = await startTransfer(tier, { fromProvince: '52', personId: m.id, toProvince: '53', toOrgId });
      expect(await rows(provinces.get('52')!.url, `select status from interprovince_transfers where key = $1`, [key])).toEqual([{ status: 'pending' }]);
      expect(await registry(m.idNumber)).toEqual([{ province: '52', transfer_key: key }]);

      clusters.stop('p53'); // -m immediate: as in a crash
      await expect(acceptTransfer(tier, key)).rejects.toThrow();
      expect(await rows(provinces.get('52')!.url, `select status from interprovince_transfers where key = $1`, [key])).toEqual([{ status: 'pending' }]);
      expect((await national.query('select status from national.transfers where key = $1', [key])).rows).toEqual([{ status: 'pending' }]);
      expect(await registry(m.idNumber)).toEqual([{ province: '52', transfer_key: key }]);

      clusters.start('p53');
      const { personId } = await acceptTransfer(tier, key);
      await acceptTransfer(tier, key); // resumed twice: changes nothing
      expect(await whereIs(m.idNumber)).toEqual({ '52': ['removed'], '53': ['active'], '45': [] });
      const [moved] = await rows(provinces.get('53')!.url, 'select id, org_id, member_status from people where id_number = $1', [m.idNumber]);
      expect([Number(moved.id), Number(moved.org_id), moved.member_status]).toEqual([personId, toOrgId, 'active']);
      expect(await registry(m.idNumber)).toEqual([{ province: '53', transfer_key: null }]);
      expect((await national.query('select status from national.transfers where key = $1', [key])).rows).toEqual([{ status: 'completed' }]);
      expect(await rows(provinces.get('52')!.url, `select direction, status from interprovince_transfers where key = $1`, [key])).toEqual([{ direction: 'out', status: 'accepted' }]);
      expect(await rows(provinces.get('53')!.url, `select direction, status from interprovince_transfers where key = $1`, [key])).toEqual([{ direction: 'in', status: 'accepted' }]);
      // The rollups followed in each province's own transaction.
      expect({ gz: await people('52'), yn: await people('53') }).toEqual({ gz: before.gz - 1, yn: before.yn + 1 });
    });

    it('finishes after the sending server went down once the receiving side had accepted', async () => {
      const m = await member('52', 1);
      const key = await startTransfer(tier, { fromProvince: '52', personId: m.id, toProvince: '45', toOrgId: await branchOf('45') });
      let stopped = false;
      const stopSending = async (step: string) => {
        if (step === 'received' && !stopped) {
          stopped = true;
          clusters.stop('p52');
        }
      };
      await expect(acceptTransfer(tier, key, stopSending)).rejects.toThrow();
      expect(stopped).toBe(true);
      expect((await national.query('select status from national.transfers where key = $1', [key])).rows).toEqual([{ status: 'received' }]);
      expect(await registry(m.idNumber)).toEqual([{ province: '45', transfer_key: key }]);
      clusters.start('p52');
      expect(await whereIs(m.idNumber)).toEqual({ '52': ['active'], '53': [], '45': ['active'] }); // not yet finished on the sending side
      // The national server's round finishes it, in the coordinator's own name (it accepted, not 广西).
      expect(await settleTransfers(tier)).toMatchObject({ completed: 1, rejected: 0, written: 0, failed: 0, unreachable: [] });
      expect((await national.query('select status, decided_by from national.transfers where key = $1', [key])).rows).toEqual([{ status: 'completed', decided_by: '跨省转接' }]);
      expect(await rows(provinces.get('52')!.url, `select distinct actor_name from audit_log where entity = 'interprovince_transfers' and action = 'update'
           and entity_id in (select id::text from interprovince_transfers where key = $1)`, [key])).toEqual([{ actor_name: '跨省转接' }]);
      expect(await whereIs(m.idNumber)).toEqual({ '52': ['removed'], '53': [], '45': ['active'] });
      expect(await registry(m.idNumber)).toEqual([{ province: '45', transfer_key: null }]);
    });

    it('leaves the person in the sending province when the receiving side declines, and the registry then refuses them there', async () => {
      const m = await member('53', 0);
      const key = await startTransfer(tier, { fromProvince: '53', personId: m.id, toProvince: '52', toOrgId: await branchOf('52') });
      await expect(startTransfer(tier, { fromProvince: '53', personId: m.id, toProvince: '45', toOrgId: await branchOf('45') })).rejects.toThrow('已有未办结的跨省转接');
      await rejectTransfer(tier, key);
      await rejectTransfer(tier, key); // idempotent
      await expect(acceptTransfer(tier, key)).rejects.toThrow('已退回');
      expect(await whereIs(m.idNumber)).toEqual({ '52': [], '53': ['active'], '45': [] });
      expect(await registry(m.idNumber)).toEqual([{ province: '53', transfer_key: null }]);
      expect(await rows(provinces.get('53')!.url, `select status from interprovince_transfers where key = $1`, [key])).toEqual([{ status: 'rejected' }]);
      // The receiving side can no longer take the number, even naming the rejected transfer's key.
      const c = new pg.Client({ connectionString: provinces.get('52')!.url });
      await c.connect();
      try {
        await c.query(`select set_config('tj.transfer_key', $1, false)`, [key]);
        await expect(
          c.query(`insert into people (org_id, name, gender, id_number, birth_date, ethnicity, political_status) values ($1, '退回测试', 'male', $2, '2004-01-01', '01', '13')`, [
            await branchOf('52'),
            m.idNumber,
          ]),
        ).rejects.toThrow('身份证号 已在云南省登记');
      } finally {
        await c.end();
      }
    });

    it('the national administrator starts, accepts and declines transfers through the API (跨省转接 page), audited under their name', async () => {
      const app = await buildApp({ database: nationalDb, logLevel: 'silent', loginRateLimit: 1000, national: tier });
      const bare = await buildApp({ database: nationalDb, logLevel: 'silent', loginRateLimit: 1000 });
      try {
        const login = async (a: typeof app, username: string) => {
          const r = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Tuanjian2026' } });
          expect(r.statusCode, r.body).toBe(200);
          return { cookie: `tj_session=${r.cookies.find((c) => c.name === 'tj_session')!.value}`, 'x-csrf-token': r.json().csrfToken };
        };
        const headers = await login(app, 'central_admin');
        const call = (method: 'GET' | 'POST', url: string, payload?: object, h = headers) => app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });

        // The list: the transfers the coordinator ran above, open ones first; the provinces to choose from.
        const list = await call('GET', '/api/national/transfers');
        expect(list.statusCode, list.body).toBe(200);
        expect(list.json().provinces).toEqual(SPECS.map((x) => ({ code: x.code, name: x.name })));
        expect(list.json().items.map((i: { status: string }) => i.status).sort()).toEqual(['completed', 'completed', 'rejected']);
        expect(list.json().items[0].idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);

        // The receiving branch, found in 广西's own directory by part of its name.
        const toOrgId = await branchOf('45');
        const [branch] = await rows(provinces.get('45')!.url, 'select name from organizations where id = $1', [toOrgId]);
        const found = await call('GET', `/api/national/org-directory?province=45&q=${encodeURIComponent(branch.name.slice(-8))}`);
        expect(found.statusCode, found.body).toBe(200);
        expect(found.json().find((o: { id: number }) => o.id === toOrgId)).toMatchObject({ name: branch.name, canReceive: true });

        const [m] = await rows(provinces.get('52')!.url, `select id, name, id_number from people where member_status = 'active' and registry_status = 'active' order by id offset 5 limit 1`);
        const body = { fromProvince: '52', idNumber: m.id_number, personName: m.name, toProvince: '45', toOrgId, reason: '到广西就业' };
        // Refusals name the field; nothing is written.
        const refused = async (payload: object, field: string) => {
          const r = await call('POST', '/api/national/transfers', payload);
          expect(r.statusCode, r.body).toBe(422);
          expect(JSON.stringify(r.json()), r.body).toContain(field);
          return r.json().message as string;
        };
        expect(await refused({ ...body, toProvince: '99' }, 'toProvince')).toContain('没有配置省份代码 99');
        const nowhere = await call('GET', '/api/national/org-directory?province=99&q=团支部');
        expect([nowhere.statusCode, nowhere.json().message]).toEqual([422, '本全国系统没有配置省份代码 99']);
        expect(await refused({ ...body, personName: `${m.name}甲` }, 'personName')).toContain('姓名与该身份证号在贵州省登记的姓名不一致');
        expect(await refused({ ...body, toProvince: '52', toOrgId: await branchOf('52') }, 'toProvince')).toContain('省内转接');
        expect(await refused({ ...body, toOrgId: provinces.get('45')!.rootId }, 'toOrgId')).toContain('团支部');
        expect((await national.query('select count(*)::int as n from national.transfers where id_number = $1', [m.id_number])).rows[0].n).toBe(0);

        const started = await call('POST', '/api/national/transfers', body);
        expect(started.statusCode, started.body).toBe(200);
        expect(started.json()).toMatchObject({ status: 'pending', personName: m.name, fromProvinceName: '贵州省', toProvinceName: '广西壮族自治区', toOrgName: branch.name, reason: '到广西就业', startedBy: '团中央管理员（全国·跨省转接）' });
        const key = started.json().key as string;
        // A township-level account of the national installation is refused; a server without the tier says so.
        const other = await login(app, 'province_admin');
        expect((await call('GET', '/api/national/transfers', undefined, other)).statusCode).toBe(403);
        expect((await call('POST', `/api/national/transfers/${key}/accept`, {}, other)).statusCode).toBe(403);
        const off = await bare.inject({ method: 'GET', url: '/api/national/transfers', headers: await login(bare, 'central_admin') });
        expect([off.statusCode, off.json().message]).toEqual([409, '本服务器未启用全国模式（NATIONAL_PROVINCES），没有跨省转接']);

        const accepted = await call('POST', `/api/national/transfers/${key}/accept`, {});
        expect(accepted.statusCode, accepted.body).toBe(200);
        expect(accepted.json()).toMatchObject({ status: 'completed', decidedBy: '团中央管理员（全国·跨省转接）' });
        expect(await whereIs(m.id_number)).toEqual({ '52': ['removed'], '53': [], '45': ['active'] });
        // Each province's own 组织关系转接 page lists its side, the other side named.
        const [sendingBranch] = await rows(provinces.get('52')!.url, 'select o.name from people p join organizations o on o.id = p.org_id where p.id = $1', [m.id]);
        const sides = async (code: string) => {
          const { app: own, headers: h } = await provinceApp(code);
          try {
            const r = await own.inject({ method: 'GET', url: '/api/membership/interprovince-transfers', headers: h });
            expect(r.statusCode, r.body).toBe(200);
            return r.json().items.find((i: { personName: string }) => i.personName === m.name);
          } finally {
            await own.close();
          }
        };
        expect(await sides('52')).toMatchObject({ direction: 'out', status: 'accepted', otherProvinceName: '广西壮族自治区', otherOrgName: branch.name });
        expect(await sides('45')).toMatchObject({ direction: 'in', status: 'accepted', otherProvinceName: '贵州省', otherOrgName: sendingBranch.name, orgName: branch.name });
        expect((await call('POST', `/api/national/transfers/${key}/reject`, { reason: '已办结后退回' })).json().message).toContain('不能退回');

        // Declined: the person stays in 云南.
        const [y] = await rows(provinces.get('53')!.url, `select name, id_number from people where member_status = 'active' and registry_status = 'active' order by id offset 5 limit 1`);
        const second = await call('POST', '/api/national/transfers', { fromProvince: '53', idNumber: y.id_number, personName: y.name, toProvince: '52', toOrgId: await branchOf('52'), reason: '随迁' });
        expect(second.statusCode, second.body).toBe(200);
        const declined = await call('POST', `/api/national/transfers/${second.json().key}/reject`, { reason: '该支部已撤并，请改转其他支部' });
        expect(declined.json()).toMatchObject({ status: 'rejected', decidedBy: '团中央管理员（全国·跨省转接）' });
        expect(await whereIs(y.id_number)).toEqual({ '52': [], '53': ['active'], '45': [] });

        // The list pages and filters on the server: by name, by a province on either side, by status.
        const listed = async (qs: string) => {
          const r = await call('GET', `/api/national/transfers?${qs}`);
          expect(r.statusCode, r.body).toBe(200);
          return r.json() as { items: { key: string; status: string }[]; total: number; totalIsLowerBound: boolean; page: number };
        };
        expect((await listed(`q=${encodeURIComponent(y.name)}`)).items.map((i) => i.key)).toEqual([second.json().key]);
        const everything = await listed('pageSize=2');
        expect([everything.total, everything.totalIsLowerBound, everything.items.length]).toEqual([5, false, 2]);
        const rest = await listed('pageSize=2&page=3');
        expect([rest.total, rest.items.length, rest.page]).toEqual([5, 1, 3]);
        expect((await listed('pageSize=2&page=9')).total).toBe(5);
        const pages = [...everything.items, ...(await listed('pageSize=2&page=2')).items, ...rest.items].map((i) => i.key);
        expect(new Set(pages).size).toBe(5);
        const guangxi = await listed('province=45');
        expect(guangxi.items.map((i) => i.key)).toContain(key);
        expect(guangxi.items.map((i) => i.key)).not.toContain(second.json().key);
        expect((await listed('province=45&status=rejected')).items.every((i) => i.status === 'rejected')).toBe(true);
        const badProvince = await call('GET', '/api/national/transfers?province=99');
        expect([badProvince.statusCode, badProvince.json().message]).toEqual([422, '本全国系统没有配置省份代码 99']);

        // Audited on the national server (the caller's organization) and on each province, under the caller's name.
        const { rows: logged } = await national.query(
          `select action, entity_id, after->>'status' as status from audit_log where entity = 'national_transfers' and actor_name = '团中央管理员（全国·跨省转接）' order by id`,
        );
        expect(logged).toEqual([
          { action: 'insert', entity_id: key, status: 'pending' },
          { action: 'update', entity_id: key, status: 'completed' },
          { action: 'insert', entity_id: second.json().key, status: 'pending' },
          { action: 'update', entity_id: second.json().key, status: 'rejected' },
        ]);
        const sending = await rows(provinces.get('52')!.url, `select entity, action from audit_log where actor_name = '团中央管理员（全国·跨省转接）' order by id`);
        expect(sending.map((r) => `${r.entity} ${r.action}`)).toEqual(expect.arrayContaining(['interprovince_transfers insert', 'people update']));
        const receiving = await rows(provinces.get('45')!.url, `select entity, action from audit_log where actor_name = '团中央管理员（全国·跨省转接）' order by id`);
        expect(receiving.map((r) => `${r.entity} ${r.action}`)).toEqual(expect.arrayContaining(['people insert', 'interprovince_transfers insert']));
      } finally {
        await app.close();
        await bare.close();
      }
    });

    it('a province asks for 跨省转出 on its own server; the national administrator starts one request, declines another, and a withdrawn one cannot be started', async () => {
      const app = await buildApp({ database: nationalDb, logLevel: 'silent', loginRateLimit: 1000, national: tier });
      const gz = await provinceApp('52');
      try {
        const r0 = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'central_admin', password: 'Tuanjian2026' } });
        const headers = { cookie: `tj_session=${r0.cookies.find((c) => c.name === 'tj_session')!.value}`, 'x-csrf-token': r0.json().csrfToken };
        const call = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        const own = (method: 'GET' | 'POST', url: string, payload?: object) => gz.app.inject({ method, url, headers: gz.headers, ...(payload ? { payload } : {}) });
        const [a, b, c] = await rows(provinces.get('52')!.url, `select id, name, id_number from people where member_status = 'active' and registry_status = 'active' order by id offset 10 limit 3`);
        const ask = (personId: number, toProvince = '53') =>
          own('POST', '/api/membership/interprovince-requests', { personId: Number(personId), toProvince, toOrgName: '云南省昆明市某某社区团支部', reason: '到昆明工作' });

        // Asked on 贵州's own server: not to its own province, once per member.
        const toSelf = await ask(a.id, '52');
        expect([toSelf.statusCode, toSelf.json().message]).toEqual([422, '转入省份就是本省（贵州省），请按省内转接办理']);
        for (const p of [a, b, c]) expect((await ask(p.id)).statusCode).toBe(200);
        expect((await ask(a.id)).json().message).toBe(`${a.name}有尚未办结的跨省转出申请，办结或撤回后才能再申请`);
        expect((await own('POST', '/api/membership/interprovince-requests/withdraw', { personId: Number(c.id) })).json()).toMatchObject({ status: 'withdrawn' });
        const mine = async (name: string) => {
          const r = await own('GET', '/api/membership/interprovince-transfers?pageSize=100');
          expect(r.statusCode, r.body).toBe(200);
          expect(r.json().national).toEqual({ province: '52', name: '贵州省' });
          return r.json().items.filter((i: { personName: string }) => i.personName === name);
        };
        expect(await mine(a.name)).toMatchObject([{ kind: 'request', status: 'requested', otherProvinceName: '云南省', otherOrgName: '云南省昆明市某某社区团支部', reason: '到昆明工作' }]);

        // The national administrator sees 贵州's open requests (not the withdrawn one), oldest first.
        const open = await call('GET', '/api/national/requests');
        expect(open.statusCode, open.body).toBe(200);
        expect(open.json().unreachable).toEqual([]);
        expect(open.json().items.map((i: { personName: string }) => i.personName)).toEqual([a.name, b.name]);
        const [ra, rb] = open.json().items as { id: number; provinceName: string; toProvinceName: string; idNumberMasked: string }[];
        expect(ra).toMatchObject({ provinceName: '贵州省', toProvinceName: '云南省' });
        expect(ra!.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);

        // Started with a branch of 云南 chosen from its directory: the request is marked started in the sending side's transaction.
        const started = await call('POST', `/api/national/requests/52/${ra!.id}/start`, { toOrgId: await branchOf('53') });
        expect(started.statusCode, started.body).toBe(200);
        expect(started.json()).toMatchObject({ status: 'pending', personName: a.name, fromProvinceName: '贵州省', toProvinceName: '云南省', reason: '到昆明工作' });
        const key = started.json().key as string;
        expect(await rows(provinces.get('52')!.url, 'select status, transfer_key from interprovince_requests where id = $1', [ra!.id])).toEqual([{ status: 'started', transfer_key: key }]);
        expect((await mine(a.name)).map((i: { kind: string; status: string }) => `${i.kind} ${i.status}`)).toEqual(['transfer pending']);
        expect((await call('POST', `/api/national/requests/52/${ra!.id}/start`, { toOrgId: await branchOf('53') })).json().message).toBe('该跨省转出申请已办理');

        // Declined with a reason the province's page shows; the withdrawn one cannot be started.
        const declined = await call('POST', `/api/national/requests/52/${rb!.id}/decline`, { reason: '转入组织名称不完整，请核实后重新申请' });
        expect(declined.statusCode, declined.body).toBe(200);
        expect(declined.json()).toMatchObject({ status: 'declined', personName: b.name });
        expect(await mine(b.name)).toMatchObject([{ kind: 'request', status: 'declined', decisionNote: '转入组织名称不完整，请核实后重新申请' }]);
        const [rc] = await rows(provinces.get('52')!.url, 'select id from interprovince_requests where person_id = $1', [c.id]);
        const withdrawn = await call('POST', `/api/national/requests/52/${rc.id}/start`, { toOrgId: await branchOf('53') });
        expect([withdrawn.statusCode, withdrawn.json().message]).toEqual([422, '该跨省转出申请已由转出方撤回']);
        expect((await national.query('select count(*)::int as n from national.transfers where id_number = $1', [c.id_number])).rows[0].n).toBe(0);

        // Accepted as any transfer: the member ends up in 云南 once.
        expect((await call('POST', `/api/national/transfers/${key}/accept`, {})).json()).toMatchObject({ status: 'completed' });
        expect(await whereIs(a.id_number)).toEqual({ '52': ['removed'], '53': ['active'], '45': [] });
        // 贵州's audit log: the request by its own administrator, the start and the decline under the national administrator's name.
        const logged = await rows(provinces.get('52')!.url, `select actor_name, action, after->>'status' as status from audit_log where entity = 'interprovince_requests' order by id`);
        expect(logged).toEqual(expect.arrayContaining([
          { actor_name: '团省委管理员', action: 'insert', status: 'requested' },
          { actor_name: '团省委管理员', action: 'update', status: 'withdrawn' },
          { actor_name: '团中央管理员（全国·跨省转接）', action: 'update', status: 'started' },
          { actor_name: '团中央管理员（全国·跨省转接）', action: 'update', status: 'declined' },
        ]));
      } finally {
        await app.close();
        await gz.app.close();
      }
    });

    it('the receiving side accepts on its own server or declines there, and the national server finishes either', async () => {
      const yn = await provinceApp('53');
      try {
        const own = (method: 'GET' | 'POST', url: string, payload?: object) => yn.app.inject({ method, url, headers: yn.headers, ...(payload ? { payload } : {}) });
        const [m1, m2] = await rows(provinces.get('52')!.url, `select id, name, id_number from people where member_status = 'active' and registry_status = 'active' order by id offset 20 limit 2`);
        const toOrgId = await branchOf('53');
        const k1 = await startTransfer(tier, { fromProvince: '52', personId: Number(m1.id), toProvince: '53', toOrgId, reason: '到昆明工作' });
        const k2 = await startTransfer(tier, { fromProvince: '52', personId: Number(m2.id), toProvince: '53', toOrgId, reason: '随迁' });

        // 云南's own page lists both, waiting for it.
        const listed = await own('GET', '/api/membership/interprovince-transfers?pageSize=100');
        expect(listed.statusCode, listed.body).toBe(200);
        const mine = listed.json().items.filter((i: { key: string }) => i.key === k1 || i.key === k2);
        expect(mine.map((i: { direction: string; status: string; otherProvinceName: string }) => `${i.direction} ${i.status} ${i.otherProvinceName}`)).toEqual(['in pending 贵州省', 'in pending 贵州省']);

        // Accepted there: the member is in 云南 at once, the registry with it; 贵州's row waits for the national server.
        const accepted = await own('POST', `/api/membership/interprovince-transfers/${k1}/accept`);
        expect(accepted.statusCode, accepted.body).toBe(200);
        expect(accepted.json()).toMatchObject({ status: 'accepted', personName: m1.name });
        expect(await whereIs(m1.id_number)).toEqual({ '52': ['active'], '53': ['active'], '45': [] });
        expect(await registry(m1.id_number)).toEqual([{ province: '53', transfer_key: k1 }]);
        expect((await own('POST', `/api/membership/interprovince-transfers/${k1}/accept`)).json().message).toBe('该跨省转接已接收');
        // Declined there, with a reason; nothing moves.
        const declined = await own('POST', `/api/membership/interprovince-transfers/${k2}/reject`, { reason: '该支部已撤并，请改转其他支部' });
        expect(declined.json()).toMatchObject({ status: 'rejected', decisionNote: '该支部已撤并，请改转其他支部' });
        expect((await rejectTransfer(tier, k1).catch((e: Error) => e.message))).toBe('转入方已接收，不能退回；请继续办结');

        // A third transfer whose pending row 云南 lost (a server back from a crash without its last commits), and
        // a round while 云南 does not answer: the next round after it returns writes the row again.
        const [m3] = await rows(provinces.get('52')!.url, `select id from people where member_status = 'active' and registry_status = 'active' order by id offset 22 limit 1`);
        const k3 = await startTransfer(tier, { fromProvince: '52', personId: Number(m3.id), toProvince: '53', toOrgId, reason: '到昆明工作' });
        await rows(provinces.get('53')!.url, `delete from interprovince_transfers where key = $1`, [k3]);
        clusters.stop('p53');
        expect((await settleTransfers(tier)).unreachable).toEqual(['云南省']);
        clusters.start('p53');

        // The national server finishes both from what 云南 decided, and writes the missing row.
        const settled = await settleTransfers(tier);
        expect(settled).toMatchObject({ completed: 1, rejected: 1, written: 1, failed: 0, unreachable: [] });
        expect(await rows(provinces.get('53')!.url, `select status from interprovince_transfers where key = $1 and direction = 'in'`, [k3])).toEqual([{ status: 'pending' }]);
        expect((await settleTransfers(tier)).written).toBe(0);
        await rejectTransfer(tier, k3, { reason: '测试结束' });
        const states = (await national.query('select key, status, decision_note, decided_by from national.transfers where key = any($1::uuid[]) order by status', [[k1, k2]])).rows;
        // Finished in the name of 云南's administrator, who decided, not the coordinator's.
        expect(states).toEqual([
          { key: k1, status: 'completed', decision_note: null, decided_by: '团省委管理员（云南省）' },
          { key: k2, status: 'rejected', decision_note: '该支部已撤并，请改转其他支部', decided_by: '团省委管理员（云南省）' },
        ]);
        expect(await rows(provinces.get('52')!.url, `select distinct actor_name from audit_log where entity = 'interprovince_transfers' and action = 'update'
             and entity_id in (select id::text from interprovince_transfers where key = any($1::uuid[]))`, [[k1, k2]])).toEqual([
          { actor_name: '团省委管理员（云南省）' },
        ]);
        expect(await whereIs(m1.id_number)).toEqual({ '52': ['removed'], '53': ['active'], '45': [] });
        expect(await whereIs(m2.id_number)).toEqual({ '52': ['active'], '53': [], '45': [] });
        expect(await registry(m2.id_number)).toEqual([{ province: '52', transfer_key: null }]);
        expect(await rows(provinces.get('52')!.url, `select key, status from interprovince_transfers where key = any($1::uuid[]) order by status`, [[k1, k2]])).toEqual([
          { key: k1, status: 'accepted' },
          { key: k2, status: 'rejected' },
        ]);
        // 云南's audit log names its own administrator for both decisions.
        const logged = await rows(provinces.get('53')!.url, `select action, after->>'status' as status from audit_log where entity = 'interprovince_transfers' and actor_name = '团省委管理员' order by id`);
        expect(logged.map((r) => `${r.action} ${r.status}`)).toEqual(['update accepted', 'update rejected']);
      } finally {
        await yn.app.close();
      }
    });
  });
});
