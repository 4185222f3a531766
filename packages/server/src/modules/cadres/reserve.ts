import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  ageOn,
  api,
  isLeagueOrPartyMember,
  reserveProblems,
  reserveSummary,
  type ReserveStatus,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { reserveTalents } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { subtreeCondition } from './common.js';
import { reserveFigures } from './figures.js';

/* 后备人才库: young people recommended for village/community leadership. */

interface ReserveRow {
  id: number;
  person_id: number;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  political_status: string;
  member_status: string | null;
  education: string | null;
  org_id: number;
  org_name: string;
  recommended_by: string;
  reason: string;
  recommended_on: string;
  status: ReserveStatus;
  is_current_cadre: boolean;
}

const RESERVE_SELECT = sql`
  select r.id, r.person_id, p.name, p.gender, p.birth_date::text as birth_date, p.political_status, p.member_status, p.education,
         r.org_id, o.name as org_name, r.recommended_by, r.reason, r.recommended_on::text as recommended_on, r.status,
         exists (select 1 from cadres c join cadre_posts cp on cp.cadre_id = c.id
                  where c.person_id = r.person_id and cp.end_on is null) as is_current_cadre
    from reserve_talents r join people p on p.id = r.person_id join organizations o on o.id = r.org_id`;

const toItem = (r: ReserveRow, on: string): api.ResponseOf<typeof api.cadres.addReserveTalent> => ({
  id: Number(r.id),
  personId: Number(r.person_id),
  name: r.name,
  gender: r.gender,
  age: ageOn(r.birth_date, on),
  politicalStatus: r.political_status,
  memberStatus: r.member_status,
  education: r.education,
  orgId: Number(r.org_id),
  orgName: r.org_name,
  recommendedBy: r.recommended_by,
  reason: r.reason,
  recommendedOn: r.recommended_on,
  status: r.status,
  isCurrentCadre: r.is_current_cadre,
});

async function reserveRows(tx: Tx, q: { under?: number; status?: ReserveStatus; q?: string }): Promise<ReserveRow[]> {
  const conds: SQL[] = [await subtreeCondition(tx, q.under, 'o')];
  if (q.status) conds.push(sql`r.status = ${q.status}`);
  if (q.q) conds.push(sql`p.name like ${`${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`);
  return query<ReserveRow>(tx, sql`${RESERVE_SELECT} where ${sql.join(conds, sql` and `)} order by o.path, r.recommended_on desc, r.id`);
}

export async function listReserve(tx: Tx, q: { under?: number; status?: ReserveStatus; q?: string; memberAgeMembers?: boolean }, rules: Rules) {
  const on = today();
  const rows = await reserveRows(tx, q);
  return rows
    .filter(
      (r) =>
        q.memberAgeMembers === undefined ||
        (ageOn(r.birth_date, on) <= rules.ages.memberMax && isLeagueOrPartyMember({ politicalStatus: r.political_status, memberStatus: r.member_status })) === q.memberAgeMembers,
    )
    .map((r) => toItem(r, on));
}

/** 后备人才 figures of a subtree: from the kept figures (cad:rs*), or with `plain` live from the pool. */
export async function summary(tx: Tx, orgId: number, rules: Rules, opts: { plain?: boolean } = {}) {
  if (!opts.plain) return reserveFigures(tx, Number((await loadOrg(tx, orgId)).id), today(), rules);
  const rows = await reserveRows(tx, { under: orgId, status: 'active' });
  return reserveSummary(
    rows.map((r) => ({ birthDate: r.birth_date, politicalStatus: r.political_status, memberStatus: r.member_status, isCurrentCadre: r.is_current_cadre })),
    today(),
    rules,
  );
}

async function loadReserve(tx: Tx, id: number): Promise<ReserveRow> {
  const [row] = await query<ReserveRow>(tx, sql`${RESERVE_SELECT} where r.id = ${id}`);
  if (!row) throw notFound('后备人才');
  return row;
}

export async function addReserve(tx: Tx, body: api.BodyOf<typeof api.cadres.addReserveTalent>, rules: Rules) {
  const [person] = await query<{ id: number; org_id: number; name: string; birth_date: string; registry_status: string }>(
    tx,
    sql`select id, org_id, name, birth_date::text as birth_date, registry_status from people where id = ${body.personId}`,
  );
  if (!person) throw new HttpError(404, 'not_found', '所选青年不存在或不在您的管理范围内', 'personId');
  const [dup] = await query<{ id: number }>(tx, sql`select id from reserve_talents where person_id = ${person.id} and status = 'active'`);
  const problems = reserveProblems({ name: person.name, birthDate: person.birth_date, registryStatus: person.registry_status, alreadyInPool: !!dup, recommendedOn: body.recommendedOn }, today(), rules);
  if (problems.length) throw new DomainError('reserve_refused', problems.join('；'), 'personId');
  const [row] = await tx
    .insert(reserveTalents)
    .values({ orgId: Number(person.org_id), personId: Number(person.id), recommendedBy: body.recommendedBy, reason: body.reason, recommendedOn: body.recommendedOn, status: 'active' })
    .returning({ id: reserveTalents.id });
  return toItem(await loadReserve(tx, row!.id), today());
}

export async function setStatus(tx: Tx, id: number, status: ReserveStatus) {
  const r = await loadReserve(tx, id);
  if (r.status === status) throw new DomainError('reserve_refused', '状态未改变', 'status', 409);
  if (status === 'active') {
    const [dup] = await query<{ id: number }>(tx, sql`select id from reserve_talents where person_id = ${r.person_id} and status = 'active' and id <> ${id}`);
    if (dup) throw new DomainError('reserve_refused', `${r.name}已在后备人才库中`, 'status', 409);
  }
  await tx.update(reserveTalents).set({ status }).where(sql`id = ${id}`);
  return toItem(await loadReserve(tx, id), today());
}
