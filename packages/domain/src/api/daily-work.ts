import { z } from 'zod';
import { ORG_TYPES } from '../org/types.js';
import { TRANSFER_INITIATORS, TRANSFER_STATUSES } from '../people/membership.js';
import { DUES_CATEGORIES, DUES_METHODS } from '../daily-work/dues.js';
import { RECTIFICATION_STATUSES, STAR_ENTRY_STATUSES, STAR_GRADES, STAR_RATING_STATUSES } from '../daily-work/star-rating.js';
import { GRADUATE_DESTINATIONS, GRADUATE_STATES, TRANSFER_KINDS } from '../daily-work/graduates.js';
import { QUALITY_CHECKS } from '../daily-work/quality.js';
import { contract, idParam, paged, pageQuery, field, phoneString } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile } from './import-upload.js';
import { incomingTransferAnswer, interprovinceTransferItem } from './membership.js';
import { UPLOAD_BODY_LIMIT, attachmentItem, uploadBody } from './org-life.js';

const { id: positiveId, queryId, text, optionalText, date } = field;
const yearQuery = field.yearQuery();
const yearBody = field.yearBody();


/*
 * Daily league work (issue 7): dues (团费), branch star rating (对标定级),
 * graduates' transfers (学社衔接) and transfer deadlines, password resets by
 * code, data quality, and the member portal. Rules: daily-work/*.ts. Money is
 * integer fen everywhere. Every list is limited to the caller's scope by the
 * database; `under` narrows it to one organization's subtree; every list has
 * an Excel export beside it.
 */

const TAG = '日常团务';
const PORTAL = '团员自助';

