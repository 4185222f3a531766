import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { makeIdNumber } from '../factories.js';
import { orgId, systemRows, type TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

const todayCn = () => {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
};
const daysAgo = (n: number) => new Date(Date.parse(`${todayCn()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const year = () => Number(todayCn().slice(0, 4));

/** A 1×1 PNG. */
export const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const upload = () => ({ fileName: '越权.png', mimeType: 'image/png', contentBase64: TINY_PNG_BASE64 });

/** Organizational life and youth work: bodies valid except for the reference under test. */
export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/org-life/meetings': (ids) => ({ orgId: ids.org, kind: 'theme_day', topic: '越权安排', plannedOn: daysAgo(1) }),
  'PATCH /api/org-life/meetings/:id': () => ({ topic: '越权修改' }),
  'POST /api/org-life/meetings/:id/record': (ids) => ({
    heldOn: daysAgo(1),
    minutes: '越权记录会议内容，越权记录会议内容，越权记录会议内容。',
    presentIds: [ids.person],
    absentIds: [ids.person],
  }),
  'POST /api/org-life/meetings/:id/cancel': () => ({ reason: '越权取消' }),
  'POST /api/org-life/meetings/:id/attachments': upload,
  'POST /api/org-life/activities/:id/attachments': upload,
  'POST /api/org-life/venues/:id/attachments': upload,
  'POST /api/org-life/honors/nominations/:id/attachments': upload,
  'POST /api/org-life/activities': (ids) => ({
    orgId: ids.org,
    venueId: ids.venue,
    type: 'other',
    theme: '越权活动',
    heldOn: daysAgo(1),
    organizer: '越权者',
    memberCount: 5,
    youthCount: 5,
    participantIds: [ids.person],
  }),
  'PATCH /api/org-life/activities/:id': (ids) => ({ theme: '越权修改', venueId: ids.venue, participantIds: [ids.person] }),
  'POST /api/org-life/venues': (ids) => ({ orgId: ids.org, kind: 'youth_home', name: '越权青年之家', address: '越权地址', checks: {}, evidence: {} }),
  'PATCH /api/org-life/venues/:id': () => ({ name: '越权改名' }),
  'POST /api/org-life/volunteer-teams': (ids) => ({ orgId: ids.org, name: '越权服务队' }),
  'PATCH /api/org-life/volunteer-teams/:id': () => ({ name: '越权改名' }),
  'POST /api/org-life/volunteers': (ids) => ({ orgId: ids.org, teamId: ids.volunteerTeam, personId: ids.person, registeredOn: daysAgo(1) }),
  'POST /api/org-life/service-projects': (ids) => ({ orgId: ids.org, teamId: ids.volunteerTeam, title: '越权项目', startOn: daysAgo(10) }),
  'POST /api/org-life/service-records': (ids) => ({ volunteerId: ids.volunteer, projectId: ids.serviceProject, servedOn: daysAgo(1), minutes: 60 }),
  'POST /api/org-life/study/rounds': (ids) => ({ orgId: ids.org, year: year(), roundNo: 99, title: '越权期次', startOn: `${year()}-01-05` }),
  'POST /api/org-life/study/rounds/:id/import': () => ({ fileName: '越权.csv', contentBase64: Buffer.from('组织名称,参学人数\n').toString('base64') }),
  'POST /api/org-life/study/imports/:id/commit': () => ({}),
  'POST /api/org-life/aid/projects': (ids) => ({ orgId: ids.org, program: 'hope_project', year: year(), title: '越权项目', fundsRaisedFen: 100 }),
  'PATCH /api/org-life/aid/projects/:id': () => ({ title: '越权改名' }),
  'POST /api/org-life/aid/projects/:id/beneficiaries': () => ({ name: '越权学生', idNumber: makeIdNumber('2008-08-08', 'female'), amountFen: 100 }),
  'POST /api/org-life/aid/beneficiaries/:id/pay': () => ({ paidOn: daysAgo(1) }),
  'POST /api/org-life/aid/beneficiaries/:id/cancel': () => ({ reason: '越权取消' }),
  'POST /api/org-life/honors/campaigns': (ids) => ({ orgId: ids.org, honorType: 'excellent_member', year: year(), title: '越权评选' }),
  'POST /api/org-life/honors/campaigns/:id/nominations': (ids) => ({
    orgId: ids.org,
    personId: ids.person,
    cadreId: ids.cadre,
    nomineeOrgId: ids.org,
    reason: '越权推荐，越权推荐，越权推荐。',
  }),
  'POST /api/org-life/honors/nominations/:id/review': () => ({ decision: 'pass', note: '越权审核' }),
  'POST /api/org-life/honors/nominations/:id/object': () => ({ note: '越权异议' }),
  'POST /api/org-life/honors/campaigns/:id/publicize': () => ({ from: daysAgo(0) }),
  'POST /api/org-life/honors/campaigns/:id/award': () => ({ awardedOn: daysAgo(0) }),
  'POST /api/org-life/appeals': (ids) => ({ orgId: ids.org, category: 'employment', title: '越权登记', content: '越权登记的诉求内容', askerName: '越权者', askerPhone: '13800000000' }),
  'POST /api/org-life/appeals/:id/assign': () => ({ assignee: '越权者' }),
  'POST /api/org-life/appeals/:id/answer': () => ({ answer: '越权答复的内容' }),
  'POST /api/org-life/appeals/:id/close': () => ({}),
  'POST /api/org-life/appeals/:id/transfer': (ids) => ({ orgId: ids.org, note: '越权转办' }),
  'POST /api/org-life/appeals/:id/escalate': () => ({ note: '越权督办' }),
};

let codeSerial = 0;

/**
 * One record of every org-life kind in each township (the demo county may
 * not hold them yet), made directly in the database so the walk starts from
 * a known state.
 */
export async function prepareRecords(t: TestContext): Promise<void> {
  for (const township of ['白泥镇', '龙溪镇']) {
    const townId = await orgId(t.database, `共青团余庆县${township}委员会`);
    const [branch] = await systemRows<{ id: number }>(
      t.database,
      sql`select id from organizations where parent_id = ${townId} and type = 'branch' and status = 'active' order by id limit 1`,
    );
    const b = Number(branch!.id);
    const [person] = await systemRows<{ id: number }>(t.database, sql`select id from people where org_id = ${b} order by id limit 1`);
    const one = async (statement: ReturnType<typeof sql>) => Number((await systemRows<{ id: number }>(t.database, statement))[0]!.id);
    const meeting = await one(sql`insert into meetings (org_id, kind, topic, planned_on, status) values (${b}, 'theme_day', '走访测试', ${daysAgo(3)}, 'planned') returning id`);
    const venue = await one(sql`insert into venues (org_id, kind, name, address) values (${b}, 'youth_home', ${`${township}测试青年之家`}, '测试地址') returning id`);
    const activity = await one(sql`insert into activities (org_id, venue_id, type, theme, held_on, organizer, member_count, youth_count)
      values (${b}, ${venue}, 'other', '走访测试活动', ${daysAgo(5)}, '测试', 3, 2) returning id`);
    await systemRows(t.database, sql`insert into attachments (org_id, owner_type, owner_id, file_name, mime_type, size, sha256, storage_key)
      values (${b}, 'meeting', ${meeting}, 'x.png', 'image/png', 1, ${'0'.repeat(64)}, ${'0'.repeat(64)}) returning id`);
    const team = await one(sql`insert into volunteer_teams (org_id, name) values (${b}, ${`${township}测试服务队`}) returning id`);
    const idNumber = makeIdNumber('1995-05-05', 'male');
    const volunteer = await one(sql`insert into volunteers (org_id, team_id, name, id_number, gender, birth_date, registered_on)
      values (${b}, ${team}, '测试志愿者', ${idNumber}, 'male', '1995-05-05', ${daysAgo(100)}) returning id`);
    const project = await one(sql`insert into service_projects (org_id, team_id, title, start_on) values (${b}, ${team}, '测试项目', ${daysAgo(60)}) returning id`);
    await systemRows(t.database, sql`insert into service_records (org_id, volunteer_id, project_id, served_on, minutes) values (${b}, ${volunteer}, ${project}, ${daysAgo(2)}, 90) returning id`);
    const round = await one(sql`insert into study_rounds (org_id, year, round_no, title, start_on) values (${townId}, ${year()}, 1, '测试期次', ${`${year()}-01-06`}) returning id`);
    await systemRows(t.database, sql`insert into study_participation (round_id, org_id, participants, base) values (${round}, ${b}, 5, 10) returning id`);
    const aid = await one(sql`insert into aid_projects (org_id, program, year, title, funds_raised_fen) values (${townId}, 'hope_project', ${year()}, '测试希望工程', 1000000) returning id`);
    await systemRows(t.database, sql`insert into aid_beneficiaries (project_id, org_id, program, year, name, id_number, amount_fen)
      values (${aid}, ${townId}, 'hope_project', ${year()}, '测试学生', ${makeIdNumber('2009-09-09', 'female')}, 50000) returning id`);
    const campaign = await one(sql`insert into honor_campaigns (org_id, honor_type, year, title) values (${townId}, 'excellent_member', ${year()}, '测试评选') returning id`);
    await systemRows(t.database, sql`insert into honor_nominations (campaign_id, org_id, person_id, reason, status) values (${campaign}, ${b}, ${person!.id}, '测试推荐理由', 'nominated') returning id`);
    codeSerial++;
    await systemRows(t.database, sql`insert into appeals (org_id, tracking_code, category, title, content, asker_name, asker_phone, deadline)
      values (${townId}, ${`QS000000ABCD${String(codeSerial).padStart(2, '2')}`.slice(0, 14)}, 'employment', '测试诉求', '测试诉求内容', '测试', '13900000000', ${daysAgo(-7)}) returning id`);
    const [cadre] = await systemRows<{ id: number }>(t.database, sql`select c.id from cadres c join organizations o on o.id = c.org_id where o.path <@ (select path from organizations where id = ${townId}) limit 1`);
    if (!cadre) {
      await systemRows(t.database, sql`insert into cadres (org_id, name, gender, id_number, birth_date, political_status, establishment)
        values (${b}, '测试团干部', 'female', ${makeIdNumber('1996-06-06', 'female')}, '1996-06-06', '03', 'outside') returning id`);
    }
    void activity;
  }
}
