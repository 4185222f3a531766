import { sql } from 'drizzle-orm';
import { maskIdCard, type api } from '@tuanjian/domain';
import { insertPerson, makeIdNumber } from '../factories.js';
import { loginAs, orgId, systemRows, type TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/* Test data helpers shared by the membership API tests. */

/** Today in China (the server's business date; TJ_TODAY pins both). */
export function todayCn(): string {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const thisYear = () => Number(todayCn().slice(0, 4));

/** Adds days (negative: earlier) to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let birthSerial = 0;
/**
 * A birth date at which the person is exactly `age` on `on`; every call gives
 * another day (the factory derives ID numbers from birth dates, and two
 * people born the same day in a row could get the same number).
 */
export function birthForAge(age: number, on = todayCn()): string {
  birthSerial = (birthSerial % 300) + 1;
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const anniversary = `${y - age}-${String(m).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
  return addDays(anniversary, -birthSerial);
}

/** Active branches (团支部) under a township, by id. */
export async function branchesOf(t: TestContext, township: string): Promise<{ id: number; name: string }[]> {
  const townId = await orgId(t.database, `共青团余庆县${township}委员会`);
  const rows = await systemRows<{ id: number; name: string }>(
    t.database,
    sql`select id, name from organizations where type = 'branch' and status = 'active'
          and path <@ (select path from organizations where id = ${townId}) order by id`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export interface MemberOptions {
  name?: string;
  age?: number;
  birthDate?: string;
  joinedOn?: string;
  memberStatus?: 'active' | 'left' | null;
  politicalStatus?: string;
}

/** A person in the registry (an active member unless told otherwise). */
export async function addMember(t: TestContext, orgIdValue: number, o: MemberOptions = {}) {
  return insertPerson(t.database, {
    orgId: orgIdValue,
    name: o.name,
    birthDate: o.birthDate ?? birthForAge(o.age ?? 22),
    memberStatus: o.memberStatus === undefined ? 'active' : o.memberStatus,
    joinedOn: o.joinedOn,
    politicalStatus: o.politicalStatus,
  });
}

/**
 * A general branch with `branches` branches under a township, created through
 * the API, so that a test's figures do not depend on what the demo holds.
 */
export async function makeUnit(t: TestContext, township: string, name: string, branches = 2): Promise<{ unitId: number; branchIds: number[]; names: string[] }> {
  const county = await loginAs(t.app, 'county_admin');
  const parentId = await orgId(t.database, `共青团余庆县${township}委员会`);
  const unit = await county.post('/api/orgs', { parentId, name, type: 'general_branch', sector: 'other' });
  if (unit.statusCode !== 200) throw new Error(`makeUnit ${name}: ${unit.body}`);
  const unitId = unit.json().id as number;
  const branchIds: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < branches; i++) {
    const branchName = `${name}第${i + 1}团支部`;
    const res = await county.post('/api/orgs', { parentId: unitId, name: branchName, type: 'branch', sector: 'other' });
    if (res.statusCode !== 200) throw new Error(`makeUnit ${branchName}: ${res.body}`);
    branchIds.push(res.json().id);
    names.push(branchName);
  }
  return { unitId, branchIds, names };
}

/* Route walk (scope.test.ts): valid bodies apart from the out-of-scope reference. */

const today = () => todayCn();

export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/membership/transfers': (ids) => ({ personId: ids.person, toOrgId: ids.org, toOrgName: '样本团支部', reason: '工作调动' }),
  'POST /api/membership/transfers/incoming': (ids) => ({ idNumber: makeIdNumber('2001-06-01'), personName: '样本转入', toOrgId: ids.org, reason: '工作调动' }),
  'POST /api/membership/transfers/:id/accept': () => ({ onDate: today(), decidedBy: '越权经办人' }),
  'POST /api/membership/transfers/:id/reject': () => ({ onDate: today(), decidedBy: '越权经办人', reason: '越权退回' }),
  'POST /api/membership/transfers/:id/cancel': () => ({ note: '越权撤回' }),
  'POST /api/membership/interprovince-requests': (ids) => ({ personId: ids.person, toProvince: '44', toOrgName: '广东省某某公司团支部', reason: '越权测试' }),
  'POST /api/membership/interprovince-requests/withdraw': (ids) => ({ personId: ids.person }),
  'POST /api/membership/interprovince-transfers/:key/accept': () => ({}),
  'POST /api/membership/interprovince-transfers/:key/reject': () => ({ reason: '越权退回' }),
  'POST /api/membership/registrations': (ids) => ({ year: thisYear(), status: 'registered', decidedOn: today(), personIds: ids.person }),
  'POST /api/membership/appraisals': (ids) => ({ year: thisYear() - 1, grade: 'qualified', personIds: ids.person }),
  'POST /api/membership/leaving/over-age': (ids) => ({ personIds: ids.person, onDate: today(), approvedBy: '越权批准人' }),
  'POST /api/membership/people/:id/leave': () => ({ kind: 'voluntary', reason: '本人申请退团', onDate: today(), approvedBy: '越权批准人' }),
  'POST /api/membership/people/:id/reinstate': () => ({ reason: '越权恢复', onDate: today(), approvedBy: '越权批准人' }),
  'POST /api/membership/party-recommendations': (ids) => ({ personId: ids.person, meetingOn: today(), entitled: 10, votesFor: 8 }),
  'POST /api/membership/party-recommendations/:id/outcome': () => ({ outcome: 'activist', outcomeOn: today() }),
  'POST /api/membership/reviews': (ids) => ({ orgId: ids.org, title: '越权回头看', periodFrom: `${thisYear() - 1}-01-01`, periodTo: today() }),
  'POST /api/membership/review-findings/:id/confirm': () => ({ onDate: today(), approvedBy: '越权批准人', note: '越权清退' }),
  'POST /api/membership/review-findings/:id/dismiss': () => ({ note: '越权排除' }),
};

/**
 * In each township: members, a pending transfer between two of its own
 * branches (so the other township cannot see it from either side), a 推优入党
 * recommendation, and a 回头看 review with one finding.
 */
export async function prepareRecords(t: TestContext): Promise<void> {
  for (const town of ['白泥镇', '龙溪镇']) {
    const townId = await orgId(t.database, `共青团余庆县${town}委员会`);
    const [first, second] = await branchesOf(t, town);
    const mover = await addMember(t, first!.id, { name: `${town.slice(0, 2)}样本甲`, age: 23 });
    const audited = await addMember(t, first!.id, { name: `${town.slice(0, 2)}样本乙`, age: 24, joinedOn: `${thisYear() - 1}-05-04` });
    await systemRows(
      t.database,
      sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, reason, person_name, person_id_masked)
          values (${mover.id}, ${first!.id}, ${second!.id}, 'sending', '工作调动', ${`${town.slice(0, 2)}样本甲`}, ${maskIdCard(mover.idNumber)})`,
    );
    await systemRows(
      t.database,
      sql`insert into party_recommendations (person_id, org_id, year, meeting_on, votes_for, entitled)
          values (${mover.id}, ${first!.id}, ${thisYear()}, ${today()}::date, 8, 10)`,
    );
    const [campaign] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into review_campaigns (org_id, title, period_from, period_to, checked)
          values (${townId}, ${`${town}样本回头看`}, ${`${thisYear() - 1}-01-01`}::date, ${`${thisYear() - 1}-12-31`}::date, 1) returning id`,
    );
    await systemRows(
      t.database,
      sql`insert into review_findings (campaign_id, person_id, org_id, rule, detail)
          values (${Number(campaign!.id)}, ${audited.id}, ${first!.id}, 'no_record', '没有入团程序记录（发展档案）')`,
    );
  }
}
