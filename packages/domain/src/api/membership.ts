import { z } from 'zod';
import { ORG_TYPES } from '../org/types.js';
import { PROVINCES, type ProvinceCode } from '../people/provinces.js';
import {
  APPRAISAL_GRADES,
  DECIDED_LEAVING_KINDS,
  FINDING_STATUSES,
  GROWTH_EVENT_KINDS,
  MEMBERSHIP_EVENT_KINDS,
  PARTY_OUTCOMES,
  REGISTRATION_STATUSES,
  REVIEW_RULES,
  REVIEW_STATUSES,
  TRANSFER_ACCEPT_KINDS,
  TRANSFER_INITIATORS,
  TRANSFER_STATUSES,
} from '../people/membership.js';
import { contract, dateString, idParam, paged, pageQuery, field } from './contract.js';

const { id: positiveId, queryId, text, optionalText, date } = field;
const yearQuery = field.yearQuery();
const yearBody = field.yearBody();


/*
 * Members' life after joining: transfers (组织关系转接), annual registration
 * (团籍注册), education appraisal (团员教育评议), leaving (超龄离团/退团/除名/开除团籍)
 * and reinstatement, 推优入党, audits (回头看) and the growth record (成长档案).
 * Rules: people/membership.ts. Every list is limited to the caller's scope by
 * the database; `under` narrows it to one organization's subtree.
 */

const TAG = '团员管理';
const GENDERS = ['male', 'female'] as const;

const under = queryId('组织').optional();

/**
 * One member or several (a batch): always a list after validation. A single
 * id is accepted too, so that each input naming a scoped record is one value
 * the permission walk can aim outside the caller's scope.
 */
const personIds = z
  .preprocess(
    (v) => (typeof v === 'number' ? [v] : v),
    z
      .array(z.number().int().positive(), { error: '请选择团员' })
      .min(1, '请至少选择一名团员')
      .max(500, '一次最多办理500人'),
  )
  .describe('团员');

const batchResult = z.object({ count: z.number().int() });

const memberColumns = {
  personId: z.number(),
  name: z.string(),
  gender: z.enum(GENDERS),
  idNumberMasked: z.string(),
  memberNo: z.string().nullable(),
  joinedOn: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
};

/* ------------------------------------------------------------------ transfers */

export const transferItem = z.object({
  id: z.number(),
  /**
   * null while the caller holds only the receiving side of a request the
   * sending side has not agreed to (and for a request that matched nobody):
   * until then the receiving side learns nothing about the person.
   */
  personId: z.number().nullable(),
  /** As registered; on the receiving side of an unanswered request, as the requester typed it. */
  personName: z.string(),
  personIdMasked: z.string(),
  /** null on the receiving side of an unanswered request (see personId). */
  fromOrgId: z.number().nullable(),
  /** null when the organization is outside the caller's scope. */
  fromOrgName: z.string().nullable(),
  /** 简称 for the narrow list column (full name on hover). */
  fromOrgShortName: z.string().nullable(),
  toOrgId: z.number(),
  toOrgName: z.string().nullable(),
  toOrgShortName: z.string().nullable(),
  /** Relative to the listed subtree: in = coming in, out = going out, internal = both inside. */
  direction: z.enum(['in', 'out', 'internal']),
  initiatedBy: z.enum(TRANSFER_INITIATORS),
  status: z.enum(TRANSFER_STATUSES),
  reason: z.string(),
  requestedOn: z.string(),
  decidedOn: z.string().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  /** When the answering side must have answered (a receiving side's request: then the committee above both sides may decide). */
  dueOn: z.string().nullable(),
  /** A receiving side's request: the day it lapses if nobody has answered. */
  lapsesOn: z.string().nullable(),
  /** Past dueOn and still pending (shown only to a side that holds the sending organization or the receiving side's own transfers). */
  overdue: z.boolean(),
  /** How the caller's consent is labelled: 接收 (receiving side), 同意转出 (sending side), 上级审批 (committee above both). */
  acceptAs: z.enum(TRANSFER_ACCEPT_KINDS).nullable(),
  can: z.object({ accept: z.boolean(), reject: z.boolean(), cancel: z.boolean() }),
});
export type TransferItem = z.infer<typeof transferItem>;

