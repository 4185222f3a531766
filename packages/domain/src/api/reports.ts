// Contracts of reports up the hierarchy (报送任务) and the reform assessment (改革考核). Issue 6.
import { z } from 'zod';
import { ORG_TYPES } from '../org/types.js';
import { ASSESSMENT_DIRECTIONS, MANUAL_METRIC, SCHEME_STATUSES, SCORING_RULES } from '../stats/assessment.js';
import { FIGURE_KEYS } from '../stats/figures.js';
import { MAX_SECTION_CHARS, REPORT_ACTIONS, REPORT_STATUSES, REPORT_TASK_STATUSES } from '../stats/reports.js';
import { contract, field, idParam, okResponse } from './contract.js';

const TAG = '报送与考核';

const figureKey = z.enum(FIGURE_KEYS, { error: '指标不在指标目录中' }).describe('数据指标');
const figureValue = z.object({
  value: z.number().nullable().describe('数值'),
  numerator: z.number().optional().describe('分子'),
  denominator: z.number().optional().describe('分母'),
});
export const figureSet = z.object({
  asOf: z.string().describe('数据截止日期'),
  takenOn: z.string().optional().describe('取数日期'),
  basis: z.string().describe('数据口径'),
  values: z.partialRecord(figureKey, figureValue).describe('指标数值'),
});
export type FigureSetItem = z.infer<typeof figureSet>;

const section = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, '部分编码应为小写字母开头的字母、数字或下划线').describe('部分编码'),
  title: field.text('部分标题', 1, 40),
  hint: field.optionalText('填写提示', 200),
});

const orgRef = z.object({ id: z.number(), name: z.string() });
const progress = z.object({
  total: z.number(),
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  accepted: z.number(),
  reported: z.number(),
  rate: z.number().nullable(),
});

export const taskItem = z.object({
  id: z.number(),
  issuer: orgRef,
  title: z.string(),
  period: z.string(),
  deadline: z.string(),
  status: z.enum(REPORT_TASK_STATUSES),
  createdAt: z.string(),
  /** The caller issued it (scope contains the issuer): progress is over the visible submissions. */
  isIssuer: z.boolean(),
  progress: progress.nullable(),
  /** The caller's own report for this task, when the caller's organization is a recipient. */
  mine: z.object({ id: z.number(), orgName: z.string(), status: z.enum(REPORT_STATUSES) }).nullable(),
});
export type TaskItem = z.infer<typeof taskItem>;

export const submissionItem = z.object({
  id: z.number(),
  org: orgRef,
  status: z.enum(REPORT_STATUSES),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  updatedAt: z.string(),
  late: z.boolean(),
});
export type SubmissionItem = z.infer<typeof submissionItem>;

