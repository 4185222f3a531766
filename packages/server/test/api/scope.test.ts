import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api } from '@tuanjian/domain';
import { z } from 'zod';
import { allRoutes } from '../../src/app.js';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { EXTRA_SAMPLE_BODIES, prepareRecords } from './scope-samples.js';

function need(id: number | undefined, what: string): number {
  if (id === undefined) throw new Error(`no record for ${what} in the township: the demo data or prepareRecords must create one`);
  return id;
}

/**
 * Walks every route the server registers, as the admin of another township
 * (龙溪镇), aimed at records of 白泥镇. Routes come from the server's own list,
 * so a new route is walked as soon as it exists; a route whose inputs name a
 * record without declaring it in `refs`, or a write route without a sample
 * body here, fails this test.
 */
let t: TestContext;
type Targets = Partial<Record<api.RefKind, number>>;
let outside: Targets; // in 白泥镇: must be refused
let inside: Targets; // in 龙溪镇: the attacker's own

/** Where each kind of referenced record lives, and the column that places it in the tree. */
const KIND_TABLES: Record<Exclude<api.RefKind, 'org'>, [table: string, orgColumn: string]> = {
  account: ['accounts', 'scope_org_id'],
  adminUnit: ['admin_units', 'township_org_id'],
  person: ['people', 'org_id'],
  developmentCase: ['development_cases', 'branch_id'],
  transfer: ['transfers', 'from_org_id'],
  review: ['review_campaigns', 'org_id'],
  reviewFinding: ['review_findings', 'org_id'],
  importBatch: ['import_batches', 'org_id'],
  partyRecommendation: ['party_recommendations', 'org_id'],
  cadre: ['cadres', 'org_id'],
  cadrePost: ['cadre_posts', 'org_id'],
  election: ['elections', 'org_id'],
  electionCandidate: ['election_candidates', 'org_id'],
  appraisalCampaign: ['appraisal_campaigns', 'org_id'],
  training: ['trainings', 'org_id'],
  reserveTalent: ['reserve_talents', 'org_id'],
  liaison: ['liaisons', 'org_id'],
  meeting: ['meetings', 'org_id'],
  attachment: ['attachments', 'org_id'],
  venue: ['venues', 'org_id'],
  activity: ['activities', 'org_id'],
  volunteerTeam: ['volunteer_teams', 'org_id'],
  volunteer: ['volunteers', 'org_id'],
  serviceProject: ['service_projects', 'org_id'],
  studyRound: ['study_rounds', 'org_id'],
  aidProject: ['aid_projects', 'org_id'],
  aidBeneficiary: ['aid_beneficiaries', 'org_id'],
  honorCampaign: ['honor_campaigns', 'org_id'],
  honorNomination: ['honor_nominations', 'org_id'],
  appeal: ['appeals', 'org_id'],
  duesPayment: ['dues_payments', 'org_id'],
  duesReceipt: ['dues_receipts', 'org_id'],
  joinApplication: ['join_applications', 'org_id'],
  archiveDocument: ['archive_documents', 'org_id'],
  starRating: ['star_ratings', 'org_id'],
  starRatingEntry: ['star_rating_entries', 'org_id'],
  rectificationTask: ['rectification_tasks', 'org_id'],
  reportTask: ['report_tasks', 'org_id'],
  reportSubmission: ['report_submissions', 'org_id'],
  assessmentScheme: ['assessment_schemes', 'org_id'],
  notice: ['notices', 'org_id'],
  noticeAttachment: ['attachments', 'org_id'],
  newSectorUnit: ['new_sector_units', 'org_id'],
  honorAward: ['honor_awards', 'org_id'],
  assessmentScore: ['assessment_manual_scores', 'org_id'],
  congress: ['congresses', 'org_id'],
  congressDeputy: ['congress_deputies', 'org_id'],
  deputyStation: ['deputy_stations', 'org_id'],
  deputyCommittee: ['deputy_committees', 'org_id'],
  supervisionContact: ['supervision_contacts', 'org_id'],
  supervisionVisit: ['supervision_visits', 'org_id'],
  partyMeeting: ['party_league_meetings', 'org_id'],
  youthSociety: ['youth_societies', 'org_id'],
  planMeasure: ['youth_plan_measures', 'org_id'],
};

/** The only routes open without login: health, login, password reset by SMS, and 青年之声 for young people without an account. */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/daily-work/resets/request',
  'POST /api/daily-work/resets/redeem',
  'GET /api/public/join/branches',
  'POST /api/public/join/applications',
  'GET /api/public/youth-voice/orgs',
  'POST /api/public/youth-voice/appeals',
  'POST /api/public/youth-voice/appeals/lookup',
  'POST /api/public/youth-voice/appeals/rate',
  'GET /api/public/documents/:code',
];