export const listTransfers = contract({
  method: 'GET',
  path: '/api/membership/transfers',
  permission: 'person:read',
  tag: TAG,
  summary: '组织关系转接：转入、转出或全部',
  query: z.object({
    under,
    direction: z.enum(['in', 'out', 'all'], { error: '方向应为转入、转出或全部' }).default('all').describe('方向'),
    status: z.enum(TRANSFER_STATUSES, { error: '状态无效' }).optional().describe('状态'),
    q: z.string().trim().max(30).optional().describe('姓名'),
    ...pageQuery,
  }),
  response: paged(transferItem),
  refs: { 'query.under': 'org' },
});

/** Where a 跨省转接 row of this province stands: a request not yet started by the national coordinator, then the transfer. */
export const INTERPROVINCE_STATUSES = ['requested', 'pending', 'accepted', 'rejected', 'withdrawn', 'declined'] as const;
export const INTERPROVINCE_STATUS_LABELS: Record<(typeof INTERPROVINCE_STATUSES)[number], string> = {
  requested: '待全国系统办理',
  pending: '待转入方接收',
  accepted: '已办结',
  rejected: '已退回',
  withdrawn: '已撤回',
  declined: '未予办理',
};
const PROVINCE_CODES = PROVINCES.map(([code]) => code) as [ProvinceCode, ...ProvinceCode[]];

/**
 * One side of a transfer between provinces (national/transfer.ts), as this province's database keeps it, or a
 * request for one this province made (kind 'request', until the national coordinator starts it: then its
 * transfer row stands for it).
 */
export const interprovinceTransferItem = z.object({
  kind: z.enum(['request', 'transfer']),
  id: z.number(),
  /** The transfer's key (both provinces' rows and the national log share it); null for a request not started yet. */
  key: z.string().nullable(),
  direction: z.enum(['out', 'in']),
  personId: z.number().nullable(),
  personName: z.string(),
  idNumberMasked: z.string(),
  /** The branch of this province: the sending one (out) or the receiving one (in). */
  orgId: z.number(),
  orgName: z.string(),
  otherProvince: z.string(),
  otherProvinceName: z.string().nullable(),
  otherOrgName: z.string().nullable(),
  status: z.enum(INTERPROVINCE_STATUSES),
  /** A request's reason, and why the national administrator declined it. */
  reason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type InterprovinceTransferItem = z.infer<typeof interprovinceTransferItem>;

export const listInterprovinceTransfers = contract({
  method: 'GET',
  path: '/api/membership/interprovince-transfers',
  permission: 'person:read',
  tag: TAG,
  summary: '跨省转接：本组织及下级与外省之间的转接记录和跨省转出申请（由全国系统办理）',
  query: z.object({ under, ...pageQuery }),
  response: paged(interprovinceTransferItem).extend({
    /** The national tier this province is linked to (its own code and name), null on a server that is not. */
    national: z.object({ province: z.string(), name: z.string() }).nullable(),
  }),
  refs: { 'query.under': 'org' },
});

export const requestInterprovinceTransfer = contract({
  method: 'POST',
  path: '/api/membership/interprovince-requests',
  permission: 'membership:write',
  tag: TAG,
  summary: '跨省转出：为本组织的在册团员申请转到外省（全国系统选定转入团支部后办理，转入方接收后办结）',
  body: z.object({
    personId: positiveId('团员'),
    toProvince: z.enum(PROVINCE_CODES, { error: '请选择转入省份' }).describe('转入省份'),
    /** As the member gives it: the national administrator finds the branch in that province's directory. */
    toOrgName: text('转入团组织', 4, 100),
    reason: text('转接原因', 2, 200),
  }),
  response: interprovinceTransferItem,
  refs: { 'body.personId': 'person' },
});

const interprovinceKey = z.object({ key: z.string().uuid('转接编号格式不正确').describe('转接编号') });

export const acceptInterprovinceTransfer = contract({
  method: 'POST',
  path: '/api/membership/interprovince-transfers/:key/accept',
  permission: 'membership:write',
  tag: TAG,
  summary: '跨省转入：转入团支部（或其上级）接收，团员随即在本省登记；全国系统随后办结转出方',
  params: interprovinceKey,
  response: interprovinceTransferItem,
});

export const rejectInterprovinceTransfer = contract({
  method: 'POST',
  path: '/api/membership/interprovince-transfers/:key/reject',
  permission: 'membership:write',
  tag: TAG,
  summary: '跨省转入：转入方退回（写明原因；团员仍在转出省份）',
  params: interprovinceKey,
  body: z.object({ reason: text('退回原因', 2, 200) }),
  response: interprovinceTransferItem,
});

export const withdrawInterprovinceRequest = contract({
  method: 'POST',
  path: '/api/membership/interprovince-requests/withdraw',
  permission: 'membership:write',
  tag: TAG,
  summary: '撤回团员尚未办理的跨省转出申请',
  body: z.object({ personId: positiveId('团员') }),
  response: interprovinceTransferItem,
  refs: { 'body.personId': 'person' },
});

export const directoryEntry = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  parentName: z.string().nullable(),
  /** A branch or joint branch: members can be transferred to it. */
  canReceive: z.boolean(),
});

