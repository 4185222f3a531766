import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  OPEN_PARTY_OUTCOMES,
  PARTY_OUTCOME_NEXT,
  POLITICAL,
  api,
  partyOutcomeProblems,
  partyRecommendationProblems,
  type OrgType,
  type PartyOutcome,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import { notFound } from '../../http/errors.js';
import { loadOrg } from '../organizations/service.js';
import { currentYear, loadPerson, memberFacts, paging, pgError, refuse, subtree, today } from './common.js';

/*
 * 推优入党: the branch meeting recommends a member (majority of those entitled
 * to vote), the party side's outcome follows in order; becoming a probationary
 * or full party member updates the person's political status and party date.
 */

interface RecRow {
  id: number;
  person_id: number;
  person_name: string;
  org_id: number;
  org_name: string;
  year: number;
  meeting_on: string;
  entitled: number;
  votes_for: number;
  outcome: PartyOutcome;
  outcome_on: string | null;
}

const REC_SELECT = sql`
  select r.id, r.person_id, coalesce(p.name, '（已转出）') as person_name, r.org_id, o.name as org_name, r.year,
         r.meeting_on::text as meeting_on, r.entitled, r.votes_for, r.outcome, r.outcome_on::text as outcome_on
    from party_recommendations r join organizations o on o.id = r.org_id left join people p on p.id = r.person_id`;

const toItem = (r: RecRow): api.membership.PartyRecommendationItem => ({
  id: Number(r.id),
  personId: Number(r.person_id),
  personName: r.person_name,
  orgId: Number(r.org_id),
  orgName: r.org_name,
  year: Number(r.year),
  meetingOn: r.meeting_on,
  entitled: Number(r.entitled),
  votesFor: Number(r.votes_for),
  outcome: r.outcome,
  outcomeOn: r.outcome_on,
  next: [...PARTY_OUTCOME_NEXT[r.outcome]],
});

async function loadRec(tx: Tx, id: number, lock = false): Promise<RecRow> {
  if (lock) await query(tx, sql`select id from party_recommendations where id = ${id} for update`);
  const [row] = await query<RecRow>(tx, sql`${REC_SELECT} where r.id = ${id}`);
  if (!row) throw notFound('推优入党记录');
  return row;
}

export async function listRecommendations(tx: Tx, q: api.QueryOf<typeof api.membership.listPartyRecommendations>) {
  const conds: SQL[] = [await subtree(tx, q.under)];
  if (q.year) conds.push(sql`r.year = ${q.year}`);
  if (q.outcome) conds.push(sql`r.outcome = ${q.outcome}`);
  const where = sql.join(conds, sql` and `);
  const rows = await query<RecRow>(tx, sql`${REC_SELECT} where ${where} order by r.meeting_on desc, r.id desc ${paging(q)}`);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from party_recommendations r join organizations o on o.id = r.org_id where ${where}`);
  return { items: rows.map(toItem), total: Number(count!.n), page: q.page, pageSize: q.pageSize };
}

export async function recommend(tx: Tx, body: api.BodyOf<typeof api.membership.recommendForParty>, rules: Rules) {
  const person = await loadPerson(tx, body.personId);
  const year = Number(body.meetingOn.slice(0, 4));
  const earlier = await query<{ year: number; outcome: PartyOutcome }>(tx, sql`select year, outcome from party_recommendations where person_id = ${person.id}`);
  refuse(
    'recommendation_refused',
    partyRecommendationProblems(memberFacts(person), body, {
      today: today(),
      rules,
      openRecommendation: earlier.some((r) => OPEN_PARTY_OUTCOMES.includes(r.outcome)),
      recommendedThisYear: earlier.some((r) => Number(r.year) === year),
    }),
  );
  try {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into party_recommendations (person_id, org_id, year, meeting_on, votes_for, entitled)
          values (${person.id}, ${person.org_id}, ${year}, ${body.meetingOn}::date, ${body.votesFor}, ${body.entitled}) returning id`,
    );
    return toItem(await loadRec(tx, Number(row!.id)));
  } catch (err) {
    if (pgError(err)?.code === '23505') throw new DomainError('recommended', `${person.name}本年度已被推荐过`, undefined, 409);
    throw err;
  }
}

