import { sql } from 'drizzle-orm';
import { DomainError, api, maskIdCard, type Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { startCase } from '../development/service.js';
import { createPerson } from '../people/service.js';
import { chinaDate, subtreeOf, today } from './common.js';

/*
 * 入团申请 online (issue 13 item 2), the branch's side: applications young
 * people submitted on the public page (join-applications-public.ts) arrive
 * in the chosen branch; the branch accepts one — registering the youth in
 * the branch when the ID number is not registered yet, then starting the
 * development case with the existing startCase (application step dated the
 * day it was submitted, the applicant as actor) — or declines it with a reason.
 */

type B<C> = api.BodyOf<C>;
type Q<C> = api.QueryOf<C>;
const d = api.dailyWork;
/** 政治面貌 of a young person applying: 群众 (GB/T 4762). */
const MASSES = '13';

interface ApplicationRow {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  id_number: string;
  gender: 'male' | 'female';
  birth_date: string;
  ethnicity: string;
  phone: string;
  school: string;
  content: string;
  status: api.dailyWork.JoinApplicationStatus;
  note: string | null;
  submitted_on: string;
  decided_on: string | null;
  person_id: number | null;
  case_id: number | null;
}

const SELECT = sql`
  select a.id, a.org_id, o.name as org_name, a.name, a.id_number, a.gender, a.birth_date::text as birth_date, a.ethnicity, a.phone, a.school, a.content,
         a.status, a.note, ${chinaDate('a.created_at')} as submitted_on, a.decided_on::text as decided_on, a.person_id, a.case_id
    from join_applications a join organizations o on o.id = a.org_id`;

const toItem = (r: ApplicationRow): api.dailyWork.JoinApplicationItem => ({
  id: Number(r.id),
  orgId: Number(r.org_id),
  orgName: r.org_name,
  name: r.name,
  idNumberMasked: maskIdCard(r.id_number),
  gender: r.gender,
  birthDate: r.birth_date,
  phone: r.phone,
  school: r.school,
  content: r.content,
  status: r.status,
  note: r.note,
  submittedOn: r.submitted_on,
  decidedOn: r.decided_on,
  personId: r.person_id === null ? null : Number(r.person_id),
  caseId: r.case_id === null ? null : Number(r.case_id),
});

async function loadRow(tx: Tx, id: number): Promise<ApplicationRow> {
  const [row] = await query<ApplicationRow>(tx, sql`${SELECT} where a.id = ${id}`);
  if (!row) throw notFound('入团申请');
  return row;
}

async function pending(tx: Tx, id: number): Promise<ApplicationRow> {
  const row = await loadRow(tx, id);
  if (row.status !== 'pending') throw new DomainError('join_decided', `该入团申请已${row.status === 'accepted' ? '受理' : '不予受理'}，不能再次办理`, undefined, 409);
  return row;
}

export async function listApplications(tx: Tx, q: Q<typeof d.listJoinApplications>) {
  const inTree = await subtreeOf(tx, q.under);
  const rows = await query<ApplicationRow>(tx, sql`${SELECT} where a.status = ${q.status ?? 'pending'} and ${inTree} order by a.created_at, a.id limit 500`);
  return rows.map(toItem);
}

export async function acceptApplication(tx: Tx, user: SessionUser, id: number, rules: Rules) {
  const a = await pending(tx, id);
  // Already registered (in the caller's scope)? Then in this branch only; otherwise registered here now.
  const [known] = await query<{ id: number; org_id: number; org_name: string }>(
    tx,
    sql`select p.id, p.org_id, o.name as org_name from people p join organizations o on o.id = p.org_id where p.id_number = ${a.id_number}`,
  );
  if (known && Number(known.org_id) !== Number(a.org_id)) {
    throw new DomainError('join_elsewhere', `${a.name}已登记在${known.org_name}，请由该组织受理或先办理转接`, 'idNumber', 409);
  }
  const personId = known
    ? Number(known.id)
    : await createPerson(tx, { name: a.name, gender: a.gender, idNumber: a.id_number, ethnicity: a.ethnicity, politicalStatus: MASSES, phone: a.phone, occupation: a.school, orgId: Number(a.org_id) }, rules);
  const caseId = await startCase(tx, user, personId, { actedOn: a.submitted_on, actor: a.name, note: `在线入团申请（${a.school}）` }, rules);
  await query(
    tx,
    sql`update join_applications set status = 'accepted', person_id = ${personId}, case_id = ${caseId}, decided_by = ${user.id}, decided_on = ${today()} where id = ${id}`,
  );
  return toItem(await loadRow(tx, id));
}

export async function declineApplication(tx: Tx, user: SessionUser, id: number, body: B<typeof d.declineJoinApplication>) {
  await pending(tx, id);
  await query(tx, sql`update join_applications set status = 'declined', note = ${body.reason}, decided_by = ${user.id}, decided_on = ${today()} where id = ${id}`);
  return toItem(await loadRow(tx, id));
}