export const taskDetail = taskItem.extend({
  sections: z.array(z.object({ key: z.string(), title: z.string(), hint: z.string().nullish() })),
  figures: z.array(figureKey),
  submissions: z.array(submissionItem),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const listTasks = contract({
  method: 'GET',
  path: '/api/reports/tasks',
  permission: 'stats:read',
  tag: TAG,
  summary: '报送任务：本级及下级发布的任务和上级下发给本单位的任务（年度：发布或截止在该年）',
  query: z.object({
    status: z.enum(REPORT_TASK_STATUSES).optional().describe('任务状态'),
    year: field.yearQuery(),
  }),
  response: z.array(taskItem),
});

export const getTask = contract({
  method: 'GET',
  path: '/api/reports/tasks/:id',
  permission: 'stats:read',
  tag: TAG,
  summary: '报送任务详情与报送进度（谁已报送、谁未报送）',
  params: idParam,
  response: taskDetail,
  refs: { 'params.id': 'reportTask' },
});

export const issueTask = contract({
  method: 'POST',
  path: '/api/reports/tasks',
  permission: 'org:manage',
  tag: TAG,
  summary: '发布报送任务：为每个下级组织生成一份待填报告',
  body: z.object({
    orgId: field.id('发布单位'),
    title: field.text('任务名称', 2, 60),
    period: field.text('报送期间', 2, 30),
    deadline: field.date('截止日期'),
    sections: z.array(section).min(1, '至少需要一个文字部分').max(20, '文字部分不能超过20个').describe('文字部分'),
    figures: z.array(figureKey).max(FIGURE_KEYS.length).describe('数据指标'),
    recipientTypes: z.array(z.enum(ORG_TYPES)).optional().describe('报送单位类型'),
  }),
  response: z.object({ id: z.number(), recipients: z.number() }),
  refs: { 'body.orgId': 'org' },
});

export const closeTask = contract({
  method: 'POST',
  path: '/api/reports/tasks/:id/close',
  permission: 'org:manage',
  tag: TAG,
  summary: '结束报送任务（不再接受填写、报送和退回）',
  params: idParam,
  body: z.object({}),
  response: okResponse,
  refs: { 'params.id': 'reportTask' },
});

export const submissionDetail = submissionItem.extend({
  task: taskItem.pick({ id: true, issuer: true, title: true, period: true, deadline: true, status: true }),
  sectionsTemplate: taskDetail.shape.sections,
  texts: z.record(z.string(), z.string()),
  figureKeys: z.array(figureKey),
  /** Frozen at submission; until then computed live as of the deadline (or today). */
  figures: figureSet,
  figuresFrozen: z.boolean(),
  isIssuer: z.boolean(),
  isRecipient: z.boolean(),
  /** Each action with the reasons it is refused now (empty = allowed). */
  actions: z.array(z.object({ action: z.enum(REPORT_ACTIONS), problems: z.array(z.string()) })),
  nextStep: z.string(),
});
export type SubmissionDetail = z.infer<typeof submissionDetail>;

export const getSubmission = contract({
  method: 'GET',
  path: '/api/reports/submissions/:id',
  permission: 'stats:read',
  tag: TAG,
  summary: '一份报告：各部分文字和数据指标',
  params: idParam,
  response: submissionDetail,
  refs: { 'params.id': 'reportSubmission' },
});

export const saveSubmission = contract({
  method: 'PUT',
  path: '/api/reports/submissions/:id',
  permission: 'org:edit',
  tag: TAG,
  summary: '保存报告文字（草稿或被退回的报告）',
  params: idParam,
  body: z.object({
    texts: z
      .record(z.string().describe('部分编码'), z.string().max(MAX_SECTION_CHARS, `每部分不能超过${MAX_SECTION_CHARS}个字`).describe('部分内容'))
      .describe('各部分内容'),
  }),
  response: okResponse,
  refs: { 'params.id': 'reportSubmission' },
});

export const submitSubmission = contract({
  method: 'POST',
  path: '/api/reports/submissions/:id/submit',
  permission: 'org:edit',
  tag: TAG,
  summary: '报送：数据指标按截止日期（或今天）取数并冻结',
  params: idParam,
  body: z.object({
    texts: z
      .record(z.string().describe('部分编码'), z.string().max(MAX_SECTION_CHARS, `每部分不能超过${MAX_SECTION_CHARS}个字`).describe('部分内容'))
      .optional()
      .describe('各部分内容'),
  }),
  response: okResponse,
  refs: { 'params.id': 'reportSubmission' },
});

export const returnSubmission = contract({
  method: 'POST',
  path: '/api/reports/submissions/:id/return',
  permission: 'org:manage',
  tag: TAG,
  summary: '退回修改（须说明原因）',
  params: idParam,
  body: z.object({ reason: field.text('退回原因', 2, 500, '请填写退回原因（至少2个字）') }),
  response: okResponse,
  refs: { 'params.id': 'reportSubmission' },
});

export const acceptSubmission = contract({
  method: 'POST',
  path: '/api/reports/submissions/:id/accept',
  permission: 'org:manage',
  tag: TAG,
  summary: '接收报告',
  params: idParam,
  body: z.object({}),
  response: okResponse,
  refs: { 'params.id': 'reportSubmission' },
});

export const compiledReport = z.object({
  task: taskItem.pick({ id: true, issuer: true, title: true, period: true, deadline: true, status: true }),
  figureKeys: z.array(figureKey),
  sections: taskDetail.shape.sections,
  included: z.array(
    z.object({ id: z.number(), org: orgRef, status: z.enum(REPORT_STATUSES), submittedAt: z.string().nullable(), figures: figureSet, texts: z.record(z.string(), z.string()) }),
  ),
  missing: z.array(z.object({ id: z.number(), org: orgRef, status: z.enum(REPORT_STATUSES) })),
  total: figureSet.shape.values,
});
export type CompiledReport = z.infer<typeof compiledReport>;

export const compileTask = contract({
  method: 'GET',
  path: '/api/reports/tasks/:id/compiled',
  permission: 'stats:read',
  tag: TAG,
  summary: '汇编：已报送和已接收的报告合成一份（数据汇总表和各部分文字）',
  readReplica: true,
  params: idParam,
  response: compiledReport,
  refs: { 'params.id': 'reportTask' },
});

export const exportCompiled = contract({
  method: 'GET',
  path: '/api/reports/tasks/:id/export',
  permission: 'stats:read',
  tag: TAG,
  summary: '汇编导出 Excel：数据汇总表一张、每个文字部分一张',
  readReplica: true,
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'reportTask' },
});

/* --------------------------------------------------------------- assessment */

/** A figure of the catalogue, or a manual indicator scored by the assessing committee. */
const indicatorMetric = z.union([figureKey, z.literal(MANUAL_METRIC)], { error: '数据来源无效' }).describe('数据来源');

const indicator = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, '指标编码应为小写字母开头的字母、数字或下划线').describe('指标编码'),
  label: field.text('指标名称', 2, 40),
  metric: indicatorMetric,
  rule: z.string().trim().max(500, '评分细则不能超过500个字').optional().describe('评分细则'),
  weight: z.number({ error: '请填写权重' }).positive('权重应大于0').max(100, '权重不能超过100').describe('权重'),
  target: z.number({ error: '请填写目标值' }).min(0, '目标值不能为负数').max(10_000, '目标值过大').describe('目标值'),
  direction: z.enum(ASSESSMENT_DIRECTIONS).default('higher').describe('方向'),
  scoring: z.enum(SCORING_RULES, { error: '计分方式无效' }).optional().describe('计分方式'),
  steps: z
    .array(
      z.object({
        value: z.number({ error: '请填写分档的值' }).min(0, '分档的值不能为负数').max(10_000, '分档的值过大').describe('分档的值'),
        score: z.number({ error: '请填写分档得分' }).min(0, '分档得分不能为负数').max(100, '分档得分不能超过100').describe('分档得分'),
      }),
    )
    .max(10, '分档不能超过10档')
    .optional()
    .describe('分档'),
});