export const searchOrgDirectory = contract({
  method: 'GET',
  path: '/api/membership/org-directory',
  permission: 'person:read',
  tag: TAG,
  summary: '查找转入组织（全部在用团组织，按名称，最多20个）',
  query: z.object({ q: z.string({ error: '请输入组织名称' }).trim().min(2, '请至少输入2个字').max(50).describe('组织名称') }),
  response: z.array(directoryEntry),
});

export const requestTransfer = contract({
  method: 'POST',
  path: '/api/membership/transfers',
  permission: 'membership:write',
  tag: TAG,
  summary: '转出：为本组织团员申请转接到其他团支部',
  body: z.object({
    personId: positiveId('团员'),
    toOrgId: positiveId('转入组织'),
    /** As shown by the directory search: the server finds the organization by it. */
    toOrgName: text('转入组织名称', 2, 100),
    reason: text('转接原因', 2, 200),
    byMember: z.boolean().default(false).describe('团员本人申请'),
  }),
  response: transferItem,
  refs: { 'body.personId': 'person' },
  /** The receiving branch is usually outside the caller's scope, chosen from the directory. */
  outsideRefs: { 'body.toOrgId': 'activeOrg' },
});

/**
 * The answer to a request by ID number. For a person outside the caller's
 * scope it is the same whether the ID number is registered there, registered
 * under another name, or not registered at all: the request is recorded and
 * waits for the sending side (`transfer` null). For a person in the caller's
 * own scope the transfer itself is returned.
 */
export const incomingTransferAnswer = z.object({
  message: z.string(),
  transfer: transferItem.nullable(),
});
export type IncomingTransferAnswer = z.infer<typeof incomingTransferAnswer>;

export const requestIncomingTransfer = contract({
  method: 'POST',
  path: '/api/membership/transfers/incoming',
  permission: 'membership:write',
  tag: TAG,
  summary: '转入：按身份证号和姓名申请将团员转入本组织（须经转出组织同意）',
  body: z.object({
    idNumber: z.string({ error: '请填写身份证号' }).trim().describe('身份证号'),
    personName: text('姓名', 2, 30),
    toOrgId: positiveId('转入组织'),
    reason: text('转接原因', 2, 200),
  }),
  response: incomingTransferAnswer,
  refs: { 'body.toOrgId': 'org' },
});

export const acceptTransfer = contract({
  method: 'POST',
  path: '/api/membership/transfers/:id/accept',
  permission: 'membership:write',
  tag: TAG,
  summary: '接收转入的团员（组织关系随即转入）；转入组织申请的，由转出组织同意转出或逾期后由上级团委审批',
  params: idParam,
  body: z.object({ onDate: date('接收日期'), decidedBy: text('经办人', 2, 30) }),
  response: transferItem,
  refs: { 'params.id': 'transfer' },
});

export const rejectTransfer = contract({
  method: 'POST',
  path: '/api/membership/transfers/:id/reject',
  permission: 'membership:write',
  tag: TAG,
  summary: '退回转接申请（非发起方）',
  params: idParam,
  body: z.object({ onDate: date('退回日期'), decidedBy: text('经办人', 2, 30), reason: text('退回原因', 2, 200) }),
  response: transferItem,
  refs: { 'params.id': 'transfer' },
});