const SAMPLE_BODIES: Record<string, (ids: Targets) => unknown> = {
  'POST /api/auth/login': () => undefined,
  'POST /api/auth/logout': () => ({}),
  'POST /api/auth/password': () => ({ oldPassword: 'not-the-password1', newPassword: 'Another1pass' }),
  'POST /api/orgs': (ids) => ({ parentId: ids.org, name: '越权测试团支部', type: 'branch', sector: 'village', adminUnitId: ids.adminUnit }),
  'PATCH /api/orgs/:id': (ids) => ({ version: 1, name: '越权改名团支部', sector: 'village', adminUnitId: ids.adminUnit }),
  'POST /api/orgs/:id/move': (ids) => ({ parentId: ids.org }),
  'POST /api/orgs/:id/dissolve': () => ({ dissolvedOn: '2026-01-01', reason: '越权测试' }),
  'POST /api/orgs/:id/restore': () => ({}),
  'POST /api/admin-units': (ids) => ({ code: '520329999001', name: '越权村', kind: 'village', townshipOrgId: ids.org }),
  'POST /api/accounts': (ids) => ({ username: 'intruder1', displayName: '越权者', role: 'viewer', scopeOrgId: ids.org }),
  'PATCH /api/accounts/:id': (ids) => ({ displayName: '越权改名', scopeOrgId: ids.org }),
  'POST /api/accounts/:id/reset-password': () => ({}),
  'POST /api/accounts/:id/unlock': () => ({}),
  'PUT /api/rules/:section': () => ({ memberMax: 99 }),
  ...EXTRA_SAMPLE_BODIES,
};

async function targetsIn(township: string, adminUsername: string, orgType: 'branch' | 'general_branch'): Promise<Targets> {
  const townshipId = await orgId(t.database, `共青团余庆县${township}委员会`);
  const ids: Targets = {};
  // Aim org targets below the township, so that "own scope root" rules are not what refuses;
  // the caller's own target is a general branch, under which a branch may be created.
  const [org] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${townshipId} and type = ${orgType} order by id limit 1`);
  ids.org = Number(org!.id);
  for (const [kind, [table, column]] of Object.entries(KIND_TABLES)) {
    const [row] = await systemRows<{ id: number }>(
      t.database,
      sql`select x.id from ${sql.identifier(table)} x join organizations o on o.id = x.${sql.identifier(column)}
           where o.path <@ (select path from organizations where id = ${townshipId}) order by x.id limit 1`,
    );
    if (row) ids[kind as api.RefKind] = Number(row.id);
  }
  const [account] = await systemRows<{ id: number }>(t.database, sql`select id from accounts where username = ${adminUsername}`);
  ids.account = Number(account!.id);
  return ids;
}

beforeAll(async () => {
  t = await createTestApp();
  await prepareRecords(t);
  outside = await targetsIn('白泥镇', 'baini_admin', 'branch');
  inside = await targetsIn('龙溪镇', 'longxi_admin', 'general_branch');
  // A second account inside 龙溪镇 to be the in-scope account target.
  const longxi = await loginAs(t.app, 'longxi_admin');
  const created = await longxi.post('/api/accounts', { username: 'longxi_viewer', displayName: '龙溪查看员', role: 'viewer', scopeOrgId: inside.org });
  inside.account = created.json().account.id;
});
afterAll(() => t?.close());

/** Path parameters: referenced records from `ids`; a fixed choice (a zod enum such as a rules section) takes its first value. */
function fill(c: api.Contract, refs: Record<string, api.RefKind>, ids: (ref: string) => number | undefined) {
  const path = c.path;
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const key = `params.${name}`;
    const schema = (c.params as z.ZodObject<Record<string, z.ZodType>> | undefined)?.shape[name];
    if (!refs[key] && schema instanceof z.ZodEnum) return String(schema.options[0]);
    // A key that names no scoped record (跨省转接's UUID): any well-formed one; the route refuses the caller first.
    if (!refs[key] && schema instanceof z.ZodString && schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
    // A record on a province's own server (the national server's 跨省转出申请): a well-formed province and number;
    // the route refuses a caller who is not a national administrator before any province is asked.
    if (!refs[key] && path.startsWith('/api/national/')) return name === 'province' ? '52' : '1';
    if (!refs[key]) throw new Error(`${path}: path parameter :${name} is not declared in refs`);
    return String(need(ids(key), `${path} :${name}`));
  });
}

/** A sample body with the value at a ref path (nested, an array of ids, a field of every element) replaced by ids from `id`. */
function aimAt(value: unknown, keys: readonly string[], id: () => number): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return Array.isArray(value) ? value.map(() => id()) : id();
  if (key === '[]') return Array.isArray(value) ? value.map((v) => aimAt(v, rest, id)) : value;
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [key]: aimAt(object[key], rest, id) };
}

describe('data scope: every route refuses another township', () => {
  it('walks all routes', async () => {
    const routes = allRoutes(t.database, { cookieSecure: false });
    expect(routes.length).toBeGreaterThan(15);
    const before = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout', 'login_failed')`);
    const checked: string[] = [];
    for (const { contract: c } of routes) {
      const key = `${c.method} ${c.path}`;
      if (c.permission === 'public') {
        expect(PUBLIC_ROUTES).toContain(key);
        continue;
      }
      const refs = c.refs ?? {};
      const hasBody = c.method !== 'GET';
      if (hasBody && !SAMPLE_BODIES[key]) throw new Error(`${key}: add a sample body to SAMPLE_BODIES`);
      // One request per declared reference: that one aimed outside, the others inside the caller's scope.
      const variants = Object.keys(refs).length ? Object.keys(refs) : [null];
      for (const outRef of variants) {
        const session = await loginAs(t.app, 'longxi_admin');
        const idFor = (ref: string) => need((ref === outRef ? outside : inside)[refs[ref]!], `${key} ${ref} (${refs[ref]})`);
        const url = new URL(fill(c, refs, idFor), 'http://x');
        for (const ref of Object.keys(refs).filter((r) => r.startsWith('query.'))) url.searchParams.set(ref.slice(6), String(idFor(ref)));
        if (c.query && c.path === '/api/stats/org-overview' && !url.searchParams.has('orgId')) url.searchParams.set('orgId', String(inside.org));
        let body = hasBody ? (SAMPLE_BODIES[key]!(inside) as Record<string, unknown> | undefined) : undefined;
        if (body) {
          body = { ...body };
          for (const ref of Object.keys(refs).filter((r) => r.startsWith('body.'))) body = aimAt(body, api.refFieldPath(ref), () => idFor(ref)) as Record<string, unknown>;
        }
        const res = await session.request(c.method, url.pathname + url.search, body);
        const label = `${key} with ${outRef ?? 'no reference'} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (outRef) {
          expect([403, 404], label).toContain(res.statusCode);
        } else {
          expect(res.statusCode, label).toBeLessThan(500);
          expect(res.body, label).not.toContain('白泥');
        }
        checked.push(label);
      }
    }
    // Nothing in 白泥镇 (or anywhere) was written by the walk.
    const after = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout', 'login_failed')`);
    expect(after[0]!.n, checked.join('\n')).toBe(before[0]!.n);
    // Several hundred requests, one login each: minutes on a busy machine, and more with every route.
  }, 300_000);
});

