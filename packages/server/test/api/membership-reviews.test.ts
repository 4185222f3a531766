import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { addMember, makeUnit, thisYear, todayCn } from './scope-samples-membership.js';

let t: TestContext;
let baini: Session;
let longxi: Session;
let unit: { unitId: number; branchIds: number[]; names: string[] };
let today: string;
let Y: number;
const m: Record<string, { id: number; idNumber: string; masked: string }> = {};

type Step = [step: string, actedOn: string, data?: Record<string, unknown>];

/** A complete, regular admission: applied at 16 two years ago, approved last year. */
function regularSteps(): Step[] {
  const a = Y - 2;
  const b = Y - 1;
  return [
    ['application', `${a}-03-01`],
    ['recommendation', `${a}-03-15`, { kind: 'member' }],
    ['activist', `${a}-04-01`, { contactMemberId: 1 }],
    ['training', `${a}-05-01`, { hours: 4 }],
    ['training', `${a}-06-01`, { hours: 4 }],
    ['candidate', `${a}-08-01`],
    ['application_form', `${a}-09-01`, { sponsorIds: [1, 2] }],
    ['branch_meeting', `${b}-01-10`, { entitled: 10, present: 8, votesFor: 7 }],
    ['approval', `${b}-02-20`],
    ['oath', `${b}-05-04`],
  ];
}

const replace = (steps: Step[], step: string, by: Step | null): Step[] =>
  steps.flatMap((s) => (s[0] === step ? (by ? [by] : []) : [s]));

/** A member admitted through a recorded development case (system insert, as the development module would leave it). */
async function admitted(key: string, name: string, steps: Step[], opts: { birthDate?: string; branch?: number; status?: 'active' | 'left' } = {}) {
  const branch = opts.branch ?? unit.branchIds[0]!;
  const approval = steps.find((s) => s[0] === 'approval')?.[1] ?? `${Y - 1}-02-20`;
  const p = await addMember(t, branch, { name, birthDate: opts.birthDate ?? `${Y - 18}-01-${String(10 + Object.keys(m).length).padStart(2, '0')}`, joinedOn: approval, memberStatus: opts.status ?? 'active' });
  m[key] = p;
  const [c] = await systemRows<{ id: number }>(
    t.database,
    sql`insert into development_cases (person_id, branch_id, status, stage, started_on, approved_on)
        values (${p.id}, ${branch}, 'admitted', 'oath', ${steps[0]![1]}::date, ${approval}::date) returning id`,
  );
  for (const [step, on, data] of steps) {
    await systemRows(
      t.database,
      sql`insert into development_steps (case_id, branch_id, step, acted_on, actor, data)
          values (${Number(c!.id)}, ${branch}, ${step}, ${on}::date, '经办人', ${JSON.stringify(data ?? {})}::jsonb)`,
    );
  }
  return Number(c!.id);
}

