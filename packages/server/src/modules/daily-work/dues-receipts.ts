import { sql } from 'drizzle-orm';
import { DomainError, api, duesPeriodLabel, monthlyDuesFen, paymentProblems, type Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { storeAttachment } from '../org-life/attachments.js';
import { profileOf, recordPayment } from './dues.js';
import { loadSelf } from './portal.js';
import { chinaDate, pgError, refuse, subtreeOf, today } from './common.js';

/*
 * 团费交纳凭证 (issue 13 item 2): a member uploads a transfer screenshot or a
 * receipt for one month (portal, their own person only); the branch sees the
 * pending ones on 团费收缴 and 待办, and confirms one — which records the
 * payment through recordPayment, so every rule of a payment (and the refusal
 * of a second payment for the month) is the same as for a payment typed in —
 * or returns it with a reason. The file is an ordinary attachment
 * (owner_type dues_receipt) of the branch, within its type and size limits,
 * and only images and PDF are taken. Members cannot confirm: confirmation
 * needs membership:write, which the member role does not have.
 */

type B<C> = api.BodyOf<C>;
type Q<C> = api.QueryOf<C>;
const d = api.dailyWork;
const OWNER = 'dues_receipt';

interface ReceiptRow {
  id: number;
  person_id: number;
  person_name: string;
  org_id: number;
  org_name: string;
  period: string;
  paid_on: string;
  status: api.dailyWork.DuesReceiptStatus;
  note: string | null;
  submitted_on: string;
  decided_on: string | null;
  payment_id: number | null;
  is_student: boolean;
  category: 'student' | 'no_income' | 'employed' | null;
  monthly_income_fen: number | null;
  exempt_reason: string | null;
  att_id: number | null;
  att_name: string | null;
  att_mime: string | null;
  att_size: number | null;
  att_at: string | null;
}

const SELECT = sql`
  select r.id, r.person_id, p.name as person_name, r.org_id, o.name as org_name, r.period, r.paid_on::text as paid_on, r.status, r.note,
         ${chinaDate('r.created_at')} as submitted_on, r.decided_on::text as decided_on, r.payment_id,
         p.is_student, dp.category, dp.monthly_income_fen, dp.exempt_reason,
         a.id as att_id, a.file_name as att_name, a.mime_type as att_mime, a.size as att_size, a.created_at::text as att_at
    from dues_receipts r join people p on p.id = r.person_id join organizations o on o.id = r.org_id
    left join dues_profiles dp on dp.person_id = r.person_id
    left join lateral (select * from attachments x where x.owner_type = ${OWNER} and x.owner_id = r.id order by x.id limit 1) a on true`;

function toItem(r: ReceiptRow, rules: Rules): api.dailyWork.DuesReceiptItem {
  const due = monthlyDuesFen(profileOf({ ...r, monthly_income_fen: r.monthly_income_fen === null ? null : Number(r.monthly_income_fen) }), rules);
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    personName: r.person_name,
    orgId: Number(r.org_id),
    orgName: r.org_name,
    period: r.period,
    paidOn: r.paid_on,
    dueFen: due.exempt ? 0 : due.dueFen,
    status: r.status,
    note: r.note,
    submittedOn: r.submitted_on,
    decidedOn: r.decided_on,
    paymentId: r.payment_id === null ? null : Number(r.payment_id),
    attachment: r.att_id === null ? null : { id: Number(r.att_id), fileName: r.att_name!, mimeType: r.att_mime!, size: Number(r.att_size), createdAt: r.att_at! },
  };
}

async function loadReceipt(tx: Tx, id: number, rules: Rules) {
  const [row] = await query<ReceiptRow>(tx, sql`${SELECT} where r.id = ${id}`);
  if (!row) throw notFound('团费交纳凭证');
  return toItem(row, rules);
}

/** The member's own receipts, newest first. */
export async function ownReceipts(tx: Tx, user: SessionUser, rules: Rules) {
  const person = await loadSelf(tx, user);
  const rows = await query<ReceiptRow>(tx, sql`${SELECT} where r.person_id = ${person.id} order by r.period desc, r.id desc`);
  return rows.map((r) => toItem(r, rules));
}

