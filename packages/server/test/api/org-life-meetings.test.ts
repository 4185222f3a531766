import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';
import { TINY_PNG_BASE64 } from './scope-samples-org-life.js';

process.env.TJ_TODAY = '2026-11-20';
const attachmentDir = mkdtempSync(join(tmpdir(), 'tj-attachments-'));
process.env.ATTACHMENT_DIR = attachmentDir;

let t: TestContext;
let baini: Session;
let longxi: Session;
let viewer: Session;
let townshipId: number;
let branchId: number;
let otherBranchId: number;
let members: number[];
let outsider: number;
let neighbour: number;

const minutes = '会议由支部书记主持，学习了团章，围绕主题交流发言，并布置了下月工作。';

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  viewer = await loginAs(t.app, 'county_viewer');
  townshipId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  // A branch of its own, so that demo meetings (if loaded) do not blur the figures.
  const created = await baini.post('/api/orgs', { parentId: townshipId, name: '白泥镇组织生活测试团支部', type: 'branch', sector: 'other', foundedOn: '2020-01-01' });
  expect(created.statusCode, created.body).toBe(200);
  branchId = created.json().id;
  members = [];
  for (const name of ['出席甲', '出席乙', '出席丙', '缺席丁']) members.push((await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2001-02-03', name })).id);
  const [other] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${townshipId} and type = 'branch' and id <> ${branchId} order by id limit 1`);
  otherBranchId = Number(other!.id);
  neighbour = (await insertPerson(t.database, { orgId: otherBranchId, memberStatus: 'active', birthDate: '2002-02-02', name: '邻支部团员' })).id;
  const longxiTown = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  const [lx] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${longxiTown} and type = 'branch' order by id limit 1`);
  outsider = (await insertPerson(t.database, { orgId: Number(lx!.id), memberStatus: 'active', birthDate: '2002-03-03', name: '龙溪团员' })).id;
});
afterAll(() => t?.close());

const plan = (body: Record<string, unknown>) => baini.post('/api/org-life/meetings', { orgId: branchId, topic: '测试会议', ...body });