export const schemeItem = z.object({
  id: z.number(),
  org: orgRef,
  year: z.number(),
  title: z.string(),
  status: z.enum(SCHEME_STATUSES),
  indicators: z.array(indicator.extend({ direction: z.enum(ASSESSMENT_DIRECTIONS) })),
  /** The caller's scope contains the assessing committee (can edit and publish). */
  isOwner: z.boolean(),
});
export type SchemeItem = z.infer<typeof schemeItem>;

export const listSchemes = contract({
  method: 'GET',
  path: '/api/assessment/schemes',
  permission: 'stats:read',
  tag: TAG,
  summary: '考核方案：本级及下级制定的方案和上级对本单位的考核方案',
  query: z.object({ year: field.yearQuery() }),
  response: z.array(schemeItem),
});

const schemeBody = z.object({
  title: field.text('方案名称', 2, 60),
  indicators: z.array(indicator).min(1, '至少需要一项考核指标').max(20, '考核指标不能超过20项').describe('考核指标'),
});

export const createScheme = contract({
  method: 'POST',
  path: '/api/assessment/schemes',
  permission: 'org:manage',
  tag: TAG,
  summary: '制定考核方案（草稿）',
  body: schemeBody.extend({ orgId: field.id('考核单位'), year: field.yearBody() }),
  response: z.object({ id: z.number() }),
  refs: { 'body.orgId': 'org' },
});

export const updateScheme = contract({
  method: 'PUT',
  path: '/api/assessment/schemes/:id',
  permission: 'org:manage',
  tag: TAG,
  summary: '修改考核方案（仅草稿）',
  params: idParam,
  body: schemeBody,
  response: okResponse,
  refs: { 'params.id': 'assessmentScheme' },
});

export const publishScheme = contract({
  method: 'POST',
  path: '/api/assessment/schemes/:id/publish',
  permission: 'org:manage',
  tag: TAG,
  summary: '发布考核方案',
  params: idParam,
  body: z.object({}),
  response: okResponse,
  refs: { 'params.id': 'assessmentScheme' },
});

const indicatorResult = z.object({
  key: z.string(),
  label: z.string(),
  metric: indicatorMetric,
  rule: z.string().optional(),
  weight: z.number(),
  target: z.number(),
  direction: z.enum(ASSESSMENT_DIRECTIONS),
  scoring: z.enum(SCORING_RULES).optional(),
  steps: z.array(z.object({ value: z.number(), score: z.number() })).optional(),
  actual: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  score: z.number(),
  met: z.boolean(),
  note: z.string().nullable(),
});

export const schemeScores = z.object({
  scheme: schemeItem,
  asOf: z.string(),
  basis: z.string(),
  maxScore: z.number(),
  rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), total: z.number(), rank: z.number(), indicators: z.array(indicatorResult) })),
});
export type SchemeScores = z.infer<typeof schemeScores>;

export const getScores = contract({
  method: 'GET',
  path: '/api/assessment/schemes/:id/scores',
  permission: 'stats:read',
  tag: TAG,
  readReplica: true,
  summary: '考核得分与排名（按下级组织，由数据计算；每项可下钻到实际值）',
  params: idParam,
  response: schemeScores,
  refs: { 'params.id': 'assessmentScheme' },
});

export const exportScores = contract({
  method: 'GET',
  path: '/api/assessment/schemes/:id/export',
  permission: 'stats:read',
  tag: TAG,
  readReplica: true,
  summary: '考核得分导出 Excel',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'assessmentScheme' },
});
