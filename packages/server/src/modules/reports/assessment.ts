import { sql } from 'drizzle-orm';
import {
  DomainError,
  assessedChildren,
  assessmentAsOf,
  schemeChangeProblems,
  schemeProblems,
  scoreOrgs,
  type FigureKey,
  type FigureSet,
  type OrgType,
  type Indicator,
  type Rules,
  type SchemeStatus,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { computeChildFigures, computeFigures } from './figures.js';
import { within } from './service.js';
import { manualScoresOf } from '../registries/manual-scores.js';

type R = typeof api.reports;

interface SchemeRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  year: number;
  title: string;
  indicators: Indicator[];
  status: SchemeStatus;
}

/** Schemes of the caller's committee and those above and below it (the SECURITY DEFINER reader). */
const schemesInLine = sql`(select id, org_id, org_name, org_path, year, title, indicators, status from tj_assessment_schemes_in_line())`;

const toItem = (user: SessionUser, r: SchemeRow): api.reports.SchemeItem => ({
  id: Number(r.id),
  org: { id: Number(r.org_id), name: r.org_name },
  year: r.year,
  title: r.title,
  status: r.status,
  indicators: r.indicators,
  isOwner: within(r.org_path, user.scopePath),
});

/** A scheme visible to the caller: its own or below (any status), or a published one above; else 404. */
async function loadScheme(tx: Tx, user: SessionUser, id: number): Promise<SchemeRow> {
  const [row] = await query<SchemeRow>(tx, sql`select * from ${schemesInLine} s where s.id = ${id}`);
  if (!row || (row.status !== 'published' && !within(row.org_path, user.scopePath))) throw notFound('考核方案');
  return { ...row, id: Number(row.id), org_id: Number(row.org_id) };
}

async function loadOwnScheme(tx: Tx, user: SessionUser, id: number): Promise<SchemeRow> {
  const s = await loadScheme(tx, user, id);
  if (!within(s.org_path, user.scopePath)) throw new HttpError(403, 'not_owner', '只有制定方案的单位可以修改或发布考核方案');
  return s;
}

export async function listSchemes(tx: Tx, user: SessionUser, q: api.QueryOf<R['listSchemes']>) {
  const rows = await query<SchemeRow>(tx, sql`select * from ${schemesInLine} s ${q.year ? sql`where s.year = ${q.year}` : sql``} order by s.year desc, s.id desc`);
  return rows.filter((r) => r.status === 'published' || within(r.org_path, user.scopePath)).map((r) => toItem(user, r));
}

function checkIndicators(indicators: Indicator[]) {
  const problems = schemeProblems(indicators);
  if (problems.length) throw new DomainError('scheme_invalid', problems.join('；'), 'indicators');
}

export async function createScheme(tx: Tx, body: api.BodyOf<R['createScheme']>): Promise<number> {
  const org = await loadOrg(tx, body.orgId);
  checkIndicators(body.indicators);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into assessment_schemes (org_id, year, title, indicators) values (${org.id}, ${body.year}, ${body.title}, ${JSON.stringify(body.indicators)}::jsonb) returning id`,
  );
  return Number(row!.id);
}

export async function updateScheme(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<R['updateScheme']>) {
  const s = await loadOwnScheme(tx, user, id);
  const problems = schemeChangeProblems(s.status, 'edit');
  if (problems.length) throw new DomainError('scheme_published', problems.join('；'));
  checkIndicators(body.indicators);
  await tx.execute(sql`update assessment_schemes set title = ${body.title}, indicators = ${JSON.stringify(body.indicators)}::jsonb, updated_at = now() where id = ${s.id}`);
}

export async function publishScheme(tx: Tx, user: SessionUser, id: number) {
  const s = await loadOwnScheme(tx, user, id);
  const problems = [...schemeChangeProblems(s.status, 'publish'), ...schemeProblems(s.indicators)];
  if (problems.length) throw new DomainError('scheme_publish_refused', problems.join('；'));
  await tx.execute(sql`update assessment_schemes set status = 'published', updated_at = now() where id = ${s.id}`);
}

/**
 * Each visible township (or, without townships, each child) of the assessing committee scored from its own figures
 * as of the end of the year (today during the year); a township sees its own
 * row of a county's scheme, the county sees every township ranked.
 */
export async function scores(tx: Tx, user: SessionUser, rules: Rules, id: number): Promise<api.reports.SchemeScores> {
  const s = await loadScheme(tx, user, id);
  const asOf = assessmentAsOf(s.year, today());
  const metrics = [...new Set(s.indicators.map((i) => i.metric).filter((m): m is FigureKey => m !== 'manual'))];
  let basis = '实时数据';
  let children: { id: number; name: string; type: OrgType; figures: FigureSet }[] = [];
  const assessor = within(s.org_path, user.scopePath);
  if (assessor) {
    // The assessing committee is in scope: every child at once.
    ({ basis, children } = await computeChildFigures(tx, rules, s.org_id, asOf, metrics));
  } else {
    // A scheme from above: only the caller's own organization(s) among its children are visible.
    const own = await query<{ id: number; name: string; type: OrgType }>(
      tx,
      sql`select id, name, type from organizations where parent_id = ${s.org_id} and status = 'active' order by sort_order, path`,
    );
    for (const c of own) {
      const figures = await computeFigures(tx, rules, Number(c.id), asOf, metrics);
      basis = figures.basis;
      children.push({ id: Number(c.id), name: c.name, type: c.type, figures });
    }
  }
  const manual = await manualScoresOf(tx, s.id);
  const orgs = assessedChildren(children).map((c) => ({ orgId: c.id, orgName: c.name, figures: c.figures.values, manual: manual.get(c.id) }));
  // Rank indicators need every assessed organization: only the assessing committee sees them all.
  return {
    scheme: toItem(user, s),
    asOf,
    basis,
    maxScore: s.indicators.reduce((sum, i) => sum + i.weight, 0),
    rows: scoreOrgs(s.indicators, orgs, assessor),
  };
}
