import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import {
  DUES_METHODS,
  DUES_METHOD_LABELS,
  DomainError,
  api,
  defaultDuesProfile,
  duesPeriodLabel,
  duesPeriodOf,
  duesBehind,
  duesPeriodsBetween,
  duesProfileProblems,
  fenToYuan,
  isBranchType,
  maskPhone,
  monthlyDuesFen,
  paymentProblems,
  remittanceDueFen,
  remittanceProblems,
  yuanToFen,
  type DuesCategory,
  type DuesMethod,
  type DuesProfileFacts,
  type OrgType,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { cellDate, cellMonth, cellProblems, cellText, readUpload, type SheetRow } from '../../excel/read.js';
import { activeBranchCount, loadBranch, loadOne, loadOrgRef, monthOf, pgError, refuse, subtreeOf, subtreeRoots, today } from './common.js';
import type { PersonRow } from '../membership/common.js';
import { keptBehindPage, keptDues } from './dues-figures.js';

/*
 * 团费收缴: profiles (category, income, exemption), the monthly ledger of a
 * branch, payments (one per member and month; the unique index refuses a
 * second), batch entry and Excel import, the reminders list, remittances to
 * the level above and the report per subtree. Money is integer fen.
 */

type Q<C> = api.QueryOf<C>;
type B<C> = api.BodyOf<C>;
const d = api.dailyWork;

interface MemberRow {
  id: number;
  name: string;
  member_no: string | null;
  org_id: number;
  org_name: string;
  phone: string | null;
  is_student: boolean;
  joined_on: string | null;
  member_status: string | null;
  category: DuesCategory | null;
  monthly_income_fen: number | null;
  exempt_reason: string | null;
}

const MEMBER_SELECT = sql`
  select p.id, p.name, p.member_no, p.org_id, o.name as org_name, p.phone, p.is_student, p.joined_on::text as joined_on, p.member_status,
         dp.category, dp.monthly_income_fen, dp.exempt_reason
    from people p join organizations o on o.id = p.org_id
    left join dues_profiles dp on dp.person_id = p.id`;

const normalize = (r: MemberRow): MemberRow => ({
  ...r,
  id: Number(r.id),
  org_id: Number(r.org_id),
  monthly_income_fen: r.monthly_income_fen === null ? null : Number(r.monthly_income_fen),
});

export function profileOf(r: Pick<MemberRow, 'category' | 'monthly_income_fen' | 'exempt_reason' | 'is_student'>): DuesProfileFacts {
  if (!r.category) return defaultDuesProfile(r.is_student);
  return { category: r.category, monthlyIncomeFen: r.monthly_income_fen === null ? null : Number(r.monthly_income_fen), exemptReason: r.exempt_reason };
}

/** Months of [from, to] a member owes: not before joining, not after the current month. */
export function owedMonths(joinedOn: string | null, from: string, to: string, on: string): string[] {
  const start = joinedOn && duesPeriodOf(joinedOn) > from ? duesPeriodOf(joinedOn) : from;
  const end = to < monthOf(on) ? to : monthOf(on);
  return duesPeriodsBetween(start, end);
}

interface PaymentRow {
  id: number;
  person_id: number;
  org_id: number;
  period: string;
  amount_fen: number;
  paid_on: string;
  method: DuesMethod;
  receipt_no: string | null;
}

const PAYMENT_SELECT = sql`select id, person_id, org_id, period, amount_fen, paid_on::text as paid_on, method, receipt_no from dues_payments`;

export const toPayment = (r: PaymentRow): api.dailyWork.DuesPaymentItem => ({
  id: Number(r.id),
  personId: Number(r.person_id),
  orgId: Number(r.org_id),
  period: r.period,
  amountFen: Number(r.amount_fen),
  paidOn: r.paid_on,
  method: r.method,
  receiptNo: r.receipt_no,
});

/** A member's dues of one year month by month (paid, owed): the member portal's and the member drawer's one reading. */
export async function duesYear(tx: Tx, person: Pick<PersonRow, 'id' | 'joined_on'>, rules: Rules, year: number) {
  const [extra] = await query<{ is_student: boolean; category: 'student' | 'no_income' | 'employed' | null; monthly_income_fen: number | null; exempt_reason: string | null }>(
    tx,
    sql`select p.is_student, dp.category, dp.monthly_income_fen, dp.exempt_reason from people p left join dues_profiles dp on dp.person_id = p.id where p.id = ${person.id}`,
  );
  const due = monthlyDuesFen(profileOf(extra!), rules);
  const on = today();
  const owed = new Set(due.exempt ? [] : owedMonths(person.joined_on, `${year}-01`, `${year}-12`, on));
  const payments = await query<Parameters<typeof toPayment>[0]>(
    tx,
    sql`select id, person_id, org_id, period, amount_fen, paid_on::text as paid_on, method, receipt_no from dues_payments
         where person_id = ${person.id} and period like ${`${year}-%`} order by period`,
  );
  const byPeriod = new Map(payments.map((p) => [p.period, toPayment(p)]));
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
    .filter((p) => !person.joined_on || p >= duesPeriodOf(person.joined_on))
    .map((period) => {
      const payment = byPeriod.get(period) ?? null;
      return { period, dueFen: due.exempt ? 0 : due.dueFen, payment, owed: !payment && owed.has(period) };
    });
  const paidFen = payments.reduce((s, p) => s + Number(p.amount_fen), 0);
  const owedFen = months.filter((m) => m.owed).length * due.dueFen;
  return { year, dueFen: due.exempt ? 0 : due.dueFen, basis: due.basis, exempt: due.exempt, months, paidFen, owedFen };
}

/** Members of a branch, visible to the caller, with their dues profile. */
async function branchMembers(tx: Tx, branchId: number): Promise<MemberRow[]> {
  const rows = await query<MemberRow>(tx, sql`${MEMBER_SELECT} where p.org_id = ${branchId} and p.member_status = 'active' order by p.member_no nulls last, p.id`);
  return rows.map(normalize);
}

/** People named by an input, all visible (else 404 on the field), with their profile. */
async function loadMembers(tx: Tx, ids: readonly number[], field: string): Promise<Map<number, MemberRow>> {
  const unique = [...new Set(ids)];
  const rows = (await query<MemberRow>(tx, sql`${MEMBER_SELECT} where p.id = any(${bigintArray(unique)})`)).map(normalize);
  if (rows.length !== unique.length) throw new HttpError(404, 'not_found', '所选团员不存在或不在您的管理范围内', field);
  return new Map(rows.map((r) => [r.id, r]));
}

/* -------------------------------------------------------------- ledger */

export async function ledger(tx: Tx, q: Q<typeof d.getDuesLedger>, rules: Rules) {
  const branch = await loadBranch(tx, q.orgId, 'orgId');
  const period = q.period ?? monthOf(today());
  const members = (await branchMembers(tx, branch.id)).filter((m) => !m.joined_on || duesPeriodOf(m.joined_on) <= period);
  const payments = members.length
    ? await query<PaymentRow>(tx, sql`${PAYMENT_SELECT} where person_id = any(${bigintArray(members.map((m) => m.id))}) and period = ${period}`)
    : [];
  const byPerson = new Map(payments.map((p) => [Number(p.person_id), toPayment(p)]));
  const rows = members.map((m) => {
    const profile = profileOf(m);
    const due = monthlyDuesFen(profile, rules);
    return {
      personId: m.id,
      name: m.name,
      memberNo: m.member_no,
      category: profile.category,
      profileRecorded: m.category !== null,
      monthlyIncomeFen: profile.monthlyIncomeFen,
      exemptReason: profile.exemptReason,
      exempt: due.exempt,
      dueFen: due.dueFen,
      basis: due.basis,
      payment: byPerson.get(m.id) ?? null,
    };
  });
  const totals = {
    members: rows.length,
    exempt: rows.filter((r) => r.exempt).length,
    dueFen: rows.reduce((s, r) => s + r.dueFen, 0),
    paidFen: rows.reduce((s, r) => s + (r.payment?.amountFen ?? 0), 0),
    paid: rows.filter((r) => r.payment).length,
    unpaid: rows.filter((r) => !r.payment && !r.exempt).length,
  };
  return { orgId: branch.id, orgName: branch.name, period, rows, totals };
}

/* ------------------------------------------------------------- profiles */

export async function setProfile(tx: Tx, personId: number, body: B<typeof d.setDuesProfile>, rules: Rules) {
  const [member] = (await loadMembers(tx, [personId], 'personId')).values();
  if (member!.member_status !== 'active') throw new DomainError('not_member', `${member!.name}不是在册团员`);
  const facts: DuesProfileFacts = { category: body.category, monthlyIncomeFen: body.monthlyIncomeFen ?? null, exemptReason: body.exemptReason?.trim() || null };
  refuse('dues_profile', duesProfileProblems(facts));
  const income = facts.category === 'employed' ? facts.monthlyIncomeFen : null;
  await query(
    tx,
    sql`insert into dues_profiles (person_id, org_id, category, monthly_income_fen, exempt_reason)
        values (${personId}, ${member!.org_id}, ${facts.category}, ${income}, ${facts.exemptReason})
        on conflict (person_id) do update set org_id = excluded.org_id, category = excluded.category,
          monthly_income_fen = excluded.monthly_income_fen, exempt_reason = excluded.exempt_reason`,
  );
  const due = monthlyDuesFen({ ...facts, monthlyIncomeFen: income }, rules);
  return { personId, category: facts.category, monthlyIncomeFen: income, exemptReason: facts.exemptReason, dueFen: due.dueFen, basis: due.basis };
}

/* ------------------------------------------------------------- payments */

interface PaymentInput {
  member: MemberRow;
  period: string;
  amountFen?: number;
  paidOn: string;
  method: DuesMethod;
  receiptNo: string | null;
}

/** Problems of one payment, including a payment already recorded for the month. */
function checkPayment(p: PaymentInput, rules: Rules, on: string, existing: Set<string>): { problems: string[]; amountFen: number } {
  const due = monthlyDuesFen(profileOf(p.member), rules);
  const amountFen = p.amountFen ?? due.dueFen;
  const problems = paymentProblems({
    name: p.member.name,
    period: p.period,
    paidOn: p.paidOn,
    method: p.method,
    receiptNo: p.receiptNo,
    amountFen,
    dueFen: due.dueFen,
    exempt: due.exempt,
    memberStatus: p.member.member_status,
    joinedOn: p.member.joined_on,
    today: on,
  });
  if (existing.has(`${p.member.id}|${p.period}`)) problems.push(`${p.member.name}${duesPeriodLabel(p.period)}的团费已登记，不能重复登记`);
  return { problems, amountFen };
}

/**
 * The dues rules of payments another pipeline records (the mapped import's
 * 团费交纳 kind, import/records.ts): each payment checked as recording it by
 * hand checks it (in-register member, not before joining, the member's dues
 * standard, exemption, 线上 needs a receipt). A month already recorded is the
 * caller's to handle (the import updates it).
 */
export async function paymentsProblems(
  tx: Tx,
  rules: Rules,
  on: string,
  payments: readonly { personId: number; period: string; amountFen: number; paidOn: string; method: DuesMethod; receiptNo: string | null }[],
): Promise<string[][]> {
  const ids = [...new Set(payments.map((p) => p.personId))];
  const members = new Map<number, MemberRow>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const m of (await query<MemberRow>(tx, sql`${MEMBER_SELECT} where p.id = any(${bigintArray(ids.slice(i, i + 5000))})`)).map(normalize)) members.set(m.id, m);
  }
  const none = new Set<string>();
  return payments.map((p) => {
    const member = members.get(p.personId);
    return member ? checkPayment({ member, period: p.period, amountFen: p.amountFen, paidOn: p.paidOn, method: p.method, receiptNo: p.receiptNo }, rules, on, none).problems : [];
  });
}

