import {
  DUES_CATEGORY_LABELS,
  DUES_METHOD_LABELS,
  GRADUATE_DESTINATION_LABELS,
  GRADUATE_STATE_LABELS,
  QUALITY_CHECKS,
  RECTIFICATION_STATUS_LABELS,
  STAR_ENTRY_STATUS_LABELS,
  STAR_GRADE_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
  api,
  duesPeriodLabel,
  qualityCheckLabel,
} from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook, type SheetColumn } from '../../excel/workbook.js';
import { yuan } from './dues.js';
import * as dues from './dues.js';
import * as star from './star-rating.js';
import * as graduates from './graduates.js';
import * as resets from './resets.js';
import * as quality from './quality.js';
import * as portal from './portal.js';
import * as receipts from './dues-receipts.js';
import { portalNotices } from './portal-notices.js';

import type { Database } from '../../db/connection.js';
import { dailyWorkPublicRoutes as resetPublicRoutes } from './resets-public.js';
import { joinApplicationPublicRoutes } from './join-applications-public.js';
import * as joins from './join-applications.js';

/** Routes open without login: password resets by SMS code and 入团申请 online. */
export function dailyWorkPublicRoutes(database: Database, opts: Parameters<typeof resetPublicRoutes>[1]): RouteDef[] {
  return [...resetPublicRoutes(database, opts), ...joinApplicationPublicRoutes(database)];
}
export type { SmsSender } from './sms.js';

/*
 * Daily league work (issue 7). Every route here runs in the caller's scoped
 * transaction. The password-reset routes that need the database itself
 * (public code request and redemption, codes issued by the secretary) are in
 * resets-public.ts: dailyWorkPublicRoutes(database).
 */

const d = api.dailyWork;
const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

type StarEntry = api.dailyWork.StarEntryItem;
const starColumns: SheetColumn<StarEntry>[] = [
  { header: '团支部', width: 36, value: (e) => e.orgName },
  { header: '定级', width: 28, value: (e) => e.ratingTitle },
  { header: '年度', width: 8, value: (e) => e.year },
  { header: '状态', width: 16, value: (e) => STAR_ENTRY_STATUS_LABELS[e.status] },
  { header: '自评得分', width: 10, value: (e) => e.selfTotal },
  { header: '审核得分', width: 10, value: (e) => e.reviewTotal },
  { header: '满分', width: 8, value: (e) => e.maxTotal },
  { header: '建议等次', width: 10, value: (e) => (e.suggestedGrade ? STAR_GRADE_LABELS[e.suggestedGrade] : '') },
  { header: '确定等次', width: 10, value: (e) => (e.grade ? STAR_GRADE_LABELS[e.grade] : '') },
  { header: '整改期限', width: 12, value: (e) => e.rectification?.deadline },
  { header: '整改状态', width: 12, value: (e) => (e.rectification ? RECTIFICATION_STATUS_LABELS[e.rectification.status] : '') },
];