export const cancelTransfer = contract({
  method: 'POST',
  path: '/api/membership/transfers/:id/cancel',
  permission: 'membership:write',
  tag: TAG,
  summary: '撤回转接申请（发起方）',
  params: idParam,
  body: z.object({ note: optionalText('撤回说明', 200) }),
  response: transferItem,
  refs: { 'params.id': 'transfer' },
});

/* ------------------------------------------------------------ registration */

const registrationFilter = z.enum([...REGISTRATION_STATUSES, 'unregistered'], { error: '注册状态无效' }).describe('注册状态');

export const registrationItem = z.object({
  ...memberColumns,
  /** null = 未注册 (no decision for the year). */
  status: z.enum(REGISTRATION_STATUSES).nullable(),
  decidedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Decided after the deadline, or still undecided once it has passed. */
  late: z.boolean(),
  /** When the member registered themselves for the year in the portal (待团支部确认), if they did. */
  selfRegisteredAt: z.string().nullable().optional(),
});
export type RegistrationItem = z.infer<typeof registrationItem>;

const registrationQuery = z.object({
  year: yearQuery,
  under,
  status: registrationFilter.optional(),
  q: z.string().trim().max(30).optional().describe('姓名'),
  deadline: dateString.optional().describe('注册截止日期'),
  ...pageQuery,
});

export const listRegistrations = contract({
  method: 'GET',
  path: '/api/membership/registrations',
  permission: 'person:read',
  tag: TAG,
  summary: '团籍注册名单：在册团员及其本年度注册状态（含未注册）',
  query: registrationQuery,
  response: paged(registrationItem).extend({ year: z.number() }),
  refs: { 'query.under': 'org' },
});

export const exportRegistrations = contract({
  method: 'GET',
  path: '/api/membership/registrations/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出团籍注册名单（Excel，身份证号脱敏）',
  query: registrationQuery.omit({ page: true, pageSize: true }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const recordRegistrations = contract({
  method: 'POST',
  path: '/api/membership/registrations',
  permission: 'membership:write',
  tag: TAG,
  summary: '批量办理团籍注册（已注册、暂缓注册或不予注册）',
  body: z.object({
    year: yearBody,
    status: z.enum(REGISTRATION_STATUSES, { error: '注册状态无效' }).describe('注册状态'),
    decidedOn: date('注册日期'),
    note: optionalText('备注（暂缓、不予注册的原因）', 200),
    personIds,
  }),
  response: batchResult,
  refs: { 'body.personIds': 'person' },
});

const progressCounts = {
  total: z.number(),
  registered: z.number(),
  deferred: z.number(),
  notRegistered: z.number(),
  unregistered: z.number(),
  /** registered ÷ total, 0 when there are no members. */
  rate: z.number(),
  late: z.number(),
};

export const registrationProgress = contract({
  method: 'GET',
  path: '/api/membership/registrations/progress',
  permission: 'person:read',
  tag: TAG,
  summary: '团籍注册进度：本级及各下级组织',
  query: z.object({
    orgId: queryId('组织'),
    year: yearQuery,
    deadline: dateString.optional().describe('注册截止日期'),
    by: z.enum(['children', 'branches']).optional().describe('分组：下级组织（默认）或全部团支部'),
  }),
  response: z.object({
    year: z.number(),
    deadline: z.string().nullable(),
    org: z.object({ id: z.number(), name: z.string() }),
    ...progressCounts,
    /** The direct children, or with by=branches every branch of the subtree (in the tree's order). */
    children: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string().nullable(), type: z.enum(ORG_TYPES), ...progressCounts })),
  }),
  refs: { 'query.orgId': 'org' },
});

/* --------------------------------------------------------------- appraisal */

export const appraisalItem = z.object({ ...memberColumns, grade: z.enum(APPRAISAL_GRADES).nullable() });

export const listAppraisals = contract({
  method: 'GET',
  path: '/api/membership/appraisals',
  permission: 'person:read',
  tag: TAG,
  summary: '团员教育评议名单：在册团员及其年度评议等次',
  query: z.object({
    year: yearQuery,
    under,
    grade: z.enum([...APPRAISAL_GRADES, 'none'], { error: '评议等次无效' }).optional().describe('评议等次'),
    q: z.string().trim().max(30).optional().describe('姓名'),
    ...pageQuery,
  }),
  response: paged(appraisalItem).extend({ year: z.number() }),
  refs: { 'query.under': 'org' },
});

