import { sql } from 'drizzle-orm';
import { DEFAULT_STAR_CRITERIA, type StarSheet, type api } from '@tuanjian/domain';
import { buildApp, type AppOptions } from '../../src/app.js';
import { withSystem } from '../../src/db/context.js';
import { registerRoutes } from '../../src/http/route.js';
import { dailyWorkPublicRoutes } from '../../src/modules/daily-work/resets-public.js';
import type { SmsMessage, SmsSender } from '../../src/modules/daily-work/sms.js';
import { seedDailyWorkDemo } from '../../src/seed/demo-daily-work.js';
import { makeIdNumber } from '../factories.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/* Test helpers shared by the daily-work API tests. */

/** Today in China (the server's business date; TJ_TODAY pins both). */
export function todayCn(): string {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const thisYear = () => Number(todayCn().slice(0, 4));
export const thisMonth = () => todayCn().slice(0, 7);

/** Captures text messages instead of sending them (the injectable SMS sender). */
export class CapturingSms implements SmsSender {
  readonly name = 'capture';
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage): Promise<void> {
    this.sent.push(message);
  }
  last(): SmsMessage | undefined {
    return this.sent[this.sent.length - 1];
  }
}

/** A test server whose password-reset codes go to `sms`, optionally with the daily-work demo records. */
export async function createDailyWorkApp(opts: { sms?: SmsSender; seed?: boolean } = {}): Promise<TestContext> {
  const t = await createTestApp();
  await t.app.close();
  if (opts.seed) {
    await withSystem(t.database, 'demo', (tx) => seedDailyWorkDemo(tx, { today: todayCn(), year: thisYear() }));
  }
  const appOpts = { database: t.database, logLevel: process.env.TEST_LOG ?? 'silent', loginRateLimit: 10_000, smsSender: opts.sms } as AppOptions;
  const app = await buildApp(appOpts);
  await app.ready();
  const closeDb = t.close;
  return {
    app,
    database: t.database,
    adminPassword: t.adminPassword,
    async close() {
      await app.close();
      await closeDb();
    },
  };
}

/**
 * A member's own session (团员自助): the branch issues a one-time reset code, the member redeems it with
 * `password` (opening the member account) and logs in.
 */
export async function memberSession(t: TestContext, secretary: Session, personId: number, password: string): Promise<{ session: Session; username: string }> {
  const issued = (await secretary.post('/api/daily-work/resets/issue', { personIds: [personId] })).json().codes[0];
  const res = await t.app.inject({ method: 'POST', url: '/api/daily-work/resets/redeem', payload: { username: issued.username, code: issued.code, newPassword: password } });
  if (res.statusCode !== 200) throw new Error(res.body);
  return { session: await loginAs(t.app, issued.username, password), username: issued.username };
}

