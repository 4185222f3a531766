import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { AUDIT_ENTITIES } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { today } from '../../src/lib/clock.js';
import { seedRegistriesSmallDemo } from '../../src/seed/demo-registries-small.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';

process.env.TJ_TODAY = '2026-11-20';

/** Smaller registries of issue 17, item 6: configured post titles, programmes, 督导联系点, 党委研究团的工作, 青年社团, 青年发展规划. */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let longxiId: number;

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
async function sheetOf(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
const audited = async (entity: string, id: number) =>
  (await systemRows<{ action: string }>(t.database, sql`select action from audit_log where entity = ${entity} and entity_id = ${String(id)} order by id`)).map((a) => a.action);
const cadreBody = (org: number, name: string) => ({
  orgId: org, name, gender: 'female', idNumber: makeIdNumber('1999-03-15', 'female'), ethnicity: '01', education: '20', politicalStatus: '03',
  workUnit: '测试单位', establishment: 'outside', civilServant: false, localResident: true,
});

beforeAll(async () => {
  t = await createTestApp();
  const on = today();
  await withSystem(t.database, 'demo', (tx) => seedRegistriesSmallDemo(tx, { today: on, year: Number(on.slice(0, 4)) }));
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
}, 300_000);
afterAll(() => t?.close());

async function bainiBranch(): Promise<{ id: number; name: string }> {
  const [b] = await systemRows<{ id: number; name: string }>(t.database, sql`select id, name from organizations where parent_id = ${bainiId} and type = 'branch' and status = 'active' order by id limit 1`);
  return { id: Number(b!.id), name: b!.name };
}

describe('configured post titles (团支部书记助理…)', () => {
  it('records a configured title in a branch; lists, filters, counts and exports it; refuses it where not configured and an unknown title, naming 职务', async () => {
    const branch = await bainiBranch();
    const cadre = (await baini.post('/api/cadres', cadreBody(branch.id, '助理测试'))).json().id as number;
    const ok = await baini.post(`/api/cadres/${cadre}/posts`, { orgId: branch.id, title: '团支部书记助理', employment: 'part_time', startOn: '2026-03-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().posts).toEqual([expect.objectContaining({ title: '团支部书记助理', orgId: branch.id })]);
    const listed = (await baini.get(`/api/cadres?under=${bainiId}&title=${encodeURIComponent('团支部书记助理')}`)).json();
    expect(listed.items.map((c: { id: number }) => c.id)).toEqual([cadre]);
    const titles = (await baini.get(`/api/registries/post-titles?under=${bainiId}`)).json();
    expect(titles.find((x: { value: string }) => x.value === '团支部书记助理')).toMatchObject({ builtIn: false, countsAsMember: false, orgTypes: ['branch', 'joint_branch'], holders: 1 });
    const exported = await baini.get(`/api/cadres/export?under=${bainiId}`);
    expect(exported.statusCode).toBe(200);
    expect((await sheetOf(exported.rawPayload)).flat().join('|')).toContain(`${branch.name}团支部书记助理`);

    const other = (await baini.post('/api/cadres', cadreBody(bainiId, '错位测试'))).json().id as number;
    const wrongType = await baini.post(`/api/cadres/${other}/posts`, { orgId: bainiId, title: '团支部书记助理', employment: 'part_time', startOn: '2026-03-01' });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().message).toBe('乡镇团委不设“团支部书记助理”（规则配置的适用组织类型：团支部、联合团支部）');
    expect(wrongType.json().fields?.[0]?.field ?? wrongType.json().field).toBe('title');
    const unknown = await baini.post(`/api/cadres/${other}/posts`, { orgId: bainiId, title: '青年委员', employment: 'part_time', startOn: '2026-03-01' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().message).toContain('职务“青年委员”不是内置职务');
  });
});

describe('西部计划 and other programmes', () => {
  it('flags a cadre with a configured programme, counts and filters it; refuses an unconfigured programme; audited; out of scope 404', async () => {
    const branch = await bainiBranch();
    const cadre = (await baini.post('/api/cadres', cadreBody(branch.id, '西部计划测试'))).json().id as number;
    const bad = await baini.put('/api/registries/programs', { cadreId: cadre, program: '特岗教师', programYear: 2025 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain('专项计划“特岗教师”不在规则配置的专项计划中');
    const ok = await baini.put('/api/registries/programs', { cadreId: cadre, program: '西部计划', programYear: 2025 });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = ok.json().id as number;
    expect(await audited('service_program_flags', id)).toEqual(['insert']);
    const list = (await baini.get(`/api/registries/programs?under=${bainiId}&program=${encodeURIComponent('西部计划')}`)).json();
    expect(list.items).toEqual([expect.objectContaining({ kind: 'cadre', cadreId: cadre, name: '西部计划测试', program: '西部计划', programYear: 2025 })]);
    expect(list.tally).toEqual([{ program: '西部计划', cadres: 1, volunteers: 0 }]);
    expect((await longxi.put('/api/registries/programs', { cadreId: cadre, program: '西部计划', programYear: 2025 })).statusCode).toBe(404);
    const exported = await county.get(`/api/registries/programs/export?under=${countyId}`);
    expect((await sheetOf(exported.rawPayload))[1]).toEqual(['西部计划测试', '团干部', '西部计划', '2025', branch.name]);
    // The cadre list and the volunteer list filter by programme and count the flagged.
    const cadres = (await baini.get(`/api/cadres?under=${bainiId}&withoutPost=true&program=${encodeURIComponent('西部计划')}`)).json();
    expect(cadres.items.map((c: { id: number }) => c.id)).toEqual([cadre]);
    expect((await baini.get(`/api/cadres?under=${bainiId}&withoutPost=true&program=${encodeURIComponent('三支一扶')}`)).json().total).toBe(0);
    const [v] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into volunteers (org_id, name, id_number, gender, birth_date, registered_on) values (${branch.id}, '志愿者测试', ${makeIdNumber('2000-01-01', 'male')}, 'male', '2000-01-01', '2025-01-01') returning id`,
    );
    expect((await baini.put('/api/registries/programs', { volunteerId: Number(v!.id), program: '三支一扶', programYear: 2026 })).statusCode).toBe(200);
    const all = (await baini.get(`/api/org-life/volunteers?under=${bainiId}`)).json();
    expect(all.inPrograms).toBe(1);
    const vols = (await baini.get(`/api/org-life/volunteers?under=${bainiId}&program=${encodeURIComponent('三支一扶')}`)).json();
    expect(vols.items.map((x: { id: number }) => x.id)).toEqual([Number(v!.id)]);
    expect(vols.inPrograms).toBe(1);
  });
});

describe('督导联系点', () => {
  it('the county sees visits per township this year (every township, 0 for one without); a township sees only its own', async () => {
    const f = (await county.get(`/api/registries/supervision/figures?orgId=${countyId}`)).json();
    expect(f.year).toBe(2026);
    expect(f.rows.length).toBeGreaterThanOrEqual(10);
    expect(f.total).toBe(f.rows.reduce((s: number, r: { visits: number }) => s + r.visits, 0));
    expect(f.rows.at(-1).visits).toBe(0);
    expect(f.rows.every((r: { leaders: string }) => r.leaders.length > 0)).toBe(true);
    const [n] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from supervision_visits where extract(year from visited_on) = 2026`);
    expect(f.total).toBe(Number(n!.n));
    const own = (await baini.get(`/api/registries/supervision/contacts`)).json();
    expect(own.map((c: { orgId: number }) => c.orgId)).toEqual([bainiId]);
    const visits = (await baini.get(`/api/registries/supervision/visits?year=2026`)).json();
    expect(visits.items.every((v: { orgId: number }) => v.orgId === bainiId)).toBe(true);
    expect((await baini.get(`/api/registries/supervision/visits?under=${longxiId}`)).statusCode).toBe(404);
  });

  it('only the county assigns; a visit with a problem needs its follow-up; records are audited in Chinese', async () => {
    const refused = await baini.post('/api/registries/supervision/contacts', { orgId: bainiId, leaderName: '自派', assignedOn: '2026-01-01' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('督导联系点由县团委指派，乡镇不能为本乡镇指派');
    const notTownship = await county.post('/api/registries/supervision/contacts', { orgId: countyId, leaderName: '张三', assignedOn: '2026-01-01' });
    expect(notTownship.statusCode).toBe(422);
    const c = await county.post('/api/registries/supervision/contacts', { orgId: longxiId, leaderName: '李督导', leaderPost: '团县委副书记', assignedOn: '2026-02-01' });
    expect(c.statusCode, c.body).toBe(200);
    const contactId = c.json().id as number;
    expect(await audited('supervision_contacts', contactId)).toEqual(['insert']);
    const noFollowUp = await county.post('/api/registries/supervision/visits', { contactId, visitedOn: '2026-11-01', content: '督导换届筹备', problems: '委员缺额' });
    expect(noFollowUp.statusCode).toBe(422);
    expect(noFollowUp.json().message).toBe('发现问题的，请填写整改跟进情况');
    const v = await county.post('/api/registries/supervision/visits', { contactId, visitedOn: '2026-11-01', content: '督导换届筹备', problems: '委员缺额', followUp: '限期补选' });
    expect(v.statusCode, v.body).toBe(200);
    const visitId = v.json().id as number;
    expect((await longxi.patch(`/api/registries/supervision/visits/${visitId}`, { followUpDone: true })).json()).toMatchObject({ followUpDone: true, leaderName: '李督导' });
    expect(await audited('supervision_visits', visitId)).toEqual(['insert', 'update']);
    expect((await baini.patch(`/api/registries/supervision/visits/${visitId}`, { followUpDone: false })).statusCode).toBe(404);
    const log = (await county.get(`/api/audit?entity=supervision_visits&pageSize=5`)).json();
    expect(log.items[0]).toMatchObject({ entity: 'supervision_visits', entityId: String(visitId), label: '共青团余庆县龙溪镇委员会', changed: ['follow_up_done'], actorName: '龙溪镇团委书记' });
    expect(AUDIT_ENTITIES.supervision_visits!.label).toBe('督导走访');
  });

  it('imports visits from the export’s columns: errors by row and column, nothing written; then written', async () => {
    const header = ['联系乡镇', '联系领导', '督导日期', '督导内容', '发现问题', '整改跟进', '整改完成'];
    const [leader] = await systemRows<{ leader_name: string }>(t.database, sql`select leader_name from supervision_contacts where org_id = ${bainiId} limit 1`);
    const before = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from supervision_visits where org_id = ${bainiId}`);
    const bad = await county.post('/api/registries/supervision/visits/import', {
      orgId: countyId,
      fileName: 'visits.xlsx',
      contentBase64: await xlsx([header, ['白泥镇', leader!.leader_name, '2026-10-08', '导入走访', '', '', '否'], ['白泥镇', '王不在', '2026-10-09', '导入走访', '', '', '否'], ['不存在镇', leader!.leader_name, '2026-10-09', '导入走访', '', '', '否'], ['白泥镇', leader!.leader_name, '2026-10-10', '导入走访', '发现问题', '', '否']]),
    });
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({ total: 4, written: false, created: 0 });
    expect(bad.json().errors).toEqual([
      { row: 3, column: '联系领导', message: `王不在不是共青团余庆县白泥镇委员会的督导联系领导，请先指派联系点` },
      { row: 4, column: '联系乡镇', message: '在“共青团余庆县委员会”之下找不到“不存在镇”' },
      { row: 5, column: '整改跟进', message: '发现问题的，请填写整改跟进情况' },
    ]);
    const good = await county.post('/api/registries/supervision/visits/import', {
      orgId: countyId,
      fileName: 'visits.xlsx',
      contentBase64: await xlsx([header, ['白泥镇', leader!.leader_name, '2026-10-08', '导入走访', '', '', '否'], ['白泥镇', leader!.leader_name, '2026-10-10', '导入走访', '发现问题', '已整改', '是']]),
    });
    expect(good.json()).toMatchObject({ total: 2, created: 2, written: true, errors: [] });
    const after = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from supervision_visits where org_id = ${bainiId}`);
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(2);
    const exported = await county.get(`/api/registries/supervision/visits/export?under=${bainiId}&year=2026`);
    const rows = await sheetOf(exported.rawPayload);
    expect(rows[0]).toEqual(header);
    expect(rows.some((r) => r[3] === '导入走访' && r[6] === '是')).toBe(true);
  });
});

describe('党委研究团的工作', () => {
  it('the county sees which townships held it this year; a township records its own, with minutes; audited; not another township’s', async () => {
    const s = (await county.get(`/api/registries/party-meetings/status?orgId=${countyId}&year=2026`)).json();
    expect(s.dueMonth).toBe(6);
    expect(s.held + s.notHeld).toBe(s.rows.length);
    expect(s.notHeld).toBeGreaterThan(0);
    expect(s.rows.filter((r: { held: number; overdue: boolean }) => r.held === 0).every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    const missing = s.rows.find((r: { held: number }) => r.held === 0);
    const atBranch = await baini.post('/api/registries/party-meetings', { orgId: (await bainiBranch()).id, heldOn: '2026-11-02', meetingName: '党委会议', topics: '研究团的工作' });
    expect(atBranch.statusCode).toBe(422);
    expect(atBranch.json().message).toBe('党委研究团的工作记在乡镇团委或街道团工委');
    const [mine] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where id = ${missing.orgId}`);
    const created = await county.post('/api/registries/party-meetings', { orgId: Number(mine!.id), heldOn: '2026-11-02', meetingName: '党委会议（专题研究共青团工作）', topics: '研究团干部配备', attendance: '党委委员9人' });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    expect(await audited('party_league_meetings', id)).toEqual(['insert']);
    const after = (await county.get(`/api/registries/party-meetings/status?orgId=${countyId}&year=2026`)).json();
    expect(after.held).toBe(s.held + 1);
    expect(after.rows.find((r: { orgId: number }) => r.orgId === missing.orgId)).toMatchObject({ held: 1, lastHeldOn: '2026-11-02', overdue: false });
    const minutes = await county.post(`/api/registries/party-meetings/${id}/minutes`, { fileName: '纪要.pdf', contentBase64: 'JVBERi0xLjQK' });
    expect(minutes.statusCode, minutes.body).toBe(200);
    expect((await county.get(`/api/registries/party-meetings?under=${missing.orgId}&year=2026`)).json().items[0]).toMatchObject({ id, minutes: 1 });
    const other = missing.orgId === longxiId ? baini : longxi;
    expect((await other.post(`/api/registries/party-meetings/${id}/minutes`, { fileName: '纪要.pdf', contentBase64: 'JVBERi0xLjQK' })).statusCode).toBe(404);
    const own = (await baini.get(`/api/registries/party-meetings?year=2026`)).json();
    expect(own.items.every((m: { orgId: number }) => m.orgId === bainiId)).toBe(true);
  });
});

describe('党委研究团的工作 in 待办', () => {
  it('a township without this year’s meeting has it in its 待办, overdue after the configured month, until it records one', async () => {
    await systemRows(t.database, sql`delete from party_league_meetings where org_id = ${bainiId} and held_on >= '2026-01-01'`);
    const item = async () => {
      const inbox = (await baini.get('/api/inbox?pageSize=200')).json();
      return inbox.sources.find((x: { kind: string }) => x.kind === 'party_meeting')?.items?.[0];
    };
    expect(await item()).toMatchObject({
      title: '2026年乡镇党委尚未研究团的工作（已逾期）',
      deadline: '2026-06-30',
      overdue: true,
      org: { id: bainiId },
      link: `/daily/party-meetings?org=${bainiId}&year=2026`,
    });
    const ok = await baini.post('/api/registries/party-meetings', { orgId: bainiId, heldOn: '2026-11-18', meetingName: '镇党委会议', topics: '研究团的工作' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await item()).toBeUndefined();
  });
});

describe('青年社团 and 青年发展规划', () => {
  it('imports societies (row and column errors first, nothing written), lists counts, exports in the import’s columns', async () => {
    const header = ['社团名称', '所属组织', '社团类型', '成员数', '联系人', '联系电话', '是否活跃', '成立日期', '备注'];
    const bad = await baini.post('/api/registries/societies/import', {
      orgId: bainiId,
      fileName: 's.xlsx',
      contentBase64: await xlsx([header, ['白泥镇青年跑团', '', '文体类', 30, '张三', '13800000000', '是', '2025-05-04', ''], ['白泥镇棋社', '', '棋牌类', 10, '', '', '是', '', ''], ['白泥镇读书会', '', '兴趣爱好类', '十', '', '', '也许', '', '']]),
    });
    expect(bad.json()).toMatchObject({ total: 3, written: false });
    expect(bad.json().errors).toEqual([
      { row: 3, column: '社团类型', message: '社团类型无效' },
      { row: 4, column: '成员数', message: '成员数“十”应为非负整数' },
      { row: 4, column: '是否活跃', message: '是否活跃应填“是”或“否”' },
    ]);
    const before = (await baini.get('/api/registries/societies')).json();
    const good = await baini.post('/api/registries/societies/import', {
      orgId: bainiId,
      fileName: 's.xlsx',
      contentBase64: await xlsx([header, ['白泥镇青年跑团', '', '文体类', 30, '张三', '13800000000', '是', '2025-05-04', ''], ['白泥镇读书会', '', '兴趣爱好类', 12, '', '', '否', '', '']]),
    });
    expect(good.json()).toMatchObject({ created: 2, written: true });
    const after = (await baini.get('/api/registries/societies')).json();
    expect(after.total).toBe(before.total + 2);
    expect(after.active).toBe(before.active + 1);
    expect(after.members).toBe(before.members + 42);
    expect(after.items.every((s: { orgId: number }) => s.orgId === bainiId)).toBe(true);
    const rows = await sheetOf((await baini.get('/api/registries/societies/export?q=' + encodeURIComponent('跑团'))).rawPayload);
    expect(rows).toEqual([header, ['白泥镇青年跑团', '共青团余庆县白泥镇委员会', '文体类', '30', '张三', '13800000000', '是', '2025-05-04']]);
    expect((await longxi.patch(`/api/registries/societies/${after.items[0].id}`, { active: false })).statusCode).toBe(404);
  });

  it('the county’s plan measures with progress; progress and status must agree (named field); an update is audited', async () => {
    const plan = (await county.get('/api/registries/plan-measures')).json();
    expect(plan.summary.total).toBe(10);
    expect(plan.summary.byStatus).toEqual({ not_started: 1, in_progress: 6, completed: 2, delayed: 1 });
    const bad = await county.post('/api/registries/plan-measures', { orgId: countyId, planTitle: '规划', measure: '新措施', responsibleUnit: '团县委', progress: 50, status: 'completed' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe('状态为已完成的，进度应为100%');
    const delayed = plan.items.find((m: { status: string }) => m.status === 'delayed');
    const upd = await county.patch(`/api/registries/plan-measures/${delayed.id}`, { progress: 100, status: 'completed', notes: '提前完成' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ progress: 100, status: 'completed' });
    expect(await audited('youth_plan_measures', delayed.id)).toEqual(['insert', 'update']);
    expect((await baini.get('/api/registries/plan-measures')).json().items).toEqual([]);
  });
});
