import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_SECTIONS, indicatorScore, percentOf, type api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { seedReportsDemo } from '../../src/seed/demo-reports.js';
import { insertPerson } from '../factories.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

/* 报送任务: every transition and refusal, figures frozen at submission as of the deadline, scope, compiling. */

function todayCn(): string {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let longxiId: number;
let taskId: number;
const pinned = process.env.TJ_TODAY;

const texts = Object.fromEntries(DEFAULT_REPORT_SECTIONS.map((s) => [s.key, `${s.title}：本期白泥镇团委按计划推进各项工作，情况良好。`]));

async function submissionOf(session: Session, task: number, org: number): Promise<api.reports.SubmissionDetail> {
  const detail = (await session.get(`/api/reports/tasks/${task}`)).json() as api.reports.TaskDetail;
  const item = detail.submissions.find((s) => s.org.id === org)!;
  return (await session.get(`/api/reports/submissions/${item.id}`)).json();
}

async function membersUnder(org: number): Promise<number> {
  const [r] = await systemRows<{ n: number }>(
    t.database,
    sql`select count(*)::int as n from people p join organizations o on o.id = p.org_id
         where p.member_status = 'active' and o.path <@ (select path from organizations where id = ${org})`,
  );
  return r!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  await withSystem(t.database, 'demo', (tx) => seedReportsDemo(tx, { today: todayCn(), year: Number(todayCn().slice(0, 4)) }));
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  const tasks = (await county.get('/api/reports/tasks')).json() as api.reports.TaskItem[];
  taskId = tasks.find((x) => x.title.includes('半年共青团工作总结'))!.id;
});
afterEach(() => {
  if (pinned === undefined) delete process.env.TJ_TODAY;
  else process.env.TJ_TODAY = pinned;
});
afterAll(() => t?.close());

