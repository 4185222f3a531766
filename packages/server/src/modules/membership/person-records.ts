import { sql } from 'drizzle-orm';
import {
  ACTIVITY_TYPE_LABELS,
  HONOR_TYPE_LABELS,
  NOMINATION_STATUS_LABELS,
  type ActivityType,
  type HonorType,
  type NominationStatus,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { duesYear } from '../daily-work/dues.js';
import { currentYear, loadPerson } from './common.js';

/*
 * The rest of a member's record for the secretary's member drawer, beside the
 * 成长档案: dues by year (the portal's own reading, duesYear), honors,
 * activities and volunteer service. Read in the caller's scope like every
 * other record (rows kept by organizations outside it are not seen).
 */

/** Years of dues shown: this year and the past ones since joining, at most five. */
const DUES_YEARS = 5;

export async function personRecords(tx: Tx, id: number, rules: Rules): Promise<api.membership.PersonRecords> {
  const person = await loadPerson(tx, id);
  const year = currentYear();
  const dues: api.membership.PersonRecords['dues'] = [];
  if (person.joined_on) {
    const first = Math.max(Number(person.joined_on.slice(0, 4)), year - DUES_YEARS + 1);
    for (let y = year; y >= first; y--) {
      const d = await duesYear(tx, person, rules, y);
      dues.push({
        year: y,
        dueFen: d.dueFen,
        exempt: d.exempt,
        paidMonths: d.months.filter((m) => m.payment).map((m) => m.period),
        owedMonths: d.months.filter((m) => m.owed).map((m) => m.period),
        paidFen: d.paidFen,
        owedFen: d.owedFen,
      });
    }
  }

  const honors = await personHonors(tx, id);

  const [{ total } = { total: 0 }] = await query<{ total: number }>(tx, sql`select count(*)::int as total from activity_participants where person_id = ${id}`);
  const activities = await query<{ id: number; held_on: string; theme: string; type: ActivityType; org_name: string; org_short_name: string | null }>(
    tx,
    sql`select a.id, a.held_on::text as held_on, a.theme, a.type, o.name as org_name, o.short_name as org_short_name
          from activity_participants ap join activities a on a.id = ap.activity_id join organizations o on o.id = a.org_id
         where ap.person_id = ${id} order by a.held_on desc, a.id desc limit 20`,
  );

  const [vol] = await query<{ registered_on: string | null; count: number; minutes: number }>(
    tx,
    sql`select min(v.registered_on)::text as registered_on, count(r.id)::int as count, coalesce(sum(r.minutes), 0)::int as minutes
          from volunteers v left join service_records r on r.volunteer_id = v.id where v.person_id = ${id}`,
  );
  const services = await query<{ served_on: string; minutes: number; project: string | null }>(
    tx,
    sql`select r.served_on::text as served_on, r.minutes, p.title as project
          from volunteers v join service_records r on r.volunteer_id = v.id left join service_projects p on p.id = r.project_id
         where v.person_id = ${id} order by r.served_on desc, r.id desc limit 10`,
  );

  return {
    dues,
    honors,
    activities: {
      total: Number(total),
      items: activities.map((a) => ({
        id: Number(a.id),
        heldOn: a.held_on,
        theme: a.theme,
        typeLabel: ACTIVITY_TYPE_LABELS[a.type] ?? a.type,
        orgName: a.org_name,
        orgShortName: a.org_short_name,
      })),
    },
    service: {
      registeredOn: vol?.registered_on ?? null,
      count: Number(vol?.count ?? 0),
      minutes: Number(vol?.minutes ?? 0),
      items: services.map((s) => ({ servedOn: s.served_on, minutes: Number(s.minutes), project: s.project })),
    },
  };
}

/** The member's nominations and honors (the drawer's record and the printed 团员档案). */
export async function personHonors(tx: Tx, id: number): Promise<api.membership.PersonRecords['honors']> {
  const honors = await query<{ year: number | null; title: string | null; honor_type: HonorType | null; status: NominationStatus; awarded_on: string | null; org_name: string }>(
    tx,
    sql`select c.year, c.title, c.honor_type, n.status, n.awarded_on::text as awarded_on, o.name as org_name
          from honor_nominations n left join honor_campaigns c on c.id = n.campaign_id join organizations o on o.id = n.org_id
         where n.person_id = ${id} order by c.year desc nulls last, n.id desc`,
  );
  return honors.map((h) => ({
    year: h.year === null ? 0 : Number(h.year),
    title: h.title ?? (h.honor_type ? HONOR_TYPE_LABELS[h.honor_type] : '评优表彰'),
    honorLabel: h.honor_type ? (HONOR_TYPE_LABELS[h.honor_type] ?? h.honor_type) : '',
    status: h.status,
    statusLabel: NOMINATION_STATUS_LABELS[h.status] ?? h.status,
    awardedOn: h.awarded_on,
    orgName: h.org_name,
  }));
}
