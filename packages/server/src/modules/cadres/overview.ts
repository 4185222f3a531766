import { sql } from 'drizzle-orm';
import type { Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { focusOn } from '../../db/context.js';
import { query } from '../../db/sql.js';
import { currentYear, today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { overviewFigures, townshipCompositionIssues } from './figures.js';
import { coverage } from './liaisons.js';
import { summary as reserveSummary } from './reserve.js';
import { compositionIssues, rates, structure, terms } from './stats.js';
import { trainingSummary } from './training.js';

/**
 * The cadre dashboard of a subtree: each figure has its own list endpoint behind it. Read from the kept
 * figures (cad:*, migrations 0037 and 0051: the townships' and subdistricts' composition by the signature of
 * their posts, judged against the pattern configured when read); with `plain` every figure is computed live.
 */
export async function cadreOverview(tx: Tx, orgId: number, rules: Rules, opts: { plain?: boolean } = {}) {
  if (opts.plain) return cadreOverviewPlain(tx, orgId, rules);
  const org = await loadOrg(tx, orgId);
  const id = Number(org.id);
  const on = today();
  const year = currentYear();
  await focusOn(tx, id);
  const f = await overviewFigures(tx, id, on, year, rules);
  const { secretaryOnlyIssues, ...figures } = f;
  const townships = await townshipCompositionIssues(tx, id, on, rules);
  return { org: { id, name: org.name }, on, ...figures, compositionIssues: secretaryOnlyIssues + townships };
}

async function cadreOverviewPlain(tx: Tx, orgId: number, rules: Rules) {
  const org = await loadOrg(tx, orgId);
  const r = await rates(tx, { orgId }, { plain: true });
  const s = await structure(tx, { under: orgId }, rules, { plain: true });
  const t = await terms(tx, { under: orgId }, rules);
  const [counts] = await query<{ posts: number; elections: number }>(
    tx,
    sql`select (select count(*)::int from cadre_posts p join organizations po on po.id = p.org_id
                 where p.end_on is null and po.status = 'active' and po.path <@ ${org.path}::ltree) as posts,
               (select count(*)::int from elections e join organizations eo on eo.id = e.org_id
                 where e.status = 'in_progress' and eo.path <@ ${org.path}::ltree) as elections`,
  );
  const issues = await compositionIssues(tx, { under: orgId, severity: 'error' }, rules);
  const year = currentYear();
  const tr = await trainingSummary(tx, { orgId, year }, { plain: true });
  const rs = await reserveSummary(tx, orgId, rules, { plain: true });
  const cov = await coverage(tx, { orgId, year });
  return {
    org: { id: Number(org.id), name: org.name },
    on: today(),
    cadres: s.total,
    posts: counts?.posts ?? 0,
    staffing: r.staffing,
    onDuty: r.onDuty,
    structure: {
      averageAge: s.averageAge,
      partyMembers: s.partyMembers,
      leagueMembers: s.leagueMembers,
      collegeOrAbove: s.collegeOrAbove,
      male: s.male,
      outsideEstablishment: s.outsideEstablishment,
      civilServants: s.civilServants,
    },
    terms: t.counts,
    electionsInProgress: counts?.elections ?? 0,
    compositionIssues: issues.length,
    training: { year, cadresOnDuty: tr.cadresOnDuty, cadresTrained: tr.cadresTrained, trainedShare: tr.trainedShare },
    reserve: { total: rs.total, memberAgeMembers: rs.memberAgeMembers },
    liaison: { branches: cov.branches, covered: cov.covered, rate: cov.rate },
  };
}