export async function recordOutcome(tx: Tx, id: number, body: api.BodyOf<typeof api.membership.recordPartyOutcome>) {
  const rec = await loadRec(tx, id, true);
  const current = { outcome: rec.outcome, meetingOn: rec.meeting_on, outcomeOn: rec.outcome_on };
  const problems = partyOutcomeProblems(current, body.outcome, body.outcomeOn, today());
  refuse('outcome_refused', problems, 'outcome', PARTY_OUTCOME_NEXT[rec.outcome].length === 0 ? 409 : 422);
  await query(tx, sql`update party_recommendations set outcome = ${body.outcome}, outcome_on = ${body.outcomeOn}::date where id = ${id}`);
  // The person's party record follows the outcome (when the person is still in the caller's scope).
  if (body.outcome === 'probationary') {
    await query(tx, sql`update people set political_status = ${POLITICAL.probationaryPartyMember}, party_joined_on = ${body.outcomeOn}::date,
                                          version = version + 1 where id = ${rec.person_id}`);
  } else if (body.outcome === 'full') {
    await query(tx, sql`update people set political_status = ${POLITICAL.partyMember}, party_joined_on = coalesce(party_joined_on, ${body.outcomeOn}::date),
                                          version = version + 1 where id = ${rec.person_id}`);
  } else if (body.outcome === 'not_accepted' && rec.outcome === 'probationary') {
    // 预备党员资格被取消: back to a league member (or the masses if no longer a member).
    await query(tx, sql`update people set political_status = case when member_status = 'active' then ${POLITICAL.leagueMember} else ${POLITICAL.masses} end,
                                          party_joined_on = null, version = version + 1 where id = ${rec.person_id}`);
  }
  return toItem(await loadRec(tx, id));
}

interface OutcomeRow {
  total: number;
  pending: number;
  activist: number;
  probationary: number;
  full: number;
  not_accepted: number;
}

const outcomeCounts = (r: OutcomeRow) => ({
  total: Number(r.total),
  pending: Number(r.pending),
  activist: Number(r.activist),
  probationary: Number(r.probationary),
  full: Number(r.full),
  notAccepted: Number(r.not_accepted),
});

/**
 * 推优入党 of a year by outcome, for the organization and each active child: kept in org_figures
 * (rec:<outcome> at 1 January, migration 0041), one primary-key range per organization whatever the
 * subtree; `{ plain: true }` counts the recommendations (tests, bench).
 */
export async function recommendationSummary(tx: Tx, q: api.QueryOf<typeof api.membership.partyRecommendationSummary>, opts: { plain?: boolean } = {}) {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear();
  if (!opts.plain) {
    const children = await query<{ id: string; name: string; type: OrgType }>(
      tx,
      sql`select c.id, c.name, c.type from organizations c where c.parent_id = ${org.id} and c.status = 'active' order by c.path`,
    );
    const rows = await query<{ org_id: string; metric: string; value: string }>(
      tx,
      sql`select org_id, metric, value from org_figures
           where org_id = any(${bigintArray([org.id, ...children.map((c) => Number(c.id))])}) and metric >= 'rec:' and metric < 'rec;' and day = make_date(${year}, 1, 1)`,
    );
    const counts = (id: number) => {
      const r: OutcomeRow = { total: 0, pending: 0, activist: 0, probationary: 0, full: 0, not_accepted: 0 };
      for (const x of rows) {
        if (Number(x.org_id) !== id) continue;
        const outcome = x.metric.slice(4) as keyof OutcomeRow;
        r.total += Number(x.value);
        if (outcome in r && outcome !== 'total') r[outcome] += Number(x.value);
      }
      return outcomeCounts(r);
    };
    return {
      year,
      org: { id: org.id, name: org.name },
      ...counts(org.id),
      children: children.map((c) => ({ id: Number(c.id), name: c.name, type: c.type, ...counts(Number(c.id)) })),
    };
  }
  const recs = sql`select r.id, r.outcome, o.path from party_recommendations r join organizations o on o.id = r.org_id
                    where r.year = ${year} and o.path <@ ${org.path}::ltree`;
  const counts = sql`
    count(m.id)::int as total,
    count(*) filter (where m.outcome = 'pending')::int as pending,
    count(*) filter (where m.outcome = 'activist')::int as activist,
    count(*) filter (where m.outcome = 'probationary')::int as probationary,
    count(*) filter (where m.outcome = 'full')::int as "full",
    count(*) filter (where m.outcome = 'not_accepted')::int as not_accepted`;
  const [totals] = await query<OutcomeRow>(tx, sql`with m as (${recs}) select ${counts} from m`);
  const children = await query<OutcomeRow & { id: number; name: string; type: OrgType }>(
    tx,
    sql`with m as (${recs})
        select c.id, c.name, c.type, ${counts}
          from organizations c left join m on m.path <@ c.path
         where c.parent_id = ${org.id} and c.status = 'active'
         group by c.id, c.name, c.type, c.path order by c.path`,
  );
  return {
    year,
    org: { id: org.id, name: org.name },
    ...outcomeCounts(totals!),
    children: children.map((c) => ({ id: Number(c.id), name: c.name, type: c.type, ...outcomeCounts(c) })),
  };
}