export const recordAppraisals = contract({
  method: 'POST',
  path: '/api/membership/appraisals',
  permission: 'membership:write',
  tag: TAG,
  summary: '批量登记教育评议等次（每人每年一个等次，重复登记即更正）',
  body: z.object({
    year: yearBody,
    grade: z.enum(APPRAISAL_GRADES, { error: '评议等次无效' }).describe('评议等次'),
    personIds,
  }),
  response: batchResult,
  refs: { 'body.personIds': 'person' },
});

const gradeCounts = {
  total: z.number(),
  excellent: z.number(),
  qualified: z.number(),
  basicallyQualified: z.number(),
  unqualified: z.number(),
  none: z.number(),
};

export const appraisalSummary = contract({
  method: 'GET',
  path: '/api/membership/appraisals/summary',
  permission: 'person:read',
  tag: TAG,
  summary: '教育评议各等次人数：本级及各下级组织',
  query: z.object({ orgId: queryId('组织'), year: yearQuery }),
  response: z.object({
    year: z.number(),
    org: z.object({ id: z.number(), name: z.string() }),
    ...gradeCounts,
    children: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES), ...gradeCounts })),
  }),
  refs: { 'query.orgId': 'org' },
});

/* ------------------------------------------------------------------ leaving */

export const dueItem = z.object({
  ...memberColumns,
  birthDate: z.string(),
  /** The day the member reaches the age limit. */
  reachesOn: z.string(),
  /** Reached the limit before the year began and has still not left. */
  overdue: z.boolean(),
  pendingTransfer: z.boolean(),
});

const dueQuery = z.object({ year: yearQuery, under, ...pageQuery });

export const listDueToLeave = contract({
  method: 'GET',
  path: '/api/membership/leaving/due',
  permission: 'person:read',
  tag: TAG,
  summary: '到龄团员：本年度年满离团年龄（含往年到龄未办理）的在册团员',
  query: dueQuery,
  response: paged(dueItem).extend({ year: z.number(), ageLimit: z.number() }),
  refs: { 'query.under': 'org' },
});

export const exportDueToLeave = contract({
  method: 'GET',
  path: '/api/membership/leaving/due/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出到龄团员名单（Excel，身份证号脱敏）',
  query: dueQuery.omit({ page: true, pageSize: true }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const membershipEvent = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(MEMBERSHIP_EVENT_KINDS),
  reason: z.string(),
  onDate: z.string(),
  approvedBy: z.string(),
});
export type MembershipEvent = z.infer<typeof membershipEvent>;

export const leaveOverAge = contract({
  method: 'POST',
  path: '/api/membership/leaving/over-age',
  permission: 'membership:approve',
  tag: TAG,
  summary: '批量办理超龄离团',
  body: z.object({ personIds, onDate: date('离团日期'), approvedBy: text('批准人', 2, 30) }),
  response: batchResult,
  refs: { 'body.personIds': 'person' },
});

export const recordLeaving = contract({
  method: 'POST',
  path: '/api/membership/people/:id/leave',
  permission: 'membership:approve',
  tag: TAG,
  summary: '退团、除名或开除团籍',
  params: idParam,
  body: z.object({
    kind: z.enum(DECIDED_LEAVING_KINDS, { error: '请选择退团、除名或开除团籍' }).describe('离团方式'),
    reason: text('原因', 2, 500),
    onDate: date('离团日期'),
    approvedBy: text('批准人', 2, 30),
  }),
  response: membershipEvent,
  refs: { 'params.id': 'person' },
});

export const reinstate = contract({
  method: 'POST',
  path: '/api/membership/people/:id/reinstate',
  permission: 'membership:approve',
  tag: TAG,
  summary: '恢复团籍（退团、除名后，未超龄的）',
  params: idParam,
  body: z.object({ reason: text('原因', 2, 500), onDate: date('恢复日期'), approvedBy: text('批准人', 2, 30) }),
  response: membershipEvent,
  refs: { 'params.id': 'person' },
});

export const listMembershipEvents = contract({
  method: 'GET',
  path: '/api/membership/events',
  permission: 'person:read',
  tag: TAG,
  summary: '团籍变动记录（离团、清退、恢复团籍）',
  query: z.object({
    under,
    personId: queryId('团员').optional(),
    kind: z.enum(MEMBERSHIP_EVENT_KINDS, { error: '变动类型无效' }).optional().describe('变动类型'),
    year: yearQuery,
    ...pageQuery,
  }),
  response: paged(membershipEvent),
  refs: { 'query.under': 'org', 'query.personId': 'person' },
});

/* ----------------------------------------------------------------- 推优入党 */

export const partyRecommendationItem = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  meetingOn: z.string(),
  entitled: z.number(),
  votesFor: z.number(),
  outcome: z.enum(PARTY_OUTCOMES),
  outcomeOn: z.string().nullable(),
  /** What the party side may record next. */
  next: z.array(z.enum(PARTY_OUTCOMES)),
});
export type PartyRecommendationItem = z.infer<typeof partyRecommendationItem>;

