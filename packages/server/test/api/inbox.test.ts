import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_REPORT_SECTIONS, type InboxKind } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

process.env.TJ_TODAY = '2026-12-06';

/**
 * 待办 from the records of every module: one record per source is placed in
 * 白泥镇 (its village branch, run by branch_secretary, or the township itself),
 * and each must show up as an item of the organization it waits on, and for
 * no account of 龙溪镇.
 */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let secretary: Session;
let branch: number; // branch_secretary's branch in 白泥镇
let otherBranch: number; // another branch of 白泥镇
let township: number; // 白泥镇
let longxiTownship: number;
const ids: Record<string, number> = {};

interface Item {
  kind: InboxKind;
  refId: number;
  title: string;
  org: { id: number; name: string };
  deadline: string | null;
  overdue: boolean;
  link: string;
}
interface Inbox {
  total: number;
  overdue: number;
  counts: Partial<Record<InboxKind, number>>;
  sources: { kind: InboxKind; count: number; items: Item[] }[];
}

const one = async <T>(q: ReturnType<typeof sql>) => (await systemRows<T>(t.database, q))[0]!;
const inboxOf = async (s: Session): Promise<Inbox> => {
  const res = await s.get('/api/inbox');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const items = (box: Inbox, kind?: InboxKind) => box.sources.filter((s) => !kind || s.kind === kind).flatMap((s) => s.items);

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  secretary = await loginAs(t.app, 'branch_secretary');
  branch = Number((await secretary.get('/api/auth/me')).json().account.scopeOrgId);
  township = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiTownship = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  otherBranch = Number((await one<{ id: number }>(sql`select id from organizations where parent_id = ${township} and id <> ${branch} and type = 'branch' order by id limit 1`)).id);
  const countyId = await orgId(t.database, '共青团余庆县委员会');
  const longxiBranch = Number(
    (
      await one<{ id: number }>(
        sql`select o.id from organizations o join people p on p.org_id = o.id and p.member_status = 'active'
             where o.path <@ (select path from organizations where id = ${longxiTownship}) and o.type = 'branch' group by o.id having count(*) >= 2 order by o.id limit 1`,
      )
    ).id,
  );
  const youth = Number((await one<{ id: number }>(sql`select id from people where org_id = ${branch} and (member_status is null or member_status <> 'active') order by id limit 1`)).id);
  const mover = await one<{ id: number; name: string }>(sql`select id, name from people where org_id = ${longxiBranch} and member_status = 'active' order by id limit 1`);
  const late = await one<{ id: number; name: string }>(sql`select id, name from people where org_id = ${longxiBranch} and member_status = 'active' order by id offset 1 limit 1`);

  // 三会两制一课: a branch meeting planned three days ago, not recorded.
  ids.meeting = Number((await one<{ id: number }>(sql`insert into meetings (org_id, kind, topic, planned_on) values (${branch}, 'committee_meeting', '十二月支委会', '2026-12-03') returning id`)).id);
  // 组织关系转接: from a 龙溪镇 branch into the branch, started by the sending side (the receiving side accepts).
  ids.transfer = Number(
    (
      await one<{ id: number }>(sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, reason, person_name, person_id_masked, due_on)
        values (${mover.id}, ${longxiBranch}, ${branch}, 'sending', '工作调动', ${mover.name}, '5203**********0011', '2026-12-31') returning id`)
    ).id,
  );
  // A receiving side's request (the branch asks for a member of another branch of 白泥镇), unanswered past its due date:
  // it waits on the sending branch and on the committee above both (白泥镇).
  const asked = await one<{ id: number; name: string }>(sql`select id, name from people where org_id = ${otherBranch} and member_status = 'active' order by id limit 1`);
  ids.request = Number(
    (
      await one<{ id: number }>(sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, reason, person_name, person_id_masked, due_on)
        values (${asked.id}, ${otherBranch}, ${branch}, 'receiving', '迁入本村', ${asked.name}, '5203**********0013', '2026-11-20') returning id`)
    ).id,
  );
  // 毕业生转接, past its due date and escalated to 白泥镇.
  ids.escalated = Number(
    (
      await one<{ id: number }>(sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, kind, reason, person_name, person_id_masked, due_on, escalated_on, escalated_to_org_id)
        values (${late.id}, ${longxiBranch}, ${otherBranch}, 'sending', 'graduate', '毕业', ${late.name}, '5203**********0012', '2026-11-01', '2026-11-02', ${township}) returning id`)
    ).id,
  );
  // 团员发展: a case past the branch meeting waits on the township's approval.
  ids.case = Number(
    (await one<{ id: number }>(sql`insert into development_cases (person_id, branch_id, stage, started_on) values (${youth}, ${branch}, 'branch_meeting', '2026-03-01') returning id`)).id,
  );
  // 青年之声: an appeal to 白泥镇, past its deadline.
  ids.appeal = Number(
    (
      await one<{ id: number }>(sql`insert into appeals (org_id, tracking_code, category, title, content, asker_name, asker_phone, deadline)
        values (${township}, 'TJINBOX1', 'employment', '求职信息咨询', '想了解本镇的招聘信息。', '小王', '13800000000', '2026-12-01') returning id`)
    ).id,
  );
  // 对标定级 opened by the county: the branch self-assesses; its rectification task is overdue.
  const rating = await one<{ id: number }>(sql`insert into star_ratings (org_id, year, title, criteria) values (${countyId}, 2026, '2026年度对标定级', '[]'::jsonb) returning id`);
  ids.entry = Number((await one<{ id: number }>(sql`insert into star_rating_entries (rating_id, org_id) values (${rating.id}, ${branch}) returning id`)).id);
  ids.rectification = Number(
    (await one<{ id: number }>(sql`insert into rectification_tasks (entry_id, org_id, requirement, deadline) values (${ids.entry}, ${branch}, '补齐团员档案', '2026-11-30') returning id`)).id,
  );
  // 报送任务 from the township: the branch has to submit, another branch's report waits on the township's review.
  const task = await one<{ id: number }>(
    sql`insert into report_tasks (org_id, title, period, deadline, sections, figures)
        values (${township}, '2026年工作总结', '2026年', '2026-12-20', ${JSON.stringify(DEFAULT_REPORT_SECTIONS)}::jsonb, '[]'::jsonb) returning id`,
  );
  ids.report = Number((await one<{ id: number }>(sql`insert into report_submissions (task_id, org_id) values (${task.id}, ${branch}) returning id`)).id);
  ids.submitted = Number(
    (await one<{ id: number }>(sql`insert into report_submissions (task_id, org_id, status, submitted_at) values (${task.id}, ${otherBranch}, 'submitted', now()) returning id`)).id,
  );
  // 评优表彰: the township's campaign has a nomination from the branch to review.
  const campaign = await one<{ id: number }>(sql`insert into honor_campaigns (org_id, honor_type, year, title) values (${township}, 'excellent_member', 2026, '2026年度优秀团员评选') returning id`);
  ids.nomination = Number(
    (await one<{ id: number }>(sql`insert into honor_nominations (campaign_id, org_id, person_id, reason) values (${campaign.id}, ${branch}, ${youth}, '表现突出') returning id`)).id,
  );
  // 换届选举 under way, past its planned date.
  ids.election = Number(
    (
      await one<{ id: number }>(sql`insert into elections (org_id, kind, title, stage, planned_on, seats)
        values (${branch}, 'election', '支部换届选举', 'recommendation', '2026-11-15', '[]'::jsonb) returning id`)
    ).id,
  );
  // 团属阵地 without an activity for a year.
  ids.venue = Number(
    (
      await one<{ id: number }>(sql`insert into venues (org_id, kind, name, address, created_at)
        values (${branch}, 'youth_home', '村青年之家', '村委会二楼', '2025-10-01T00:00:00Z') returning id`)
    ).id,
  );
  // 团费: collected in October, never remitted.
  const payer = await one<{ id: number }>(sql`select id from people where org_id = ${branch} and member_status = 'active' order by id limit 1`);
  await systemRows(t.database, sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method) values (${branch}, ${payer.id}, '2026-10', 20, '2026-10-10', 'cash')`);
  // 信息更正: a member's request (kept as an audit event).
  await systemRows(
    t.database,
    sql`insert into audit_log (action, entity, entity_id, org_id, actor_name, after)
        values ('insert', 'correction_requests', ${String(payer.id)}, ${branch}, '团员', ${JSON.stringify({ personId: payer.id, personName: '测试团员', field: 'phone', value: '138****0000', note: null })}::jsonb)`,
  );
  // 通知公告 from the county to the branch.
  const notice = await county.post('/api/notices', { title: '关于开展团员教育评议的通知', body: '请各支部于月底前完成。', target: 'chosen', orgIds: [branch], deadline: '2026-12-31' });
  expect(notice.statusCode, notice.body).toBe(200);
  ids.notice = notice.json().id;
}, 120_000);
afterAll(() => t?.close());

