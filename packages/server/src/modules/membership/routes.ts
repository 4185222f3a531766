import { GENDER_LABELS, REGISTRATION_STATUS_LABELS, UNREGISTERED_LABEL, api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import * as transfers from './transfers.js';
import * as registration from './registration.js';
import * as leaving from './leaving.js';
import * as party from './party.js';
import * as reviews from './reviews.js';
import { growthRecord } from './growth.js';
import { personRecords } from './person-records.js';
import { declineInterprovince, listInterprovinceTransfers, receiveInterprovince, requestInterprovince, withdrawInterprovince } from './interprovince.js';

const m = api.membership;

export const membershipRoutes: RouteDef[] = [
  // 组织关系转接
  scoped(m.listTransfers, ({ tx, user }, { query }) => transfers.listTransfers(tx, user, query)),
  scoped(m.searchOrgDirectory, ({ tx }, { query }) => transfers.searchDirectory(tx, query.q)),
  scoped(m.requestTransfer, ({ tx, user }, { body }) => transfers.requestTransfer(tx, user, body)),
  scoped(m.requestIncomingTransfer, async ({ tx, user, rules }, { body }) => transfers.requestIncomingTransfer(tx, user, await rules(), body)),
  scoped(m.acceptTransfer, ({ tx, user }, { params, body }) => transfers.acceptTransfer(tx, user, params.id, body)),
  scoped(m.rejectTransfer, ({ tx, user }, { params, body }) => transfers.rejectTransfer(tx, user, params.id, body)),
  scoped(m.cancelTransfer, ({ tx, user }, { params, body }) => transfers.cancelTransfer(tx, user, params.id, body)),
  scoped(m.listInterprovinceTransfers, ({ tx }, { query }) => listInterprovinceTransfers(tx, query)),
  scoped(m.requestInterprovinceTransfer, ({ tx }, { body }) => requestInterprovince(tx, body)),
  scoped(m.withdrawInterprovinceRequest, ({ tx }, { body }) => withdrawInterprovince(tx, body.personId)),
  scoped(m.acceptInterprovinceTransfer, ({ tx }, { params }) => receiveInterprovince(tx, params.key)),
  scoped(m.rejectInterprovinceTransfer, ({ tx }, { params, body }) => declineInterprovince(tx, params.key, body.reason)),

  // 团籍注册
  scoped(m.listRegistrations, async ({ tx }, { query }) => ({ ...(await registration.listRegistrations(tx, query)), page: query.page, pageSize: query.pageSize })),
  scoped(m.exportRegistrations, async ({ tx, reply }, { query }) => {
    const { items, year } = await registration.listRegistrations(tx, query);
    await sendWorkbook(reply, `${year}年度团籍注册名单.xlsx`, '团籍注册', [
      { header: '姓名', value: (r) => r.name },
      { header: '性别', width: 8, value: (r) => GENDER_LABELS[r.gender] },
      { header: '身份证号', width: 22, value: (r) => r.idNumberMasked },
      { header: '团员编号', width: 20, value: (r) => r.memberNo },
      { header: '入团日期', width: 12, value: (r) => r.joinedOn },
      { header: '所在团组织', width: 36, value: (r) => r.orgName },
      { header: '注册状态', width: 10, value: (r) => (r.status ? REGISTRATION_STATUS_LABELS[r.status] : UNREGISTERED_LABEL) },
      { header: '注册日期', width: 12, value: (r) => r.decidedOn },
      { header: '逾期', width: 8, value: (r) => (r.late ? '是' : '') },
      { header: '备注', width: 30, value: (r) => r.note },
    ], items);
  }),
  scoped(m.recordRegistrations, ({ tx }, { body }) => registration.recordRegistrations(tx, body)),
  scoped(m.registrationProgress, ({ tx }, { query }) => registration.registrationProgress(tx, query)),

  // 团员教育评议
  scoped(m.listAppraisals, ({ tx }, { query }) => registration.listAppraisals(tx, query)),
  scoped(m.recordAppraisals, ({ tx }, { body }) => registration.recordAppraisals(tx, body)),
  scoped(m.appraisalSummary, ({ tx }, { query }) => registration.appraisalSummary(tx, query)),

  // 离团与恢复团籍
  scoped(m.listDueToLeave, async ({ tx, rules }, { query }) => ({ ...(await leaving.listDueToLeave(tx, query, await rules())), page: query.page, pageSize: query.pageSize })),
  scoped(m.exportDueToLeave, async ({ tx, rules, reply }, { query }) => {
    const r = await rules();
    const { items, year } = await leaving.listDueToLeave(tx, query, r);
    await sendWorkbook(reply, `${year}年度到龄团员名单.xlsx`, '到龄团员', [
      { header: '姓名', value: (p) => p.name },
      { header: '性别', width: 8, value: (p) => GENDER_LABELS[p.gender] },
      { header: '身份证号', width: 22, value: (p) => p.idNumberMasked },
      { header: '出生日期', width: 12, value: (p) => p.birthDate },
      { header: `年满${r.ages.memberMax}周岁日期`, width: 16, value: (p) => p.reachesOn },
      { header: '团员编号', width: 20, value: (p) => p.memberNo },
      { header: '入团日期', width: 12, value: (p) => p.joinedOn },
      { header: '所在团组织', width: 36, value: (p) => p.orgName },
      { header: '备注', width: 24, value: (p) => [p.overdue ? '往年到龄未办理' : '', p.pendingTransfer ? '组织关系转接中' : ''].filter(Boolean).join('；') },
    ], items);
  }),
  scoped(m.leaveOverAge, async ({ tx, rules }, { body }) => leaving.leaveOverAge(tx, body, await rules())),
  scoped(m.recordLeaving, async ({ tx, rules }, { params, body }) => leaving.recordLeaving(tx, params.id, body, await rules())),
  scoped(m.reinstate, async ({ tx, rules }, { params, body }) => leaving.reinstate(tx, params.id, body, await rules())),
  scoped(m.listMembershipEvents, ({ tx }, { query }) => leaving.listEvents(tx, query)),

  // 推优入党
  scoped(m.listPartyRecommendations, ({ tx }, { query }) => party.listRecommendations(tx, query)),
  scoped(m.recommendForParty, async ({ tx, rules }, { body }) => party.recommend(tx, body, await rules())),
  scoped(m.recordPartyOutcome, ({ tx }, { params, body }) => party.recordOutcome(tx, params.id, body)),
  scoped(m.partyRecommendationSummary, ({ tx }, { query }) => party.recommendationSummary(tx, query)),

  // 回头看
  scoped(m.listReviews, ({ tx }, { query }) => reviews.listReviews(tx, query)),
  scoped(m.openReview, async ({ tx, rules }, { body }) => reviews.openReview(tx, body, await rules())),
  scoped(m.getReview, ({ tx }, { params }) => reviews.getReview(tx, params.id)),
  scoped(m.confirmFinding, async ({ tx, rules }, { params, body }) => reviews.confirmFinding(tx, params.id, body, await rules())),
  scoped(m.dismissFinding, ({ tx }, { params, body }) => reviews.dismissFinding(tx, params.id, body)),

  // 成长档案
  scoped(m.getGrowthRecord, async ({ tx, rules }, { params }) => ({
    ...(await growthRecord(tx, params.id)),
    records: await personRecords(tx, params.id, await rules()),
  })),
];