/** A member uploads a receipt for one month of their own dues. */
export async function uploadReceipt(tx: Tx, user: SessionUser, rules: Rules, body: B<typeof d.portalUploadDuesReceipt>) {
  const person = await loadSelf(tx, user);
  const [facts] = await query<Pick<ReceiptRow, 'is_student' | 'category' | 'monthly_income_fen' | 'exempt_reason'> & { paid: boolean }>(
    tx,
    sql`select p.is_student, dp.category, dp.monthly_income_fen, dp.exempt_reason,
               exists (select 1 from dues_payments x where x.person_id = p.id and x.period = ${body.period}) as paid
          from people p left join dues_profiles dp on dp.person_id = p.id where p.id = ${person.id}`,
  );
  const due = monthlyDuesFen(profileOf({ ...facts!, monthly_income_fen: facts!.monthly_income_fen === null ? null : Number(facts!.monthly_income_fen) }), rules);
  const problems = paymentProblems({
    name: '',
    period: body.period,
    paidOn: body.paidOn,
    method: 'transfer',
    receiptNo: null,
    amountFen: due.dueFen || 1,
    dueFen: due.dueFen,
    exempt: due.exempt,
    memberStatus: person.member_status,
    joinedOn: person.joined_on,
    today: today(),
  });
  if (facts!.paid) throw new DomainError('dues_duplicate', `${duesPeriodLabel(body.period)}的团费已登记为已交，无需再上传凭证`, 'period', 409);
  refuse('dues_receipt', problems, 'period');
  let id: number;
  try {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into dues_receipts (org_id, person_id, period, paid_on, submitted_by) values (${person.org_id}, ${person.id}, ${body.period}, ${body.paidOn}, ${user.id}) returning id`,
    );
    id = Number(row!.id);
  } catch (err) {
    if (pgError(err)?.code === '23505') throw new DomainError('dues_receipt_pending', `${duesPeriodLabel(body.period)}已有一张待确认的凭证，请等待团支部确认`, 'period', 409);
    throw err;
  }
  const att = await storeAttachment(tx, rules, { orgId: person.org_id, ownerType: OWNER, ownerId: id }, body);
  if (!/^image\/|^application\/pdf$/.test(att.mimeType)) {
    throw new DomainError('bad_file', '交纳凭证只能是照片（JPG、PNG 等图片）或 PDF 文件', 'contentBase64', 422);
  }
  return loadReceipt(tx, id, rules);
}

/** Receipts of the caller's scope (a subtree with `under`), pending ones by default. */
export async function listReceipts(tx: Tx, q: Q<typeof d.listDuesReceipts>, rules: Rules) {
  const inTree = await subtreeOf(tx, q.under);
  const rows = await query<ReceiptRow>(
    tx,
    sql`${SELECT} where r.status = ${q.status ?? 'pending'} and ${inTree} order by r.created_at, r.id limit 500`,
  );
  return rows.map((r) => toItem(r, rules));
}

async function pendingReceipt(tx: Tx, id: number, rules: Rules) {
  const item = await loadReceipt(tx, id, rules);
  if (item.status !== 'pending') throw new DomainError('dues_receipt_decided', `该凭证已${item.status === 'confirmed' ? '确认' : '退回'}，不能再次办理`, undefined, 409);
  return item;
}

/** Confirms a receipt: records the month's payment (the member's standard, by transfer) and links it. */
export async function confirmReceipt(tx: Tx, user: SessionUser, id: number, rules: Rules) {
  const item = await pendingReceipt(tx, id, rules);
  const payment = await recordPayment(tx, { personId: item.personId, period: item.period, paidOn: item.paidOn, method: 'transfer', receiptNo: null }, rules);
  await query(
    tx,
    sql`update dues_receipts set status = 'confirmed', payment_id = ${payment.id}, decided_by = ${user.id}, decided_on = ${today()} where id = ${id}`,
  );
  return loadReceipt(tx, id, rules);
}

/**
 * Returns a receipt to the member with a reason (no payment is recorded). Its file is kept on purpose:
 * - it is the evidence of what the branch refused and why (the member may dispute it; the returned
 *   receipt and its reason stay on the member's 我的团费, the file with the branch's records, audited);
 * - the attachment store is content-addressed (storage.ts): the same bytes may back another
 *   organization's attachment, which the branch's scoped transaction cannot see, so deleting the
 *   file here could break someone else's record, and an unscoped reference count is not allowed in a handler;
 * - a file unlinked inside the transaction would be gone even if the transaction rolled back.
 * The member uploads a new receipt for the month (only one pending receipt per month is refused).
 */
export async function returnReceipt(tx: Tx, user: SessionUser, id: number, body: B<typeof d.returnDuesReceipt>, rules: Rules) {
  await pendingReceipt(tx, id, rules);
  await query(tx, sql`update dues_receipts set status = 'returned', note = ${body.reason}, decided_by = ${user.id}, decided_on = ${today()} where id = ${id}`);
  return loadReceipt(tx, id, rules);
}
