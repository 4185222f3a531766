import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AUDIT_ENTITIES, shortOrgName } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';

/**
 * Issue 12: the 操作日志 as user actions (one recorded meeting with its many
 * attendees is one entry with Chinese names and labels), organizations' 简称,
 * and the tree's order in lists of organizations.
 */
process.env.TJ_TODAY = '2026-11-20';

let t: TestContext;
let baini: Session;
let county: Session;
let townshipId: number;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  county = await loginAs(t.app, 'county_admin');
  townshipId = await orgId(t.database, '共青团余庆县白泥镇委员会');
});
afterAll(() => t?.close());

interface Group {
  key: string;
  requestId: string | null;
  actorName: string;
  head: { entity: string; action: string; label: string | null };
  total: number;
  kinds: { entity: string; action: string; count: number }[];
  rows: { entity: string; action: string; label: string | null }[];
}

describe('操作日志 grouped by user action', () => {
  it('shows one recorded meeting with 30 attendees as one entry, its rows as details with Chinese labels', async () => {
    const branch = await baini.post('/api/orgs', { parentId: townshipId, name: '白泥镇操作日志测试团支部', type: 'branch', sector: 'other', foundedOn: '2020-01-01' });
    expect(branch.statusCode, branch.body).toBe(200);
    const branchId = branch.json().id as number;
    const members: number[] = [];
    for (let i = 0; i < 30; i++) members.push((await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2001-02-03', name: `参会团员${i}` })).id);

    const planned = await baini.post('/api/org-life/meetings', { orgId: branchId, kind: 'theme_day', topic: '学习团章 争做先锋', plannedOn: '2026-11-05' });
    expect(planned.statusCode, planned.body).toBe(200);
    const recorded = await baini.post(`/api/org-life/meetings/${planned.json().id}/record`, {
      heldOn: '2026-11-06',
      minutes: '会议由支部书记主持，学习了团章，围绕主题交流发言，并布置了下月工作。',
      presentIds: members.slice(0, 29),
      absentIds: [members[29]],
      absenceReasons: { [members[29]!]: '外出务工' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);

    // The raw log has a row per attendee …
    const raw = (await baini.get('/api/audit?entity=meeting_attendance&pageSize=100')).json();
    expect(raw.total).toBeGreaterThanOrEqual(30);
    expect(raw.items[0].label).toMatch(/^参会团员\d+$/);

    // … the grouped log has one entry for the recording.
    const res = await baini.get('/api/audit/actions?pageSize=5');
    expect(res.statusCode, res.body).toBe(200);
    const groups = res.json().items as Group[];
    const entry = groups[0]!;
    expect(entry.actorName).toBe('白泥镇团委书记');
    expect(entry.requestId).toBeTruthy();
    expect(entry.head).toMatchObject({ entity: 'meetings', action: 'update', label: '学习团章 争做先锋' });
    const attendance = entry.kinds.find((k) => k.entity === 'meeting_attendance');
    expect(attendance?.count).toBe(30);
    expect(entry.total).toBe(entry.rows.length);
    expect(entry.rows.filter((r) => r.entity === 'meeting_attendance').map((r) => r.label).sort()).toEqual(members.map((_, i) => `参会团员${i}`).sort());
    expect(AUDIT_ENTITIES[entry.head.entity]!.label).toBe('会议');
    expect(AUDIT_ENTITIES.meeting_attendance!.label).toBe('参会记录');
    // The planning was its own action, the next entry.
    expect(groups[1]!.head).toMatchObject({ entity: 'meetings', action: 'insert', label: '学习团章 争做先锋' });
    expect(groups[1]!.key).not.toBe(entry.key);

    // Filters apply to the rows of an action: only the attendance rows, still one entry.
    const filtered = (await baini.get('/api/audit/actions?entity=meeting_attendance&pageSize=5')).json().items as Group[];
    expect(filtered[0]!.head.entity).toBe('meeting_attendance');
    expect(filtered[0]!.total).toBe(30);
    expect(filtered[0]!.kinds).toEqual([{ entity: 'meeting_attendance', action: 'insert', count: 30 }]);
  });

  it('names every audited kind of record in Chinese and labels from columns that exist', async () => {
    const tables = await systemRows<{ table_name: string }>(
      t.database,
      sql`select distinct event_object_table as table_name from information_schema.triggers where trigger_name like '%\\_audit' escape '\\'`,
    );
    expect(tables.length).toBeGreaterThan(40);
    for (const { table_name } of tables) expect(AUDIT_ENTITIES[table_name]?.label, table_name).toMatch(/[\u4e00-\u9fff]/);
    // Every label source names a real column (a query per kind of record, as the list runs it).
    for (const [entity, info] of Object.entries(AUDIT_ENTITIES)) {
      if (info.event) continue; // labelled from its logged values (test below), it has no table
      for (const src of info.text) {
        const cols = 'via' in src ? [[entity, src.via], [src.table, src.col]] : [[entity, src.col]];
        for (const [table, col] of cols) {
          const found = await systemRows(t.database, sql`select 1 from information_schema.columns where table_name = ${table} and column_name = ${col}`);
          expect(found.length, `${entity}: ${table}.${col}`).toBe(1);
        }
      }
    }
  });
});

describe('简称 and the tree order', () => {
  it('fills every organization’s 简称 by the domain’s rule, keeps an edited one, and follows a rename', async () => {
    const orgs = await systemRows<{ name: string; short_name: string; by_sql: string }>(t.database, sql`select name, short_name, tj_short_name(name) as by_sql from organizations`);
    expect(orgs.length).toBeGreaterThan(50);
    for (const o of orgs) {
      expect(o.by_sql, o.name).toBe(shortOrgName(o.name));
      expect(o.short_name, o.name).toBe(shortOrgName(o.name));
    }
    const baini = (await county.get(`/api/orgs/${townshipId}`)).json();
    expect(baini.shortName).toBe('白泥镇团委');

    const created = await county.post('/api/orgs', { parentId: townshipId, name: '共青团余庆县白泥镇满溪村支部委员会', type: 'branch', sector: 'other' });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    let org = (await county.get(`/api/orgs/${id}`)).json();
    expect(org.shortName).toBe('白泥镇满溪村团支部');
    const renamed = await county.patch(`/api/orgs/${id}`, { name: '共青团余庆县白泥镇新村支部委员会', version: org.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    org = (await county.get(`/api/orgs/${id}`)).json();
    expect(org.shortName).toBe('白泥镇新村团支部');
    const edited = await county.patch(`/api/orgs/${id}`, { shortName: '新村团支部', version: org.version });
    expect(edited.statusCode, edited.body).toBe(200);
    org = (await county.get(`/api/orgs/${id}`)).json();
    const again = await county.patch(`/api/orgs/${id}`, { name: '共青团余庆县白泥镇新村联合支部委员会', version: org.version });
    expect(again.statusCode, again.body).toBe(200);
    expect((await county.get(`/api/orgs/${id}`)).json().shortName).toBe('新村团支部');
  });

  it('lists the county’s children as the forms do: townships by administrative code, then units, then schools', async () => {
    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const expected = await systemRows<{ id: number; type: string; sector: string; code: string | null }>(
      t.database,
      sql`select c.id, c.type, c.sector, (select min(left(u.code, 9)) from admin_units u where u.township_org_id = c.id) as code
            from organizations c where c.parent_id = ${countyId} and c.status = 'active'`,
    );
    const group = (r: { type: string; sector: string }) => (['township', 'subdistrict'].includes(r.type) ? 0 : r.sector === 'school' ? 2 : ['unit_committee', 'youth_work_committee'].includes(r.type) ? 1 : 3);
    const want = [...expected].sort((a, b) => group(a) - group(b) || (a.code ?? '~').localeCompare(b.code ?? '~') || Number(a.id) - Number(b.id)).map((r) => Number(r.id));

    const overview = (await county.get(`/api/stats/org-overview?orgId=${countyId}`)).json();
    expect(overview.children.map((c: { id: number }) => c.id)).toEqual(want);
    expect(overview.children.find((c: { id: number }) => c.id === townshipId).shortName).toBe('白泥镇团委');

    const table = await county.get(`/api/stats/tables/organizations?orgId=${countyId}`);
    expect(table.statusCode, table.body).toBe(200);
    const rowIds = (table.json().rows as { orgId: number | null }[]).map((r) => r.orgId).filter((x): x is number => typeof x === 'number' && x !== countyId);
    expect(rowIds).toEqual(want);
    // The rows carry the 简称 for the screen (the printed form keeps the full name).
    const dues = (await county.get(`/api/daily-work/dues/report?under=${townshipId}`)).json() as { rows: { orgName: string; orgShortName: string | null }[] };
    expect(dues.rows.length).toBeGreaterThan(0);
    expect(dues.rows.every((r) => typeof r.orgShortName === 'string' && r.orgShortName.length > 0 && r.orgShortName.length <= r.orgName.length)).toBe(true);
    expect(table.json().rows.find((r: { orgId: number }) => r.orgId === townshipId)).toMatchObject({ orgName: '共青团余庆县白泥镇委员会', orgShortName: '白泥镇团委' });

    const children = (await county.get(`/api/orgs/${countyId}/children`)).json();
    const listed = (Array.isArray(children) ? children : children.items).map((c: { id: number }) => c.id).filter((x: number) => want.includes(x));
    expect(listed).toEqual(want);
  });
});

describe('三会两制一课 opens on what needs attention', () => {
  it('lists overdue plans first, then what was held recently, then plans ahead', async () => {
    const branch = await baini.post('/api/orgs', { parentId: townshipId, name: '白泥镇会议排序测试团支部', type: 'branch', sector: 'other', foundedOn: '2020-01-01' });
    const branchId = branch.json().id as number;
    const member = (await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2001-02-03', name: '排序团员' })).id;
    const plan = async (topic: string, plannedOn: string) => (await baini.post('/api/org-life/meetings', { orgId: branchId, kind: 'theme_day', topic, plannedOn })).json().id as number;
    const ahead = await plan('年底计划', '2026-12-28');
    const later = await plan('下月计划', '2026-12-10');
    const held = await plan('已开的会', '2026-11-10');
    const rec = await baini.post(`/api/org-life/meetings/${held}/record`, { heldOn: '2026-11-10', minutes: '会议由支部书记主持，学习了团章，围绕主题交流发言，并布置了下月工作。', presentIds: [member] });
    expect(rec.statusCode, rec.body).toBe(200);
    const overdue = await plan('逾期未开', '2026-11-25');
    // Its date passes without a record.
    await systemRows(t.database, sql`update meetings set planned_on = '2026-11-02' where id = ${overdue}`);
    const list = (await baini.get(`/api/org-life/meetings?under=${branchId}&pageSize=10`)).json();
    expect(list.items.map((m: { id: number }) => m.id)).toEqual([overdue, held, later, ahead]);
  });
});


describe('one definition of the people figures', () => {
  it('gives the home page the 统计表’s youth, students and ratios (ages on the statistical date)', async () => {
    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const home = (await county.get(`/api/stats/people-overview?orgId=${countyId}`)).json();
    const table = (await county.get(`/api/stats/tables/members?orgId=${countyId}`)).json();
    const col = (key: string) => (table.columns as { key: string }[]).findIndex((c) => c.key === key);
    const total = table.total as number[];
    expect(home.youth).toBe(total[col('youth')]);
    expect(home.members).toBe(total[col('members')]);
    expect(home.students).toBe(total[col('students')]);
    expect(home.studentMembers).toBe(total[col('student_members')]);
    expect(Math.round(home.memberYouthRatio * 1000) / 10).toBe(total[col('member_youth')]);
    expect(Math.round(home.memberStudentRatio * 1000) / 10).toBe(total[col('member_student')]);
    // Each child organization too.
    for (const row of table.rows as { orgId: number; values: number[] }[]) {
      const child = home.children.find((c: { id: number }) => c.id === row.orgId);
      expect(child, String(row.orgId)).toBeTruthy();
      expect(child.youth).toBe(row.values[col('youth')]);
    }
  });
});

describe('the demo obeys the rules', () => {
  it('has no member who joined before the age of 14 or after today, and a narrowing development pipeline', async () => {
    const young = await systemRows<{ name: string; birth_date: string; joined_on: string }>(
      t.database,
      sql`select name, birth_date::text, joined_on::text from people
           where joined_on is not null and (joined_on < birth_date + interval '14 years' or joined_on > ${'2026-11-20'}::date)`,
    );
    expect(young).toEqual([]);
    const stages = await systemRows<{ stage: string; n: number }>(t.database, sql`select stage, count(*)::int as n from development_cases where status = 'in_progress' group by stage`);
    expect(stages.length).toBeGreaterThan(3);
    expect(new Set(stages.map((s) => s.n)).size).toBeGreaterThan(1);
  });
});