async function existingPayments(tx: Tx, personIds: number[], periods: string[]): Promise<Set<string>> {
  if (!personIds.length || !periods.length) return new Set();
  const rows = await query<{ person_id: number; period: string }>(
    tx,
    sql`select person_id, period from dues_payments where person_id = any(${bigintArray(personIds)}) and period in (${sql.join(periods.map((p) => sql`${p}`), sql`, `)})`,
  );
  return new Set(rows.map((r) => `${Number(r.person_id)}|${r.period}`));
}

async function receiptsInUse(tx: Tx, receipts: string[]): Promise<Set<string>> {
  if (!receipts.length) return new Set();
  const rows = await query<{ receipt_no: string }>(tx, sql`select receipt_no from dues_payments where receipt_no in (${sql.join(receipts.map((r) => sql`${r}`), sql`, `)})`);
  return new Set(rows.map((r) => r.receipt_no));
}

/** Writes checked payments; a duplicate the caller could not see (another branch's record) still answers 409. */
async function insertPayments(tx: Tx, rows: { member: MemberRow; period: string; amountFen: number; paidOn: string; method: DuesMethod; receiptNo: string | null }[]) {
  try {
    return await query<PaymentRow>(
      tx,
      sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method, receipt_no)
          values ${sql.join(rows.map((r) => sql`(${r.member.org_id}, ${r.member.id}, ${r.period}, ${r.amountFen}, ${r.paidOn}, ${r.method}, ${r.receiptNo})`), sql`, `)}
          returning id, person_id, org_id, period, amount_fen, paid_on::text as paid_on, method, receipt_no`,
    );
  } catch (err) {
    const pg = pgError(err);
    if (pg?.code === '23505') {
      if (/receipt/.test(pg.constraint ?? pg.message ?? '')) throw new DomainError('dues_receipt_used', '回单号已登记过，同一回单不能登记两次', 'receiptNo', 409);
      throw new DomainError('dues_duplicate', '该团员该月的团费已登记，不能重复登记', 'period', 409);
    }
    throw err;
  }
}

export async function recordPayment(tx: Tx, body: B<typeof d.recordDuesPayment>, rules: Rules) {
  const member = (await loadMembers(tx, [body.personId], 'personId')).get(body.personId)!;
  const receiptNo = body.receiptNo?.trim() || null;
  const on = today();
  const existing = await existingPayments(tx, [member.id], [body.period]);
  const { problems, amountFen } = checkPayment({ member, period: body.period, amountFen: body.amountFen, paidOn: body.paidOn, method: body.method, receiptNo }, rules, on, existing);
  if (existing.size) throw new DomainError('dues_duplicate', problems.join('；'), 'period', 409);
  if (receiptNo && (await receiptsInUse(tx, [receiptNo])).size) throw new DomainError('dues_receipt_used', `回单号${receiptNo}已登记过，同一回单不能登记两次`, 'receiptNo', 409);
  refuse('dues_payment', problems);
  const [row] = await insertPayments(tx, [{ member, period: body.period, amountFen, paidOn: body.paidOn, method: body.method, receiptNo }]);
  return toPayment(row!);
}

export async function recordBatch(tx: Tx, body: B<typeof d.recordDuesPayments>, rules: Rules) {
  if (body.method === 'online') throw new DomainError('dues_online_batch', '线上缴纳须逐笔登记电子回单号，请使用单笔登记或导入', 'method');
  const members = await loadMembers(tx, body.personIds, 'personIds');
  const periods = [...new Set(body.periods)].sort();
  const on = today();
  const existing = await existingPayments(tx, [...members.keys()], periods);
  const rows: { member: MemberRow; period: string; amountFen: number; paidOn: string; method: DuesMethod; receiptNo: null }[] = [];
  const problems: string[] = [];
  for (const member of members.values()) {
    for (const period of periods) {
      const r = checkPayment({ member, period, paidOn: body.paidOn, method: body.method, receiptNo: null }, rules, on, existing);
      problems.push(...r.problems);
      rows.push({ member, period, amountFen: r.amountFen, paidOn: body.paidOn, method: body.method, receiptNo: null });
    }
  }
  if (problems.length) {
    const shown = problems.slice(0, 10).join('；');
    const duplicate = problems.some((p) => p.includes('不能重复登记'));
    throw new DomainError(duplicate ? 'dues_duplicate' : 'dues_payment', problems.length > 10 ? `${shown}；另有${problems.length - 10}处问题` : shown, undefined, duplicate ? 409 : 422);
  }
  await insertPayments(tx, rows);
  return { count: rows.length, totalFen: rows.reduce((s, r) => s + r.amountFen, 0) };
}

export async function correctPayment(tx: Tx, id: number, body: B<typeof d.correctDuesPayment>, rules: Rules) {
  const payment = await loadOne<PaymentRow>(tx, sql`${PAYMENT_SELECT} where id = ${id} for update`, '团费记录');
  // The member may have moved on (the payment stays with the branch that collected it): then the standard is not known here.
  const [visible] = await query<MemberRow>(tx, sql`${MEMBER_SELECT} where p.id = ${payment.person_id}`);
  const member: MemberRow = visible
    ? normalize(visible)
    : { id: Number(payment.person_id), name: '该团员', member_no: null, org_id: Number(payment.org_id), org_name: '', phone: null, is_student: true, joined_on: null, member_status: 'active', category: null, monthly_income_fen: null, exempt_reason: null };
  const receiptNo = body.receiptNo?.trim() || null;
  const { problems } = checkPayment({ member: { ...member, member_status: 'active' }, period: payment.period, amountFen: body.amountFen, paidOn: body.paidOn, method: body.method, receiptNo }, rules, today(), new Set());
  if (receiptNo && receiptNo !== payment.receipt_no && (await receiptsInUse(tx, [receiptNo])).size) {
    throw new DomainError('dues_receipt_used', `回单号${receiptNo}已登记过，同一回单不能登记两次`, 'receiptNo', 409);
  }
  refuse('dues_payment', problems);
  const [row] = await query<PaymentRow>(
    tx,
    sql`update dues_payments set amount_fen = ${body.amountFen}, paid_on = ${body.paidOn}, method = ${body.method}, receipt_no = ${receiptNo}
         where id = ${id} returning id, person_id, org_id, period, amount_fen, paid_on::text as paid_on, method, receipt_no`,
  );
  return toPayment(row!);
}

/* --------------------------------------------------------------- import */

export const IMPORT_COLUMNS = [
  { header: '姓名*', key: 'name', width: 12 },
  { header: '团员编号或身份证号*', key: 'ident', width: 24 },
  { header: '所属月份*', key: 'period', width: 12 },
  { header: '金额（元）', key: 'amount', width: 12 },
  { header: '交纳日期*', key: 'paidOn', width: 14 },
  { header: '交纳方式*', key: 'method', width: 12 },
  { header: '回单号', key: 'receiptNo', width: 24 },
] as const;
type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];
const LABEL = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header.replace('*', '')])) as Record<ImportKey, string>;
const METHOD_BY_LABEL = new Map<string, DuesMethod>([
  ...DUES_METHODS.map((m) => [DUES_METHOD_LABELS[m], m] as [string, DuesMethod]),
  ['转账', 'transfer'],
  ['线上', 'online'],
  ['微信', 'online'],
  ['支付宝', 'online'],
]);

export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('团费交纳名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const key of ['ident', 'period', 'receiptNo'] as const) sheet.getColumn(key).numFmt = '@';
  for (let r = 2; r <= 2001; r++) {
    sheet.getCell(r, 6).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${DUES_METHODS.map((m) => DUES_METHOD_LABELS[m]).join(',')}"`] };
  }
  sheet.addRow({ name: '（示例，导入前删除）张三', ident: '52032920230500001', period: '2026-01', amount: '0.20', paidOn: '2026-01-15', method: '现金', receiptNo: '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads a payment list for one branch; every row is checked (person in the
 * branch, month, amount in yuan exactly, method, duplicates in the file and
 * in the ledger). Nothing is written unless `commit` is set and every row is
 * valid.
 */
export async function importPayments(tx: Tx, body: B<typeof d.importDuesPayments>, rules: Rules): Promise<api.dailyWork.DuesImportReport> {
  const branch = await loadBranch(tx, body.orgId, 'orgId');
  const sheet: SheetRow[] = [];
  for await (const r of readUpload(body)) sheet.push(r);
  const headerRow = sheet[0];
  if (!headerRow) throw new DomainError('empty_file', '文件中没有内容：第一个工作表是空的，请使用导入模板填写', 'contentBase64', 422);
  const header = headerRow.cells.map((v) => cellText(v).replace('*', ''));
  const col = {} as Record<ImportKey, number>;
  for (const c of IMPORT_COLUMNS) {
    const i = header.findIndex((h) => h === LABEL[c.key] || (c.key === 'ident' && /团员编号|身份证号/.test(h)));
    if (i < 0 && c.header.endsWith('*')) throw new DomainError('bad_header', `表头缺少“${LABEL[c.key]}”列，请使用导入模板`, 'contentBase64');
    col[c.key] = i + 1;
  }
  const members = await branchMembers(tx, branch.id);
  const byIdent = new Map<string, MemberRow>();
  const idNumbers = await query<{ id: number; id_number: string }>(tx, sql`select id, id_number from people where org_id = ${branch.id} and member_status = 'active'`);
  const memberById = new Map(members.map((m) => [m.id, m]));
  for (const r of idNumbers) {
    const m = memberById.get(Number(r.id));
    if (m) byIdent.set(r.id_number.toUpperCase(), m);
  }
  for (const m of members) if (m.member_no) byIdent.set(m.member_no, m);

  const errors: { row: number; column: string; message: string }[] = [];
  const parsed: PaymentInput[] = [];
  const seen = new Map<string, number>();
  const seenReceipts = new Map<string, number>();
  const on = today();
  const readRow = (row: SheetRow) => {
    const n = row.row;
    const get = (k: ImportKey) => (col[k] ? (row.cells[col[k] - 1] ?? null) : null);
    const name = cellText(get('name'));
    if (!name || name.startsWith('（示例')) return;
    const unstorable = cellProblems(row, (i) => header[i] || undefined);
    if (unstorable.length) return void errors.push(...unstorable);
    const err = (k: ImportKey, message: string) => errors.push({ row: n, column: LABEL[k], message });
    const identCell = get('ident');
    if (typeof identCell === 'number') {
      err('ident', '团员编号或身份证号必须是文本（Excel 中请设置为文本格式），不能是数字');
      return;
    }
    const member = byIdent.get(cellText(identCell).toUpperCase());
    if (!member) return err('ident', '本团支部没有该团员编号或身份证号的在册团员');
    if (member.name !== name) return err('name', `姓名与登记的姓名（${member.name}）不一致`);
    const period = cellMonth(get('period'));
    if (!period) return err('period', '所属月份应为YYYY-MM，如2026-03');
    const amountText = cellText(get('amount'));
    let amountFen: number | undefined;
    if (amountText) {
      const parsedFen = yuanToFen(amountText);
      if (parsedFen === null) return err('amount', '金额应为元，最多两位小数，如0.20');
      amountFen = parsedFen;
    }
    const paidOn = cellDate(get('paidOn'));
    if (!paidOn) return err('paidOn', '交纳日期格式应为YYYY-MM-DD');
    const method = METHOD_BY_LABEL.get(cellText(get('method')));
    if (!method) return err('method', `交纳方式应为${DUES_METHODS.map((m) => DUES_METHOD_LABELS[m]).join('、')}`);
    const receiptNo = cellText(get('receiptNo')) || null;
    const key = `${member.id}|${period}`;
    if (seen.has(key)) return err('period', `与第${seen.get(key)}行重复：同一团员同一月份只能登记一次`);
    seen.set(key, n);
    if (receiptNo) {
      if (seenReceipts.has(receiptNo)) return err('receiptNo', `与第${seenReceipts.get(receiptNo)}行的回单号重复`);
      seenReceipts.set(receiptNo, n);
    }
    parsed.push({ member, period, amountFen, paidOn, method, receiptNo, row: n } as PaymentInput & { row: number });
  };
  for (const row of sheet.slice(1)) readRow(row);

  const existing = await existingPayments(tx, [...new Set(parsed.map((p) => p.member.id))], [...new Set(parsed.map((p) => p.period))]);
  const usedReceipts = await receiptsInUse(tx, parsed.flatMap((p) => (p.receiptNo ? [p.receiptNo] : [])));
  const accepted: { member: MemberRow; period: string; amountFen: number; paidOn: string; method: DuesMethod; receiptNo: string | null }[] = [];
  for (const p of parsed as (PaymentInput & { row: number })[]) {
    const r = checkPayment(p, rules, on, existing);
    if (p.receiptNo && usedReceipts.has(p.receiptNo)) r.problems.push(`回单号${p.receiptNo}已登记过`);
    if (r.problems.length) errors.push({ row: p.row, column: '—', message: r.problems.join('；') });
    else accepted.push({ member: p.member, period: p.period, amountFen: r.amountFen, paidOn: p.paidOn, method: p.method, receiptNo: p.receiptNo });
  }
  errors.sort((a, b) => a.row - b.row);
  const rows = parsed.length + new Set(errors.map((e) => e.row).filter((r) => !(parsed as (PaymentInput & { row: number })[]).some((p) => p.row === r))).size;
  const totalFen = accepted.reduce((s, r) => s + r.amountFen, 0);
  const committed = body.commit && errors.length === 0 && accepted.length > 0;
  if (committed) await insertPayments(tx, accepted);
  return { rows, accepted: accepted.length, totalFen, errors, committed };
}

/* -------------------------------------------------------- reminders, report */

function range(q: { from?: string; to?: string }) {
  const on = today();
  const to = q.to ?? monthOf(on);
  const from = q.from ?? `${to.slice(0, 4)}-01`;
  if (from > to) throw new DomainError('bad_period', '开始月份不能晚于结束月份', 'from', 400);
  return { from, to, on };
}

async function subtreeMembers(tx: Tx, under: number | undefined): Promise<MemberRow[]> {
  const where = await subtreeOf(tx, under);
  return (await query<MemberRow>(tx, sql`${MEMBER_SELECT} where p.member_status = 'active' and ${where} order by o.path, p.member_no nulls last, p.id`)).map(normalize);
}

async function paidKeys(tx: Tx, personIds: number[], from: string, to: string): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows = await query<{ person_id: number; period: string }>(
    tx,
    sql`select person_id, period from dues_payments where person_id = any(${bigintArray(personIds)}) and period between ${from} and ${to}`,
  );
  return new Set(rows.map((r) => `${Number(r.person_id)}|${r.period}`));
}