const under = queryId('组织').optional();
const period = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为YYYY-MM`).describe(label);
const fen = (label: string) =>
  z.number({ error: `请填写${label}` }).int(`${label}应为整数（单位：分）`).min(0, `${label}不能为负数`).max(10_000_000_000, `${label}过大`).describe(label);

/**
 * One member or several: always a list after validation; a single id is
 * accepted too (each input naming a scoped record is one value the
 * permission walk can aim outside the caller's scope).
 */
const personIds = (max = 500) =>
  z
    .preprocess((v) => (typeof v === 'number' ? [v] : v), z.array(z.number().int().positive(), { error: '请选择团员' }).min(1, '请至少选择一名团员').max(max, `一次最多办理${max}人`))
    .describe('团员');

const fileUpload = importFile;

/* ---------------------------------------------------------------------- dues */

const duesCategory = z.enum(DUES_CATEGORIES, { error: '团员类别应为学生、无收入或在职' }).describe('团员类别');
const duesMethod = z.enum(DUES_METHODS, { error: '交纳方式应为现金、转账或线上缴纳' }).describe('交纳方式');

export const duesPaymentItem = z.object({
  id: z.number(),
  personId: z.number(),
  orgId: z.number(),
  period: z.string(),
  amountFen: z.number(),
  paidOn: z.string(),
  method: z.enum(DUES_METHODS),
  receiptNo: z.string().nullable(),
});
export type DuesPaymentItem = z.infer<typeof duesPaymentItem>;

export const duesLedgerRow = z.object({
  personId: z.number(),
  name: z.string(),
  memberNo: z.string().nullable(),
  category: z.enum(DUES_CATEGORIES),
  /** false = no profile recorded yet: the default for students / others applies. */
  profileRecorded: z.boolean(),
  monthlyIncomeFen: z.number().nullable(),
  exemptReason: z.string().nullable(),
  exempt: z.boolean(),
  dueFen: z.number(),
  basis: z.string(),
  payment: duesPaymentItem.nullable(),
});
export type DuesLedgerRow = z.infer<typeof duesLedgerRow>;

const ledgerTotals = z.object({
  members: z.number(),
  exempt: z.number(),
  dueFen: z.number(),
  paidFen: z.number(),
  paid: z.number(),
  unpaid: z.number(),
});

const ledgerQuery = z.object({ orgId: queryId('团支部'), period: period('月份').optional() });

export const getDuesLedger = contract({
  method: 'GET',
  path: '/api/daily-work/dues/ledger',
  permission: 'person:read',
  tag: TAG,
  summary: '团支部月度团费台账：应交、已交、未交',
  query: ledgerQuery,
  response: z.object({ orgId: z.number(), orgName: z.string(), period: z.string(), rows: z.array(duesLedgerRow), totals: ledgerTotals }),
  refs: { 'query.orgId': 'org' },
});

export const exportDuesLedger = contract({
  method: 'GET',
  path: '/api/daily-work/dues/ledger/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出团支部月度团费台账（Excel）',
  query: ledgerQuery,
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

export const setDuesProfile = contract({
  method: 'PUT',
  path: '/api/daily-work/dues/profiles/:personId',
  permission: 'membership:write',
  tag: TAG,
  summary: '设置团员的团费类别、月收入或免交原因',
  params: z.object({ personId: z.coerce.number().int().positive().describe('团员') }),
  body: z.object({
    category: duesCategory,
    monthlyIncomeFen: fen('月收入').nullish(),
    exemptReason: optionalText('免交原因', 100),
  }),
  response: z.object({
    personId: z.number(),
    category: z.enum(DUES_CATEGORIES),
    monthlyIncomeFen: z.number().nullable(),
    exemptReason: z.string().nullable(),
    dueFen: z.number(),
    basis: z.string(),
  }),
  refs: { 'params.personId': 'person' },
});

export const recordDuesPayment = contract({
  method: 'POST',
  path: '/api/daily-work/dues/payments',
  permission: 'membership:write',
  tag: TAG,
  summary: '登记一笔团费（每人每月一笔，重复登记被拒绝）',
  body: z.object({
    personId: positiveId('团员'),
    period: period('所属月份'),
    /** Omitted: the member's standard for the month. */
    amountFen: fen('金额').optional(),
    paidOn: date('交纳日期'),
    method: duesMethod,
    receiptNo: optionalText('回单号', 40),
  }),
  response: duesPaymentItem,
  refs: { 'body.personId': 'person' },
});

export const recordDuesPayments = contract({
  method: 'POST',
  path: '/api/daily-work/dues/payments/batch',
  permission: 'membership:write',
  tag: TAG,
  summary: '批量登记团费（多名团员、多个月份，按各自标准；全部通过才写入）',
  body: z.object({
    personIds: personIds(),
    periods: z.array(period('所属月份'), { error: '请选择所属月份' }).min(1, '请至少选择一个月份').max(12, '一次最多登记12个月').describe('所属月份'),
    paidOn: date('交纳日期'),
    method: duesMethod,
  }),
  response: z.object({ count: z.number(), totalFen: z.number() }),
  refs: { 'body.personIds': 'person' },
});

export const correctDuesPayment = contract({
  method: 'PATCH',
  path: '/api/daily-work/dues/payments/:id',
  permission: 'membership:write',
  tag: TAG,
  summary: '更正一笔团费的金额、日期、方式或回单号',
  params: idParam,
  body: z.object({
    amountFen: fen('金额'),
    paidOn: date('交纳日期'),
    method: duesMethod,
    receiptNo: optionalText('回单号', 40),
  }),
  response: duesPaymentItem,
  refs: { 'params.id': 'duesPayment' },
});

export const duesImportReport = z.object({
  rows: z.number(),
  accepted: z.number(),
  totalFen: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  /** true: every row was valid and all were written; false: nothing was written. */
  committed: z.boolean(),
});
export type DuesImportReport = z.infer<typeof duesImportReport>;

export const importDuesPayments = contract({
  method: 'POST',
  path: '/api/daily-work/dues/import',
  permission: 'membership:write',
  tag: TAG,
  summary: '导入团费交纳名单（Excel）：先校验，全部正确后确认写入',
  body: z.object({
    orgId: positiveId('团支部'),
    ...fileUpload,
    commit: z.boolean().default(false).describe('确认写入'),
  }),
  response: duesImportReport,
  refs: { 'body.orgId': 'org' },
  bodyLimit: IMPORT_BODY_LIMIT,
});

export const duesImportTemplate = contract({
  method: 'GET',
  path: '/api/daily-work/dues/import-template',
  permission: 'membership:write',
  tag: TAG,
  summary: '下载团费交纳名单导入模板',
  response: z.any(),
  file: true,
});

const rangeQuery = {
  under,
  from: period('开始月份').optional(),
  to: period('结束月份').optional(),
};

export const unpaidDuesItem = z.object({
  personId: z.number(),
  name: z.string(),
  memberNo: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  phoneMasked: z.string().nullable(),
  months: z.array(z.string()),
  owedFen: z.number(),
});

export const listUnpaidDues = contract({
  method: 'GET',
  path: '/api/daily-work/dues/unpaid',
  permission: 'person:read',
  tag: TAG,
  summary: '团费催缴名单：所选月份内未交的团员（不含免交）',
  query: z.object({ ...rangeQuery, ...pageQuery }),
  response: paged(unpaidDuesItem).extend({ from: z.string(), to: z.string(), owedFen: z.number() }),
  refs: { 'query.under': 'org' },
});

export const exportUnpaidDues = contract({
  method: 'GET',
  path: '/api/daily-work/dues/unpaid/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出团费催缴名单（Excel）',
  query: z.object(rangeQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const duesReportRow = z.object({
  orgId: z.number(),
  orgName: z.string(),
  /** 简称 for the narrow branch column on screen. */
  orgShortName: z.string().nullable(),
  members: z.number(),
  exempt: z.number(),
  /** Member-months owed in the range and their amount. */
  dueMonths: z.number(),
  dueFen: z.number(),
  paidMonths: z.number(),
  paidFen: z.number(),
  unpaidMonths: z.number(),
  /** paidMonths ÷ dueMonths, null when nothing was due. */
  collectionRate: z.number().nullable(),
  remitDueFen: z.number(),
  remittedFen: z.number(),
});

export const duesReport = contract({
  method: 'GET',
  path: '/api/daily-work/dues/report',
  permission: 'stats:read',
  tag: TAG,
  summary: '团费收缴统计（按团支部分页，所选月份；合计为整个组织的数字）',
  query: z.object({
    ...rangeQuery,
    ...pageQuery,
    behindOnly: z.stringbool().optional().describe('仅看未收齐的团支部（收缴率由低到高）'),
  }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    /** One page of the active branches (tree order; behindOnly: those with unpaid months, lowest rate first). */
    rows: z.array(duesReportRow),
    /** Branches listed over all pages. */
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    /** The organization's own figures (its whole subtree, every member and payment), not the sum of a page. */
    totals: duesReportRow.omit({ orgId: true, orgName: true, orgShortName: true }),
  }),
  refs: { 'query.under': 'org' },
});

export const exportDuesReport = contract({
  method: 'GET',
  path: '/api/daily-work/dues/report/export',
  permission: 'stats:read',
  tag: TAG,
  summary: '导出团费收缴统计（Excel）',
  query: z.object(rangeQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const remittanceItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  toOrgId: z.number(),
  toOrgName: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  amountFen: z.number(),
  remittedOn: z.string(),
  note: z.string().nullable(),
});

export const listRemittances = contract({
  method: 'GET',
  path: '/api/daily-work/dues/remittances',
  permission: 'person:read',
  tag: TAG,
  summary: '团费上缴记录',
  query: z.object({ under, ...pageQuery }),
  response: paged(remittanceItem),
  refs: { 'query.under': 'org' },
});

export const exportRemittances = contract({
  method: 'GET',
  path: '/api/daily-work/dues/remittances/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出团费上缴记录（Excel）',
  query: z.object({ under }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const remittancePreview = contract({
  method: 'GET',
  path: '/api/daily-work/dues/remittances/preview',
  permission: 'person:read',
  tag: TAG,
  summary: '应上缴金额：所选月份收缴额 × 上缴比例',
  /** Months default to this year up to the current month. */
  query: z.object({ orgId: queryId('团支部'), periodFrom: period('开始月份').optional(), periodTo: period('结束月份').optional() }),
  response: z.object({ periodFrom: z.string(), periodTo: z.string(), collectedFen: z.number(), share: z.number(), expectedFen: z.number(), alreadyRemitted: z.array(z.string()), toOrgId: z.number().nullable() }),
  refs: { 'query.orgId': 'org' },
});

export const recordRemittance = contract({
  method: 'POST',
  path: '/api/daily-work/dues/remittances',
  permission: 'membership:write',
  tag: TAG,
  summary: '登记团支部向上级团委上缴团费',
  body: z.object({
    orgId: positiveId('团支部'),
    periodFrom: period('开始月份'),
    periodTo: period('结束月份'),
    amountFen: fen('上缴金额'),
    remittedOn: date('上缴日期'),
    note: optionalText('备注', 200),
  }),
  response: remittanceItem,
  refs: { 'body.orgId': 'org' },
});

/* --------------------------------------------------------------- star rating */

export const starCriterion = z.object({
  key: z.string().trim().min(1).max(30).describe('评分项代码'),
  label: text('评分项名称', 1, 30),
  max: z.number().int().min(1, '满分至少1分').max(100, '满分最多100分').describe('满分'),
});

const scoresInput = z.record(z.string(), z.number({ error: '得分应为数字' }).int('得分应为整数').min(0, '得分不能为负数').max(100, '得分过大')).describe('各项得分');

const gradeCounts = z.object({ five: z.number(), four: z.number(), three: z.number(), weak: z.number() });
const statusCounts = z.object({ pending: z.number(), self_assessed: z.number(), reviewed: z.number(), confirmed: z.number() });

export const starRatingItem = z.object({
  id: z.number(),
  /** null: opened above the caller's scope (the caller sees its own branches' entries of it). */
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  year: z.number(),
  title: z.string(),
  criteria: z.array(z.object({ key: z.string(), label: z.string(), max: z.number() })),
  maxTotal: z.number(),
  status: z.enum(STAR_RATING_STATUSES),
  entries: z.number(),
  byStatus: statusCounts,
  byGrade: gradeCounts,
});
export type StarRatingItem = z.infer<typeof starRatingItem>;

export const rectificationItem = z.object({
  id: z.number(),
  entryId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  ratingTitle: z.string().nullable(),
  year: z.number().nullable(),
  requirement: z.string(),
  deadline: z.string(),
  followUp: z.string().nullable(),
  /** As of today: open past its deadline is overdue. */
  status: z.enum(RECTIFICATION_STATUSES),
  doneOn: z.string().nullable(),
});
export type RectificationItem = z.infer<typeof rectificationItem>;

export const starEntryItem = z.object({
  id: z.number(),
  ratingId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  ratingTitle: z.string(),
  year: z.number(),
  criteria: z.array(z.object({ key: z.string(), label: z.string(), max: z.number() })),
  maxTotal: z.number(),
  status: z.enum(STAR_ENTRY_STATUSES),
  selfScores: z.record(z.string(), z.number()).nullable(),
  selfTotal: z.number().nullable(),
  selfNote: z.string().nullable(),
  reviewScores: z.record(z.string(), z.number()).nullable(),
  reviewTotal: z.number().nullable(),
  reviewNote: z.string().nullable(),
  /** From the review total (or the self-assessment before review) and the thresholds. */
  suggestedGrade: z.enum(STAR_GRADES).nullable(),
  grade: z.enum(STAR_GRADES).nullable(),
  confirmedBy: z.string().nullable(),
  rectification: rectificationItem.nullable(),
  can: z.object({ selfAssess: z.boolean(), review: z.boolean(), confirm: z.boolean() }),
  /** Why each action is not offered (null = offered). */
  blocked: z.object({ selfAssess: z.string().nullable(), review: z.string().nullable(), confirm: z.string().nullable() }),
});
export type StarEntryItem = z.infer<typeof starEntryItem>;

export const listStarRatings = contract({
  method: 'GET',
  path: '/api/daily-work/star-ratings',
  permission: 'org:read',
  tag: TAG,
  summary: '对标定级：已开展的定级（本级及下级开展的）',
  query: z.object({ under, year: yearQuery }),
  response: z.array(starRatingItem),
  refs: { 'query.under': 'org' },
});

export const openStarRating = contract({
  method: 'POST',
  path: '/api/daily-work/star-ratings',
  permission: 'membership:approve',
  tag: TAG,
  summary: '开展年度对标定级（下属全部团支部参加，可自定义评分标准）',
  body: z.object({
    orgId: positiveId('开展组织'),
    year: yearBody,
    title: text('名称', 4, 60),
    /** Omitted: the usual five areas, 20 points each. */
    criteria: z.array(starCriterion).min(1, '至少设置一项评分标准').max(20, '评分标准最多20项').optional().describe('评分标准'),
  }),
  response: starRatingItem,
  refs: { 'body.orgId': 'org' },
});

export const getStarRating = contract({
  method: 'GET',
  path: '/api/daily-work/star-ratings/:id',
  permission: 'org:read',
  tag: TAG,
  summary: '一次定级及其全部团支部',
  params: idParam,
  response: starRatingItem.extend({ items: z.array(starEntryItem) }),
  refs: { 'params.id': 'starRating' },
});

export const exportStarRating = contract({
  method: 'GET',
  path: '/api/daily-work/star-ratings/:id/export',
  permission: 'org:read',
  tag: TAG,
  summary: '导出一次定级的结果（Excel）',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'starRating' },
});

export const closeStarRating = contract({
  method: 'POST',
  path: '/api/daily-work/star-ratings/:id/close',
  permission: 'membership:approve',
  tag: TAG,
  summary: '结束定级（全部团支部定级后）',
  params: idParam,
  body: z.object({}).default({}),
  response: starRatingItem,
  refs: { 'params.id': 'starRating' },
});

const entriesQuery = {
  under,
  year: yearQuery,
  status: z.enum(STAR_ENTRY_STATUSES, { error: '状态无效' }).optional().describe('状态'),
  grade: z.enum(STAR_GRADES, { error: '等次无效' }).optional().describe('等次'),
};

export const listStarEntries = contract({
  method: 'GET',
  path: '/api/daily-work/star-entries',
  permission: 'org:read',
  tag: TAG,
  summary: '团支部定级情况（自评、审核、定级）',
  query: z.object({ ...entriesQuery, ...pageQuery }),
  response: paged(starEntryItem),
  refs: { 'query.under': 'org' },
});

export const exportStarEntries = contract({
  method: 'GET',
  path: '/api/daily-work/star-entries/export',
  permission: 'org:read',
  tag: TAG,
  summary: '导出团支部定级情况（Excel）',
  query: z.object(entriesQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const getStarEntry = contract({
  method: 'GET',
  path: '/api/daily-work/star-entries/:id',
  permission: 'org:read',
  tag: TAG,
  summary: '一个团支部的定级',
  params: idParam,
  response: starEntryItem,
  refs: { 'params.id': 'starRatingEntry' },
});

export const selfAssessStarEntry = contract({
  method: 'POST',
  path: '/api/daily-work/star-entries/:id/self-assessment',
  permission: 'org:edit',
  tag: TAG,
  summary: '团支部自评',
  params: idParam,
  body: z.object({ scores: scoresInput, note: optionalText('自评说明', 500) }),
  response: starEntryItem,
  refs: { 'params.id': 'starRatingEntry' },
});

export const reviewStarEntry = contract({
  method: 'POST',
  path: '/api/daily-work/star-entries/:id/review',
  permission: 'membership:approve',
  tag: TAG,
  summary: '上级团委审核评分',
  params: idParam,
  body: z.object({ scores: scoresInput, note: optionalText('审核意见', 500) }),
  response: starEntryItem,
  refs: { 'params.id': 'starRatingEntry' },
});

export const confirmStarEntry = contract({
  method: 'POST',
  path: '/api/daily-work/star-entries/:id/confirm',
  permission: 'membership:approve',
  tag: TAG,
  summary: '确定等次（软弱涣散须同时下达整改任务）',
  params: idParam,
  body: z.object({
    grade: z.enum(STAR_GRADES, { error: '请选择等次' }).describe('等次'),
    rectification: z
      .object({ requirement: text('整改要求', 4, 500), deadline: date('整改期限') })
      .nullish()
      .describe('整改任务'),
  }),
  response: starEntryItem,
  refs: { 'params.id': 'starRatingEntry' },
});

export const starHistory = contract({
  method: 'GET',
  path: '/api/daily-work/star-history',
  permission: 'org:read',
  tag: TAG,
  summary: '团支部历年定级',
  query: z.object({ orgId: queryId('团支部') }),
  response: z.array(starEntryItem),
  refs: { 'query.orgId': 'org' },
});

const rectificationsQuery = { under, status: z.enum(RECTIFICATION_STATUSES, { error: '状态无效' }).optional().describe('状态') };

export const listRectifications = contract({
  method: 'GET',
  path: '/api/daily-work/rectifications',
  permission: 'org:read',
  tag: TAG,
  summary: '软弱涣散团支部整改任务',
  query: z.object({ ...rectificationsQuery, ...pageQuery }),
  response: paged(rectificationItem),
  refs: { 'query.under': 'org' },
});

export const exportRectifications = contract({
  method: 'GET',
  path: '/api/daily-work/rectifications/export',
  permission: 'org:read',
  tag: TAG,
  summary: '导出整改任务（Excel）',
  query: z.object(rectificationsQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const followUpRectification = contract({
  method: 'PATCH',
  path: '/api/daily-work/rectifications/:id',
  permission: 'org:edit',
  tag: TAG,
  summary: '记录整改进展',
  params: idParam,
  body: z.object({ followUp: text('整改进展', 2, 1000) }),
  response: rectificationItem,
  refs: { 'params.id': 'rectificationTask' },
});

export const completeRectification = contract({
  method: 'POST',
  path: '/api/daily-work/rectifications/:id/complete',
  permission: 'membership:approve',
  tag: TAG,
  summary: '验收整改（上级团委）',
  params: idParam,
  body: z.object({ doneOn: date('验收日期'), note: optionalText('验收意见', 500) }),
  response: rectificationItem,
  refs: { 'params.id': 'rectificationTask' },
});

/* ------------------------------------------------ graduates and deadlines */

const destination = z.enum(GRADUATE_DESTINATIONS, { error: '请选择去向' }).describe('去向');
const stateCounts = z.object({ not_started: z.number(), pending: z.number(), escalated: z.number(), transferred: z.number(), held: z.number(), lost: z.number() });

export const graduateClassItem = z.object({
  orgId: z.number(),
  name: z.string(),
  graduationYear: z.number(),
  /** Active members still registered in the class. */
  inClass: z.number(),
  graduates: z.number(),
  counts: stateCounts,
});

export const listGraduateClasses = contract({
  method: 'GET',
  path: '/api/daily-work/graduates/classes',
  permission: 'person:read',
  tag: TAG,
  summary: '学社衔接：毕业班及其团员转接情况（已转出、转接中、逾期、托管、失联）',
  query: z.object({ under, year: yearQuery }),
  response: z.object({
    year: z.number(),
    classes: z.array(graduateClassItem),
    totals: stateCounts.extend({ graduates: z.number() }),
    tempBranch: z.object({ id: z.number(), name: z.string(), members: z.number(), overdue: z.number() }).nullable(),
  }),
  refs: { 'query.under': 'org' },
});

export const graduateItem = z.object({
  personId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  classId: z.number(),
  className: z.string().nullable(),
  state: z.enum(GRADUATE_STATES),
  transfer: z
    .object({
      id: z.number(),
      toOrgId: z.number(),
      toOrgName: z.string().nullable(),
      destination: z.enum(GRADUATE_DESTINATIONS).nullable(),
      status: z.enum(TRANSFER_STATUSES),
      requestedOn: z.string(),
      dueOn: z.string().nullable(),
      escalatedOn: z.string().nullable(),
      escalatedToOrgName: z.string().nullable(),
      decidedOn: z.string().nullable(),
    })
    .nullable(),
});
export type GraduateItem = z.infer<typeof graduateItem>;

export const listClassGraduates = contract({
  method: 'GET',
  path: '/api/daily-work/graduates/classes/:id/members',
  permission: 'person:read',
  tag: TAG,
  summary: '毕业班团员名单及各自转接情况',
  params: idParam,
  response: z.object({ orgId: z.number(), name: z.string(), graduationYear: z.number().nullable(), items: z.array(graduateItem) }),
  refs: { 'params.id': 'org' },
});

const graduatesQuery = { under, year: yearQuery, state: z.enum(GRADUATE_STATES, { error: '状态无效' }).optional().describe('状态') };

export const exportGraduates = contract({
  method: 'GET',
  path: '/api/daily-work/graduates/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出毕业生转接名单（Excel）',
  query: z.object(graduatesQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const setGraduationYear = contract({
  method: 'PUT',
  path: '/api/daily-work/graduates/classes/:id',
  permission: 'org:edit',
  tag: TAG,
  summary: '标注班级团支部的毕业年份',
  params: idParam,
  body: z.object({ graduationYear: z.number().int().min(2000).max(2100).nullable().describe('毕业年份') }),
  response: z.object({ orgId: z.number(), graduationYear: z.number().nullable() }),
  refs: { 'params.id': 'org' },
});

export const startGraduateTransfers = contract({
  method: 'POST',
  path: '/api/daily-work/graduates/transfers',
  permission: 'membership:write',
  tag: TAG,
  summary: '发起毕业生转接（去向不明的转入县毕业生临时团支部托管）',
  body: z.object({
    personIds: personIds(),
    destination,
    /** Required unless the destination is unknown; found through the organization directory. */
    toOrgId: z.number().int().positive().optional().describe('转入组织'),
    toOrgName: z.string().trim().min(2).max(100).optional().describe('转入组织名称'),
    reason: optionalText('说明', 200),
  }),
  response: z.object({ created: z.number(), held: z.number(), transferIds: z.array(z.number()) }),
  refs: { 'body.personIds': 'person' },
  /** The receiving organization is usually outside the caller's scope, chosen from the directory. */
  outsideRefs: { 'body.toOrgId': 'activeOrg' },
});

export const requestIncomingGraduate = contract({
  method: 'POST',
  path: '/api/daily-work/graduates/transfers/incoming',
  permission: 'membership:write',
  tag: TAG,
  summary: '接收方发起毕业生转入（按身份证号）',
  body: z.object({
    idNumber: z.string({ error: '请填写身份证号' }).trim().describe('身份证号'),
    personName: text('姓名', 2, 30),
    toOrgId: positiveId('转入组织'),
    destination: z.enum(['work', 'community', 'study'], { error: '请选择去向' }).describe('去向'),
    reason: optionalText('说明', 200),
  }),
  /** The same answer as the membership module's request by ID number. */
  response: incomingTransferAnswer,
  refs: { 'body.toOrgId': 'org' },
});

export const overdueTransferItem = z.object({
  id: z.number(),
  kind: z.enum(TRANSFER_KINDS),
  personName: z.string(),
  personIdMasked: z.string(),
  fromOrgId: z.number(),
  fromOrgName: z.string().nullable(),
  toOrgId: z.number(),
  toOrgName: z.string().nullable(),
  initiatedBy: z.enum(TRANSFER_INITIATORS),
  requestedOn: z.string(),
  dueOn: z.string(),
  daysLate: z.number(),
  escalatedOn: z.string().nullable(),
  escalatedToOrgId: z.number().nullable(),
  escalatedToOrgName: z.string().nullable(),
});

const overdueQuery = { under, kind: z.enum(TRANSFER_KINDS, { error: '类别无效' }).optional().describe('类别') };

export const listOverdueTransfers = contract({
  method: 'GET',
  path: '/api/daily-work/transfers/overdue',
  permission: 'person:read',
  tag: TAG,
  summary: '逾期未办理的组织关系转接（已逐级上报）',
  query: z.object({ ...overdueQuery, ...pageQuery }),
  response: paged(overdueTransferItem),
  refs: { 'query.under': 'org' },
});

export const exportOverdueTransfers = contract({
  method: 'GET',
  path: '/api/daily-work/transfers/overdue/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出逾期转接（Excel）',
  query: z.object(overdueQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const escalateTransfers = contract({
  method: 'POST',
  path: '/api/daily-work/transfers/escalate',
  permission: 'membership:write',
  tag: TAG,
  summary: '检查转接时限：逾期未办理的上报上一级（列表读取时也会自动进行）',
  body: z.object({ under: z.number().int().positive().optional().describe('组织') }),
  response: z.object({ checked: z.number(), escalated: z.number() }),
  refs: { 'body.under': 'org' },
});

/* --------------------------------------------------------- password resets */

export const requestResetCode = contract({
  method: 'POST',
  path: '/api/daily-work/resets/request',
  permission: 'public',
  tag: TAG,
  summary: '忘记密码：按用户名和预留手机号发送短信验证码（团员账号）',
  body: z.object({
    username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(64).describe('用户名'),
    phone: z.string({ error: '请填写手机号' }).trim().min(7, '手机号格式不正确').max(20, '手机号格式不正确').describe('手机号'),
  }),
  response: z.object({ ok: z.literal(true), message: z.string() }),
});

export const redeemResetCode = contract({
  method: 'POST',
  path: '/api/daily-work/resets/redeem',
  permission: 'public',
  tag: TAG,
  summary: '用验证码设置新密码',
  body: z.object({
    username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(64).describe('用户名'),
    code: z.string({ error: '请填写验证码' }).trim().min(4, '验证码格式不正确').max(16, '验证码格式不正确').describe('验证码'),
    newPassword: z.string({ error: '请填写新密码' }).min(1, '请填写新密码').max(128).describe('新密码'),
  }),
  response: z.object({ ok: z.literal(true), message: z.string() }),
});

export const issuedCode = z.object({
  personId: z.number(),
  name: z.string(),
  username: z.string(),
  accountId: z.number(),
  /** Shown once; only its hash is kept. */
  code: z.string(),
  expiresAt: z.string(),
  accountCreated: z.boolean(),
});

export const issueResetCodes = contract({
  method: 'POST',
  path: '/api/daily-work/resets/issue',
  permission: 'membership:write',
  tag: TAG,
  summary: '为团员发放一次性重置码（无账号的同时开通团员账号；重置码只显示这一次）',
  body: z.object({ personIds: personIds(200) }),
  response: z.object({ codes: z.array(issuedCode), minutes: z.number() }),
  refs: { 'body.personIds': 'person' },
});

export const issueBranchResetCodes = contract({
  method: 'POST',
  path: '/api/daily-work/resets/issue-branch',
  permission: 'membership:write',
  tag: TAG,
  summary: '为整个团支部的团员批量发放一次性重置码',
  body: z.object({ orgId: positiveId('团支部') }),
  response: z.object({ codes: z.array(issuedCode), minutes: z.number() }),
  refs: { 'body.orgId': 'org' },
});

export const memberAccountItem = z.object({
  personId: z.number(),
  name: z.string(),
  memberNo: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  accountId: z.number().nullable(),
  username: z.string().nullable(),
  status: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});

export const listMemberAccounts = contract({
  method: 'GET',
  path: '/api/daily-work/member-accounts',
  permission: 'person:read',
  tag: TAG,
  summary: '团支部团员及其自助账号',
  query: z.object({ orgId: queryId('团支部') }),
  response: z.array(memberAccountItem),
  refs: { 'query.orgId': 'org' },
});

export const exportMemberAccounts = contract({
  method: 'GET',
  path: '/api/daily-work/member-accounts/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出团支部团员账号名单（Excel，不含密码和重置码）',
  query: z.object({ orgId: queryId('团支部') }),
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

/* ------------------------------------------------------------ data quality */

const qualityCheck = z.enum(QUALITY_CHECKS, { error: '检查项无效' }).describe('检查项');

export const qualityOverview = contract({
  method: 'GET',
  path: '/api/daily-work/quality',
  permission: 'person:read',
  tag: TAG,
  summary: '数据质量：各检查项需处理的数量',
  query: z.object({ under }),
  response: z.object({ checks: z.array(z.object({ check: qualityCheck, label: z.string(), hint: z.string(), count: z.number() })) }),
  refs: { 'query.under': 'org' },
});

export const qualityItem = z.object({
  check: z.enum(QUALITY_CHECKS),
  /** Where to fix it: an organization, a person, a cadre or volunteer record, or an account. */
  target: z.object({ kind: z.enum(['org', 'person', 'cadre', 'volunteer', 'account']), id: z.number() }),
  name: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  detail: z.string(),
});
export type QualityItem = z.infer<typeof qualityItem>;

export const qualityItems = contract({
  method: 'GET',
  path: '/api/daily-work/quality/items',
  permission: 'person:read',
  tag: TAG,
  summary: '数据质量：待处理清单（一个检查项或全部，带修改链接）',
  query: z.object({ under, check: qualityCheck.optional(), ...pageQuery }),
  response: paged(qualityItem),
  refs: { 'query.under': 'org' },
});

export const exportQuality = contract({
  method: 'GET',
  path: '/api/daily-work/quality/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出数据质量清单（Excel，全部或一个检查项）',
  query: z.object({ under, check: qualityCheck.optional() }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

/* --------------------------------------------------- corrections (branch side) */

export const CORRECTION_FIELDS = ['name', 'phone', 'education', 'ethnicity', 'occupation', 'joinedOn', 'other'] as const;
export const CORRECTION_FIELD_LABELS: Record<(typeof CORRECTION_FIELDS)[number], string> = {
  name: '姓名',
  phone: '联系电话',
  education: '学历',
  ethnicity: '民族',
  occupation: '工作单位/职业',
  joinedOn: '入团时间',
  other: '其他',
};

export const correctionItem = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  field: z.enum(CORRECTION_FIELDS),
  value: z.string(),
  note: z.string().nullable(),
  requestedAt: z.string(),
  status: z.enum(['open', 'accepted', 'declined']),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type CorrectionItem = z.infer<typeof correctionItem>;

const correctionsQuery = { under, status: z.enum(['open', 'accepted', 'declined'], { error: '状态无效' }).optional().describe('状态') };

export const listCorrections = contract({
  method: 'GET',
  path: '/api/daily-work/corrections',
  permission: 'person:read',
  tag: TAG,
  summary: '团员提交的信息更正申请',
  query: z.object(correctionsQuery),
  response: z.array(correctionItem),
  refs: { 'query.under': 'org' },
});

export const exportCorrections = contract({
  method: 'GET',
  path: '/api/daily-work/corrections/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出信息更正申请（Excel）',
  query: z.object(correctionsQuery),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const resolveCorrection = contract({
  method: 'POST',
  path: '/api/daily-work/corrections/resolve',
  permission: 'person:write',
  tag: TAG,
  summary: '办理信息更正申请（在名册中修改后标记已更正，或说明不予更正的原因）',
  body: z.object({
    personId: positiveId('团员'),
    requestId: z.number({ error: '请选择申请' }).int().positive().describe('申请'),
    accepted: z.boolean({ error: '请选择是否更正' }).describe('是否更正'),
    note: text('办理说明', 2, 200),
  }),
  response: correctionItem,
  refs: { 'body.personId': 'person' },
});

/* ------------------------------------------------------------ member portal */

export const portalMe = contract({
  method: 'GET',
  path: '/api/daily-work/portal/me',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的团籍信息',
  response: z.object({
    personId: z.number(),
    name: z.string(),
    gender: z.enum(['male', 'female']),
    idNumberMasked: z.string(),
    birthDate: z.string(),
    phone: z.string().nullable(),
    education: z.string().nullable(),
    politicalStatus: z.string(),
    memberNo: z.string().nullable(),
    joinedOn: z.string().nullable(),
    memberStatus: z.string().nullable(),
    orgId: z.number(),
    orgName: z.string(),
    orgType: z.enum(ORG_TYPES),
    username: z.string(),
    dues: z.object({ year: z.number(), dueFen: z.number(), paidFen: z.number(), unpaidMonths: z.number() }),
    pendingTransfer: z.boolean(),
  }),
});

export const portalHistory = contract({
  method: 'GET',
  path: '/api/daily-work/portal/history',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的成长档案（少先队—团—党）',
  response: z.object({ events: z.array(z.object({ date: z.string(), kind: z.string(), title: z.string(), detail: z.string().nullable() })) }),
});

export const portalRegistrations = contract({
  method: 'GET',
  path: '/api/daily-work/portal/registrations',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的团籍注册与教育评议',
  response: portalRegistrationsResponse(),
});

function portalRegistrationsResponse() {
  return z.object({
    registrations: z.array(z.object({ year: z.number(), status: z.string(), statusLabel: z.string(), decidedOn: z.string(), note: z.string().nullable() })),
    appraisals: z.array(z.object({ year: z.number(), grade: z.string(), gradeLabel: z.string() })),
    /** This year's registration while the member's branch has it open (the year has begun and the branch has not decided on the member). */
    open: z.object({ year: z.number(), deadline: z.string(), requestedAt: z.string().nullable(), note: z.string().nullable() }).nullable(),
  });
}

export const portalSelfRegister = contract({
  method: 'POST',
  path: '/api/daily-work/portal/registrations',
  permission: 'self:write',
  tag: PORTAL,
  summary: '本人办理本年度团籍注册（确认信息，由团支部确认后生效）',
  body: z.object({
    year: z.number({ error: '请填写注册年度' }).int().describe('注册年度'),
    note: optionalText('信息变化说明', 200),
  }),
  response: portalRegistrationsResponse(),
});

export const portalDues = contract({
  method: 'GET',
  path: '/api/daily-work/portal/dues',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的团费（按月）',
  query: z.object({ year: yearQuery }),
  response: z.object({
    year: z.number(),
    dueFen: z.number(),
    basis: z.string(),
    exempt: z.boolean(),
    months: z.array(z.object({ period: z.string(), dueFen: z.number(), payment: duesPaymentItem.nullable(), owed: z.boolean() })),
    paidFen: z.number(),
    owedFen: z.number(),
  }),
});

export const portalTransferItem = z.object({
  id: z.number(),
  kind: z.enum(TRANSFER_KINDS),
  fromOrgName: z.string().nullable(),
  toOrgName: z.string().nullable(),
  status: z.enum(TRANSFER_STATUSES),
  reason: z.string(),
  requestedOn: z.string(),
  dueOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  note: z.string().nullable(),
});

export const portalTransfers = contract({
  method: 'GET',
  path: '/api/daily-work/portal/transfers',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的组织关系转接',
  response: z.array(portalTransferItem),
});

/**
 * 跨省转接 of the member (the branch asks for them; the national system starts and the receiving province decides),
 * read-only on the portal; `national` says whether this province is linked to a national tier at all.
 */
export const portalInterprovince = contract({
  method: 'GET',
  path: '/api/daily-work/portal/interprovince-transfers',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的跨省转接',
  response: z.object({ national: z.boolean(), items: z.array(interprovinceTransferItem) }),
});

export const portalOrgDirectory = contract({
  method: 'GET',
  path: '/api/daily-work/portal/org-directory',
  permission: 'self:read',
  tag: PORTAL,
  summary: '查找要转入的团支部（按名称）',
  query: z.object({ q: z.string({ error: '请输入组织名称' }).trim().min(2, '请至少输入2个字').max(50).describe('组织名称') }),
  response: z.array(z.object({ id: z.number(), name: z.string(), parentName: z.string().nullable(), canReceive: z.boolean() })),
});

export const portalApplyTransfer = contract({
  method: 'POST',
  path: '/api/daily-work/portal/transfers',
  permission: 'self:write',
  tag: PORTAL,
  summary: '申请转接组织关系（由所在团支部办理）',
  body: z.object({
    toOrgId: positiveId('转入团支部'),
    toOrgName: text('转入团支部名称', 2, 100),
    reason: text('转接原因', 2, 200),
    /** Graduates: where they go. */
    destination: z.enum(['work', 'community', 'study'], { error: '去向无效' }).optional().describe('去向'),
  }),
  response: portalTransferItem,
  /** The receiving organization is usually outside the caller's scope, chosen from the directory. */
  outsideRefs: { 'body.toOrgId': 'activeOrg' },
});

export const portalRequestCorrection = contract({
  method: 'POST',
  path: '/api/daily-work/portal/corrections',
  permission: 'self:write',
  tag: PORTAL,
  summary: '申请更正我的信息（由团支部核实后修改）',
  body: z.object({
    field: z.enum(CORRECTION_FIELDS, { error: '请选择要更正的项目' }).describe('更正项目'),
    value: text('正确内容', 1, 100),
    note: optionalText('说明', 200),
  }),
  response: correctionItem,
});

export const portalCorrections = contract({
  method: 'GET',
  path: '/api/daily-work/portal/corrections',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我的信息更正申请',
  response: z.array(correctionItem),
});


/* -------------------------------------------- dues receipts (团员自助 issue 13) */

export const DUES_RECEIPT_STATUSES = ['pending', 'confirmed', 'returned'] as const;
export type DuesReceiptStatus = (typeof DUES_RECEIPT_STATUSES)[number];
export const DUES_RECEIPT_STATUS_LABELS: Record<DuesReceiptStatus, string> = { pending: '待确认', confirmed: '已确认', returned: '已退回' };

export const duesReceiptItem = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  period: z.string(),
  paidOn: z.string(),
  /** The member's standard for the month (what the confirmation records). */
  dueFen: z.number(),
  status: z.enum(DUES_RECEIPT_STATUSES),
  note: z.string().nullable(),
  submittedOn: z.string(),
  decidedOn: z.string().nullable(),
  paymentId: z.number().nullable(),
  attachment: attachmentItem.nullable(),
});
export type DuesReceiptItem = z.infer<typeof duesReceiptItem>;

export const portalDuesReceipts = contract({
  method: 'GET',
  path: '/api/daily-work/portal/dues/receipts',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我上传的团费交纳凭证',
  response: z.array(duesReceiptItem),
});

export const portalUploadDuesReceipt = contract({
  method: 'POST',
  path: '/api/daily-work/portal/dues/receipts',
  permission: 'self:write',
  tag: PORTAL,
  summary: '上传某月团费的交纳凭证（转账截图或收据照片、PDF），由团支部确认后记为已交',
  body: uploadBody.extend({ period: period('所属月份'), paidOn: date('交纳日期') }),
  bodyLimit: UPLOAD_BODY_LIMIT,
  response: duesReceiptItem,
});

export const listDuesReceipts = contract({
  method: 'GET',
  path: '/api/daily-work/dues/receipts',
  permission: 'person:read',
  tag: TAG,
  summary: '团员上传的团费交纳凭证（默认待确认的）',
  query: z.object({ under, status: z.enum(DUES_RECEIPT_STATUSES, { error: '状态无效' }).optional().describe('状态') }),
  response: z.array(duesReceiptItem),
  refs: { 'query.under': 'org' },
});

export const confirmDuesReceipt = contract({
  method: 'POST',
  path: '/api/daily-work/dues/receipts/:id/confirm',
  permission: 'membership:write',
  tag: TAG,
  summary: '确认团员上传的交纳凭证：按该月标准登记一笔团费（该月已登记的被拒绝）',
  params: idParam,
  response: duesReceiptItem,
  refs: { 'params.id': 'duesReceipt' },
});

export const returnDuesReceipt = contract({
  method: 'POST',
  path: '/api/daily-work/dues/receipts/:id/return',
  permission: 'membership:write',
  tag: TAG,
  summary: '退回团员上传的交纳凭证（说明原因）',
  params: idParam,
  body: z.object({ reason: text('退回原因', 2, 200) }),
  response: duesReceiptItem,
  refs: { 'params.id': 'duesReceipt' },
});

/* ------------------------------------------- 入团申请 online (团员自助 issue 13) */

const JOIN = '入团申请';
export const JOIN_APPLICATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type JoinApplicationStatus = (typeof JOIN_APPLICATION_STATUSES)[number];
export const JOIN_APPLICATION_STATUS_LABELS: Record<JoinApplicationStatus, string> = { pending: '待受理', accepted: '已受理', declined: '不予受理' };

export const publicJoinBranches = contract({
  method: 'GET',
  path: '/api/public/join/branches',
  permission: 'public',
  tag: JOIN,
  summary: '（公开，无需登录）按名称查找要申请加入的团支部',
  query: z.object({ q: z.string({ error: '请输入团支部名称' }).trim().min(2, '请至少输入2个字').max(50).describe('团支部名称') }),
  response: z.array(z.object({ id: z.number(), name: z.string(), parentName: z.string().nullable() })),
});

export const submitJoinApplication = contract({
  method: 'POST',
  path: '/api/public/join/applications',
  permission: 'public',
  tag: JOIN,
  summary: '（公开，无需登录）在线提交入团申请，由所选团支部受理',
  body: z.object({
    orgId: positiveId('申请加入的团支部'),
    name: text('姓名', 1, 30, '请填写姓名'),
    idNumber: z.string({ error: '请填写身份证号' }).trim().min(1, '请填写身份证号').max(18, '身份证号应为18位').describe('身份证号'),
    ethnicity: z.string({ error: '请选择民族' }).trim().regex(/^\d{2}$/, '请选择民族').describe('民族'),
    phone: phoneString.describe('手机号码'),
    school: text('学校或工作单位', 2, 100),
    content: text('入团申请书', 20, 5000),
  }),
  response: z.object({ orgName: z.string(), submittedOn: z.string() }),
  /** Any active branch from the public directory; the handler checks its type. */
  outsideRefs: { 'body.orgId': 'activeOrg' },
});

export const joinApplicationItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  phone: z.string(),
  school: z.string(),
  content: z.string(),
  status: z.enum(JOIN_APPLICATION_STATUSES),
  note: z.string().nullable(),
  submittedOn: z.string(),
  decidedOn: z.string().nullable(),
  personId: z.number().nullable(),
  caseId: z.number().nullable(),
});
export type JoinApplicationItem = z.infer<typeof joinApplicationItem>;

export const listJoinApplications = contract({
  method: 'GET',
  path: '/api/daily-work/join-applications',
  permission: 'person:read',
  tag: JOIN,
  summary: '在线提交的入团申请（默认待受理的）',
  query: z.object({ under, status: z.enum(JOIN_APPLICATION_STATUSES, { error: '状态无效' }).optional().describe('状态') }),
  response: z.array(joinApplicationItem),
  refs: { 'query.under': 'org' },
});

export const acceptJoinApplication = contract({
  method: 'POST',
  path: '/api/daily-work/join-applications/:id/accept',
  permission: 'development:write',
  tag: JOIN,
  summary: '受理入团申请：未登记的青年先登记到本团支部，再以申请日期开始发展程序',
  params: idParam,
  response: joinApplicationItem,
  refs: { 'params.id': 'joinApplication' },
});

export const declineJoinApplication = contract({
  method: 'POST',
  path: '/api/daily-work/join-applications/:id/decline',
  permission: 'development:write',
  tag: JOIN,
  summary: '不予受理入团申请（说明原因）',
  params: idParam,
  body: z.object({ reason: text('不予受理原因', 2, 200) }),
  response: joinApplicationItem,
  refs: { 'params.id': 'joinApplication' },
});

/* ------------------------------------------------ notices (团员自助 issue 13) */

export const portalNotices = contract({
  method: 'GET',
  path: '/api/daily-work/portal/notices',
  permission: 'self:read',
  tag: PORTAL,
  summary: '我所在团支部收到的通知（只读，最近20条）',
  response: z.array(z.object({ id: z.number(), title: z.string(), publisherName: z.string(), publishedAt: z.string(), body: z.string() })),
});
