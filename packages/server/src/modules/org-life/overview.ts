import { sql } from 'drizzle-orm';
import { AID_PROGRAMS, hoursOf, type AidProgram, type HonorType, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';
import { appealStats } from './appeals.js';
import { chinaDateOf, periodOf, today } from './common.js';
import { campaignsInLine } from './in-line.js';
import { compliance } from './meetings.js';
import { aidQuery, appealQuery, complianceQuery, datedSumsQuery, honorQuery, noFigures, projectsOverlappingQuery, runFigures, studyQuery, venueQuery, volunteerAgesQuery } from './figures.js';
import { studyStats } from './study.js';

/**
 * The figures of a subtree over a period, computed live from the records.
 * Each has a list behind it (the web client drills down with the same
 * organization and period): meetings → /meetings/compliance and /meetings,
 * theme days → /meetings?kind=theme_day&status=held, activities → /activities,
 * venues → /venues (idle=true), volunteers → /volunteers (youth=true),
 * study → /stats/study, aid → /aid/projects, honors → /honors/campaigns,
 * appeals → /appeals (status, overdue=true).
 */
export async function overview(
  tx: Tx,
  rules: Rules,
  q: { orgId: number; from?: string; to?: string },
  opts: { plain?: boolean } = {},
): Promise<api.orgLife.OrgLifeOverview> {
  if (opts.plain) return overviewPlain(tx, rules, q);
  const org = await loadOrg(tx, q.orgId);
  const range = periodOf(q);
  const on = today();
  // Organizations with a theme day: first theme days of the year, for a period from 1 January within one year.
  const yearToDate = range.from === `${range.from.slice(0, 4)}-01-01` && range.to.slice(0, 4) === range.from.slice(0, 4);
  // Every kept figure of the overview in one statement (figures.ts, runFigures).
  const k = await runFigures(tx, org.id, {
    compliance: complianceQuery(rules, range, on) ?? noFigures,
    sums: datedSumsQuery(['mtg:held', 'mtg:planned', 'mtg:archived', 'mtg:theme', 'mtg:tdorg', 'mtg:tdmem', 'act:count', 'act:people', 'act:venue', 'vol:minutes'], range.from, range.to),
    teams: datedSumsQuery(['vol:teams'], '0001-01-01', '0001-01-01'),
    ages: volunteerAgesQuery(on, rules.ages.youthMax),
    venues: venueQuery(range, on, rules.youthWork.venueIdleDays),
    study: studyQuery(rules, Number(range.to.slice(0, 4))),
    aid: aidQuery(range),
    honors: honorQuery(range),
    appeals: appealQuery(range, on),
    projects: projectsOverlappingQuery(range.from, range.to),
  });
  const [c, f, ages] = [k.compliance, k.sums, k.ages];
  const teams = k.teams['vol:teams'];
  const live = await overviewPlain(tx, rules, q, { compliance: !c, maintained: true, themeDayOrganizations: !yearToDate }, org);
  return {
    ...live,
    meetings: { ...live.meetings, ...(c ? { branches: c.branches, compliant: c.branches - c.behind, behind: c.behind, rate: c.rate } : {}), held: f['mtg:held']!, planned: f['mtg:planned']!, archived: f['mtg:archived']! },
    themeDays: { ...live.themeDays, count: f['mtg:theme']!, ...(yearToDate ? { organizations: f['mtg:tdorg']!, members: f['mtg:tdmem']! } : {}) },
    venues: k.venues,
    study: k.study,
    aid: k.aid,
    honors: { campaigns: live.honors.campaigns, ...k.honors },
    appeals: k.appeals,
    activities: { count: f['act:count']!, participants: f['act:people']!, atVenues: f['act:venue']! },
    volunteers: {
      teams: teams!,
      count: ages.count,
      youth: ages.youth,
      youthShare: ages.count ? Math.round((ages.youth / ages.count) * 10_000) / 10_000 : null,
      serviceMinutes: f['vol:minutes']!,
      serviceHours: hoursOf(f['vol:minutes']!),
      projects: k.projects,
    },
  };
}

/**
 * The same figures computed from the records (the benchmark's and the tests'
 * reference). With `maintained`, the parts overview() reads from org_figures
 * are left out (zeros) and compliance only when `compliance` is set.
 */
export async function overviewPlain(
  tx: Tx,
  rules: Rules,
  q: { orgId: number; from?: string; to?: string },
  part: { compliance: boolean; maintained: boolean; themeDayOrganizations?: boolean } = { compliance: true, maintained: false },
  loaded?: Awaited<ReturnType<typeof loadOrg>>,
): Promise<api.orgLife.OrgLifeOverview> {
  const org = loaded ?? (await loadOrg(tx, q.orgId));
  const range = periodOf(q);
  const inSubtree = sql`o.path <@ ${org.path}::ltree`;
  const between = (col: string) => sql`${sql.raw(col)} between ${range.from}::date and ${range.to}::date`;
  const on = today();

  const c = part.compliance ? await compliance(tx, rules, { orgId: org.id, ...range }) : { branches: 0, behind: 0, rate: null };
  const [m] = part.maintained
    ? [{ held: 0, planned: 0, archived: 0 }]
    : await query<{ held: number; planned: number; archived: number }>(
    tx,
    sql`select count(*) filter (where m.status = 'held' and ${between('m.held_on')})::int as held,
               count(*) filter (where m.status = 'planned' and ${between('m.planned_on')})::int as planned,
               count(*) filter (where m.status = 'held' and ${between('m.held_on')}
                                 and exists (select 1 from attachments x where x.owner_type = 'meeting' and x.owner_id = m.id))::int as archived
          from meetings m join organizations o on o.id = m.org_id where ${inSubtree}`,
  );
  const themeDayMembers = sql`(select count(distinct a.person_id)::int from meeting_attendance a join meetings mm on mm.id = a.meeting_id join organizations oo on oo.id = mm.org_id
                 where a.present and mm.status = 'held' and mm.kind in ('theme_day', 'oath_ceremony') and oo.path <@ ${org.path}::ltree
                   and mm.held_on between ${range.from}::date and ${range.to}::date)`;
  // Theme-day organizations and members are kept for a period from 1 January (the same switch, themeDayOrganizations).
  const [td] = part.maintained && !part.themeDayOrganizations
    ? [{ count: 0, organizations: 0, members: 0 }]
    : await query<{ count: number; organizations: number; members: number }>(
    tx,
    sql`select count(*)::int as count, count(distinct m.org_id)::int as organizations, ${themeDayMembers} as members
              from meetings m join organizations o on o.id = m.org_id
             where ${inSubtree} and m.status = 'held' and m.kind in ('theme_day', 'oath_ceremony') and ${between('m.held_on')}`,
  );
  const [act] = part.maintained
    ? [{ count: 0, participants: 0, at_venues: 0 }]
    : await query<{ count: number; participants: number; at_venues: number }>(
    tx,
    sql`select count(*)::int as count, coalesce(sum(a.member_count + a.youth_count), 0)::int as participants, count(a.venue_id)::int as at_venues
          from activities a join organizations o on o.id = a.org_id where ${inSubtree} and ${between('a.held_on')}`,
  );
  const [ven] = part.maintained
    ? [{ count: 0, standard_met: 0, idle: 0, activities: 0 }]
    : await query<{ count: number; standard_met: number; idle: number; activities: number }>(
    tx,
    sql`select count(*)::int as count,
               count(*) filter (where v.has_site and v.has_rules and v.has_staff)::int as standard_met,
               count(*) filter (where coalesce((select max(x.held_on) from activities x where x.venue_id = v.id), ${chinaDateOf('v.created_at')})
                                      <= ${on}::date - ${rules.youthWork.venueIdleDays}::int)::int as idle,
               coalesce(sum((select count(*) from activities x where x.venue_id = v.id and x.held_on between ${range.from}::date and ${range.to}::date)), 0)::int as activities
          from venues v join organizations o on o.id = v.org_id where ${inSubtree} and v.status = 'active'`,
  );
  const [vol] = part.maintained
    ? [{ teams: 0, count: 0, youth: 0, minutes: 0, projects: 0 }]
    : await query<{ teams: number; count: number; youth: number; minutes: number; projects: number }>(
    tx,
    sql`select (select count(*)::int from volunteer_teams t join organizations o on o.id = t.org_id where ${inSubtree}) as teams,
               (select count(*)::int from volunteers v join organizations o on o.id = v.org_id where ${inSubtree}) as count,
               (select count(*)::int from volunteers v join organizations o on o.id = v.org_id
                 where ${inSubtree} and date_part('year', age(${on}::date, v.birth_date)) <= ${rules.ages.youthMax}) as youth,
               (select coalesce(sum(r.minutes), 0)::int from service_records r join organizations o on o.id = r.org_id where ${inSubtree} and ${between('r.served_on')}) as minutes,
               (select count(*)::int from service_projects p join organizations o on o.id = p.org_id
                 where ${inSubtree} and p.start_on <= ${range.to}::date and coalesce(p.end_on, p.start_on) >= ${range.from}::date) as projects`,
  );
  const study = part.maintained
    ? { rounds: [], participants: 0, base: 0, rate: null, threshold: 0, below: 0 }
    : await studyStats(tx, rules, { orgId: org.id, year: Number(range.to.slice(0, 4)) }, Number(on.slice(0, 4)), { plain: true });
  const fromYear = Number(range.from.slice(0, 4));
  const toYear = Number(range.to.slice(0, 4));
  const aid = part.maintained
    ? []
    : await query<{ program: AidProgram; projects: number; funds: number; beneficiaries: number; committed: number; paid: number }>(
    tx,
    sql`select p.program, count(*)::int as projects, coalesce(sum(p.funds_raised_fen), 0)::bigint as funds,
               coalesce(sum((select count(*) from aid_beneficiaries b where b.project_id = p.id and b.status <> 'cancelled')), 0)::int as beneficiaries,
               coalesce(sum((select coalesce(sum(b.amount_fen), 0) from aid_beneficiaries b where b.project_id = p.id and b.status <> 'cancelled')), 0)::bigint as committed,
               coalesce(sum((select coalesce(sum(b.amount_fen), 0) from aid_beneficiaries b where b.project_id = p.id and b.status = 'paid')), 0)::bigint as paid
          from aid_projects p join organizations o on o.id = p.org_id
         where ${inSubtree} and p.year between ${fromYear} and ${toYear} group by p.program`,
  );
  const total = (k: 'projects' | 'funds' | 'beneficiaries' | 'committed' | 'paid') => aid.reduce((s, r) => s + Number(r[k]), 0);
  const campaigns = await campaignsInLine(tx);
  // Campaigns are few (run by the subtree's committees or the ones above it): counted live in both computations.
  const campaignCount = sql`(select count(*)::int from ${campaigns} c where c.year between ${fromYear} and ${toYear}
                  and (c.org_path::ltree <@ ${org.path}::ltree or ${org.path}::ltree <@ c.org_path::ltree))`;
  const [hon] = await query<{ campaigns: number; nominations: number; awarded: number }>(
    tx,
    part.maintained
      ? sql`select ${campaignCount} as campaigns, 0 as nominations, 0 as awarded`
      : sql`select ${campaignCount} as campaigns,
               count(*) filter (where n.status <> 'ineligible')::int as nominations,
               count(*) filter (where n.status = 'awarded')::int as awarded
          from honor_nominations n join ${campaigns} c on c.id = n.campaign_id join organizations o on o.id = n.org_id
         where ${inSubtree} and c.year between ${fromYear} and ${toYear}`,
  );
  // Equal counts by honour type (the order among ties was arbitrary before the kept figures).
  const byType = part.maintained
    ? []
    : await query<{ honor_type: HonorType; awarded: number }>(
    tx,
    sql`select c.honor_type, count(*)::int as awarded from honor_nominations n join ${campaigns} c on c.id = n.campaign_id join organizations o on o.id = n.org_id
         where ${inSubtree} and n.status = 'awarded' and c.year between ${fromYear} and ${toYear} group by c.honor_type order by 2 desc, c.honor_type collate "C"`,
  );

  return {
    org: { id: org.id, name: org.name },
    ...range,
    meetings: { branches: c.branches, compliant: c.branches - c.behind, behind: c.behind, rate: c.rate, held: m!.held, planned: m!.planned, archived: m!.archived },
    themeDays: { count: td!.count, organizations: td!.organizations, members: td!.members },
    activities: { count: act!.count, participants: act!.participants, atVenues: act!.at_venues },
    venues: { count: ven!.count, standardMet: ven!.standard_met, idle: ven!.idle, activities: ven!.activities },
    volunteers: {
      teams: vol!.teams,
      count: vol!.count,
      youth: vol!.youth,
      youthShare: vol!.count ? Math.round((vol!.youth / vol!.count) * 10_000) / 10_000 : null,
      serviceMinutes: vol!.minutes,
      serviceHours: hoursOf(vol!.minutes),
      projects: vol!.projects,
    },
    study: {
      rounds: study.rounds.length,
      participations: study.participants,
      base: study.base,
      rate: study.rate,
      threshold: study.threshold,
      branchesBelow: study.below,
    },
    aid: {
      projects: total('projects'),
      fundsRaisedFen: total('funds'),
      beneficiaries: total('beneficiaries'),
      committedFen: total('committed'),
      paidFen: total('paid'),
      byProgram: AID_PROGRAMS.map((p) => aid.find((r) => r.program === p))
        .filter((r) => !!r)
        .map((r) => ({ program: r!.program, projects: r!.projects, fundsRaisedFen: Number(r!.funds), beneficiaries: r!.beneficiaries, committedFen: Number(r!.committed) })),
    },
    honors: { campaigns: hon!.campaigns, nominations: hon!.nominations, awarded: hon!.awarded, byType: byType.map((b) => ({ honorType: b.honor_type, awarded: b.awarded })) },
    appeals: part.maintained ? { total: 0, byStatus: {}, byCategory: [], overdue: 0, answeredOnTime: 0, averageRating: null } : await appealStats(tx, org.path, range),
  };
}