describe('三会两制一课: plan, record with attendance, compliance', () => {
  it('records a theme day with attendance from the member list, and the branch’s compliance changes', async () => {
    const q = `/api/org-life/meetings/compliance?orgId=${branchId}&from=2026-10-01&to=2026-10-31`;
    const before = (await baini.get(q)).json();
    expect(before.items[0]).toMatchObject({ orgId: branchId, required: 3, met: 0, behind: true });
    expect(before.items[0].shortfalls).toContain('2026年10月主题团日少1次');

    const planned = await plan({ kind: 'theme_day', topic: '学习二十大 永远跟党走', plannedOn: '2026-10-12', place: '村委会会议室', plan: '集中学习、交流发言、重温入团誓词' });
    expect(planned.statusCode, planned.body).toBe(200);
    const meeting = planned.json();
    expect(meeting).toMatchObject({ status: 'planned', documentation: { planned: true, recorded: false, archived: false } });
    expect(meeting.roster.map((r: { personId: number }) => r.personId).sort()).toEqual([...members].sort());

    const recorded = await baini.post(`/api/org-life/meetings/${meeting.id}/record`, {
      heldOn: '2026-10-15',
      minutes,
      presentIds: members.slice(0, 3),
      absentIds: [members[3]],
      absenceReasons: { [members[3]!]: '外出务工' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'held', heldOn: '2026-10-15', expected: 4, present: 3, documentation: { recorded: true } });
    expect(recorded.json().attendance.find((a: { present: boolean }) => !a.present)).toMatchObject({ name: '缺席丁', absenceReason: '外出务工' });

    const after = (await baini.get(q)).json();
    expect(after.items[0]).toMatchObject({ met: 1, behind: true, lastHeldOn: '2026-10-15' });
    expect(after.items[0].shortfalls).not.toContain('2026年10月主题团日少1次');
    expect(after.items[0].kinds.find((k: { kind: string }) => k.kind === 'theme_day')).toMatchObject({ required: 1, met: 1, held: 1, short: 0 });
  });

  it('shows a branch what is due this month and what is planned', async () => {
    const due = (await baini.get(`/api/org-life/meetings/due?orgId=${branchId}`)).json();
    expect(due.items.find((i: { kind: string }) => i.kind === 'theme_day')).toMatchObject({ state: 'due', period: '2026年11月', remaining: 1 });
    expect(due.registration).toMatchObject({ year: 2026, members: 4, registered: 0 });
    expect(due.appraisal).toMatchObject({ year: 2025, members: 4 });
    await plan({ kind: 'theme_day', plannedOn: '2026-11-27' });
    const later = (await baini.get(`/api/org-life/meetings/due?orgId=${branchId}`)).json();
    expect(later.items.find((i: { kind: string }) => i.kind === 'theme_day')).toMatchObject({ state: 'planned', planned: 1 });
    expect(later.upcoming[0]).toMatchObject({ kind: 'theme_day', plannedOn: '2026-11-27' });
    const township = await baini.get(`/api/org-life/meetings/due?orgId=${townshipId}`);
    expect(township.statusCode).toBe(422);
  });

  it('refuses what the rules forbid, each with its reason', async () => {
    const atTownship = await baini.post('/api/org-life/meetings', { orgId: townshipId, kind: 'theme_day', topic: '乡镇会议', plannedOn: '2026-11-25' });
    expect(atTownship.statusCode).toBe(422);
    expect(atTownship.json().message).toContain('请选择团支部');
    const longAgo = await plan({ kind: 'lecture', plannedOn: '2025-06-01' });
    expect(longAgo.json().message).toBe('计划日期不能早于一年前');

    const general = (await plan({ kind: 'general_meeting', plannedOn: '2026-11-10' })).json();
    const rec = (body: Record<string, unknown>) => baini.post(`/api/org-life/meetings/${general.id}/record`, { heldOn: '2026-11-10', minutes, presentIds: members.slice(0, 3), absentIds: [members[3]], ...body });
    // Someone outside the caller's scope: 404 before any rule.
    const foreign = await rec({ presentIds: [outsider, ...members.slice(0, 3)] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().fields[0].field).toBe('presentIds');
    // Someone in scope but not on this branch's list.
    const notOnList = await rec({ presentIds: [neighbour, ...members.slice(0, 3)] });
    expect(notOnList.statusCode).toBe(422);
    expect(notOnList.json().message).toContain('不在本支部团员名单中');
    expect((await rec({ absentIds: [] })).json().message).toContain('支部团员大会应由全体团员参加，还有1名团员未登记出席或缺席');
    expect((await rec({ minutes: '开会' })).json().message).toContain('请填写会议记录');
    expect((await rec({ heldOn: '2026-11-21' })).json().message).toContain('召开日期不能晚于今天');
    expect((await rec({})).statusCode).toBe(200);
    const again = await rec({});
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该会议已记录，不能重复记录');
    expect((await baini.patch(`/api/org-life/meetings/${general.id}`, { topic: '改主题' })).statusCode).toBe(409);
    expect((await baini.post(`/api/org-life/meetings/${general.id}/cancel`, { reason: '取消' })).json().message).toBe('该会议已召开，不能取消');
    const detail = (await baini.get(`/api/org-life/meetings/${general.id}`)).json();
    expect(detail.quorum).toBe(true);
    expect(detail.can).toMatchObject({ record: false, cancel: false, upload: true });

    const committee = (await plan({ kind: 'committee_meeting', plannedOn: '2026-11-25' })).json();
    const cancelled = await baini.post(`/api/org-life/meetings/${committee.id}/cancel`, { reason: '书记外出培训，改期召开' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', minutes: '取消原因：书记外出培训，改期召开' });
    expect((await baini.post(`/api/org-life/meetings/${committee.id}/record`, { heldOn: '2026-11-19', minutes, presentIds: [members[0]] })).json().message).toBe('该会议已取消，不能记录');
  });

  it('keeps meetings inside the line of authority', async () => {
    const m = (await plan({ kind: 'group_meeting', plannedOn: '2026-11-26' })).json();
    expect((await longxi.get(`/api/org-life/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await longxi.post(`/api/org-life/meetings/${m.id}/cancel`, { reason: '越权取消' })).statusCode).toBe(404);
    expect((await longxi.get(`/api/org-life/meetings/compliance?orgId=${branchId}`)).statusCode).toBe(404);
    const list = (await longxi.get('/api/org-life/meetings?pageSize=500')).json();
    expect(list.items.every((i: { orgName: string }) => !i.orgName.includes('白泥'))).toBe(true);
    expect((await viewer.get(`/api/org-life/meetings/${m.id}`)).statusCode).toBe(200);
    expect((await viewer.post('/api/org-life/meetings', { orgId: branchId, kind: 'lecture', topic: '查看员', plannedOn: '2026-11-26' })).statusCode).toBe(403);
  });
});

describe('attachments', () => {
  const png = Buffer.from(TINY_PNG_BASE64, 'base64');
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  let meetingId: number;

  beforeAll(async () => {
    meetingId = (await plan({ kind: 'lecture', plannedOn: '2026-11-05' })).json().id;
  });

  it('stores a photo by its content in the attachment directory, scoped like its meeting, and archives the meeting', async () => {
    const res = await baini.post(`/api/org-life/meetings/${meetingId}/attachments`, { fileName: '签到.png', mimeType: 'application/pdf', contentBase64: TINY_PNG_BASE64 });
    expect(res.statusCode, res.body).toBe(200);
    // The declared type is not trusted: the stored type is sniffed.
    expect(res.json()).toMatchObject({ fileName: '签到.png', mimeType: 'image/png', size: png.length });
    const [row] = await systemRows<{ sha256: string; org_id: number }>(t.database, sql`select sha256, org_id from attachments where id = ${res.json().id}`);
    expect(Number(row!.org_id)).toBe(branchId);
    expect(readdirSync(join(attachmentDir, row!.sha256.slice(0, 2), row!.sha256.slice(2, 4)))).toContain(row!.sha256);

    const download = await baini.get(`/api/org-life/attachments/${res.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect((await longxi.get(`/api/org-life/attachments/${res.json().id}`)).statusCode).toBe(404);

    await baini.post(`/api/org-life/meetings/${meetingId}/record`, { heldOn: '2026-11-06', minutes, presentIds: members.slice(0, 2) });
    const detail = (await baini.get(`/api/org-life/meetings/${meetingId}`)).json();
    expect(detail.documentation).toEqual({ planned: false, recorded: true, archived: true });
    expect(detail.attachments).toHaveLength(1);
    // The same content twice is stored once.
    const second = await baini.post(`/api/org-life/meetings/${meetingId}/attachments`, { fileName: '照片2.png', contentBase64: TINY_PNG_BASE64 });
    const rows = await systemRows<{ sha256: string }>(t.database, sql`select distinct sha256 from attachments where owner_id = ${meetingId} and owner_type = 'meeting'`);
    expect(second.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
  });

  it('refuses files by content, name and size', async () => {
    const up = (fileName: string, content: Buffer) => baini.post(`/api/org-life/meetings/${meetingId}/attachments`, { fileName, contentBase64: content.toString('base64') });
    const exe = await up('报告.pdf', Buffer.from('MZ\x90\x00 this is a program'));
    expect(exe.statusCode).toBe(422);
    expect(exe.json().message).toContain('只能上传');
    const disguised = await up('会议记录.pdf', png);
    expect(disguised.json().message).toBe('文件内容是PNG 图片，与扩展名“.pdf”不符');
    expect((await up('签到表.pdf', pdf)).statusCode).toBe(200);
    const bad = await baini.post(`/api/org-life/meetings/${meetingId}/attachments`, { fileName: 'x.png', contentBase64: '@@not base64@@' });
    expect(bad.statusCode).toBe(400);
    // A 3 MB scan passes (the route's body limit is raised above the app's 2 MB for uploads).
    expect((await up('扫描件.pdf', Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024, 32)]))).statusCode).toBe(200);
    // The size limit is the rule's (attachmentMaxMb, here lowered to 1 MB).
    await systemRows(t.database, sql`insert into rule_settings (section, value) values ('youthWork', '{"attachmentMaxMb": 1}'::jsonb)
      on conflict (section) do update set value = excluded.value`);
    const big = Buffer.concat([pdf, Buffer.alloc(1024 * 1024 + 10, 32)]);
    const tooBig = await up('大文件.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toContain('超过上限1MB');
    await systemRows(t.database, sql`delete from rule_settings where section = 'youthWork'`);
    const outside = await longxi.post(`/api/org-life/meetings/${meetingId}/attachments`, { fileName: 'x.png', contentBase64: TINY_PNG_BASE64 });
    expect(outside.statusCode).toBe(404);
  });
});

describe('branches behind as pages', () => {
  it('lists the branches behind in tree order, page after page, with the whole subtree\'s figures on every page', async () => {
    let full = (await baini.get(`/api/org-life/meetings/compliance?orgId=${townshipId}&page=1&pageSize=500`)).json();
    // Rates falling along the tree: the first behind branches held meetings of the first kind, fewer each.
    const first = full.items.filter((i: { behind: boolean }) => i.behind).map((i: { orgId: number }) => i.orgId);
    const firstInTree = await systemRows<{ id: number }>(t.database, sql`select id from organizations where id = any(${sql.param(first)}::bigint[]) order by path limit 4`);
    for (const [k, b] of firstInTree.entries())
      for (let m = 1; m <= 6 - 2 * k; m++) {
        const day = `2026-${String(m).padStart(2, '0')}-10`;
        await systemRows(t.database, sql`insert into meetings (org_id, kind, topic, planned_on, held_on, status) values (${Number(b.id)}, ${full.requirements[0].kind}, '补开', ${day}, ${day}, 'held') returning id`);
      }
    full = (await baini.get(`/api/org-life/meetings/compliance?orgId=${townshipId}&page=1&pageSize=500`)).json();
    const behindIds = new Set(full.items.filter((i: { behind: boolean }) => i.behind).map((i: { orgId: number }) => i.orgId));
    const tree = await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o, organizations t where t.id = ${townshipId} and o.path <@ t.path and o.type in ('branch', 'joint_branch') and o.status = 'active' order by o.path`,
    );
    const want = tree.map((r) => Number(r.id)).filter((id) => behindIds.has(id));
    expect(want.length).toBeGreaterThan(4);
    const rateOf = new Map(full.items.map((i: { orgId: number; rate: number }) => [i.orgId, i.rate]));
    // Not the order of the rates: the walk stops once the page is filled.
    expect(want.slice(0, 4).map((id) => rateOf.get(id))).not.toEqual(want.slice(0, 4).map((id) => rateOf.get(id)).sort((a, b) => (a as number) - (b as number)));
    const pages = [];
    for (const page of [1, 2]) {
      const r = (await baini.get(`/api/org-life/meetings/compliance?orgId=${townshipId}&behindOnly=true&page=${page}&pageSize=2`)).json();
      expect(r).toMatchObject({ branches: full.branches, behind: full.behind, rate: full.rate, total: want.length, page, pageSize: 2 });
      pages.push(...r.items.map((i: { orgId: number }) => i.orgId));
    }
    expect(pages).toEqual(want.slice(0, 4));
  });
});

describe('lists export to Excel', () => {
  it('exports meetings and compliance with Chinese headers', async () => {
    const res = await baini.get(`/api/org-life/meetings/export?under=${branchId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['组织', '会议类型', '主题', '会后归档']));
    expect(sheet.rowCount).toBeGreaterThan(3);
    const compliance = await baini.get(`/api/org-life/meetings/compliance/export?orgId=${townshipId}&behindOnly=true`);
    expect(compliance.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(compliance.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.getRow(1).values).toEqual(expect.arrayContaining(['团支部', '完成率', '缺项']));
  });
});