export const listPartyRecommendations = contract({
  method: 'GET',
  path: '/api/membership/party-recommendations',
  permission: 'person:read',
  tag: TAG,
  summary: '推优入党记录',
  query: z.object({
    under,
    year: yearQuery,
    outcome: z.enum(PARTY_OUTCOMES, { error: '结果无效' }).optional().describe('结果'),
    ...pageQuery,
  }),
  response: paged(partyRecommendationItem),
  refs: { 'query.under': 'org' },
});

export const recommendForParty = contract({
  method: 'POST',
  path: '/api/membership/party-recommendations',
  permission: 'membership:write',
  tag: TAG,
  summary: '推优入党：登记支部大会推荐',
  body: z.object({
    personId: positiveId('团员'),
    meetingOn: date('支部大会日期'),
    entitled: z.number({ error: '请填写有表决权的团员人数' }).int().min(0).max(10_000).describe('有表决权的团员人数'),
    votesFor: z.number({ error: '请填写赞成票数' }).int().min(0).max(10_000).describe('赞成票数'),
  }),
  response: partyRecommendationItem,
  refs: { 'body.personId': 'person' },
});

export const recordPartyOutcome = contract({
  method: 'POST',
  path: '/api/membership/party-recommendations/:id/outcome',
  permission: 'membership:approve',
  tag: TAG,
  summary: '登记党组织的结果（入党积极分子→预备党员→正式党员，或未被接收）',
  params: idParam,
  body: z.object({
    outcome: z.enum(['activist', 'probationary', 'full', 'not_accepted'], { error: '结果无效' }).describe('结果'),
    outcomeOn: date('日期'),
  }),
  response: partyRecommendationItem,
  refs: { 'params.id': 'partyRecommendation' },
});

const outcomeCounts = {
  total: z.number(),
  pending: z.number(),
  activist: z.number(),
  probationary: z.number(),
  full: z.number(),
  notAccepted: z.number(),
};

export const partyRecommendationSummary = contract({
  method: 'GET',
  path: '/api/membership/party-recommendations/summary',
  permission: 'person:read',
  tag: TAG,
  summary: '推优入党人数：本级及各下级组织，按年度',
  query: z.object({ orgId: queryId('组织'), year: yearQuery }),
  response: z.object({
    year: z.number(),
    org: z.object({ id: z.number(), name: z.string() }),
    ...outcomeCounts,
    children: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES), ...outcomeCounts })),
  }),
  refs: { 'query.orgId': 'org' },
});

/* ---------------------------------------------------------- 回头看 audits */

const reviewFigures = {
  checked: z.number(),
  /** People with at least one finding. */
  found: z.number(),
  revoked: z.number(),
  openFindings: z.number(),
};

export const reviewSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(REVIEW_STATUSES),
  openedOn: z.string(),
  ...reviewFigures,
});

export const reviewFinding = z.object({
  id: z.number(),
  campaignId: z.number(),
  personId: z.number(),
  personName: z.string(),
  idNumberMasked: z.string(),
  joinedOn: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  rule: z.enum(REVIEW_RULES),
  detail: z.string(),
  status: z.enum(FINDING_STATUSES),
  note: z.string().nullable(),
});
export type ReviewFindingItem = z.infer<typeof reviewFinding>;

export const reviewDetail = reviewSummary.extend({ findings: z.array(reviewFinding) });

export const listReviews = contract({
  method: 'GET',
  path: '/api/membership/reviews',
  permission: 'person:read',
  tag: TAG,
  summary: '“回头看”检查',
  query: z.object({ under }),
  response: z.array(reviewSummary),
  refs: { 'query.under': 'org' },
});