export async function unpaid(tx: Tx, q: { under?: number; from?: string; to?: string }, rules: Rules) {
  const { from, to, on } = range(q);
  const members = await subtreeMembers(tx, q.under);
  const paid = await paidKeys(tx, members.map((m) => m.id), from, to);
  const items: UnpaidItem[] = [];
  for (const m of members) {
    const due = monthlyDuesFen(profileOf(m), rules);
    if (due.exempt) continue;
    const months = owedMonths(m.joined_on, from, to, on).filter((p) => !paid.has(`${m.id}|${p}`));
    if (!months.length) continue;
    items.push({
      personId: m.id,
      name: m.name,
      memberNo: m.member_no,
      orgId: m.org_id,
      orgName: m.org_name,
      phoneMasked: m.phone ? maskPhone(m.phone) : null,
      months,
      owedFen: due.dueFen * months.length,
    });
  }
  return { from, to, items, owedFen: items.reduce((s, i) => s + i.owedFen, 0) };
}
type UnpaidItem = api.ResponseOf<typeof d.listUnpaidDues>['items'][number];

type ReportRow = api.ResponseOf<typeof d.duesReport>['rows'][number];

type ReportFigures = Omit<ReportRow, 'orgId' | 'orgName' | 'orgShortName' | 'collectionRate' | 'remitDueFen'>;
const noFigures = (): ReportFigures => ({ members: 0, exempt: 0, dueMonths: 0, dueFen: 0, paidMonths: 0, paidFen: 0, unpaidMonths: 0, remittedFen: 0 });

