import { sql, type SQL } from 'drizzle-orm';
import {
  BENEFICIARY_STATUS_LABELS,
  DomainError,
  aidDuplicateProblem,
  beneficiaryActionProblems,
  beneficiaryAmountProblems,
  formatFen,
  fundsRaisedProblems,
  maskIdCard,
  parseIdCard,
  type AidProgram,
  type BeneficiaryAction,
  type BeneficiaryStatus,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { can, loadOne, loadOrgRef, num, pageOf, refuse, subtreeFilter, today } from './common.js';

type O = typeof api.orgLife;

interface ProjectRow {
  id: number;
  org_id: number;
  org_name: string;
  program: AidProgram;
  year: number;
  title: string;
  funds_raised_fen: number;
  committed_fen: number;
  paid_fen: number;
  beneficiaries: number;
  paid: number;
}

const PROJECT_SELECT = sql`
  select p.id, p.org_id, o.name as org_name, p.program, p.year, p.title, p.funds_raised_fen,
         (select coalesce(sum(b.amount_fen), 0) from aid_beneficiaries b where b.project_id = p.id and b.status <> 'cancelled')::bigint as committed_fen,
         (select coalesce(sum(b.amount_fen), 0) from aid_beneficiaries b where b.project_id = p.id and b.status = 'paid')::bigint as paid_fen,
         (select count(*)::int from aid_beneficiaries b where b.project_id = p.id and b.status <> 'cancelled') as beneficiaries,
         (select count(*)::int from aid_beneficiaries b where b.project_id = p.id and b.status = 'paid') as paid
    from aid_projects p join organizations o on o.id = p.org_id`;

const toItem = (r: ProjectRow) => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  program: r.program,
  year: r.year,
  title: r.title,
  fundsRaisedFen: Number(r.funds_raised_fen),
  committedFen: Number(r.committed_fen),
  paidFen: Number(r.paid_fen),
  beneficiaries: r.beneficiaries,
  paid: r.paid,
});

async function loadProject(tx: Tx, id: number, lock = false): Promise<ProjectRow> {
  if (lock) await loadOne(tx, sql`select id from aid_projects where id = ${id} for update`, '帮扶项目');
  return loadOne<ProjectRow>(tx, sql`${PROJECT_SELECT} where p.id = ${id}`, '帮扶项目');
}

export async function listProjects(tx: Tx, q: api.QueryOf<O['listAidProjects']>) {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.program) conds.push(sql`p.program = ${q.program}`);
  if (q.year) conds.push(sql`p.year = ${q.year}`);
  const where = sql.join(conds, sql` and `);
  const { offset, limit } = pageOf(q);
  const rows = await query<ProjectRow>(tx, sql`${PROJECT_SELECT} where ${where} order by p.year desc, o.path, p.id offset ${offset} limit ${limit}`);
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from aid_projects p join organizations o on o.id = p.org_id where ${where}`)) as [{ n: number }];
  return { items: rows.map(toItem), total: n, page: q.page, pageSize: q.pageSize };
}

interface BeneficiaryRow {
  id: number;
  project_id: number;
  name: string;
  id_number: string;
  school: string | null;
  amount_fen: number;
  status: BeneficiaryStatus;
  paid_on: string | null;
}

async function beneficiaries(tx: Tx, projectId: number) {
  const rows = await query<BeneficiaryRow>(
    tx,
    sql`select id, project_id, name, id_number, school, amount_fen, status, paid_on::text as paid_on from aid_beneficiaries where project_id = ${projectId} order by id`,
  );
  return rows.map((b) => ({
    id: num(b.id),
    projectId: num(b.project_id),
    name: b.name,
    idNumberMasked: maskIdCard(b.id_number),
    school: b.school,
    amountFen: Number(b.amount_fen),
    status: b.status,
    paidOn: b.paid_on,
  }));
}

export async function projectDetail(tx: Tx, user: SessionUser, id: number): Promise<api.ResponseOf<O['getAidProject']>> {
  const p = await loadProject(tx, id);
  return { ...toItem(p), beneficiaryList: await beneficiaries(tx, id), can: { edit: can(user, 'org:edit') } };
}

export type BeneficiaryExportRow = Awaited<ReturnType<typeof beneficiaries>>[number];
export async function beneficiaryRows(tx: Tx, id: number) {
  const p = await loadProject(tx, id);
  return { project: toItem(p), rows: await beneficiaries(tx, id) };
}
export const BENEFICIARY_EXPORT_COLUMNS = [
  { header: '姓名', width: 10, value: (b: BeneficiaryExportRow) => b.name },
  { header: '身份证号', width: 22, value: (b: BeneficiaryExportRow) => b.idNumberMasked },
  { header: '就读学校', width: 30, value: (b: BeneficiaryExportRow) => b.school },
  { header: '资助金额（元）', width: 14, value: (b: BeneficiaryExportRow) => formatFen(b.amountFen) },
  { header: '状态', width: 8, value: (b: BeneficiaryExportRow) => BENEFICIARY_STATUS_LABELS[b.status] },
  { header: '发放日期', width: 12, value: (b: BeneficiaryExportRow) => b.paidOn },
];

export async function createProject(tx: Tx, body: api.BodyOf<O['createAidProject']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销', 'orgId');
  refuse('funds_refused', fundsRaisedProblems(body.fundsRaisedFen, 0), 'fundsRaisedFen');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into aid_projects (org_id, program, year, title, funds_raised_fen) values (${org.id}, ${body.program}, ${body.year}, ${body.title}, ${body.fundsRaisedFen}) returning id`,
  );
  return num(row!.id);
}