/** Active branches under a township, by id. */
export async function branchesOf(t: TestContext, township: string): Promise<{ id: number; name: string }[]> {
  const townId = await orgId(t.database, `共青团余庆县${township}委员会`);
  const rows = await systemRows<{ id: number; name: string }>(
    t.database,
    sql`select id, name from organizations where type = 'branch' and status = 'active'
          and path <@ (select path from organizations where id = ${townId}) order by id`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** Active members of a branch, by id. */
export async function membersOf(t: TestContext, branchId: number): Promise<{ id: number; name: string; member_no: string | null; joined_on: string | null; is_student: boolean }[]> {
  const rows = await systemRows<{ id: number; name: string; member_no: string | null; joined_on: string | null; is_student: boolean }>(
    t.database,
    sql`select id, name, member_no, joined_on::text as joined_on, is_student from people where org_id = ${branchId} and member_status = 'active' order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The demo branch secretary's branch (白泥镇's first village branch). */
export async function secretaryBranch(t: TestContext): Promise<number> {
  const [row] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  return Number(row!.scope_org_id);
}

/* Route walk (scope.test.ts): valid bodies apart from the out-of-scope reference. */

const today = () => todayCn();
const scores = () => Object.fromEntries(DEFAULT_STAR_CRITERIA.map((c) => [c.key, c.max - 2]));

export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'PUT /api/daily-work/dues/profiles/:personId': () => ({ category: 'employed', monthlyIncomeFen: 500_000 }),
  'POST /api/daily-work/dues/payments': (ids) => ({ personId: ids.person, period: thisMonth(), paidOn: today(), method: 'cash' }),
  'POST /api/daily-work/dues/payments/batch': (ids) => ({ personIds: [ids.person], periods: [thisMonth()], paidOn: today(), method: 'cash' }),
  'PATCH /api/daily-work/dues/payments/:id': () => ({ amountFen: 100, paidOn: today(), method: 'cash' }),
  'POST /api/daily-work/dues/import': (ids) => ({ orgId: ids.org, fileName: '团费.xlsx', contentBase64: 'UEsDBA==', commit: true }),
  'POST /api/daily-work/dues/remittances': (ids) => ({ orgId: ids.org, periodFrom: `${thisYear()}-01`, periodTo: `${thisYear()}-01`, amountFen: 10, remittedOn: today() }),
  'POST /api/daily-work/star-ratings': (ids) => ({ orgId: ids.org, year: thisYear(), title: '越权开展的定级' }),
  'POST /api/daily-work/star-ratings/:id/close': () => ({}),
  'POST /api/daily-work/star-entries/:id/self-assessment': () => ({ scores: scores() }),
  'POST /api/daily-work/star-entries/:id/review': () => ({ scores: scores() }),
  'POST /api/daily-work/star-entries/:id/confirm': () => ({ grade: 'four' }),
  'PATCH /api/daily-work/rectifications/:id': () => ({ followUp: '越权记录的整改进展' }),
  'POST /api/daily-work/rectifications/:id/complete': () => ({ doneOn: today(), note: '越权验收' }),
  'PUT /api/daily-work/graduates/classes/:id': () => ({ graduationYear: thisYear() }),
  'POST /api/daily-work/graduates/transfers': (ids) => ({ personIds: [ids.person], destination: 'unknown' }),
  'POST /api/daily-work/graduates/transfers/incoming': (ids) => ({ idNumber: makeIdNumber('2006-06-01'), personName: '样本毕业生', toOrgId: ids.org, destination: 'work' }),
  'POST /api/daily-work/transfers/escalate': (ids) => ({ under: ids.org }),
  'POST /api/daily-work/resets/request': () => ({ username: 'nobody', phone: '13800000000' }),
  'POST /api/daily-work/resets/redeem': () => ({ username: 'nobody', code: '123456', newPassword: 'Abcdef123' }),
  'POST /api/daily-work/resets/issue': (ids) => ({ personIds: [ids.person] }),
  'POST /api/daily-work/resets/issue-branch': (ids) => ({ orgId: ids.org }),
  'POST /api/daily-work/corrections/resolve': (ids) => ({ personId: ids.person, requestId: 1, accepted: true, note: '越权办理' }),
  'POST /api/daily-work/portal/transfers': () => ({ toOrgId: 1, toOrgName: '样本团支部', reason: '越权申请转接' }),
  'POST /api/daily-work/portal/corrections': () => ({ field: 'phone', value: '13800000000' }),
  'POST /api/daily-work/portal/registrations': () => ({ year: new Date().getFullYear() }),
  'POST /api/daily-work/portal/dues/receipts': () => ({ fileName: '转账截图.png', contentBase64: 'iVBORw0KGgo=', period: thisMonth(), paidOn: today() }),
  'POST /api/daily-work/dues/receipts/:id/confirm': () => ({}),
  'POST /api/daily-work/dues/receipts/:id/return': () => ({ reason: '越权退回' }),
  'POST /api/daily-work/join-applications/:id/accept': () => ({}),
  'POST /api/daily-work/join-applications/:id/decline': () => ({ reason: '越权不予受理' }),
};

/**
 * In each township: a dues payment, a pending dues receipt, a pending online join application, a star rating opened by the township
 * (last year, so the demo's county rating of this year is not in the way)
 * with one entry, and a rectification task on it.
 */
export async function prepareRecords(t: TestContext): Promise<void> {
  const year = thisYear() - 1;
  for (const town of ['白泥镇', '龙溪镇']) {
    const townId = await orgId(t.database, `共青团余庆县${town}委员会`);
    const [branch] = await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o where o.parent_id = ${townId} and o.type = 'branch' and o.status = 'active'
             and exists (select 1 from people p where p.org_id = o.id and p.member_status = 'active') order by o.id limit 1`,
    );
    const branchId = Number(branch!.id);
    const [person] = await systemRows<{ id: number }>(t.database, sql`select id from people where org_id = ${branchId} and member_status = 'active' order by id limit 1`);
    await systemRows(
      t.database,
      sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method)
          values (${branchId}, ${person!.id}, ${`${year}-01`}, 20, ${`${year}-01-15`}::date, 'cash') on conflict do nothing returning id`,
    );
    await systemRows(
      t.database,
      sql`insert into dues_receipts (org_id, person_id, period, paid_on) values (${branchId}, ${person!.id}, ${`${year}-02`}, ${`${year}-02-15`}::date) returning id`,
    );
    await systemRows(
      t.database,
      sql`insert into join_applications (org_id, name, id_number, gender, birth_date, ethnicity, phone, school, content)
          values (${branchId}, '样本申请人', ${makeIdNumber('2010-03-03')}, 'male', '2010-03-03', '01', '13800000000', '样本中学', '样本入团申请书内容') returning id`,
    );
    const title = `${year}年度${town}团支部对标定级（样本）`;
    const [rating] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into star_ratings (org_id, year, title, criteria) values (${townId}, ${year}, ${title}, ${JSON.stringify(DEFAULT_STAR_CRITERIA)}::jsonb) returning id`,
    );
    const sheet: StarSheet = { ratingTitle: title, year, criteria: [...DEFAULT_STAR_CRITERIA], scores: null, note: null };
    const [entry] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into star_rating_entries (rating_id, org_id, self_scores, status, grade) values (${rating!.id}, ${branchId}, ${JSON.stringify(sheet)}::jsonb, 'pending', null) returning id`,
    );
    await systemRows(
      t.database,
      sql`insert into rectification_tasks (entry_id, org_id, requirement, deadline, follow_up) values (${entry!.id}, ${branchId}, '样本整改要求', ${`${year + 1}-12-31`}::date, '样本进展') returning id`,
    );
  }
}
