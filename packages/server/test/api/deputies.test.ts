import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { withSystem } from '../../src/db/context.js';
import { seedDeputiesDemo } from '../../src/seed/demo-deputies.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

process.env.TJ_TODAY = '2026-11-20';
const TODAY = '2026-11-20';
const YEAR = 2026;

/** 团代会代表 (issue 17, item 2): registry, stations, committees, the one liaison mechanism, figures, scope, import. */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let congressId: number;

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const HEADER = ['姓名', '性别', '出生日期', '民族', '政治面貌', '工作单位及职务', '联系电话', '身份类别', '选举单位', '代表联络站', '专委会', '专委会职务', '代表状态', '终止日期', '终止原因'];

async function sheetRows(res: { rawPayload: Buffer }): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!.rowCount - 1;
}

beforeAll(async () => {
  t = await createTestApp();
  await withSystem(t.database, 'demo', (tx) => seedDeputiesDemo(tx, { today: TODAY, year: YEAR }));
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  congressId = (await county.get('/api/registries/deputies/congresses')).json()[0].id;
});
afterAll(() => t?.close());

describe('团代会代表', () => {
  it('the demo congress: ~150 deputies, 12 stations, 3 committees; liaison figures equal the contacts counted directly', async () => {
    const congresses = (await county.get('/api/registries/deputies/congresses')).json();
    expect(congresses).toHaveLength(1);
    expect(congresses[0]).toMatchObject({ title: '余庆县第十八次团代会', level: 'county', term: 18, deputies: 150 });
    expect((await county.get(`/api/registries/deputies/stations?congressId=${congressId}`)).json()).toHaveLength(12);
    const committees = (await county.get(`/api/registries/deputies/committees?congressId=${congressId}`)).json();
    expect(committees.map((c: { name: string }) => c.name)).toEqual(['基层组织建设专委会', '青年发展专委会', '青少年权益保障专委会']);
    expect(committees.every((c: { members: unknown[] }) => c.members.length >= 5)).toBe(true);

    const fig = (await county.get(`/api/registries/deputies/liaison?orgId=${countyId}&year=${YEAR}`)).json();
    const [direct] = await systemRows<{ branches: number; contacts: number; deputies: number }>(
      t.database,
      sql`select count(distinct lc.org_id) filter (where o.type in ('branch', 'joint_branch'))::int as branches, count(*)::int as contacts, count(distinct l.deputy_id)::int as deputies
            from liaison_contacts lc join liaisons l on l.id = lc.liaison_id join organizations o on o.id = lc.org_id
           where l.deputy_id is not null and lc.contacted_on >= '2026-01-01'`,
    );
    const [branches] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from organizations where status = 'active' and type in ('branch', 'joint_branch')`);
    expect(fig.total).toMatchObject({ branchesContacted: direct!.branches, contacts: direct!.contacts, deputiesContacting: direct!.deputies, branches: branches!.n });
    // 贺州's 114, or every branch the (small) test county has.
    expect(fig.total.branchesContacted).toBe(Math.min(114, branches!.n));
    expect(fig.total.deputies).toBe(147); // three terminated
    expect(fig.byChild.reduce((s: number, g: { branchesContacted: number }) => s + g.branchesContacted, 0)).toBe(fig.total.branchesContacted);
    expect(fig.unattached).toBe(0);
  });

  it('a township sees the deputies it elected and their stations, not another township’s; it cannot register county congress deputies', async () => {
    const list = (await baini.get('/api/registries/deputies?pageSize=500')).json();
    expect(list.total).toBeGreaterThan(5);
    expect(list.items.every((d: { orgId: number; congressTitle: string }) => d.orgId === bainiId && d.congressTitle === '余庆县第十八次团代会')).toBe(true);
    const [other] = await systemRows<{ id: number }>(t.database, sql`select d.id from congress_deputies d join organizations o on o.id = d.org_id where o.name like '%龙溪镇%' limit 1`);
    expect((await baini.get(`/api/registries/deputies/${other!.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/registries/deputies/${other!.id}`)).statusCode).toBe(200);
    const refused = await baini.post('/api/registries/deputies', { congressId, orgId: bainiId, name: '越权代表', gender: 'male', categories: ['农村青年'] });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().message).toContain('团代会');
    const stations = (await baini.get('/api/registries/deputies/stations')).json();
    expect(stations.map((s: { name: string }) => s.name)).toEqual(['白泥镇团代表联络站']);
    // The township's own figures: its deputies and the branches of its area.
    const fig = (await baini.get(`/api/registries/deputies/liaison?orgId=${bainiId}&year=${YEAR}`)).json();
    expect(fig.total.deputies).toBe(list.items.filter((d: { status: string }) => d.status === 'serving').length);
  });

  it('registers an outside deputy, refuses bad input in Chinese, and the deputy’s liaison and contact count in the figures; audited', async () => {
    const before = (await county.get(`/api/registries/deputies/liaison?orgId=${countyId}&year=${YEAR}`)).json();
    const bad = await county.post('/api/registries/deputies', { congressId, orgId: bainiId, name: '韦小青', gender: 'female', categories: ['外星青年'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain('身份类别“外星青年”不在规则配置的代表身份类别中');
    const created = await county.post('/api/registries/deputies', { congressId, orgId: bainiId, name: '韦小青', gender: 'female', birthDate: '1999-04-01', categories: ['新就业群体'], unitPost: '外卖骑手' });
    expect(created.statusCode).toBe(200);
    const deputy = created.json();
    expect(deputy).toMatchObject({ status: 'serving', cadreId: null, congressTitle: '余庆县第十八次团代会', categories: ['新就业群体'] });
    const [branch] = await systemRows<{ id: number }>(
      t.database,
      sql`select b.id from organizations b where b.path <@ (select path from organizations where id = ${bainiId}) and b.type = 'branch' and b.status = 'active'
            and not exists (select 1 from liaisons l join liaison_contacts lc on lc.liaison_id = l.id where lc.org_id = b.id and l.deputy_id is not null and lc.contacted_on >= '2026-01-01')
          order by b.id limit 1`,
    );
    const liaison = await county.post(`/api/registries/deputies/${deputy.id}/liaisons`, { targetOrgId: branch!.id, since: '2026-03-01' });
    expect(liaison.statusCode).toBe(200);
    // The one liaison mechanism: the contact is logged through 联系服务 and the liaison names the deputy.
    const logged = await baini.post(`/api/liaisons/${liaison.json().id}/contacts`, { contactedOn: '2026-10-08', method: 'visit', content: '走访团支部了解骑手青年诉求' });
    expect(logged.json()).toMatchObject({ deputyId: deputy.id, cadreId: null, cadreName: '韦小青', role: 'deputy', contacts: 1 });
    const after = (await county.get(`/api/registries/deputies/liaison?orgId=${countyId}&year=${YEAR}`)).json();
    expect(after.total.deputies).toBe(before.total.deputies + 1);
    expect(after.total.deputiesContacting).toBe(before.total.deputiesContacting + 1);
    expect(after.total.contacts).toBe(before.total.contacts + 1);
    expect(after.total.branchesContacted).toBe(before.total.branchesContacted + (before.total.branchesContacted < before.total.branches ? 1 : 0));
    // The branch sees the deputy's liaison with it (its own records).
    const detail = (await county.get(`/api/registries/deputies/${deputy.id}`)).json();
    expect(detail.liaisonList).toHaveLength(1);
    expect(detail.contactsThisYear).toBe(1);

    const noReason = await county.patch(`/api/registries/deputies/${deputy.id}`, { status: 'terminated', terminatedOn: '2026-11-01' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toContain('终止资格须填写原因');
    const ended = await county.patch(`/api/registries/deputies/${deputy.id}`, { status: 'terminated', terminatedOn: '2026-11-01', terminationReason: '工作调动离开本县' });
    expect(ended.json()).toMatchObject({ status: 'terminated', liaisons: 0 });
    expect((await county.post(`/api/registries/deputies/${deputy.id}/liaisons`, { targetOrgId: branch!.id, since: '2026-11-02' })).statusCode).toBe(409);
    const audit = await systemRows<{ action: string; changed: string[] }>(t.database, sql`select action, changed from audit_log where entity = 'congress_deputies' and entity_id = ${String(deputy.id)} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
    expect(audit[1]!.changed).toEqual(expect.arrayContaining(['status', 'terminated_on', 'termination_reason']));
  });

  it('a deputy liaison through 联系服务 names a registered deputy; liaisons kept from before attach when the cadre is registered', async () => {
    const [branchOrg] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and type = 'branch' and status = 'active' order by id limit 1`);
    const [cadre] = await systemRows<{ id: number; name: string; gender: string; org_id: number }>(
      t.database,
      sql`insert into cadres (org_id, name, gender, id_number, birth_date, political_status, establishment)
          values (${branchOrg!.id}, '杨联系', 'male', '520329199801010012', '1998-01-01', '03', 'outside') returning id, name, gender, org_id`,
    );
    const refused = await baini.post('/api/liaisons', { cadreId: cadre!.id, role: 'deputy', targetOrgId: cadre!.org_id, since: '2026-05-04' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('不是在任的团代会代表，请先在团代会代表名册中登记');
    // A liaison of role deputy from before the registry (cadre only).
    const [old] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into liaisons (org_id, cadre_id, role, target_org_id, since) values (${cadre!.org_id}, ${cadre!.id}, 'deputy', ${cadre!.org_id}, '2025-05-04') returning id`,
    );
    expect((await county.get(`/api/registries/deputies/liaison?orgId=${countyId}&year=${YEAR}`)).json().unattached).toBe(1);
    const created = await county.post('/api/registries/deputies', { congressId, orgId: bainiId, cadreId: cadre!.id, name: cadre!.name, gender: cadre!.gender, categories: ['团干部'] });
    expect(created.statusCode).toBe(200);
    const [attached] = await systemRows<{ deputy_id: number }>(t.database, sql`select deputy_id from liaisons where id = ${old!.id}`);
    expect(Number(attached!.deputy_id)).toBe(created.json().id);
    expect((await county.get(`/api/registries/deputies/liaison?orgId=${countyId}&year=${YEAR}`)).json().unattached).toBe(0);
    const [person] = await systemRows<{ id: number }>(t.database, sql`select id from people where org_id = ${cadre!.org_id} order by id limit 1`);
    const ok = await baini.post('/api/liaisons', { cadreId: cadre!.id, role: 'deputy', targetPersonId: person!.id, since: '2026-05-04' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ deputyId: created.json().id, cadreId: cadre!.id, role: 'deputy' });
  });

  it('a branch sees the deputies’ liaisons with it and their contacts, not the deputies’ records', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const [deputy] = await systemRows<{ id: number; name: string }>(t.database, sql`select id, name from congress_deputies where org_id = ${bainiId} and status = 'serving' order by id limit 1`);
    const made = await county.post(`/api/registries/deputies/${deputy!.id}/liaisons`, { targetOrgId: me.scopeOrgId, since: '2026-01-10' });
    // The demo may already have this deputy on this branch: then that liaison is the one.
    const liaisonId = made.statusCode === 200 ? made.json().id : (await systemRows<{ id: number }>(t.database, sql`select id from liaisons where deputy_id = ${deputy!.id} and target_org_id = ${me.scopeOrgId}`))[0]!.id;
    await county.post(`/api/liaisons/${liaisonId}/contacts`, { contactedOn: '2026-06-01', method: 'meeting', content: '参加支部主题团日并座谈' });
    const seen = (await sec.get(`/api/liaisons?under=${me.scopeOrgId}&role=deputy`)).json();
    const mine = seen.find((l: { id: number }) => l.id === Number(liaisonId));
    expect(mine).toMatchObject({ role: 'deputy', deputyId: deputy!.id, targetOrgId: me.scopeOrgId });
    expect(mine.contacts).toBeGreaterThanOrEqual(1);
    expect(seen.every((l: { orgId: number }) => l.orgId === me.scopeOrgId)).toBe(true);
    expect((await sec.get(`/api/registries/deputies/${deputy!.id}`)).statusCode).toBe(404);
  });

  it('imports deputies: errors by row and column in Chinese and nothing written, then created, re-import updates; export has every row', async () => {
    const count = async () => (await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from congress_deputies where congress_id = ${congressId}`))[0]!.n;
    const n0 = await count();
    const bad = await county.post('/api/registries/deputies/import', {
      congressId,
      fileName: 'd.xlsx',
      contentBase64: await xlsx([
        HEADER,
        ['王导入', '男', '1997-03-02', '汉族', '共青团员', '电商创业青年', '13800000001', '农村青年', '白泥镇', '白泥镇团代表联络站', '', '', '在任', '', ''],
        ['李导入', '未知', '1996-01-01', '火星族', '', '', '123', '外星青年', '不存在镇', '', '', '', '终止资格', '', ''],
      ]),
    });
    expect(bad.statusCode).toBe(200);
    const errs = bad.json().errors as { row: number; column: string; message: string }[];
    expect(bad.json().written).toBe(false);
    expect(errs.every((e) => e.row === 3)).toBe(true);
    const byColumn = Object.fromEntries(errs.map((e) => [e.column, e.message]));
    expect(byColumn['性别']).toContain('应为男或女');
    expect(byColumn['民族']).toContain('民族“火星族”无效');
    expect(byColumn['联系电话']).toContain('格式不正确');
    expect(byColumn['身份类别']).toContain('外星青年');
    expect(byColumn['选举单位']).toContain('找不到“不存在镇”');
    expect(byColumn['终止日期']).toContain('终止资格须填写终止日期');
    expect(await count()).toBe(n0);
    const good = (status: string) => [
      HEADER,
      ['王导入', '男', '1997-03-02', '汉族', '共青团员', '电商创业青年', '13800000001', '农村青年、优秀青年代表', '白泥镇', '白泥镇团代表联络站', '青年发展专委会', '', status, '', ''],
    ];
    const ok = (await county.post('/api/registries/deputies/import', { congressId, fileName: 'd.xlsx', contentBase64: await xlsx(good('在任')) })).json();
    expect(ok).toMatchObject({ written: true, created: 1, updated: 0, errors: [] });
    expect(await count()).toBe(n0 + 1);
    const again = (await county.post('/api/registries/deputies/import', { congressId, fileName: 'd.xlsx', contentBase64: await xlsx(good('在任')) })).json();
    expect(again).toMatchObject({ written: true, created: 0, updated: 1 });
    const [imported] = (await county.get(`/api/registries/deputies?q=${encodeURIComponent('王导入')}`)).json().items;
    expect(imported).toMatchObject({ orgId: bainiId, stationName: '白泥镇团代表联络站', committeeName: '青年发展专委会', committeeRole: '委员', categories: ['农村青年', '优秀青年代表'] });
    const exported = await county.get(`/api/registries/deputies/export?congressId=${congressId}`);
    expect(exported.statusCode).toBe(200);
    expect(await sheetRows(exported)).toBe(await count());
    expect((await county.get('/api/registries/deputies/import-template')).statusCode).toBe(200);
  });
});