/**
 * The report's figures computed from the members and payments of the subtree (the live computation):
 * the rows' branches filled in, and the whole subtree's figures returned (every member and payment, whatever
 * the organization: what org_figures keeps at the subtree's root).
 */
async function plainReport(tx: Tx, rows: Map<number, ReportRow>, under: number | undefined, where: SQL, from: string, to: string, on: string, rules: Rules): Promise<ReportFigures> {
  const all = noFigures();
  const members = await subtreeMembers(tx, under);
  const paid = await paidKeys(tx, members.map((m) => m.id), from, to);
  const collected = await query<{ org_id: number; months: number; fen: number }>(
    tx,
    sql`select x.org_id, count(*)::int as months, coalesce(sum(x.amount_fen), 0)::bigint as fen
          from dues_payments x join organizations o on o.id = x.org_id
         where x.period between ${from} and ${to} and ${where} group by x.org_id`,
  );
  const remitted = await query<{ org_id: number; fen: number }>(
    tx,
    sql`select r.org_id, coalesce(sum(r.amount_fen), 0)::bigint as fen from dues_remittances r join organizations o on o.id = r.org_id
         where r.period_from <= ${to} and r.period_to >= ${from} and ${where} group by r.org_id`,
  );
  for (const m of members) {
    const targets = [all, rows.get(m.org_id)].filter((x): x is ReportFigures => !!x);
    const due = monthlyDuesFen(profileOf(m), rules);
    const months = due.exempt ? [] : owedMonths(m.joined_on, from, to, on);
    const unpaidMonths = months.filter((p) => !paid.has(`${m.id}|${p}`)).length;
    for (const row of targets) {
      row.members++;
      if (due.exempt) {
        row.exempt++;
        continue;
      }
      row.dueMonths += months.length;
      row.dueFen += months.length * due.dueFen;
      row.unpaidMonths += unpaidMonths;
    }
  }
  for (const c of collected) {
    all.paidMonths += Number(c.months);
    all.paidFen += Number(c.fen);
    const row = rows.get(Number(c.org_id));
    if (!row) continue;
    row.paidMonths = Number(c.months);
    row.paidFen = Number(c.fen);
  }
  for (const r of remitted) {
    all.remittedFen += Number(r.fen);
    const row = rows.get(Number(r.org_id));
    if (row) row.remittedFen = Number(r.fen);
  }
  return all;
}