export async function updateProject(tx: Tx, id: number, body: api.BodyOf<O['updateAidProject']>) {
  const p = await loadProject(tx, id, true);
  if (body.fundsRaisedFen !== undefined) refuse('funds_refused', fundsRaisedProblems(body.fundsRaisedFen, Number(p.committed_fen)), 'fundsRaisedFen');
  await tx.execute(sql`update aid_projects set title = ${body.title ?? p.title}, funds_raised_fen = ${body.fundsRaisedFen ?? p.funds_raised_fen} where id = ${id}`);
}

export async function addBeneficiary(tx: Tx, projectId: number, body: api.BodyOf<O['addBeneficiary']>) {
  const p = await loadProject(tx, projectId, true);
  const parsed = parseIdCard(body.idNumber, today());
  if (!parsed.ok) throw new DomainError('bad_id', parsed.reason, 'idNumber');
  const idNumber = body.idNumber.trim().toUpperCase();
  // No one twice in one program-year, wherever the first aid was given (the other place is named only when in scope).
  const found = await query<{ beneficiary_id: number; org_name: string | null; in_scope: boolean }>(tx, sql`select * from tj_aid_location(${p.program}, ${p.year}, ${idNumber})`);
  const dup = aidDuplicateProblem(p.program, p.year, found.map((f) => ({ inScope: f.in_scope, orgName: f.org_name })));
  if (dup) throw new DomainError('duplicate', dup, 'idNumber', 409);
  refuse('amount_refused', beneficiaryAmountProblems(body.amountFen, { fundsRaisedFen: Number(p.funds_raised_fen), committedFen: Number(p.committed_fen) }), 'amountFen');
  await tx.execute(sql`insert into aid_beneficiaries (project_id, org_id, program, year, name, id_number, school, amount_fen, status)
    values (${projectId}, ${p.org_id}, ${p.program}, ${p.year}, ${body.name}, ${idNumber}, ${body.school ?? null}, ${body.amountFen}, 'approved')`);
}

export async function beneficiaryAction(tx: Tx, id: number, action: BeneficiaryAction, on?: string): Promise<number> {
  const b = await loadOne<{ id: number; project_id: number; status: BeneficiaryStatus }>(
    tx,
    sql`select id, project_id, status from aid_beneficiaries where id = ${id} for update`,
    '受助人',
  );
  refuse('action_refused', beneficiaryActionProblems(b.status, action, { on, today: today() }), action === 'pay' ? 'paidOn' : undefined, b.status === 'approved' ? 422 : 409);
  if (action === 'pay') await tx.execute(sql`update aid_beneficiaries set status = 'paid', paid_on = ${on!} where id = ${id}`);
  else await tx.execute(sql`update aid_beneficiaries set status = 'cancelled' where id = ${id}`);
  return num(b.project_id);
}