const caseIds: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  unit = await makeUnit(t, '白泥镇', '白泥镇回头看测试团总支', 2);
  today = todayCn();
  Y = thisYear();
  const reg = regularSteps();
  caseIds.good = await admitted('good', '程序完整', reg);
  caseIds.missing = await admitted('missing', '缺少程序', replace(replace(reg, 'recommendation', null), 'activist', null));
  caseIds.age = await admitted('age', '年龄不足', reg, { birthDate: `${Y - 15}-01-05` });
  caseIds.hours = await admitted('hours', '学时不足', replace(replace(reg, 'training', null), 'candidate', ['candidate', `${Y - 2}-08-01`]).concat([['training', `${Y - 2}-05-01`, { hours: 6 }]]));
  caseIds.obs = await admitted('obs', '考察期短', replace(reg, 'candidate', ['candidate', `${Y - 2}-05-15`]));
  caseIds.vote = await admitted('vote', '表决不足', replace(reg, 'branch_meeting', ['branch_meeting', `${Y - 1}-01-10`, { entitled: 10, present: 5, votesFor: 5 }]));
  caseIds.sponsor = await admitted('sponsor', '介绍人少', replace(reg, 'application_form', ['application_form', `${Y - 2}-09-01`, { sponsorIds: [7] }]), { branch: unit.branchIds[1] });
  caseIds.late = await admitted('late', '超期审批', replace(reg, 'approval', ['approval', `${Y - 1}-06-20`]), { branch: unit.branchIds[1] });
  caseIds.multi = await admitted(
    'multi',
    '多项问题',
    replace(replace(replace(reg, 'training', null), 'application_form', ['application_form', `${Y - 2}-09-01`, { sponsorIds: [7] }]), 'candidate', ['candidate', `${Y - 2}-08-01`]).concat([
      ['training', `${Y - 2}-05-01`, { hours: 2 }],
    ]),
    { branch: unit.branchIds[1] },
  );
  // Not checked: approved before the period, or no longer a member.
  caseIds.before = await admitted('before', '往年入团', replace(reg, 'approval', ['approval', `${Y - 2}-12-01`]).filter((s) => s[0] !== 'oath'));
  caseIds.leftOne = await admitted('leftOne', '已离团者', replace(reg, 'branch_meeting', ['branch_meeting', `${Y - 1}-01-10`, { entitled: 10, present: 2, votesFor: 2 }]), { status: 'left' });
  // Members on the roll without any development record: one admitted in the period, one earlier.
  m.norec = await addMember(t, unit.branchIds[1]!, { name: '无档案', age: 20, joinedOn: `${Y - 1}-07-01` });
  m.norecOld = await addMember(t, unit.branchIds[1]!, { name: '老团员', age: 21, joinedOn: `${Y - 3}-07-01` });
});
afterAll(() => t?.close());

const period = () => ({ periodFrom: `${Y - 1}-01-01`, periodTo: `${Y - 1}-12-31` });
const open = (s: Session, body: Record<string, unknown> = {}) => s.post('/api/membership/reviews', { orgId: unit.unitId, title: `${Y - 1}年度入团“回头看”`, ...period(), ...body });

let reviewId: number;
let findings: { id: number; personId: number; rule: string; detail: string; status: string }[];
const findingOf = (key: string, rule: string) => findings.find((f) => f.personId === m[key]!.id && f.rule === rule)!;

