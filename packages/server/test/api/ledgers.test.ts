import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { LEDGERS, ledgersOfKind, type api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { seedCadresDemo } from '../../src/seed/demo-cadres.js';
import { seedDailyWorkDemo } from '../../src/seed/demo-daily-work.js';
import { seedMembershipDemo } from '../../src/seed/demo-membership.js';
import { seedOrgLifeDemo } from '../../src/seed/demo-org-life.js';
import { DEMO_SNAPSHOT_MONTHS, seedStatsDemo } from '../../src/seed/demo-stats.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

const TODAY = '2026-11-20';
process.env.TJ_TODAY = TODAY;
process.env.ATTACHMENT_DIR ??= mkdtempSync(join(tmpdir(), 'tj-attachments-'));

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let bainiOrgs: Set<string>;

beforeAll(async () => {
  t = await createTestApp();
  await withSystem(t.database, '演示数据', async (tx) => {
    await seedMembershipDemo(tx, TODAY);
    await seedCadresDemo(tx, { today: TODAY, year: 2026 });
    await seedOrgLifeDemo(tx, { today: TODAY, year: 2026 });
    await seedDailyWorkDemo(tx, { today: TODAY, year: 2026 });
  });
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  const rows = await systemRows<{ name: string }>(
    t.database,
    sql`select o.name from organizations o, organizations b where b.id = ${bainiId} and o.path <@ b.path`,
  );
  bainiOrgs = new Set(rows.map((r) => r.name));
}, 240_000);
afterAll(() => t?.close());

type Page = api.ledgers.LedgerPage;

async function wholeLedger(s: Session, key: string, org: number, year = 2026): Promise<Page> {
  const first = await s.get(`/api/stats/ledgers/${key}?orgId=${org}&year=${year}&pageSize=500`);
  expect(first.statusCode, first.body).toBe(200);
  const page = first.json() as Page;
  for (let p = 2; (p - 1) * 500 < page.total; p++) {
    const next = await s.get(`/api/stats/ledgers/${key}?orgId=${org}&year=${year}&pageSize=500&page=${p}`);
    expect(next.statusCode, next.body).toBe(200);
    page.items.push(...(next.json() as Page).items);
  }
  expect(page.items).toHaveLength(page.total);
  return page;
}

/** The column that places a record in the tree. */
const orgColumn = (key: string) => (key === 'org_settings' ? 'name' : 'orgName');

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}