describe('the seeded half-year task', () => {
  it('the county sees the progress of every township, in every state', async () => {
    const detail = (await county.get(`/api/reports/tasks/${taskId}`)).json() as api.reports.TaskDetail;
    expect(detail.isIssuer).toBe(true);
    expect(detail.issuer.id).toBe(countyId);
    const townships = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from organizations where parent_id = ${countyId} and type in ('township', 'subdistrict') and status = 'active'`);
    expect(detail.submissions).toHaveLength(townships[0]!.n);
    const statuses = new Set(detail.submissions.map((s) => s.status));
    expect([...statuses].sort()).toEqual(['accepted', 'draft', 'returned', 'submitted']);
    expect(detail.progress!.total).toBe(detail.submissions.length);
    expect(detail.progress!.reported).toBe(detail.submissions.filter((s) => s.status === 'submitted' || s.status === 'accepted').length);
    expect(detail.submissions.find((s) => s.org.id === bainiId)!.status).toBe('draft');
    expect(detail.sections.map((s) => s.title)).toEqual(['工作开展情况', '特色经验做法', '存在现实问题', '下步工作打算', '薄弱工作环节', '难点敏感数字']);
  });

  it('a township sees the task issued above it and only its own report', async () => {
    const list = (await baini.get('/api/reports/tasks')).json() as api.reports.TaskItem[];
    const item = list.find((x) => x.id === taskId)!;
    expect(item.isIssuer).toBe(false);
    expect(item.progress).toBeNull();
    expect(item.mine).toMatchObject({ status: 'draft' });
    const detail = (await baini.get(`/api/reports/tasks/${taskId}`)).json() as api.reports.TaskDetail;
    expect(detail.submissions.map((s) => s.org.id)).toEqual([bainiId]);
    // Another township's report: invisible.
    const longxiSub = await submissionOf(county, taskId, longxiId);
    expect((await baini.get(`/api/reports/submissions/${longxiSub.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/reports/submissions/${item.mine!.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/reports/tasks/${taskId}`)).body).not.toContain('白泥');
  });
});

describe('workflow', () => {
  it('fill, submit (figures frozen), return with a reason, resubmit, accept — with every refusal', async () => {
    const mine = await submissionOf(baini, taskId, bainiId);
    expect(mine.isRecipient).toBe(true);
    expect(mine.figuresFrozen).toBe(false);
    expect(mine.actions.find((a) => a.action === 'submit')!.problems).toContain('「工作开展情况」尚未填写');

    // Submitting empty sections is refused with each missing section named.
    let res = await baini.post(`/api/reports/submissions/${mine.id}/submit`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('「难点敏感数字」尚未填写');

    // Too short; unknown section.
    res = await baini.post(`/api/reports/submissions/${mine.id}/submit`, { texts: { ...texts, weak: '太短' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('「薄弱工作环节」至少10个字');
    res = await baini.put(`/api/reports/submissions/${mine.id}`, { texts: { nonsense: '不存在的部分内容' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('报告模板中没有这些部分');

    // The issuer cannot write the township's report; a viewer cannot write at all.
    res = await county.put(`/api/reports/submissions/${mine.id}`, { texts });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('报告由报送单位填写，发布单位只能退回或接收');
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.put(`/api/reports/submissions/${mine.id}`, { texts })).statusCode).toBe(403);

    // Save, then submit: figures are taken now (deadline later than today) and frozen.
    expect((await baini.put(`/api/reports/submissions/${mine.id}`, { texts })).statusCode).toBe(200);
    const before = await membersUnder(bainiId);
    expect((await baini.post(`/api/reports/submissions/${mine.id}/submit`, {})).statusCode).toBe(200);
    let detail = (await baini.get(`/api/reports/submissions/${mine.id}`)).json() as api.reports.SubmissionDetail;
    expect(detail.status).toBe('submitted');
    expect(detail.figuresFrozen).toBe(true);
    expect(detail.figures.asOf).toBe(todayCn());
    expect(detail.figures.values.members!.value).toBe(before);
    expect(detail.texts.work).toBe(texts.work);
    // A new member later does not change the submitted figure.
    const [branch] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and type = 'branch' and status = 'active' order by id limit 1`);
    await insertPerson(t.database, { orgId: Number(branch!.id), memberStatus: 'active', birthDate: '2005-06-01' });
    expect(await membersUnder(bainiId)).toBe(before + 1);
    detail = (await baini.get(`/api/reports/submissions/${mine.id}`)).json();
    expect(detail.figures.values.members!.value).toBe(before);

    // Refusals after submission.
    res = await baini.post(`/api/reports/submissions/${mine.id}/submit`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('报告已报送，不能再次报送');
    res = await baini.put(`/api/reports/submissions/${mine.id}`, { texts });
    expect(res.json().message).toContain('报告已报送，不能修改');
    res = await baini.post(`/api/reports/submissions/${mine.id}/accept`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('只有发布任务的单位可以接收报告');
    res = await baini.post(`/api/reports/submissions/${mine.id}/return`, { reason: '自己退回' });
    expect(res.statusCode).toBe(403);

    // Return needs a reason.
    res = await county.post(`/api/reports/submissions/${mine.id}/return`, { reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('退回原因');
    res = await county.post(`/api/reports/submissions/${mine.id}/return`, { reason: '请补充“三新”领域建团的具体数据。' });
    expect(res.statusCode).toBe(200);
    detail = (await baini.get(`/api/reports/submissions/${mine.id}`)).json();
    expect(detail.status).toBe('returned');
    expect(detail.returnReason).toBe('请补充“三新”领域建团的具体数据。');
    expect(detail.reviewedBy).toBeTruthy();
    expect(detail.figuresFrozen).toBe(false);
    expect(detail.nextStep).toContain('退回');
    res = await county.post(`/api/reports/submissions/${mine.id}/accept`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('报告已退回，只能接收已报送的报告');
    res = await county.post(`/api/reports/submissions/${mine.id}/return`, { reason: '再退一次' });
    expect(res.json().message).toContain('只能退回已报送的报告');

    // Resubmit: figures taken again (now with the new member), then accepted.
    expect((await baini.post(`/api/reports/submissions/${mine.id}/submit`, { texts: { ...texts, work: `${texts.work}已补充数据。` } })).statusCode).toBe(200);
    detail = (await baini.get(`/api/reports/submissions/${mine.id}`)).json();
    expect(detail.figures.values.members!.value).toBe(before + 1);
    expect((await county.post(`/api/reports/submissions/${mine.id}/accept`, {})).statusCode).toBe(200);
    detail = (await county.get(`/api/reports/submissions/${mine.id}`)).json();
    expect(detail.status).toBe('accepted');
    res = await county.post(`/api/reports/submissions/${mine.id}/return`, { reason: '接收后退回' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('报告已接收');
    res = await baini.put(`/api/reports/submissions/${mine.id}`, { texts });
    expect(res.json().message).toContain('报告已接收，不能修改');
  });

  it('after the deadline, figures are as of the deadline (its month-end snapshot)', async () => {
    const today = todayCn();
    // A deadline at the end of this month; the snapshot of this month is taken; then a member joins.
    const [y, m] = today.split('-').map(Number) as [number, number];
    const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const res = await baini.post('/api/reports/tasks', {
      orgId: bainiId,
      title: '村级团组织改革进展',
      period: `${y}年${m}月`,
      deadline: monthEnd,
      sections: [{ key: 'progress', title: '改革进展' }],
      figures: ['members', 'member_youth_ratio', 'branches'],
    });
    expect(res.statusCode).toBe(200);
    const { id: task, recipients } = res.json();
    expect(recipients).toBeGreaterThan(0);
    const [child] = await systemRows<{ id: number }>(t.database, sql`select org_id as id from report_submissions where task_id = ${task} order by id limit 1`);
    const childId = Number(child!.id);
    const atDeadline = await membersUnder(childId);
    await systemRows(t.database, sql`select tj_take_snapshot(${today.slice(0, 7)})`);
    await insertPerson(t.database, { orgId: childId, memberStatus: 'active', birthDate: '2006-01-01' });
    // An account of the recipient organization.
    await systemRows(
      t.database,
      sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
          select 'branch_rep', '下级报送员', password_hash, 'org_admin', ${childId}, false from accounts where username = 'branch_secretary'`,
    );
    const rep = await loginAs(t.app, 'branch_rep');
    const sub = await submissionOf(rep, task, childId);
    expect(sub.isRecipient).toBe(true);
    // Ten days after the deadline: a late submission, figures as of the deadline.
    process.env.TJ_TODAY = addDays(monthEnd, 10);
    expect((await rep.post(`/api/reports/submissions/${sub.id}/submit`, { texts: { progress: '本支部改革进展顺利，已完成换届和团员教育评议。' } })).statusCode).toBe(200);
    const detail = (await rep.get(`/api/reports/submissions/${sub.id}`)).json() as api.reports.SubmissionDetail;
    expect(detail.figures.asOf).toBe(monthEnd);
    expect(detail.figures.basis).toContain(`${today.slice(0, 7)}月末快照`);
    expect(detail.figures.values.members!.value).toBe(atDeadline);
    expect(detail.late).toBe(true);
    // The township (issuer) sees it, the county too (above the issuer); 龙溪镇 does not.
    expect((await baini.get(`/api/reports/submissions/${sub.id}`)).json().isIssuer).toBe(true);
    expect((await longxi.get(`/api/reports/tasks/${task}`)).statusCode).toBe(404);
  });

  it('issuing refuses bad templates and deadlines; closing stops writing', async () => {
    const base = { orgId: countyId, title: '改革进展报送', period: '第四季度', deadline: addDays(todayCn(), 5), sections: [...DEFAULT_REPORT_SECTIONS], figures: ['members'] };
    let res = await county.post('/api/reports/tasks', { ...base, deadline: addDays(todayCn(), -1) });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('截止日期不能早于今天');
    res = await county.post('/api/reports/tasks', { ...base, figures: ['nonsense'] });
    expect(res.statusCode).toBe(400);
    res = await county.post('/api/reports/tasks', { ...base, sections: [{ key: 'a', title: '进展' }, { key: 'a', title: '问题' }] });
    expect(res.json().message).toContain('部分编码「a」重复');
    res = await county.post('/api/reports/tasks', { ...base, recipientTypes: ['subdistrict'] });
    expect(res.json().message).toContain('没有可报送的下级组织');
    expect((await baini.post('/api/reports/tasks', { ...base })).statusCode).toBe(404);
    expect((await (await loginAs(t.app, 'county_viewer')).post('/api/reports/tasks', base)).statusCode).toBe(403);

    res = await county.post('/api/reports/tasks', { ...base, recipientTypes: ['township'] });
    expect(res.statusCode).toBe(200);
    const task = res.json().id as number;
    const mine = await submissionOf(baini, task, bainiId);
    expect((await baini.post(`/api/reports/tasks/${task}/close`, {})).statusCode).toBe(403);
    expect((await county.post(`/api/reports/tasks/${task}/close`, {})).statusCode).toBe(200);
    expect((await county.post(`/api/reports/tasks/${task}/close`, {})).json().message).toBe('报送任务已结束');
    res = await baini.put(`/api/reports/submissions/${mine.id}`, { texts: { work: '任务结束后填写的内容' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('报送任务已结束，不能再填写或报送');
  });
});

describe('compiling', () => {
  it('compiles the submitted and accepted reports into one document and one workbook', async () => {
    const c = (await county.get(`/api/reports/tasks/${taskId}/compiled`)).json() as api.reports.CompiledReport;
    const detail = (await county.get(`/api/reports/tasks/${taskId}`)).json() as api.reports.TaskDetail;
    const reported = detail.submissions.filter((s) => s.status === 'submitted' || s.status === 'accepted');
    expect(c.included.map((s) => s.id).sort()).toEqual(reported.map((s) => s.id).sort());
    expect(c.missing.length).toBe(detail.submissions.length - reported.length);
    const sum = c.included.reduce((s, x) => s + (x.figures.values.members!.value ?? 0), 0);
    expect(c.total.members!.value).toBe(sum);
    const num = c.included.reduce((s, x) => s + (x.figures.values.member_youth_ratio!.numerator ?? 0), 0);
    const den = c.included.reduce((s, x) => s + (x.figures.values.member_youth_ratio!.denominator ?? 0), 0);
    expect(c.total.member_youth_ratio!.value).toBe(percentOf(num, den));

    const started = Date.now();
    const res = await county.get(`/api/reports/tasks/${taskId}/export`);
    const ms = Date.now() - started;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据汇总', '1.工作开展情况', '2.特色经验做法', '3.存在现实问题', '4.下步工作打算', '5.薄弱工作环节', '6.难点敏感数字']);
    const figures = wb.getWorksheet('数据汇总')!;
    expect(String(figures.getCell(3, 1).value)).toBe('报送单位');
    const totalRow = 4 + c.included.length;
    expect(figures.getCell(totalRow, 1).value).toBe('合计');
    const membersCol = 4 + c.figureKeys.indexOf('members');
    expect(figures.getCell(totalRow, membersCol).value).toBe(sum);
    const work = wb.getWorksheet('1.工作开展情况')!;
    expect(String(work.getCell(4, 2).value)).toBe(c.included[0]!.texts.work);
    console.log(`compile export of ${c.included.length} reports: ${ms} ms`);
  });
});
