import { sql } from 'drizzle-orm';
import {
  APPRAISAL_GRADE_LABELS,
  DEVELOPMENT_STEP_LABELS,
  MEMBERSHIP_EVENT_LABELS,
  REGISTRATION_STATUS_LABELS,
  transferStatusLabel,
  maskIdCard,
  type AppraisalGrade,
  type DevelopmentStep,
  type GrowthEventKind,
  type MembershipEventKind,
  type PartyOutcome,
  type RegistrationStatus,
  type TransferInitiator,
  type TransferStatus,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { chinaDate, loadPerson } from './common.js';

/*
 * 成长档案: a person's path 少先队 → 团 → 党 as one chronological list, from
 * what the caller's scope holds (records kept by organizations the person
 * belonged to before a transfer are visible only to those organizations).
 */

interface GrowthEvent {
  date: string;
  kind: GrowthEventKind;
  title: string;
  detail: string | null;
}

/** Order of kinds on the same day: the path's natural sequence. */
const KIND_ORDER: GrowthEventKind[] = ['pioneer', 'development', 'joined', 'transfer', 'registration', 'appraisal', 'membership', 'party_recommendation', 'party'];

export async function growthRecord(tx: Tx, id: number) {
  const person = await loadPerson(tx, id);
  const events: GrowthEvent[] = [];
  const add = (date: string | null, kind: GrowthEventKind, title: string, detail: string | null = null) => {
    if (date) events.push({ date, kind, title, detail });
  };

  add(person.pioneer_joined_on, 'pioneer', '加入中国少年先锋队');

  const steps = await query<{ step: DevelopmentStep; acted_on: string; actor: string; status: string; org_name: string | null }>(
    tx,
    sql`select s.step, s.acted_on::text as acted_on, s.actor, c.status, o.name as org_name
          from development_steps s join development_cases c on c.id = s.case_id
          left join organizations o on o.id = s.branch_id
         where c.person_id = ${id} order by s.acted_on, s.id`,
  );
  for (const s of steps) add(s.acted_on, 'development', DEVELOPMENT_STEP_LABELS[s.step] ?? s.step, [s.org_name, s.actor ? `经办：${s.actor}` : null].filter(Boolean).join('，') || null);

  add(person.joined_on, 'joined', '加入中国共产主义青年团', person.member_no ? `团员编号${person.member_no}` : null);

  const transfers = await query<{ status: TransferStatus; initiated_by: TransferInitiator; requested_on: string; decided_on: string | null; from_name: string | null; to_name: string | null; reason: string }>(
    tx,
    sql`select t.status, t.initiated_by, ${chinaDate('t.created_at')} as requested_on, t.decided_on::text as decided_on,
               f.name as from_name, d.name as to_name, t.reason
          from transfers t left join organizations f on f.id = t.from_org_id left join organizations d on d.id = t.to_org_id
         where t.person_id = ${id} order by t.created_at`,
  );
  for (const t of transfers) {
    const route = `${t.from_name ?? '（其他组织）'} → ${t.to_name ?? '（其他组织）'}`;
    add(t.decided_on ?? t.requested_on, 'transfer', `组织关系转接（${transferStatusLabel({ status: t.status, initiatedBy: t.initiated_by })}）`, `${route}；${t.reason}`);
  }

  const registrations = await query<{ year: number; status: RegistrationStatus; decided_on: string; note: string | null }>(
    tx,
    sql`select year, status, decided_on::text as decided_on, note from registrations where person_id = ${id} order by year`,
  );
  for (const r of registrations) add(r.decided_on, 'registration', `${r.year}年度团籍注册：${REGISTRATION_STATUS_LABELS[r.status]}`, r.note);

  const appraisals = await query<{ year: number; grade: AppraisalGrade; recorded_on: string }>(
    tx,
    sql`select year, grade, ${chinaDate('created_at')} as recorded_on from appraisals where person_id = ${id} order by year`,
  );
  for (const a of appraisals) add(a.recorded_on, 'appraisal', `${a.year}年度团员教育评议：${APPRAISAL_GRADE_LABELS[a.grade]}`);

  const changes = await query<{ kind: MembershipEventKind; on_date: string; reason: string; approved_by: string }>(
    tx,
    sql`select kind, on_date::text as on_date, reason, approved_by from membership_events where person_id = ${id} order by on_date, id`,
  );
  for (const e of changes) add(e.on_date, 'membership', MEMBERSHIP_EVENT_LABELS[e.kind] ?? e.kind, `${e.reason}（批准人：${e.approved_by}）`);

  const recs = await query<{ meeting_on: string; votes_for: number; entitled: number; outcome: PartyOutcome; outcome_on: string | null }>(
    tx,
    sql`select meeting_on::text as meeting_on, votes_for, entitled, outcome, outcome_on::text as outcome_on
          from party_recommendations where person_id = ${id} order by meeting_on`,
  );
  // A recommendation keeps only its latest outcome and date; the date of joining the Party is on the person.
  for (const r of recs) {
    add(r.meeting_on, 'party_recommendation', '推优入党：支部大会推荐', `应到${r.entitled}人，赞成${r.votes_for}票`);
    if (r.outcome === 'activist') add(r.outcome_on, 'party_recommendation', '确定为入党积极分子');
    if (r.outcome === 'not_accepted') add(r.outcome_on, 'party_recommendation', '未被党组织接收');
  }
  add(person.party_joined_on, 'party', '成为中共预备党员');
  for (const r of recs) if (r.outcome === 'full') add(r.outcome_on, 'party', '转为中共正式党员');

  events.sort((a, b) => (a.date === b.date ? KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) : a.date < b.date ? -1 : 1));
  return {
    person: {
      id: person.id,
      name: person.name,
      idNumberMasked: maskIdCard(person.id_number),
      orgName: person.org_name,
      memberNo: person.member_no,
      memberStatus: person.member_status,
      pioneerJoinedOn: person.pioneer_joined_on,
      joinedOn: person.joined_on,
      partyJoinedOn: person.party_joined_on,
    },
    events,
  };
}