export const openReview = contract({
  method: 'POST',
  path: '/api/membership/reviews',
  permission: 'membership:approve',
  tag: TAG,
  summary: '开展“回头看”：逐一检查期间内入团的团员，登记问题',
  body: z.object({
    orgId: positiveId('检查范围（组织）'),
    title: text('检查名称', 2, 100),
    periodFrom: date('入团日期自'),
    periodTo: date('入团日期至'),
  }),
  response: reviewDetail,
  refs: { 'body.orgId': 'org' },
});

export const getReview = contract({
  method: 'GET',
  path: '/api/membership/reviews/:id',
  permission: 'person:read',
  tag: TAG,
  summary: '“回头看”检查详情与发现的问题',
  params: idParam,
  response: reviewDetail,
  refs: { 'params.id': 'review' },
});

export const confirmFinding = contract({
  method: 'POST',
  path: '/api/membership/review-findings/:id/confirm',
  permission: 'membership:approve',
  tag: TAG,
  summary: '核实问题属实：清退该团员',
  params: idParam,
  body: z.object({ onDate: date('清退日期'), approvedBy: text('批准人', 2, 30), note: text('核实情况', 2, 500) }),
  response: reviewFinding,
  refs: { 'params.id': 'reviewFinding' },
});

export const dismissFinding = contract({
  method: 'POST',
  path: '/api/membership/review-findings/:id/dismiss',
  permission: 'membership:approve',
  tag: TAG,
  summary: '核实问题不成立：排除',
  params: idParam,
  body: z.object({ note: text('核实情况', 2, 500) }),
  response: reviewFinding,
  refs: { 'params.id': 'reviewFinding' },
});

/* --------------------------------------------------------------- 成长档案 */

export const growthEvent = z.object({
  date: z.string(),
  kind: z.enum(GROWTH_EVENT_KINDS),
  title: z.string(),
  detail: z.string().nullable(),
});

/** A member's record beyond the path 少先队→团→党 (dues, honors, activities, volunteer service), for the member drawer. */
export const personRecords = z.object({
  /** This year first, then the past years since joining (at most five in all). */
  dues: z.array(
    z.object({
      year: z.number(),
      dueFen: z.number(),
      exempt: z.boolean(),
      paidMonths: z.array(z.string()),
      owedMonths: z.array(z.string()),
      paidFen: z.number(),
      owedFen: z.number(),
    }),
  ),
  honors: z.array(z.object({ year: z.number(), title: z.string(), honorLabel: z.string(), status: z.string(), statusLabel: z.string(), awardedOn: z.string().nullable(), orgName: z.string() })),
  /** The latest activities the person took part in (at most 20) and how many in all. */
  activities: z.object({
    total: z.number(),
    items: z.array(z.object({ id: z.number(), heldOn: z.string(), theme: z.string(), typeLabel: z.string(), orgName: z.string(), orgShortName: z.string().nullable() })),
  }),
  /** Registered volunteer (志愿者) records of the person: service count and hours, the latest services (at most 10). */
  service: z.object({
    registeredOn: z.string().nullable(),
    count: z.number(),
    minutes: z.number(),
    items: z.array(z.object({ servedOn: z.string(), minutes: z.number(), project: z.string().nullable() })),
  }),
});
export type PersonRecords = z.infer<typeof personRecords>;

export const getGrowthRecord = contract({
  method: 'GET',
  path: '/api/membership/people/:id/growth',
  permission: 'person:read',
  tag: TAG,
  summary: '成长档案：少先队→团→党的经历，按时间排列',
  params: idParam,
  response: z.object({
    person: z.object({
      id: z.number(),
      name: z.string(),
      idNumberMasked: z.string(),
      orgName: z.string(),
      memberNo: z.string().nullable(),
      memberStatus: z.enum(['active', 'left']).nullable(),
      pioneerJoinedOn: z.string().nullable(),
      joinedOn: z.string().nullable(),
      partyJoinedOn: z.string().nullable(),
    }),
    events: z.array(growthEvent),
    /** What else the secretary sees in the member drawer: dues by year, honors, activities, volunteer service. */
    records: personRecords,
  }),
  refs: { 'params.id': 'person' },
});