describe('待办: each source, for the organization it waits on', () => {
  it('the branch secretary sees the branch items, each with a link that opens the record', async () => {
    const box = await inboxOf(secretary);
    const find = (kind: InboxKind, refId?: number) => items(box, kind).find((i) => refId === undefined || i.refId === refId);
    expect(find('meeting', ids.meeting)).toMatchObject({ overdue: true, link: `/org-life/meetings?org=${branch}&meeting=${ids.meeting}`, org: { id: branch } });
    expect(find('meeting', ids.meeting)!.title).toContain('十二月支委会');
    expect(find('transfer', ids.transfer)!.title).toMatch(/转入待接收$/);
    expect(find('transfer', ids.transfer)).toMatchObject({ overdue: false, deadline: '2026-12-31', link: `/membership/transfers?org=${branch}&tab=in&id=${ids.transfer}` });
    expect(find('star_rating', ids.entry)!.title).toContain('待本支部自评');
    // The branch's own request waits on the other side, not on the branch.
    expect(find('transfer', ids.request)).toBeUndefined();
    expect(find('rectification', ids.rectification)).toMatchObject({ overdue: true, deadline: '2026-11-30' });
    expect(find('report', ids.report)!.title).toBe('《2026年工作总结》待报送');
    expect(find('election', ids.election)).toMatchObject({ overdue: true, link: `/cadres/elections/${ids.election}` });
    expect(find('venue', ids.venue)!.title).toMatch(/^阵地“村青年之家”已\d+天无活动/);
    expect(find('remittance')!.title).toContain('2026年10月');
    expect(find('dues')!.title).toMatch(/^2026年12月团费：\d+名团员未交纳$/);
    expect(find('registration')!.title).toMatch(/^2026年团籍注册：\d+名团员未注册$/);
    expect(find('appraisal')!.title).toMatch(/^2025年度团员教育评议/);
    expect(find('correction')!.title).toBe('测试团员申请更正联系电话');
    expect(find('notice', ids.notice)).toMatchObject({ title: '通知《关于开展团员教育评议的通知》待阅读', link: `/notices/received?id=${ids.notice}` });
    // Items of the township are not the branch's.
    for (const kind of ['appeal', 'development', 'honor', 'graduate_escalated'] as const) expect(box.counts[kind] ?? 0).toBe(0);
    expect(box.total).toBe(Object.values(box.counts).reduce((a, b) => a + (b ?? 0), 0));
    const badge = (await secretary.get('/api/inbox/count')).json();
    expect(badge).toEqual({ total: box.total, overdue: box.overdue });
  });

  it('the township sees what waits on it: approval, review, appeals, nominations, escalations', async () => {
    const box = await inboxOf(baini);
    const titles = items(box).map((i) => i.title);
    expect(items(box, 'development').find((i) => i.refId === ids.case)).toMatchObject({ link: `/development/cases/${ids.case}` });
    expect(items(box, 'development').find((i) => i.refId === ids.case)!.title).toMatch(/的入团申请待审批$/);
    expect(items(box, 'appeal').find((i) => i.refId === ids.appeal)).toMatchObject({ overdue: true, title: '青年之声“求职信息咨询”待受理' });
    expect(items(box, 'honor').find((i) => i.refId === ids.nomination)!.title).toMatch(/^2026年度优秀团员评选：.+的推荐待审核$/);
    expect(items(box, 'graduate_escalated').find((i) => i.refId === ids.escalated)).toMatchObject({ overdue: true });
    expect(items(box, 'report').find((i) => i.refId === ids.submitted)!.title).toMatch(/报送的《2026年工作总结》待审核$/);
    expect(items(box, 'transfer').find((i) => i.refId === ids.request)).toMatchObject({ overdue: true, deadline: '2026-11-20', org: { id: township } });
    expect(items(box, 'transfer').find((i) => i.refId === ids.request)!.title).toMatch(/的组织关系转接申请逾期未答复，待上级审批$/);
    // The branch's own items are not the township's.
    expect(titles.some((t) => t.includes('十二月支委会'))).toBe(false);
    expect(box.counts.meeting ?? 0).toBe(0);
  });

  it('another township sees none of it, in its inbox or its overdue view, and cannot look into 白泥镇', async () => {
    const box = await inboxOf(longxi);
    const text = JSON.stringify(box);
    for (const word of ['十二月支委会', '求职信息咨询', '村青年之家', '2026年工作总结', '优秀团员评选', '关于开展团员教育评议的通知']) expect(text).not.toContain(word);
    const overdue = (await longxi.get('/api/inbox/overdue')).json();
    expect(JSON.stringify(overdue)).not.toContain('白泥');
    expect((await longxi.get(`/api/inbox/overdue?orgId=${township}`)).statusCode).toBe(404);
  });

  it('the county sees the overdue items of its subtree grouped by organization, and may narrow it to a township', async () => {
    const res = await county.get('/api/inbox/overdue');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as { total: number; groups: { org: { id: number }; count: number; items: Item[] }[] };
    const ofBranch = view.groups.find((g) => g.org.id === branch)!;
    const kinds = ofBranch.items.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['meeting', 'rectification', 'election', 'remittance']));
    expect(ofBranch.items.every((i) => i.overdue)).toBe(true);
    expect(ofBranch.count).toBe(ofBranch.items.length);
    // Not overdue: the transfer (due 12-31) and items without deadlines (venue, development).
    expect(kinds).not.toContain('transfer');
    expect(kinds).not.toContain('venue');
    const ofTownship = view.groups.find((g) => g.org.id === township)!;
    expect(ofTownship.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['appeal', 'graduate_escalated']));
    expect(view.total).toBe(view.groups.reduce((a, g) => a + g.count, 0));
    const narrowed = (await county.get(`/api/inbox/overdue?orgId=${longxiTownship}`)).json() as { groups: { org: { id: number } }[] };
    expect(narrowed.groups.some((g) => g.org.id === branch || g.org.id === township)).toBe(false);
  });

  it('the overdue summary (the county home) counts what the overdue view lists: total, kinds, organizations and their order', async () => {
    interface Full { total: number; counts: Record<string, number>; groups: { org: { id: number; name: string }; count: number; items: Item[] }[] }
    interface Summary { total: number; counts: Record<string, number>; organizations: number; groups: { org: { id: number; name: string }; count: number }[] }
    const get = async <T>(s: Session, url: string) => {
      const res = await s.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as T;
    };
    for (const [who, s, q] of [['county', county, ''], ['county narrowed to 白泥镇', county, `orgId=${township}`], ['白泥镇', baini, '']] as const) {
      const full = await get<Full>(s, `/api/inbox/overdue${q ? `?${q}` : ''}`);
      // Fresh data with overdue items in several organizations, none cut by the list's 200 items a source.
      expect(full.groups.length, who).toBeGreaterThan(1);
      expect(full.total, who).toBe(full.groups.reduce((a, g) => a + g.count, 0));
      const all = await get<Summary>(s, `/api/inbox/overdue/summary?limit=100${q ? `&${q}` : ''}`);
      expect(all.total, who).toBe(full.total);
      expect(all.counts, who).toEqual(full.counts);
      expect(all.organizations, who).toBe(full.groups.length);
      expect(all.groups, who).toEqual(full.groups.map((g) => ({ org: g.org, count: g.count })).slice(0, 100));
      // By default the first 8 (what the home's card shows), in the same order.
      const top = await get<Summary>(s, `/api/inbox/overdue/summary${q ? `?${q}` : ''}`);
      expect(top.groups, who).toEqual(all.groups.slice(0, 8));
      expect(top.total, who).toBe(full.total);
    }
    expect((await longxi.get(`/api/inbox/overdue/summary?orgId=${township}`)).statusCode).toBe(404);
    expect(JSON.stringify((await longxi.get('/api/inbox/overdue/summary')).json())).not.toContain('白泥');
  });

  it('an item disappears when its record is done: meeting recorded, transfer accepted, notice read', async () => {
    const before = await inboxOf(secretary);
    await systemRows(t.database, sql`update meetings set status = 'held', held_on = '2026-12-04', minutes = '会议讨论了十二月工作安排并作出决定。' where id = ${ids.meeting}`);
    await systemRows(t.database, sql`update transfers set status = 'accepted', decided_on = '2026-12-06', decided_by = '书记' where id = ${ids.transfer}`);
    const read = await secretary.post(`/api/notices/${ids.notice}/read`, {});
    expect(read.statusCode, read.body).toBe(200);
    const after = await inboxOf(secretary);
    expect(items(after, 'meeting').some((i) => i.refId === ids.meeting)).toBe(false);
    expect(items(after, 'transfer').some((i) => i.refId === ids.transfer)).toBe(false);
    expect(items(after, 'notice').some((i) => i.refId === ids.notice)).toBe(false);
    expect(after.total).toBe(before.total - 3);
    expect((await secretary.get('/api/inbox/count')).json().total).toBe(after.total);
  });

  it('registration and remittance deadlines come from the rules (规则配置), not constants', async () => {
    const before = await inboxOf(secretary);
    expect(items(before, 'registration')[0]).toMatchObject({ deadline: '2026-03-31', overdue: true });
    expect(items(before, 'remittance')[0]).toMatchObject({ deadline: '2026-11-30', overdue: true });
    await systemRows(t.database, sql`insert into rule_settings (section, value) values ('dailyWork', ${JSON.stringify({ registrationDueMonth: 12 })}::jsonb)`);
    await systemRows(t.database, sql`insert into rule_settings (section, value) values ('dues', ${JSON.stringify({ remitGraceMonths: 3 })}::jsonb)`);
    try {
      const after = await inboxOf(secretary);
      expect(items(after, 'registration')[0]).toMatchObject({ deadline: '2026-12-31', overdue: false });
      expect(items(after, 'remittance')[0]).toMatchObject({ deadline: '2027-01-31', overdue: false });
      expect(after.overdue).toBe(before.overdue - 2);
      const view = (await county.get('/api/inbox/overdue')).json() as { groups: { org: { id: number }; items: Item[] }[] };
      const kinds = view.groups.find((g) => g.org.id === branch)?.items.map((i) => i.kind) ?? [];
      expect(kinds).not.toContain('registration');
      expect(kinds).not.toContain('remittance');
    } finally {
      await systemRows(t.database, sql`delete from rule_settings where section in ('dailyWork', 'dues') returning section`);
    }
  });

  it('a viewer reads the inbox; a member account has none', async () => {
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.get('/api/inbox/count')).statusCode).toBe(200);
  });
});
