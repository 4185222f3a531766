import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { orgLifeRoutes } from '../../src/modules/org-life/routes.js';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { SAMPLE_BODIES, prepareRecords } from './scope-samples-org-life.js';
import * as registries from './scope-samples-registries.js';

process.env.ATTACHMENT_DIR ??= mkdtempSync(join(tmpdir(), 'tj-attachments-'));

/**
 * The route walk of scope.test.ts, for the org-life routes alone: as the
 * 龙溪镇 admin, every route aimed at 白泥镇 records must answer 403/404 and
 * write nothing; aimed at the caller's own records it must not fail or leak.
 */
let t: TestContext;
type Targets = Partial<Record<api.RefKind, number>>;
let outside: Targets;
let inside: Targets;

const KIND_TABLES: Partial<Record<api.RefKind, [string, string]>> = {
  person: ['people', 'org_id'],
  importBatch: ['import_batches', 'org_id'],
  cadre: ['cadres', 'org_id'],
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
};

async function targetsIn(township: string, orgType: string): Promise<Targets> {
  const townshipId = await orgId(t.database, `共青团余庆县${township}委员会`);
  const ids: Targets = {};
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
  return ids;
}

beforeAll(async () => {
  t = await createTestApp();
  await registries.prepareRecords(t);
  await prepareRecords(t);
  outside = await targetsIn('白泥镇', 'branch');
  inside = await targetsIn('龙溪镇', 'branch');
});
afterAll(() => t?.close());

describe('org-life data scope', () => {
  it('every org-life route refuses 白泥镇 records to the 龙溪镇 admin and writes nothing', async () => {
    const before = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout', 'login_failed')`);
    const session = await loginAs(t.app, 'longxi_admin');
    const checked: string[] = [];
    for (const { contract: c } of orgLifeRoutes) {
      const key = `${c.method} ${c.path}`;
      expect(c.permission, key).not.toBe('public');
      const refs = c.refs ?? {};
      const hasBody = c.method !== 'GET';
      if (hasBody && !SAMPLE_BODIES[key]) throw new Error(`${key}: add a sample body`);
      const variants = Object.keys(refs).length ? Object.keys(refs) : [null];
      for (const outRef of variants) {
        const idFor = (ref: string) => {
          const id = (ref === outRef ? outside : inside)[refs[ref]!];
          if (id === undefined) throw new Error(`${key}: no ${refs[ref]} record for ${ref}`);
          return id;
        };
        const path = c.path.replace(/:(\w+)/g, (_m, name: string) => {
          if (!refs[`params.${name}`]) throw new Error(`${key}: :${name} not in refs`);
          return String(idFor(`params.${name}`));
        });
        const url = new URL(path, 'http://x');
        for (const ref of Object.keys(refs).filter((r) => r.startsWith('query.'))) url.searchParams.set(ref.slice(6), String(idFor(ref)));
        let body = hasBody ? ({ ...(SAMPLE_BODIES[key]!(inside) as Record<string, unknown>) }) : undefined;
        if (body) {
          for (const ref of Object.keys(refs).filter((r) => r.startsWith('body.'))) {
            const field = ref.slice(5);
            body[field] = Array.isArray(body[field]) ? (body[field] as unknown[]).map(() => idFor(ref)) : idFor(ref);
          }
        }
        const res = await session.request(c.method, url.pathname + url.search, body);
        const label = `${key} with ${outRef ?? 'no reference'} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (outRef) expect([403, 404], label).toContain(res.statusCode);
        else {
          expect(res.statusCode, label).toBeLessThan(500);
          expect(res.body, label).not.toContain('白泥');
        }
        checked.push(label);
      }
    }
    const after = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout', 'login_failed')`);
    expect(after[0]!.n, checked.join('\n')).toBe(before[0]!.n);
    expect(checked.length).toBeGreaterThan(90);
  });

  it('lists and figures of the 龙溪镇 admin never show 白泥镇 records', async () => {
    const session = await loginAs(t.app, 'longxi_admin');
    const townId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
    for (const url of [
      '/api/org-life/meetings',
      '/api/org-life/activities',
      '/api/org-life/venues',
      '/api/org-life/volunteers',
      '/api/org-life/volunteer-teams',
      '/api/org-life/service-projects',
      '/api/org-life/service-records',
      '/api/org-life/study/rounds',
      '/api/org-life/aid/projects',
      '/api/org-life/honors/campaigns',
      '/api/org-life/appeals',
      `/api/org-life/stats/overview?orgId=${townId}`,
      `/api/org-life/meetings/compliance?orgId=${townId}`,
    ]) {
      const res = await session.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('白泥');
    }
    const appeals = (await session.get('/api/org-life/appeals')).json();
    expect(appeals.total).toBeGreaterThan(0);
  });
});