describe('the ledger catalogue (台账)', () => {
  it('lists 4 organization, 5 work and 2 youth ledgers with Chinese headers', async () => {
    const res = await baini.get('/api/stats/ledgers');
    expect(res.statusCode).toBe(200);
    const list = res.json() as api.ledgers.LedgerInfo[];
    expect(list.filter((l) => l.kind === 'organization')).toHaveLength(4);
    expect(list.filter((l) => l.kind === 'work')).toHaveLength(5);
    expect(list.filter((l) => l.kind === 'youth')).toHaveLength(2);
    for (const l of list) for (const c of l.columns) expect(c.label).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('each ledger of a township', () => {
  for (const def of LEDGERS) {
    it(`${def.title}: the seeded records of 白泥镇 only`, async () => {
      const own = await wholeLedger(baini, def.key, bainiId);
      expect(own.total, `${def.title} has records in 白泥镇`).toBeGreaterThan(0);
      expect(own.columns.map((c) => c.label)).toEqual(def.columns.map((c) => c.label));
      const at = own.columns.findIndex((c) => c.key === orgColumn(def.key));
      for (const row of own.items) expect(bainiOrgs.has(String(row[at])), `${row[at]} is in 白泥镇`).toBe(true);
      // The county's ledger holds more (other townships), and 白泥镇's rows among them.
      const all = await county.get(`/api/stats/ledgers/${def.key}?orgId=${countyId}&year=2026&pageSize=1`);
      expect(all.statusCode).toBe(200);
      expect((all.json() as Page).total).toBeGreaterThan(own.total);
    });
  }

  it('counts the same people as the dashboard (members, youth by year of birth)', async () => {
    const dash = (await baini.get(`/api/stats/dashboard?orgId=${bainiId}`)).json() as api.Dashboard;
    const roster = (await baini.get(`/api/stats/ledgers/roster?orgId=${bainiId}&pageSize=1`)).json() as Page;
    const youth = (await baini.get(`/api/stats/ledgers/youth_roster?orgId=${bainiId}&pageSize=1`)).json() as Page;
    expect(roster.total).toBe(dash.people.members);
    expect(youth.total).toBe(dash.people.youth);
  });

  it('shows the records as the registries hold them (dues in yuan, meetings of the year)', async () => {
    const [dues] = await systemRows<{ n: number; fen: number }>(
      t.database,
      sql`select count(*)::int as n, coalesce(sum(d.amount_fen), 0)::int as fen from dues_payments d join organizations o on o.id = d.org_id, organizations b
           where b.id = ${bainiId} and o.path <@ b.path and d.period like '2026-%'`,
    );
    const ledger = await wholeLedger(baini, 'dues', bainiId);
    expect(ledger.total).toBe(dues!.n);
    const amountAt = ledger.columns.findIndex((c) => c.key === 'amount');
    const fen = ledger.items.reduce((s, r) => s + Math.round(Number(r[amountAt]) * 100), 0);
    expect(fen).toBe(dues!.fen);
    expect(String(ledger.items[0]![amountAt])).toMatch(/^\d+\.\d{2}$/);

    const [meetings] = await systemRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from meetings m join organizations o on o.id = m.org_id, organizations b
           where b.id = ${bainiId} and o.path <@ b.path and coalesce(m.held_on, m.planned_on) between '2026-01-01' and '2026-12-31'`,
    );
    expect((await wholeLedger(baini, 'org_life', bainiId)).total).toBe(meetings!.n);
    // A year without records gives an empty ledger, not an error.
    const old = await baini.get(`/api/stats/ledgers/org_life?orgId=${bainiId}&year=2001`);
    expect(old.statusCode).toBe(200);
    expect(old.json().total).toBe(0);
    expect(old.json().periodText).toBe('2001年度');
  });

  it('pages', async () => {
    const p1 = (await baini.get(`/api/stats/ledgers/roster?orgId=${bainiId}&pageSize=5&page=1`)).json() as Page;
    const p2 = (await baini.get(`/api/stats/ledgers/roster?orgId=${bainiId}&pageSize=5&page=2`)).json() as Page;
    expect(p1.items).toHaveLength(5);
    expect(p2.items).toHaveLength(5);
    expect(p1.items[0]).not.toEqual(p2.items[0]);
    expect(p2.total).toBe(p1.total);
  });
});

describe('export to Excel', () => {
  it('one ledger: title, unit line and the Chinese headers, one row per record', async () => {
    const page = await wholeLedger(baini, 'cadres', bainiId);
    const res = await baini.get(`/api/stats/ledgers/cadres/export?orgId=${bainiId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('团干部台账');
    const wb = await workbookOf(res.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('团干部台账');
    expect(ws.getCell(1, 1).value).toBe('团干部台账');
    expect(String(ws.getCell(2, 1).value)).toContain('共青团余庆县白泥镇委员会');
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual(['序号', ...LEDGERS.find((l) => l.key === 'cadres')!.columns.map((c) => c.label)]);
    expect(ws.actualRowCount).toBe(3 + page.total);
  });

  it('a kind of ledgers in one workbook, one sheet each', async () => {
    const res = await baini.get(`/api/stats/ledger-kinds/work/export?orgId=${bainiId}&year=2026`);
    expect(res.statusCode).toBe(200);
    const wb = await workbookOf(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(ledgersOfKind('work').map((l) => l.title.replace(/[\\/?*[\]:]/g, '').slice(0, 31)));
    const dues = wb.worksheets.find((w) => w.name === '团费收缴台账')!;
    const page = (await baini.get(`/api/stats/ledgers/dues?orgId=${bainiId}&year=2026&pageSize=1`)).json() as Page;
    expect(dues.actualRowCount).toBe(3 + page.total);
  });
});

describe('scope', () => {
  it('another township cannot read or export 白泥镇 ledgers', async () => {
    for (const url of [
      `/api/stats/ledgers/roster?orgId=${bainiId}`,
      `/api/stats/ledgers/org_settings?orgId=${bainiId}`,
      `/api/stats/ledgers/appeals/export?orgId=${bainiId}`,
      `/api/stats/ledger-kinds/youth/export?orgId=${bainiId}`,
    ]) {
      const res = await longxi.get(url);
      expect([403, 404], url).toContain(res.statusCode);
    }
  });

  it('refuses an unknown ledger with a Chinese message', async () => {
    const res = await baini.get(`/api/stats/ledgers/nope?orgId=${bainiId}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('台账');
  });
});

describe('month-end history of the demo county (seedStatsDemo)', () => {
  it('freezes the figures of each past month end from the records, once', async () => {
    await withSystem(t.database, '演示数据', (tx) => seedStatsDemo(tx, { today: TODAY, year: 2026 }));
    const months = async () =>
      (await systemRows<{ month: string }>(t.database, sql`select distinct month from stat_snapshots where org_id = ${countyId} order by month`)).map((r) => r.month);
    const list = await months();
    expect(list).toHaveLength(DEMO_SNAPSHOT_MONTHS);
    expect(list[0]).toBe('2024-11');
    expect(list.at(-1)).toBe('2026-10');
    await withSystem(t.database, '演示数据', (tx) => seedStatsDemo(tx, { today: TODAY, year: 2026 }));
    expect(await months()).toEqual(list);

    // The October snapshot = today's rollups, less the members who joined since, plus those who left since.
    const [now] = await systemRows<{ members: number }>(t.database, sql`select value::int as members from org_rollups where org_id = ${bainiId} and metric = 'members:total'`);
    const [moved] = await systemRows<{ joined: number; left: number }>(
      t.database,
      sql`select count(*) filter (where p.member_status = 'active' and p.joined_on > '2026-10-31')::int as joined,
                 count(*) filter (where p.member_status = 'left' and p.left_on > '2026-10-31' and coalesce(p.joined_on, '1900-01-01') <= '2026-10-31')::int as left
            from people p join organizations o on o.id = p.org_id, organizations b
           where b.id = ${bainiId} and o.path <@ b.path and p.registry_status = 'active'`,
    );
    const table = await baini.get(`/api/stats/tables/members?orgId=${bainiId}&asOf=2026-10`);
    expect(table.statusCode, table.body).toBe(200);
    const t10 = table.json() as api.StatTableResult;
    const membersAt = t10.columns.findIndex((c) => c.key === 'members');
    expect(t10.total[membersAt]).toBe(now!.members - moved!.joined + moved!.left);
    // Another township cannot read 白泥镇's snapshots.
    expect([403, 404]).toContain((await longxi.get(`/api/stats/snapshots?orgId=${bainiId}`)).statusCode);
    const own = (await baini.get(`/api/stats/snapshots?orgId=${bainiId}`)).json() as { month: string }[];
    expect(own.map((s) => s.month).sort()).toEqual(list);
  });
});