describe('回头看', () => {
  it('checks every member admitted in the period and records one finding per problem', async () => {
    const res = await open(baini);
    expect(res.statusCode, res.body).toBe(200);
    const review = res.json();
    reviewId = review.id;
    expect(review).toMatchObject({ orgId: unit.unitId, status: 'open', checked: 10, found: 9, revoked: 0, openFindings: 10, openedOn: today, ...period() });
    findings = review.findings;
    const byPerson = (key: string) => findings.filter((f) => f.personId === m[key]!.id).map((f) => f.rule).sort();
    expect(byPerson('good')).toEqual([]);
    expect(byPerson('missing')).toEqual(['missing_steps']);
    expect(byPerson('age')).toEqual(['application_age']);
    expect(byPerson('hours')).toEqual(['training_hours']);
    expect(byPerson('obs')).toEqual(['observation_period']);
    expect(byPerson('vote')).toEqual(['meeting_vote']);
    expect(byPerson('sponsor')).toEqual(['sponsors']);
    expect(byPerson('late')).toEqual(['approval_late']);
    expect(byPerson('multi')).toEqual(['sponsors', 'training_hours']);
    expect(byPerson('norec')).toEqual(['no_record']);
    for (const key of ['before', 'leftOne', 'norecOld']) expect(byPerson(key)).toEqual([]);

    expect(findingOf('missing', 'missing_steps').detail).toBe('缺少程序：推优入团/团员推荐、确定入团积极分子');
    expect(findingOf('age', 'application_age').detail).toBe(`申请入团时13周岁（${Y - 2}-03-01），应在14周岁以上、28周岁以下`);
    expect(findingOf('hours', 'training_hours').detail).toBe('团课6学时，少于8学时');
    expect(findingOf('obs', 'observation_period').detail).toBe(`确定积极分子于${Y - 2}-04-01，确定发展对象于${Y - 2}-05-15，考察期不足3个月`);
    expect(findingOf('vote', 'meeting_vote').detail).toBe('支部大会应到10人、实到5人、赞成5票，不符合到会超过半数、赞成票超过应到会半数的规定');
    expect(findingOf('sponsor', 'sponsors').detail).toBe('入团介绍人1名，应为2名');
    expect(findingOf('late', 'approval_late').detail).toBe(`支部大会于${Y - 1}-01-10通过，${Y - 1}-06-20才审批，超过3个月时限（应在${Y - 1}-04-10前）`);
    expect(findingOf('norec', 'no_record').detail).toBe('没有入团程序记录（发展档案）');
    const f = findingOf('vote', 'meeting_vote');
    expect(review.findings.find((x: { id: number }) => x.id === f.id)).toMatchObject({ personName: '表决不足', idNumberMasked: m.vote!.masked, orgId: unit.branchIds[0], status: 'open' });
  });

  it('takes its figures from the rules configuration', async () => {
    await systemRows(t.database, sql`insert into rule_settings (section, value) values ('development', ${JSON.stringify({ trainingHoursMin: 6 })}::jsonb)`);
    try {
      const review = (await open(baini, { title: '学时标准调整后复查' })).json();
      const rules = review.findings.filter((x: { personId: number }) => x.personId === m.hours!.id || x.personId === m.multi!.id).map((x: { rule: string; detail: string }) => x.detail);
      expect(rules).toContain('团课2学时，少于6学时');
      expect(review.findings.some((x: { personId: number }) => x.personId === m.hours!.id)).toBe(false);
    } finally {
      await systemRows(t.database, sql`delete from rule_settings where section = 'development'`);
    }
  });

  it('refuses an inverted or future period, and a period with no admissions closes at once', async () => {
    const inverted = await open(baini, { periodFrom: `${Y - 1}-12-31`, periodTo: `${Y - 1}-01-01` });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().message).toBe('检查期间的开始日期不能晚于结束日期');
    const future = await open(baini, { periodTo: `${Y + 1}-01-01` });
    expect(future.json().message).toBe('检查期间不能晚于今天');
    const empty = (await open(baini, { title: '十年前', periodFrom: `${Y - 10}-01-01`, periodTo: `${Y - 10}-12-31` })).json();
    expect(empty).toMatchObject({ checked: 0, found: 0, status: 'closed', findings: [] });
  });

  it('confirms a finding: the member is revoked (清退), with the case and an event', async () => {
    const f = findingOf('vote', 'meeting_vote');
    const noNote = await baini.post(`/api/membership/review-findings/${f.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委' });
    expect(noNote.statusCode).toBe(400);
    const res = await baini.post(`/api/membership/review-findings/${f.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委', note: '经核实，支部大会到会人数不足' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: f.id, status: 'confirmed', note: '经核实，支部大会到会人数不足' });
    const [p] = await systemRows<{ member_status: string; left_reason: string; left_on: string }>(
      t.database,
      sql`select member_status, left_reason, left_on::text as left_on from people where id = ${m.vote!.id}`,
    );
    expect(p).toEqual({ member_status: 'left', left_reason: 'revoked', left_on: today });
    const [c] = await systemRows<{ status: string }>(t.database, sql`select status from development_cases where id = ${caseIds.vote}`);
    expect(c!.status).toBe('revoked');
    const [e] = await systemRows<{ kind: string; reason: string; approved_by: string }>(t.database, sql`select kind, reason, approved_by from membership_events where person_id = ${m.vote!.id}`);
    expect(e).toMatchObject({ kind: 'revoked', approved_by: '白泥镇团委' });
    expect(e!.reason).toContain('支部大会表决不符合规定');
    const again = await baini.post(`/api/membership/review-findings/${f.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委', note: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该问题已核实处理');
    // 清退 cannot be undone by 恢复团籍.
    const back = await baini.post(`/api/membership/people/${m.vote!.id}/reinstate`, { reason: '申请恢复', onDate: today, approvedBy: '白泥镇团委' });
    expect(back.statusCode).toBe(422);
    expect(back.json().message).toBe('经“回头看”清退的不能恢复团籍，须按程序重新发展');
  });

  it('ends every open finding about the same person with the revocation', async () => {
    const f = findingOf('multi', 'training_hours');
    expect((await baini.post(`/api/membership/review-findings/${f.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委', note: '属实' })).statusCode).toBe(200);
    const review = (await baini.get(`/api/membership/reviews/${reviewId}`)).json();
    const multi = review.findings.filter((x: { personId: number }) => x.personId === m.multi!.id);
    expect(multi.map((x: { status: string }) => x.status)).toEqual(['confirmed', 'confirmed']);
    expect(review).toMatchObject({ checked: 10, found: 9, revoked: 2, openFindings: 7 });
  });

  it('refuses to revoke a member whose transfer is under way, and dismisses findings with a note', async () => {
    const f = findingOf('obs', 'observation_period');
    const tr = (await baini.post('/api/membership/transfers', { personId: m.obs!.id, toOrgId: unit.branchIds[1], toOrgName: unit.names[1], reason: '调整' })).json();
    const refused = await baini.post(`/api/membership/review-findings/${f.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委', note: '属实' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe('考察期短有待处理的组织关系转接，请先办结');
    await baini.post(`/api/membership/transfers/${tr.id}/cancel`, {});

    const noNote = await baini.post(`/api/membership/review-findings/${f.id}/dismiss`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toContain('核实情况');
    const dismissed = await baini.post(`/api/membership/review-findings/${f.id}/dismiss`, { note: '考察期起算日期登记有误，实际已满3个月' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', note: '考察期起算日期登记有误，实际已满3个月' });
    const [p] = await systemRows<{ member_status: string }>(t.database, sql`select member_status from people where id = ${m.obs!.id}`);
    expect(p!.member_status).toBe('active');
  });

  it('refuses to revoke a member who already left or moved out of the auditor’s scope', async () => {
    // The second review (after the rules changed) holds its own finding about the member revoked above.
    const reviews = (await baini.get(`/api/membership/reviews?under=${unit.unitId}`)).json();
    const second = (await baini.get(`/api/membership/reviews/${reviews.find((r: { title: string }) => r.title === '学时标准调整后复查').id}`)).json();
    const stale = second.findings.find((x: { personId: number }) => x.personId === m.vote!.id);
    const left = await baini.post(`/api/membership/review-findings/${stale.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委', note: '属实' });
    expect(left.statusCode).toBe(409);
    expect(left.json().message).toBe('表决不足已离团，不是在册团员');

    const f = findingOf('sponsor', 'sponsors');
    const county = await loginAs(t.app, 'county_admin');
    const longxiBranch = (await county.get(`/api/membership/org-directory?q=${encodeURIComponent('龙溪镇卫生院团支部')}`)).json()[0];
    const tr = (await baini.post('/api/membership/transfers', { personId: m.sponsor!.id, toOrgId: longxiBranch.id, toOrgName: longxiBranch.name, reason: '工作调动' })).json();
    expect((await county.post(`/api/membership/transfers/${tr.id}/accept`, { onDate: today, decidedBy: '县团委' })).statusCode).toBe(200);
    const gone = await baini.post(`/api/membership/review-findings/${f.id}/confirm`, { onDate: today, approvedBy: '白泥镇团委', note: '属实' });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().message).toBe('该团员已转出您的管理范围，请联系其现所在组织办理');
    // The finding stays with the review, the person's name no longer shown to 白泥镇.
    const review = (await baini.get(`/api/membership/reviews/${reviewId}`)).json();
    expect(review.findings.find((x: { id: number }) => x.id === f.id)).toMatchObject({ status: 'open', personName: '（已转出）' });
  });

  it('refuses a review of a dissolved organization', async () => {
    const dissolved = (await loginAs(t.app, 'county_admin')).get(`/api/orgs?q=${encodeURIComponent('页岩砖厂')}&status=dissolved`);
    const id = (await dissolved).json().items[0].id;
    const res = await open(baini, { orgId: id });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('已撤销的组织不能开展“回头看”');
  });

  it('closes the review once every finding is decided, and lists reviews with their figures', async () => {
    const review = (await baini.get(`/api/membership/reviews/${reviewId}`)).json();
    for (const f of review.findings.filter((x: { status: string }) => x.status === 'open')) {
      expect((await baini.post(`/api/membership/review-findings/${f.id}/dismiss`, { note: '已补齐材料' })).statusCode).toBe(200);
    }
    const list = (await baini.get(`/api/membership/reviews?under=${unit.unitId}`)).json();
    const mine = list.find((r: { id: number }) => r.id === reviewId);
    expect(mine).toMatchObject({ status: 'closed', checked: 10, found: 9, revoked: 2, openFindings: 0 });
  });

  it('needs the approval permission and stays inside the caller’s scope', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    expect((await sec.post('/api/membership/reviews', { orgId: me.scopeOrgId, title: '书记自查', ...period() })).statusCode).toBe(403);
    expect((await open(longxi)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/reviews/${reviewId}`)).statusCode).toBe(404);
    const f = findingOf('late', 'approval_late');
    expect((await longxi.post(`/api/membership/review-findings/${f.id}/dismiss`, { note: '越权' })).statusCode).toBe(404);
    expect((await longxi.get('/api/membership/reviews')).json().map((r: { id: number }) => r.id)).not.toContain(reviewId);
    const county = await loginAs(t.app, 'county_viewer');
    expect((await county.get(`/api/membership/reviews/${reviewId}`)).statusCode).toBe(200);
  });
});

describe('成长档案', () => {
  it('lists pioneer, development steps, joining, registration, appraisal and transfer in date order', async () => {
    const id = m.good!.id;
    await systemRows(t.database, sql`update people set pioneer_joined_on = ${`${Y - 26}-06-01`}::date where id = ${id}`);
    expect((await baini.post('/api/membership/registrations', { year: Y, status: 'registered', decidedOn: today, personIds: [id] })).statusCode).toBe(200);
    expect((await baini.post('/api/membership/appraisals', { year: Y - 1, grade: 'excellent', personIds: [id] })).statusCode).toBe(200);
    const tr = (await baini.post('/api/membership/transfers', { personId: id, toOrgId: unit.branchIds[1], toOrgName: unit.names[1], reason: '村组调整' })).json();
    expect((await baini.post(`/api/membership/transfers/${tr.id}/accept`, { onDate: today, decidedBy: '白泥镇团委' })).statusCode).toBe(200);

    const res = await baini.get(`/api/membership/people/${id}/growth`);
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g.person).toMatchObject({ id, name: '程序完整', orgName: unit.names[1], memberStatus: 'active', joinedOn: `${Y - 1}-02-20`, pioneerJoinedOn: `${Y - 26}-06-01` });
    const lines = g.events.map((e: { date: string; title: string }) => `${e.date} ${e.title}`);
    expect(lines).toEqual([
      `${Y - 26}-06-01 加入中国少年先锋队`,
      `${Y - 2}-03-01 递交入团申请书`,
      `${Y - 2}-03-15 推优入团/团员推荐`,
      `${Y - 2}-04-01 确定入团积极分子`,
      `${Y - 2}-05-01 团课学习与考察`,
      `${Y - 2}-06-01 团课学习与考察`,
      `${Y - 2}-08-01 确定发展对象`,
      `${Y - 2}-09-01 填写入团志愿书`,
      `${Y - 1}-01-10 支部团员大会表决`,
      `${Y - 1}-02-20 上级团委审批`,
      `${Y - 1}-02-20 加入中国共产主义青年团`,
      `${Y - 1}-05-04 入团仪式`,
      `${today} 组织关系转接（已转入）`,
      `${today} ${Y}年度团籍注册：已注册`,
      `${today} ${Y - 1}年度团员教育评议：优秀`,
    ]);
    expect(g.events.find((e: { kind: string }) => e.kind === 'joined').detail).toMatch(/^团员编号/);
    expect(g.events.find((e: { kind: string }) => e.kind === 'transfer').detail).toBe(`${unit.names[0]} → ${unit.names[1]}；村组调整`);
  });

  it('shows leaving and revocation', async () => {
    const g = (await baini.get(`/api/membership/people/${m.vote!.id}/growth`)).json();
    const last = g.events.at(-1);
    expect(last).toMatchObject({ kind: 'membership', title: '清退', date: today });
    expect(last.detail).toContain('批准人：白泥镇团委');
    expect(g.person.memberStatus).toBe('left');
  });
});