const rateOf = (r: { dueMonths: number; unpaidMonths: number }) => (r.dueMonths ? Math.round(((r.dueMonths - r.unpaidMonths) / r.dueMonths) * 10_000) / 10_000 : null);

/** The report's default page size (the contract's). */
export const REPORT_PAGE_SIZE = 20;

/**
 * 团费收缴 over [from, to]: one page of the subtree's active branches (tree order; `behindOnly`: the branches
 * with unpaid months, lowest collection rate first) and the subtree's totals. The totals are the kept figures
 * at the organization asked about (org_figures, migration 0041: one set of primary-key ranges at the root,
 * whatever the subtree's size), the page's figures those of its branches (dues-figures.ts), the number of
 * branches the root's two org_rollups rows by type; so the answer is bounded by the page, not by the subtree.
 * `behindOnly` over one kept month (this month and the last: the township home's) reads its page and total from
 * the ordered rows kept at the root (migration 0044); over other periods it tests every branch's kept rows (no
 * member or payment row) to pick and count the behind ones. `all` lists every branch (the Excel export, the
 * work figures). `{ plain: true }` computes everything from the members and payments (the same answer; tests
 * and the bench compare the two).
 */
export async function report(
  tx: Tx,
  q: { under?: number; from?: string; to?: string; page?: number; pageSize?: number; behindOnly?: boolean },
  rules: Rules,
  opts: { plain?: boolean; all?: boolean } = {},
) {
  const { from, to, on } = range(q);
  // The subtree's roots and condition (a btree range from the root's path: a page in tree order stops with the page).
  const { roots, inTree: where } = await subtreeRoots(tx, q.under);
  const end = to < monthOf(on) ? to : monthOf(on);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? REPORT_PAGE_SIZE;
  const branchWhere = sql`o.status = 'active' and o.type in ('branch', 'joint_branch') and ${where}`;
  // Every branch is read when the list is whole or computed live.
  const whole = opts.all || opts.plain;
  // Behind only over one month (kept for this month and the last, dues-figures.ts): the page and its total as kept.
  const ranked = q.behindOnly && !whole && from === to && end === to ? await keptBehindPage(tx, roots, to, page, pageSize) : null;
  const branches = ranked
    ? ranked.branches
    : await query<{ id: number; name: string; short_name: string | null }>(
        tx,
        sql`select o.id, o.name, o.short_name from organizations o where ${branchWhere} order by o.path
            ${whole || q.behindOnly ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`}`,
      );
  // Behind only (kept, other periods): every branch tested on what it owes and left unpaid (three ranges each), the page's then read in full.
  let behindTotal: number | null = ranked ? ranked.total : null;
  if (q.behindOnly && !whole && !ranked) {
    const owed = await keptDues(tx, branches.map((b) => Number(b.id)), from, to, end, rules, 'owed');
    if (owed) {
      const behind = duesBehind(branches.map((b) => ({ b, ...owed.get(Number(b.id))!, collectionRate: rateOf(owed.get(Number(b.id))!) })));
      behindTotal = behind.length;
      branches.splice(0, branches.length, ...behind.slice((page - 1) * pageSize, page * pageSize).map((x) => x.b));
    }
  }
  const rows = new Map<number, ReportRow>(
    branches.map((b) => [
      Number(b.id),
      { orgId: Number(b.id), orgName: b.name, orgShortName: b.short_name, members: 0, exempt: 0, dueMonths: 0, dueFen: 0, paidMonths: 0, paidFen: 0, unpaidMonths: 0, collectionRate: null, remitDueFen: 0, remittedFen: 0 },
    ]),
  );
  let all: ReportFigures | null = null;
  let branchCount: number | null = null;
  if (!opts.plain) {
    const kept = await keptDues(tx, [...new Set([...rows.keys(), ...roots])], from, to, end, rules);
    if (kept) {
      for (const id of rows.keys()) Object.assign(rows.get(id)!, kept.get(id)!);
      all = noFigures();
      for (const id of roots) for (const [k, v] of Object.entries(kept.get(id)!)) all[k as keyof ReportFigures] += v;
      if (!whole && !q.behindOnly) branchCount = await activeBranchCount(tx, roots);
    }
  }
  if (!all) all = await plainReport(tx, rows, q.under, where, from, to, on, rules);
  if (!whole && !q.behindOnly && branchCount === null) {
    const [n] = await query<{ n: number }>(tx, sql`select count(*)::int as n from organizations o where ${branchWhere}`);
    branchCount = Number(n!.n);
  }
  let list = [...rows.values()].map((r) => ({ ...r, collectionRate: rateOf(r), remitDueFen: remittanceDueFen(r.paidFen, rules) }));
  // behindOnly: the page was picked above (kept), or is picked here from every branch (live, or kept rows of another income share).
  const picked = behindTotal !== null;
  if (q.behindOnly) list = duesBehind(list);
  const total = picked ? behindTotal! : whole || q.behindOnly ? list.length : (branchCount ?? list.length);
  if ((whole || q.behindOnly) && !picked && !opts.all) list = list.slice((page - 1) * pageSize, page * pageSize);
  const totals = { ...all, collectionRate: rateOf(all), remitDueFen: remittanceDueFen(all.paidFen, rules) };
  return { from, to, rows: list, total, page: opts.all ? 1 : page, pageSize: opts.all ? Math.max(total, 1) : pageSize, totals };
}

/* ----------------------------------------------------------- remittances */

interface RemittanceRow {
  id: number;
  org_id: number;
  org_name: string;
  to_org_id: number;
  to_org_name: string | null;
  period_from: string;
  period_to: string;
  amount_fen: number;
  remitted_on: string;
  note: string | null;
}

const REMITTANCE_SELECT = sql`
  select r.id, r.org_id, o.name as org_name, r.to_org_id, t.name as to_org_name, r.period_from, r.period_to, r.amount_fen,
         r.remitted_on::text as remitted_on, r.note
    from dues_remittances r join organizations o on o.id = r.org_id left join organizations t on t.id = r.to_org_id`;

const toRemittance = (r: RemittanceRow) => ({
  id: Number(r.id),
  orgId: Number(r.org_id),
  orgName: r.org_name,
  toOrgId: Number(r.to_org_id),
  toOrgName: r.to_org_name,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  amountFen: Number(r.amount_fen),
  remittedOn: r.remitted_on,
  note: r.note,
});

export async function listRemittances(tx: Tx, q: { under?: number; page?: number; pageSize?: number }) {
  const where = await subtreeOf(tx, q.under);
  const limit = q.page && q.pageSize ? sql`limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}` : sql``;
  const rows = await query<RemittanceRow>(tx, sql`${REMITTANCE_SELECT} where ${where} order by r.remitted_on desc, r.id desc ${limit}`);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from dues_remittances r join organizations o on o.id = r.org_id where ${where}`);
  return { items: rows.map(toRemittance), total: Number(count!.n) };
}