describe('roles', () => {
  it('a viewer reads but cannot write', async () => {
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.get(`/api/orgs/${outside.org}`)).statusCode).toBe(200);
    const res = await viewer.post('/api/orgs', { parentId: outside.org, name: '查看员新建团支部', type: 'branch', sector: 'other' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('您的角色无权进行此操作');
    expect((await viewer.get('/api/accounts')).statusCode).toBe(403);
  });

  it('a branch secretary sees and edits only the own branch', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const own = (await sec.get(`/api/orgs/${me.scopeOrgId}`)).json();
    expect(own.can).toMatchObject({ edit: true, manage: false });
    expect((await sec.patch(`/api/orgs/${me.scopeOrgId}`, { version: own.version, contactName: '李四' })).statusCode).toBe(200);
    expect((await sec.get(`/api/orgs/${own.parentId}`)).statusCode).toBe(404);
    expect((await sec.get(`/api/orgs/${outside.org}`)).statusCode).toBe(404);
    expect((await sec.post(`/api/orgs/${me.scopeOrgId}/dissolve`, { dissolvedOn: '2026-01-01', reason: '测试' })).statusCode).toBe(403);
    const roots = (await sec.get('/api/orgs/roots')).json();
    expect(roots.map((r: { id: number }) => r.id)).toEqual([me.scopeOrgId]);
  });

  it('an org admin cannot create a platform admin or an account outside its township', async () => {
    const baini = await loginAs(t.app, 'baini_admin');
    const admin = await baini.post('/api/accounts', { username: 'sneaky', displayName: '越权管理员', role: 'platform_admin', scopeOrgId: null });
    expect(admin.statusCode).toBe(403);
    const out = await baini.post('/api/accounts', { username: 'sneaky2', displayName: '越权管理员', role: 'org_admin', scopeOrgId: inside.org });
    expect(out.statusCode).toBe(404);
    const secretaryOnTownship = await baini.post('/api/accounts', { username: 'sec2', displayName: '书记二', role: 'branch_secretary', scopeOrgId: await orgId(t.database, '共青团余庆县白泥镇委员会') });
    expect(secretaryOnTownship.statusCode).toBe(422);
    expect(secretaryOnTownship.json().message).toContain('必须是一个团支部');
  });

  it('an org admin creates an account with a one-time password that must be changed', async () => {
    const baini = await loginAs(t.app, 'baini_admin');
    const res = await baini.post('/api/accounts', { username: 'baini_sec2', displayName: '新书记', role: 'branch_secretary', scopeOrgId: outside.org });
    expect(res.statusCode).toBe(200);
    const { initialPassword, account } = res.json();
    expect(account.mustChangePassword).toBe(true);
    const s = await loginAs(t.app, 'baini_sec2', initialPassword);
    expect((await s.get('/api/orgs/roots')).json().error).toBe('must_change_password');
  });

  it('only the platform admin changes rules, and values are validated', async () => {
    const county = await loginAs(t.app, 'county_admin');
    expect((await county.put('/api/rules/ages', { memberMax: 30 })).statusCode).toBe(403);
    const rules = (await county.get('/api/rules')).json().rules;
    expect(rules.ages.memberMax).toBe(28);
    expect(rules.development.trainingHoursMin).toBe(8);
  });
});