export const dailyWorkRoutes: RouteDef[] = [
  /* ------------------------------------------------------------------ 团费 */
  scoped(d.getDuesLedger, async ({ tx, rules }, { query }) => dues.ledger(tx, query, await rules())),
  scoped(d.exportDuesLedger, async ({ tx, rules, reply }, { query }) => {
    const l = await dues.ledger(tx, query, await rules());
    await sendWorkbook(reply, `${l.orgName}${duesPeriodLabel(l.period)}团费台账.xlsx`, '团费台账', [
      { header: '姓名', width: 10, value: (r) => r.name },
      { header: '团员编号', width: 20, value: (r) => r.memberNo },
      { header: '类别', width: 14, value: (r) => DUES_CATEGORY_LABELS[r.category] },
      { header: '应交（元）', width: 10, value: (r) => yuan(r.dueFen) },
      { header: '已交（元）', width: 10, value: (r) => yuan(r.payment?.amountFen) },
      { header: '交纳日期', width: 12, value: (r) => r.payment?.paidOn },
      { header: '交纳方式', width: 10, value: (r) => (r.payment ? DUES_METHOD_LABELS[r.payment.method] : '') },
      { header: '回单号', width: 22, value: (r) => r.payment?.receiptNo },
      { header: '状态', width: 8, value: (r) => (r.exempt ? '免交' : r.payment ? '已交' : '未交') },
      { header: '计算依据', width: 30, value: (r) => r.basis },
    ], l.rows);
  }),
  scoped(d.setDuesProfile, async ({ tx, rules }, { params, body }) => dues.setProfile(tx, params.personId, body, await rules())),
  scoped(d.recordDuesPayment, async ({ tx, rules }, { body }) => dues.recordPayment(tx, body, await rules())),
  scoped(d.recordDuesPayments, async ({ tx, rules }, { body }) => dues.recordBatch(tx, body, await rules())),
  scoped(d.correctDuesPayment, async ({ tx, rules }, { params, body }) => dues.correctPayment(tx, params.id, body, await rules())),
  scoped(d.importDuesPayments, async ({ tx, rules }, { body }) => dues.importPayments(tx, body, await rules())),
  scoped(d.duesImportTemplate, async ({ reply }) => {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('团费交纳名单导入模板.xlsx')}`);
    return reply.send(await dues.buildImportTemplate());
  }),
  scoped(d.listUnpaidDues, async ({ tx, rules }, { query }) => {
    const r = await dues.unpaid(tx, query, await rules());
    const start = (query.page - 1) * query.pageSize;
    return { from: r.from, to: r.to, owedFen: r.owedFen, items: r.items.slice(start, start + query.pageSize), total: r.items.length, page: query.page, pageSize: query.pageSize };
  }),
  scoped(d.exportUnpaidDues, async ({ tx, rules, reply }, { query }) => {
    const r = await dues.unpaid(tx, query, await rules());
    await sendWorkbook(reply, `团费催缴名单（${r.from}至${r.to}）.xlsx`, '催缴名单', [
      { header: '姓名', width: 10, value: (i) => i.name },
      { header: '团员编号', width: 20, value: (i) => i.memberNo },
      { header: '所在团支部', width: 36, value: (i) => i.orgName },
      { header: '联系电话', width: 14, value: (i) => i.phoneMasked },
      { header: '未交月份', width: 40, value: (i) => i.months.map(duesPeriodLabel).join('、') },
      { header: '欠交（元）', width: 10, value: (i) => yuan(i.owedFen) },
    ], r.items);
  }),
  scoped(d.duesReport, async ({ tx, rules }, { query }) => dues.report(tx, query, await rules())),
  scoped(d.exportDuesReport, async ({ tx, rules, reply }, { query }) => {
    const r = await dues.report(tx, query, await rules(), { all: true });
    const rows = [...r.rows, { orgId: 0, orgName: '合计', ...r.totals }];
    await sendWorkbook(reply, `团费收缴统计（${r.from}至${r.to}）.xlsx`, '收缴统计', [
      { header: '团支部', width: 36, value: (x) => x.orgName },
      { header: '在册团员', width: 10, value: (x) => x.members },
      { header: '免交人数', width: 10, value: (x) => x.exempt },
      { header: '应交人月', width: 10, value: (x) => x.dueMonths },
      { header: '应交（元）', width: 12, value: (x) => yuan(x.dueFen) },
      { header: '已交笔数', width: 10, value: (x) => x.paidMonths },
      { header: '已收（元）', width: 12, value: (x) => yuan(x.paidFen) },
      { header: '未交人月', width: 10, value: (x) => x.unpaidMonths },
      { header: '收缴率', width: 10, value: (x) => pct(x.collectionRate) },
      { header: '应上缴（元）', width: 12, value: (x) => yuan(x.remitDueFen) },
      { header: '已上缴（元）', width: 12, value: (x) => yuan(x.remittedFen) },
    ], rows);
  }),
  scoped(d.listRemittances, async ({ tx }, { query }) => ({ ...(await dues.listRemittances(tx, query)), page: query.page, pageSize: query.pageSize })),
  scoped(d.exportRemittances, async ({ tx, reply }, { query }) => {
    const { items } = await dues.listRemittances(tx, query);
    await sendWorkbook(reply, '团费上缴记录.xlsx', '上缴记录', [
      { header: '团支部', width: 36, value: (r) => r.orgName },
      { header: '上缴至', width: 30, value: (r) => r.toOrgName },
      { header: '起始月份', width: 10, value: (r) => r.periodFrom },
      { header: '结束月份', width: 10, value: (r) => r.periodTo },
      { header: '金额（元）', width: 12, value: (r) => yuan(r.amountFen) },
      { header: '上缴日期', width: 12, value: (r) => r.remittedOn },
      { header: '备注', width: 30, value: (r) => r.note },
    ], items);
  }),
  scoped(d.remittancePreview, async ({ tx, rules }, { query }) => {
    const { branch: _b, ...preview } = await dues.previewRemittance(tx, query, await rules());
    return preview;
  }),
  scoped(d.recordRemittance, async ({ tx, rules }, { body }) => dues.recordRemittance(tx, body, await rules())),

  /* -------------------------------------------------------------- 对标定级 */
  scoped(d.listStarRatings, ({ tx }, { query }) => star.listRatings(tx, query)),
  scoped(d.openStarRating, ({ tx }, { body }) => star.openRating(tx, body)),
  scoped(d.getStarRating, ({ tx, user }, { params }) => star.getRating(tx, user, params.id)),
  scoped(d.exportStarRating, async ({ tx, user, reply }, { params }) => {
    const r = await star.getRating(tx, user, params.id);
    await sendWorkbook(reply, `${r.title}.xlsx`, '定级结果', starColumns, r.items);
  }),
  scoped(d.closeStarRating, ({ tx }, { params }) => star.closeRating(tx, params.id)),
  scoped(d.listStarEntries, async ({ tx, user }, { query }) => ({ ...(await star.listEntries(tx, user, query)), page: query.page, pageSize: query.pageSize })),
  scoped(d.exportStarEntries, async ({ tx, user, reply }, { query }) => {
    const { items } = await star.listEntries(tx, user, query);
    await sendWorkbook(reply, '团支部对标定级情况.xlsx', '定级情况', starColumns, items);
  }),
  scoped(d.getStarEntry, ({ tx, user }, { params }) => star.getEntry(tx, user, params.id)),
  scoped(d.selfAssessStarEntry, ({ tx, user }, { params, body }) => star.selfAssess(tx, user, params.id, body)),
  scoped(d.reviewStarEntry, ({ tx, user }, { params, body }) => star.review(tx, user, params.id, body)),
  scoped(d.confirmStarEntry, ({ tx, user }, { params, body }) => star.confirm(tx, user, params.id, body)),
  scoped(d.starHistory, ({ tx, user }, { query }) => star.history(tx, user, query.orgId)),
  scoped(d.listRectifications, async ({ tx }, { query }) => ({ ...(await star.listTasks(tx, query)), page: query.page, pageSize: query.pageSize })),
  scoped(d.exportRectifications, async ({ tx, reply }, { query }) => {
    const { items } = await star.listTasks(tx, query);
    await sendWorkbook(reply, '软弱涣散团支部整改任务.xlsx', '整改任务', [
      { header: '团支部', width: 36, value: (t) => t.orgName },
      { header: '定级', width: 28, value: (t) => t.ratingTitle },
      { header: '整改要求', width: 40, value: (t) => t.requirement },
      { header: '整改期限', width: 12, value: (t) => t.deadline },
      { header: '状态', width: 12, value: (t) => RECTIFICATION_STATUS_LABELS[t.status] },
      { header: '整改进展', width: 50, value: (t) => t.followUp },
      { header: '验收日期', width: 12, value: (t) => t.doneOn },
    ], items);
  }),
  scoped(d.followUpRectification, ({ tx }, { params, body }) => star.followUp(tx, params.id, body)),
  scoped(d.completeRectification, ({ tx, user }, { params, body }) => star.complete(tx, user, params.id, body)),

  /* ------------------------------------------------- 学社衔接与转接时限 */
  scoped(d.listGraduateClasses, async ({ tx, user, rules }, { query }) => graduates.listClasses(tx, user, await rules(), query)),
  scoped(d.listClassGraduates, async ({ tx, rules }, { params }) => graduates.classMembers(tx, await rules(), params.id)),
  scoped(d.exportGraduates, async ({ tx, rules, reply }, { query }) => {
    const r = await graduates.exportRows(tx, await rules(), query);
    await sendWorkbook(reply, `${r.year}届毕业生团员转接名单.xlsx`, '毕业生转接', [
      { header: '姓名', width: 10, value: (g) => g.name },
      { header: '身份证号', width: 22, value: (g) => g.idNumberMasked },
      { header: '毕业班级', width: 36, value: (g) => g.className },
      { header: '转接情况', width: 14, value: (g) => GRADUATE_STATE_LABELS[g.state] },
      { header: '去向', width: 16, value: (g) => (g.transfer?.destination ? GRADUATE_DESTINATION_LABELS[g.transfer.destination] : '') },
      { header: '转入组织', width: 36, value: (g) => g.transfer?.toOrgName },
      { header: '申请日期', width: 12, value: (g) => g.transfer?.requestedOn },
      { header: '办理时限', width: 12, value: (g) => g.transfer?.dueOn },
      { header: '上报至', width: 30, value: (g) => g.transfer?.escalatedToOrgName },
      { header: '办结日期', width: 12, value: (g) => g.transfer?.decidedOn },
    ], r.items);
  }),
  scoped(d.setGraduationYear, ({ tx }, { params, body }) => graduates.setGraduationYear(tx, params.id, body.graduationYear)),
  scoped(d.startGraduateTransfers, async ({ tx, user, rules }, { body }) => graduates.startTransfers(tx, user, await rules(), body)),
  scoped(d.requestIncomingGraduate, async ({ tx, user, rules }, { body }) => graduates.incoming(tx, user, await rules(), body)),
  scoped(d.listOverdueTransfers, async ({ tx, rules }, { query }) => ({ ...(await graduates.listOverdue(tx, await rules(), query)), page: query.page, pageSize: query.pageSize })),
  scoped(d.exportOverdueTransfers, async ({ tx, rules, reply }, { query }) => {
    const { items } = await graduates.listOverdue(tx, await rules(), query);
    await sendWorkbook(reply, '逾期未办理的组织关系转接.xlsx', '逾期转接', [
      { header: '姓名', width: 10, value: (t) => t.personName },
      { header: '身份证号', width: 22, value: (t) => t.personIdMasked },
      { header: '类别', width: 12, value: (t) => TRANSFER_KIND_LABELS[t.kind] },
      { header: '转出组织', width: 36, value: (t) => t.fromOrgName ?? '（其他组织）' },
      { header: '转入组织', width: 36, value: (t) => t.toOrgName ?? '（其他组织）' },
      { header: '申请日期', width: 12, value: (t) => t.requestedOn },
      { header: '办理时限', width: 12, value: (t) => t.dueOn },
      { header: '逾期天数', width: 10, value: (t) => t.daysLate },
      { header: '上报至', width: 30, value: (t) => t.escalatedToOrgName },
      { header: '上报日期', width: 12, value: (t) => t.escalatedOn },
      { header: '状态', width: 10, value: () => TRANSFER_STATUS_LABELS.pending },
    ], items);
  }),
  scoped(d.escalateTransfers, async ({ tx, rules }, { body }) => graduates.escalate(tx, await rules(), body.under)),

  /* -------------------------------------------------------------- 团员账号 */
  scoped(d.listMemberAccounts, ({ tx }, { query }) => resets.memberAccounts(tx, query.orgId)),
  scoped(d.exportMemberAccounts, async ({ tx, reply }, { query }) => {
    const items = await resets.memberAccounts(tx, query.orgId);
    await sendWorkbook(reply, '团员自助账号名单.xlsx', '团员账号', [
      { header: '姓名', width: 10, value: (a) => a.name },
      { header: '团员编号', width: 20, value: (a) => a.memberNo },
      { header: '联系电话', width: 14, value: (a) => a.phoneMasked },
      { header: '用户名', width: 20, value: (a) => a.username ?? '（未开通）' },
      { header: '账号状态', width: 10, value: (a) => (a.status === 'active' ? '正常' : a.status === 'disabled' ? '停用' : '') },
      { header: '最近登录', width: 20, value: (a) => a.lastLoginAt },
    ], items);
  }),

  /* -------------------------------------------------------------- 数据质量 */
  scoped(d.qualityOverview, async ({ tx, rules }, { query }) => quality.overview(tx, await rules(), query.under)),
  scoped(d.qualityItems, async ({ tx, rules }, { query }) => {
    const items = await quality.qualityItems(tx, await rules(), query.under, query.check);
    const start = (query.page - 1) * query.pageSize;
    return { items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
  }),
  scoped(d.exportQuality, async ({ tx, rules, reply }, { query }) => {
    const r = await rules();
    const items = await quality.qualityItems(tx, r, query.under, query.check);
    const order = new Map(QUALITY_CHECKS.map((c, i) => [c, i]));
    items.sort((a, b) => order.get(a.check)! - order.get(b.check)!);
    await sendWorkbook(reply, '数据质量待处理清单.xlsx', '待处理', [
      { header: '检查项', width: 36, value: (i) => qualityCheckLabel(i.check, r) },
      { header: '对象', width: 30, value: (i) => i.name },
      { header: '所在组织', width: 36, value: (i) => i.orgName },
      { header: '问题', width: 60, value: (i) => i.detail },
    ], items);
  }),

  /* ------------------------------------------------------------ 信息更正 */
  scoped(d.listCorrections, ({ tx }, { query }) => portal.listCorrections(tx, query)),
  scoped(d.exportCorrections, async ({ tx, reply }, { query }) => {
    const items = await portal.listCorrections(tx, query);
    await sendWorkbook(reply, '团员信息更正申请.xlsx', '更正申请', [
      { header: '姓名', width: 10, value: (c) => c.personName },
      { header: '所在团支部', width: 36, value: (c) => c.orgName },
      { header: '更正项目', width: 14, value: (c) => d.CORRECTION_FIELD_LABELS[c.field] },
      { header: '正确内容', width: 24, value: (c) => c.value },
      { header: '说明', width: 30, value: (c) => c.note },
      { header: '申请时间', width: 20, value: (c) => c.requestedAt },
      { header: '状态', width: 10, value: (c) => (c.status === 'open' ? '待办理' : c.status === 'accepted' ? '已更正' : '不予更正') },
      { header: '办理说明', width: 30, value: (c) => c.resolution },
    ], items);
  }),
  scoped(d.resolveCorrection, async ({ tx, rules }, { body }) => portal.resolveCorrection(tx, body, await rules())),

  /* -------------------------------------------------------------- 团员自助 */
  scoped(d.portalMe, async ({ tx, user, rules }) => portal.me(tx, user, await rules())),
  scoped(d.portalHistory, ({ tx, user }) => portal.history(tx, user)),
  scoped(d.portalRegistrations, async ({ tx, user, rules }) => portal.registrations(tx, user, await rules())),
  scoped(d.portalSelfRegister, async ({ tx, user, rules }, { body }) => portal.selfRegister(tx, user, await rules(), body)),
  scoped(d.portalDues, async ({ tx, user, rules }, { query }) => portal.dues(tx, user, await rules(), query.year)),
  scoped(d.portalTransfers, ({ tx, user }) => portal.transfers(tx, user)),
  scoped(d.portalInterprovince, ({ tx, user }) => portal.interprovince(tx, user)),
  scoped(d.portalOrgDirectory, ({ tx, user }, { query }) => portal.directory(tx, user, query.q)),
  scoped(d.portalApplyTransfer, async ({ tx, user, rules }, { body }) => portal.applyTransfer(tx, user, await rules(), body)),
  scoped(d.portalRequestCorrection, ({ tx, user }, { body }) => portal.requestCorrection(tx, user, body)),
  scoped(d.portalCorrections, ({ tx, user }) => portal.ownCorrections(tx, user)),
  /* 入团申请 online: submitted on the public page, accepted or declined by the chosen branch */
  scoped(d.listJoinApplications, ({ tx }, { query }) => joins.listApplications(tx, query)),
  scoped(d.acceptJoinApplication, async ({ tx, user, rules }, { params }) => joins.acceptApplication(tx, user, params.id, await rules())),
  scoped(d.declineJoinApplication, ({ tx, user }, { params, body }) => joins.declineApplication(tx, user, params.id, body)),
  scoped(d.portalNotices, ({ tx, user }) => portalNotices(tx, user)),
  /* 团费交纳凭证: uploaded by the member, confirmed or returned by the branch */
  scoped(d.portalDuesReceipts, async ({ tx, user, rules }) => receipts.ownReceipts(tx, user, await rules())),
  scoped(d.portalUploadDuesReceipt, async ({ tx, user, rules }, { body }) => receipts.uploadReceipt(tx, user, await rules(), body)),
  scoped(d.listDuesReceipts, async ({ tx, rules }, { query }) => receipts.listReceipts(tx, query, await rules())),
  scoped(d.confirmDuesReceipt, async ({ tx, user, rules }, { params }) => receipts.confirmReceipt(tx, user, params.id, await rules())),
  scoped(d.returnDuesReceipt, async ({ tx, user, rules }, { params, body }) => receipts.returnReceipt(tx, user, params.id, body, await rules())),
];