/** What a branch collected in the months, what it owes the level above, and months already remitted. */
export async function previewRemittance(tx: Tx, input: { orgId: number; periodFrom?: string; periodTo?: string }, rules: Rules) {
  const branch = await loadBranch(tx, input.orgId, 'orgId');
  const month = monthOf(today());
  const q = { periodFrom: input.periodFrom ?? `${month.slice(0, 4)}-01`, periodTo: input.periodTo ?? month };
  const [c] = await query<{ fen: number }>(
    tx,
    sql`select coalesce(sum(amount_fen), 0)::bigint as fen from dues_payments where org_id = ${branch.id} and period between ${q.periodFrom} and ${q.periodTo}`,
  );
  const covered = await query<{ period_from: string; period_to: string }>(
    tx,
    sql`select period_from, period_to from dues_remittances where org_id = ${branch.id} and period_from <= ${q.periodTo} and period_to >= ${q.periodFrom}`,
  );
  const months = new Set(duesPeriodsBetween(q.periodFrom, q.periodTo));
  const already = [...new Set(covered.flatMap((r) => duesPeriodsBetween(r.period_from, r.period_to)).filter((p) => months.has(p)))].sort();
  const collectedFen = Number(c!.fen);
  return { ...q, collectedFen, share: rules.dues.remitShare, expectedFen: remittanceDueFen(collectedFen, rules), alreadyRemitted: already, toOrgId: branch.parentId, branch };
}

export async function recordRemittance(tx: Tx, body: B<typeof d.recordRemittance>, rules: Rules) {
  const preview = await previewRemittance(tx, body, rules);
  const { branch } = preview;
  refuse(
    'dues_remittance',
    remittanceProblems({
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      amountFen: body.amountFen,
      expectedFen: preview.expectedFen,
      alreadyRemitted: preview.alreadyRemitted,
      remittedOn: body.remittedOn,
      today: today(),
      isBranch: isBranchType(branch.type as OrgType),
    }),
  );
  if (!branch.parentId) throw new DomainError('no_parent', '该团支部没有上级组织，无需上缴');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into dues_remittances (org_id, to_org_id, period_from, period_to, amount_fen, remitted_on, note)
        values (${branch.id}, ${branch.parentId}, ${body.periodFrom}, ${body.periodTo}, ${body.amountFen}, ${body.remittedOn}, ${body.note?.trim() || null})
        returning id`,
  );
  const [r] = await query<RemittanceRow>(tx, sql`${REMITTANCE_SELECT} where r.id = ${row!.id}`);
  return toRemittance(r!);
}

export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : fenToYuan(fen));
