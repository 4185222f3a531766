import { z } from 'zod';
import { ORG_TYPES, SECTORS } from '../org/types.js';
import { CADRE_EMPLOYMENTS, CADRE_TITLES, ESTABLISHMENTS, POST_SOURCES } from '../cadres/codes.js';
import { AGE_BANDS, EDUCATION_GROUPS, POLITICAL_GROUPS } from '../cadres/structure.js';
import { TERM_STATUSES } from '../cadres/terms.js';
import {
  ASSESSMENT_COMPONENTS,
  CANDIDATE_SOURCES,
  ELECTION_KINDS,
  INSPECTION_CONCLUSIONS,
  ELECTION_STATUSES,
  ELECTION_STEPS,
  OBJECTION_STATES,
} from '../cadres/election.js';
import { APPRAISAL_CAMPAIGN_STATUSES, APPRAISAL_KINDS, CADRE_GRADES } from '../cadres/appraisal.js';
import { CADRE_TRAINING_KINDS } from '../cadres/training.js';
import { RESERVE_STATUSES } from '../cadres/reserve.js';
import { CONTACT_METHODS, LIAISON_ROLES } from '../cadres/liaison.js';
import { contract, dateString, idParam, paged, pageQuery, phoneString, field } from './contract.js';

const { id: positiveId, queryId, text, optionalText, date } = field;
const yearQuery = field.yearQuery();
const yearBody = field.yearBody();


/*
 * Cadres and committees (issue 4): the cadre database (团干部信息管理库) with
 * posts and history, composition against the configured pattern, terms and
 * elections (换届) with the full workflow and its documents, 选配, 配备率 /
 * 在岗率 and structure for any subtree with the records behind each figure,
 * appraisal, training, reserve talent and liaisons (一专一站两联).
 * Rules: packages/domain/src/cadres/*.ts. Lists are limited to the caller's
 * scope by the database; `under`/`orgId` narrow them to one subtree.
 */

const TAG = '团干部与换届';
const GENDERS = ['male', 'female'] as const;

const under = queryId('组织').optional();
const actor = text('经办人', 2, 30);

const title = z.enum(CADRE_TITLES, { error: '职务无效' }).describe('职务');
/** A post's title: a built-in code or a title configured in 规则配置 (其他职务, e.g. 团支部书记助理); checked by the server against the rules. */
const postTitle = z.string({ error: '请选择职务' }).trim().min(1, '请选择职务').max(30, '职务不能超过30个字').describe('职务');
const employment = z.enum(CADRE_EMPLOYMENTS, { error: '任职方式应为专职、兼职或挂职' }).describe('任职方式');
const establishment = z.enum(ESTABLISHMENTS, { error: '编制情况应为体制内或体制外' }).describe('编制情况');
const orgType = z.enum(ORG_TYPES, { error: '组织类型无效' }).describe('组织类型');
/** Sectors as a comma-separated list ("village,community" for 村、社区 branches). */
const sectors = z
  .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(SECTORS, { error: '所属领域无效' })))
  .optional()
  .describe('所属领域');

/** One id or several: always a list after validation (each element is aimed by the scope walk). */
const idList = (label: string, max = 500) =>
  z
    .preprocess((v) => (typeof v === 'number' ? [v] : v), z.array(z.number().int().positive(), { error: `请选择${label}` }).min(1, `请至少选择一名${label}`).max(max, `一次最多${max}人`))
    .describe(label);

const rateFigure = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
const countShare = z.object({ count: z.number(), share: z.number().nullable() });

/* ------------------------------------------------------------ cadre records */

export const currentPost = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  employment: z.enum(CADRE_EMPLOYMENTS),
  startOn: z.string(),
  onDuty: z.boolean(),
});

export const cadreItem = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  age: z.number(),
  idNumberMasked: z.string(),
  ethnicity: z.string(),
  education: z.string().nullable(),
  politicalStatus: z.string(),
  phoneMasked: z.string().nullable(),
  workUnit: z.string().nullable(),
  establishment: z.enum(ESTABLISHMENTS),
  civilServant: z.boolean(),
  localResident: z.boolean(),
  /** The organization that manages the record. */
  orgId: z.number(),
  orgName: z.string(),
  personId: z.number().nullable(),
  /** Current posts visible to the caller. */
  posts: z.array(currentPost),
  /** Serving (在岗) in at least one current post. */
  onDuty: z.boolean(),
  /** Grade of the latest closed appraisal visible to the caller. */
  latestGrade: z.enum(CADRE_GRADES).nullable(),
});
export type CadreItem = z.infer<typeof cadreItem>;

export const postItem = z.object({
  id: z.number(),
  cadreId: z.number(),
  cadreName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  employment: z.enum(CADRE_EMPLOYMENTS),
  startOn: z.string(),
  endOn: z.string().nullable(),
  endReason: z.string().nullable(),
  onDuty: z.boolean(),
  source: z.enum(POST_SOURCES),
  electionId: z.number().nullable(),
});
export type PostItem = z.infer<typeof postItem>;

export const cadreDetail = cadreItem.extend({
  /** Full number for callers with person:sensitive, masked otherwise. */
  phone: z.string().nullable(),
  version: z.number(),
  /** Every post, current and ended (history). */
  history: z.array(postItem),
  trainings: z.array(
    z.object({
      trainingId: z.number(),
      /** null when the course was run by a committee outside the caller's scope. */
      title: z.string().nullable(),
      kind: z.enum(CADRE_TRAINING_KINDS).nullable(),
      startOn: z.string().nullable(),
      hours: z.number(),
    }),
  ),
  trainingHoursThisYear: z.number(),
  appraisals: z.array(
    z.object({ campaignId: z.number(), title: z.string().nullable(), year: z.number().nullable(), total: z.number().nullable(), rank: z.number().nullable(), grade: z.enum(CADRE_GRADES).nullable() }),
  ),
  liaisons: z.array(z.object({ id: z.number(), role: z.enum(LIAISON_ROLES), targetName: z.string().nullable(), since: z.string(), until: z.string().nullable() })),
  eligibility: z.object({ age: z.number(), problems: z.array(z.string()), needsAgeException: z.boolean() }),
  can: z.object({ edit: z.boolean(), revealId: z.boolean() }),
});
export type CadreDetail = z.infer<typeof cadreDetail>;

/** Filters that define a set of cadres (holders of current posts under an organization). */
const cadreSetQuery = {
  under,
  title: postTitle.optional(),
  employment: employment.optional(),
  orgType: orgType.optional(),
  sectors,
  onDuty: z.stringbool().optional().describe('在岗'),
  on: dateString.optional().describe('统计日期'),
};
/** Facets that narrow the set to the records behind one figure. */
const facetQuery = {
  ageBand: z.enum(AGE_BANDS, { error: '年龄段无效' }).optional().describe('年龄段'),
  gender: z.enum(GENDERS, { error: '性别应为男或女' }).optional().describe('性别'),
  educationGroup: z.enum(EDUCATION_GROUPS, { error: '学历无效' }).optional().describe('学历'),
  collegeOrAbove: z.stringbool().optional().describe('大专及以上'),
  politicalGroup: z.enum(POLITICAL_GROUPS, { error: '政治面貌无效' }).optional().describe('政治面貌'),
  establishment: establishment.optional(),
  civilServant: z.stringbool().optional().describe('公务员'),
};

export const cadreListQuery = z.object({
  ...cadreSetQuery,
  ...facetQuery,
  q: z.string().trim().max(30).optional().describe('姓名或身份证号'),
  /** Cadres flagged with this programme (西部计划…, 规则配置 → 专项计划; registries-small). */
  program: z.string().trim().max(30).optional().describe('专项计划'),
  /** true: records without a current post (former cadres, deputies, candidates). */
  withoutPost: z.stringbool().optional().describe('无现任职务'),
  ...pageQuery,
});

export const listCadres = contract({
  method: 'GET',
  path: '/api/cadres',
  permission: 'person:read',
  tag: TAG,
  summary: '团干部名册（现任职务；可按职务、任职方式、在岗、年龄段、学历、政治面貌、编制等筛选；身份证号、电话已脱敏）',
  query: cadreListQuery,
  response: paged(cadreItem),
  refs: { 'query.under': 'org' },
});

export const exportCadres = contract({
  method: 'GET',
  path: '/api/cadres/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出团干部名册（Excel，按当前筛选条件；脱敏）',
  query: cadreListQuery.omit({ page: true, pageSize: true }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const getCadre = contract({
  method: 'GET',
  path: '/api/cadres/:id',
  permission: 'person:read',
  tag: TAG,
  summary: '团干部详情：任职经历、培训记录、考核结果、联系对象、任职资格',
  params: idParam,
  response: cadreDetail,
  refs: { 'params.id': 'cadre' },
});

export const revealCadreIdNumber = contract({
  method: 'GET',
  path: '/api/cadres/:id/id-number',
  permission: 'person:sensitive',
  tag: TAG,
  summary: '查看团干部完整身份证号（记入操作日志）',
  params: idParam,
  response: z.object({ idNumber: z.string() }),
  refs: { 'params.id': 'cadre' },
});

const cadreFields = {
  name: z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不能超过30个字').describe('姓名'),
  gender: z.enum(GENDERS, { error: '性别应为男或女' }).describe('性别'),
  idNumber: z.string().trim().describe('身份证号'),
  ethnicity: z.string().regex(/^\d{2}$/, '民族代码无效').describe('民族'),
  education: z.string().regex(/^\d{2}$/, '学历代码无效').nullish().describe('学历'),
  politicalStatus: z.string().regex(/^\d{2}$/, '政治面貌代码无效').describe('政治面貌'),
  phone: phoneString.nullish().describe('联系电话'),
  workUnit: optionalText('工作单位及职务', 100),
  establishment,
  civilServant: z.boolean().describe('公务员'),
  localResident: z.boolean().describe('本地户籍或在本地居住、工作'),
};

export const createCadre = contract({
  method: 'POST',
  path: '/api/cadres',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记团干部（可从青年名册选人，姓名、身份证号等取自名册）',
  body: z.object({
    orgId: positiveId('管理组织'),
    personId: positiveId('名册中的人员').optional(),
    ...cadreFields,
    name: cadreFields.name.optional(),
    gender: cadreFields.gender.optional(),
    idNumber: cadreFields.idNumber.optional(),
    ethnicity: cadreFields.ethnicity.optional(),
    politicalStatus: cadreFields.politicalStatus.optional(),
    civilServant: cadreFields.civilServant.default(false),
    localResident: cadreFields.localResident.default(true),
  }),
  response: cadreDetail,
  refs: { 'body.orgId': 'org', 'body.personId': 'person' },
});

export const updateCadre = contract({
  method: 'PATCH',
  path: '/api/cadres/:id',
  permission: 'org:edit',
  tag: TAG,
  summary: '修改团干部信息',
  params: idParam,
  body: z.object({ ...cadreFields, version: z.number().int().describe('版本号') }).partial().required({ version: true }),
  response: cadreDetail,
  refs: { 'params.id': 'cadre' },
});

export const addPost = contract({
  method: 'POST',
  path: '/api/cadres/:id/posts',
  permission: 'org:edit',
  tag: TAG,
  summary: '任职：在团委或团支部担任职务（一人可任多职；校验年龄、政治面貌、书记职数）',
  params: idParam,
  body: z.object({
    orgId: positiveId('任职组织'),
    title: postTitle,
    employment,
    startOn: date('任职日期'),
    ageExceptionReason: optionalText('超龄任职的特殊情况说明', 200),
  }),
  response: cadreDetail,
  refs: { 'params.id': 'cadre', 'body.orgId': 'org' },
});

export const endPost = contract({
  method: 'POST',
  path: '/api/cadre-posts/:id/end',
  permission: 'org:edit',
  tag: TAG,
  summary: '免职/离任（保留任职经历）',
  params: idParam,
  body: z.object({ endOn: date('离任日期'), reason: text('离任原因', 2, 100) }),
  response: postItem,
  refs: { 'params.id': 'cadrePost' },
});

export const setPostDuty = contract({
  method: 'POST',
  path: '/api/cadre-posts/:id/duty',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记在岗/不在岗（在岗率）',
  params: idParam,
  body: z.object({ onDuty: z.boolean({ error: '请选择是否在岗' }).describe('在岗') }),
  response: postItem,
  refs: { 'params.id': 'cadrePost' },
});

/* --------------------------------------------------------- rates, structure */

const rateFilters = {
  orgId: queryId('组织'),
  orgType: orgType.optional(),
  sectors,
};

export const ratesResponse = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  on: z.string(),
  /** 配备率: organizations that should have a secretary and have one. */
  staffing: rateFigure,
  /** 在岗率: cadres serving ÷ cadres on record. */
  onDuty: rateFigure,
  children: z.array(z.object({ orgId: z.number(), orgName: z.string(), staffing: rateFigure, onDuty: rateFigure })),
  /** The same rates by the organizations' sector (village, community, school…): sectors with organizations or cadres only. */
  bySector: z.array(z.object({ sector: z.enum(SECTORS), staffing: rateFigure, onDuty: rateFigure })),
});

export const getRates = contract({
  method: 'GET',
  path: '/api/cadres/rates',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '配备率、在岗率（子树，按下级组织分列）',
  query: z.object(rateFilters),
  response: ratesResponse,
  refs: { 'query.orgId': 'org' },
});

export const staffingOrg = z.object({
  orgId: z.number(),
  orgName: z.string(),
  type: z.enum(ORG_TYPES),
  sector: z.enum(SECTORS),
  parentName: z.string().nullable(),
  secretaryId: z.number().nullable(),
  secretaryName: z.string().nullable(),
  secretaryOnDuty: z.boolean().nullable(),
  /** When the last secretary left (vacancies with history). */
  vacantSince: z.string().nullable(),
});

const staffingQuery = z.object({ ...rateFilters, staffed: z.stringbool().optional().describe('已配备书记') });

export const listStaffing = contract({
  method: 'GET',
  path: '/api/cadres/rates/orgs',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '配备率明细：应配备书记的组织及其书记（staffed=false 为未配备的组织）',
  query: staffingQuery,
  response: z.array(staffingOrg),
  refs: { 'query.orgId': 'org' },
});

export const exportStaffing = contract({
  method: 'GET',
  path: '/api/cadres/rates/orgs/export',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '导出配备率明细（Excel）',
  query: staffingQuery,
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

const structureFigures = z.object({
  total: z.number(),
  averageAge: z.number().nullable(),
  ageBands: z.array(countShare.extend({ band: z.enum(AGE_BANDS), label: z.string() })),
  male: countShare,
  female: countShare,
  education: z.array(countShare.extend({ group: z.enum(EDUCATION_GROUPS), label: z.string() })),
  collegeOrAbove: countShare,
  partyMembers: countShare,
  leagueMembers: countShare,
  outsideEstablishment: countShare,
  insideEstablishment: countShare,
  civilServants: countShare,
  byEmployment: z.array(countShare.extend({ employment: z.enum(CADRE_EMPLOYMENTS) })),
});

export const structureResponse = structureFigures.extend({
  on: z.string(),
  /** Organizations with a current holder in the set. */
  orgs: z.number(),
  /**
   * 对比上届: the same set as it stood on the day before each organization's current term began
   * (the posts' history, ages counted on that day); only organizations with a recorded term and a holder then.
   */
  previous: structureFigures.extend({ orgs: z.number() }).nullable(),
});

export const getStructure = contract({
  method: 'GET',
  path: '/api/cadres/structure',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '队伍结构：平均年龄、年龄段、性别、学历、党员团员、体制内外、公务员（名单见团干部名册同条件筛选）',
  query: z.object({ ...cadreSetQuery, compare: z.stringbool().optional().describe('对比上届') }),
  response: structureResponse,
  refs: { 'query.under': 'org' },
});

/* ------------------------------------------------------ composition, terms */

const violation = z.object({ code: z.string(), severity: z.enum(['error', 'warning']), message: z.string(), cadreId: z.number().optional() });
const compositionCounts = z.object({
  secretaries: z.number(),
  deputies: z.number(),
  partTimeDeputies: z.number(),
  members: z.number(),
  holders: z.number(),
  outside: z.number(),
  onDuty: z.number(),
});

export const compositionResponse = z.object({
  org: z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES) }),
  pattern: z.object({ secretaries: z.number(), partTimeDeputies: z.number(), members: z.number(), outsideShareMin: z.number().nullable() }).nullable(),
  patternText: z.string().nullable(),
  holders: z.array(
    postItem.extend({ age: z.number(), gender: z.enum(GENDERS), establishment: z.enum(ESTABLISHMENTS), politicalStatus: z.string(), education: z.string().nullable() }),
  ),
  counts: compositionCounts,
  outsideShare: z.number().nullable(),
  violations: z.array(violation),
});

export const getComposition = contract({
  method: 'GET',
  path: '/api/cadres/composition',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '班子结构：现任职务与配置标准（如1+1+3、体制外不低于50%、年龄）对照，列出不符合项',
  query: z.object({ orgId: queryId('组织') }),
  response: compositionResponse,
  refs: { 'query.orgId': 'org' },
});

export const compositionIssue = z.object({
  orgId: z.number(),
  orgName: z.string(),
  type: z.enum(ORG_TYPES),
  parentName: z.string().nullable(),
  patternText: z.string().nullable(),
  counts: compositionCounts,
  outsideShare: z.number().nullable(),
  violations: z.array(violation),
});

const compositionIssuesQuery = z.object({ under, severity: z.enum(['error', 'warning'], { error: '级别无效' }).optional().describe('级别') });

export const listCompositionIssues = contract({
  method: 'GET',
  path: '/api/cadres/composition/issues',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '班子结构不符合配置标准的组织（子树）',
  query: compositionIssuesQuery,
  response: z.array(compositionIssue),
  refs: { 'query.under': 'org' },
});

export const exportCompositionIssues = contract({
  method: 'GET',
  path: '/api/cadres/composition/issues/export',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '导出班子结构问题清单（Excel）',
  query: compositionIssuesQuery,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const termItem = z.object({
  orgId: z.number(),
  orgName: z.string(),
  type: z.enum(ORG_TYPES),
  sector: z.enum(SECTORS),
  parentName: z.string().nullable(),
  termId: z.number().nullable(),
  startedOn: z.string().nullable(),
  lengthYears: z.number().nullable(),
  endsOn: z.string().nullable(),
  status: z.enum(TERM_STATUSES),
  yearsOverdue: z.number(),
  electionInProgress: z.object({ id: z.number(), title: z.string(), stage: z.enum(ELECTION_STEPS) }).nullable(),
});

const termsQuery = z.object({ under, status: z.enum(TERM_STATUSES, { error: '任期状态无效' }).optional().describe('任期状态'), orgType: orgType.optional() });

export const listTerms = contract({
  method: 'GET',
  path: '/api/cadres/terms',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '任期与换届：各委员会任期、到期、超期（久未换届）、从未换届',
  query: termsQuery,
  response: z.object({ counts: z.record(z.enum(TERM_STATUSES), z.number()), items: z.array(termItem) }),
  refs: { 'query.under': 'org' },
});

export const exportTerms = contract({
  method: 'GET',
  path: '/api/cadres/terms/export',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '导出任期与换届清单（Excel）',
  query: termsQuery,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const recordTerm = contract({
  method: 'POST',
  path: '/api/cadres/terms',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记一届委员会的任期（历史换届或成立；任期年限默认取规则配置）',
  body: z.object({
    orgId: positiveId('组织'),
    startedOn: date('本届开始日期'),
    lengthYears: z.number().int().min(1, '任期至少1年').max(10, '任期不超过10年').optional().describe('任期（年）'),
  }),
  response: termItem,
  refs: { 'body.orgId': 'org' },
});

/* --------------------------------------------------------------- elections */

const seatLine = z.object({ title, employment, seats: z.number({ error: '请填写名额' }).int().min(1, '名额至少为1名').max(30, '名额不超过30名').describe('名额') });

export const electionItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(ELECTION_KINDS),
  title: z.string(),
  stage: z.enum(ELECTION_STEPS),
  status: z.enum(ELECTION_STATUSES),
  plannedOn: z.string(),
  noticeFrom: z.string().nullable(),
  noticeTo: z.string().nullable(),
  seats: z.array(seatLine),
  candidates: z.number(),
  nextStep: z.enum(ELECTION_STEPS).nullable(),
});
export type ElectionItem = z.infer<typeof electionItem>;

export const candidateItem = z.object({
  id: z.number(),
  cadreId: z.number(),
  name: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  age: z.number(),
  politicalStatus: z.string(),
  education: z.string().nullable(),
  workUnit: z.string().nullable(),
  establishment: z.enum(ESTABLISHMENTS),
  civilServant: z.boolean(),
  localResident: z.boolean(),
  source: z.enum(CANDIDATE_SOURCES),
  postTitle: z.enum(CADRE_TITLES),
  qualified: z.boolean().nullable(),
  qualificationNote: z.string().nullable(),
  /** The automatic checks (age, residence, political status, appraisal) today. */
  eligibility: z.array(z.string()),
  needsAgeException: z.boolean(),
  objection: z.string().nullable(),
  objectionState: z.enum(OBJECTION_STATES),
  votes: z.number().nullable(),
  elected: z.boolean().nullable(),
  /** 选配 考试考察 as recorded (null until then) and its total (mean of the scored components). */
  assessment: z
    .object({
      written: z.number().nullish(),
      interview: z.number().nullish(),
      speech: z.number().nullish(),
      inspection: z.enum(INSPECTION_CONCLUSIONS).nullish(),
      inspectionNote: z.string().nullish(),
      total: z.number().nullable(),
    })
    .nullable(),
});
export type CandidateItem = z.infer<typeof candidateItem>;

export const electionStepItem = z.object({ id: z.number(), step: z.string(), actedOn: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()), recordedAt: z.string() });

export const electionDetail = electionItem.extend({
  orgType: z.enum(ORG_TYPES),
  candidateList: z.array(candidateItem),
  steps: z.array(electionStepItem),
  seatsTotal: z.number(),
  /** Candidates needed for the 差额 vote (elections), null for a selection. */
  differentialMinimum: z.number().nullable(),
  democraticShare: z.number().nullable(),
  finalCount: z.number(),
  publicNoticeDays: z.number(),
  /** The 考试考察 components this election uses (a selection, per the rules; empty for an election). */
  assessmentComponents: z.array(z.enum(ASSESSMENT_COMPONENTS)),
  next: z.object({ step: z.enum(ELECTION_STEPS).nullable(), blockers: z.array(z.string()), earliestOn: z.string().nullable() }),
  can: z.object({ addCandidates: z.boolean(), qualify: z.boolean(), record: z.boolean(), approve: z.boolean(), cancel: z.boolean(), objections: z.boolean() }),
});
export type ElectionDetail = z.infer<typeof electionDetail>;

export const listElections = contract({
  method: 'GET',
  path: '/api/elections',
  permission: 'person:read',
  tag: TAG,
  summary: '换届选举与选配',
  query: z.object({
    under,
    kind: z.enum(ELECTION_KINDS, { error: '类别无效' }).optional().describe('类别'),
    status: z.enum(ELECTION_STATUSES, { error: '状态无效' }).optional().describe('状态'),
    ...pageQuery,
  }),
  response: paged(electionItem),
  refs: { 'query.under': 'org' },
});

export const planElection = contract({
  method: 'POST',
  path: '/api/elections',
  permission: 'org:edit',
  tag: TAG,
  summary: '制定换届选举或选配方案（职务与名额），开始推荐人选',
  body: z.object({
    orgId: positiveId('组织'),
    kind: z.enum(ELECTION_KINDS, { error: '类别应为换届选举或选配' }).describe('类别'),
    title: text('名称', 4, 100),
    plannedOn: date('方案日期'),
    seats: z.array(seatLine, { error: '请设置职务及名额' }).min(1, '请至少设置一个职务及名额').max(10).describe('职务及名额'),
    actor,
  }),
  response: electionDetail,
  refs: { 'body.orgId': 'org' },
});

export const getElection = contract({
  method: 'GET',
  path: '/api/elections/:id',
  permission: 'person:read',
  tag: TAG,
  summary: '换届选举（选配）详情：人选、各步记录、下一步及受阻原因',
  params: idParam,
  response: electionDetail,
  refs: { 'params.id': 'election' },
});

export const addCandidate = contract({
  method: 'POST',
  path: '/api/elections/:id/candidates',
  permission: 'org:edit',
  tag: TAG,
  summary: '推荐人选（组织推荐、民主推荐、个人自荐）',
  params: idParam,
  body: z.object({
    cadreId: positiveId('人选'),
    source: z.enum(CANDIDATE_SOURCES, { error: '推荐方式应为组织推荐、民主推荐或个人自荐' }).describe('推荐方式'),
    postTitle: title,
  }),
  response: electionDetail,
  refs: { 'params.id': 'election', 'body.cadreId': 'cadre' },
});

export const recordElectionStep = contract({
  method: 'POST',
  path: '/api/elections/:id/steps',
  permission: 'org:edit',
  tag: TAG,
  summary: '办理下一步：结束推荐、结束资格审查、考试考察（选配）、党委研究、发布公示、选举投票（上级审批另见 approve）',
  params: idParam,
  body: z.object({
    step: z.enum(['recommendation', 'qualification', 'assessment', 'party_decision', 'notice', 'vote'], { error: '步骤无效' }).describe('步骤'),
    actedOn: date('办理日期'),
    actor,
    note: optionalText('说明', 500),
    noticeFrom: date('公示开始日期').optional(),
    entitled: z.number().int().min(0).max(100_000).optional().describe('应到会有选举权人数'),
    present: z.number().int().min(0).max(100_000).optional().describe('实到会人数'),
    ballotsIssued: z.number().int().min(0).max(100_000).optional().describe('发出选票'),
    ballotsReturned: z.number().int().min(0).max(100_000).optional().describe('收回选票'),
    invalidBallots: z.number().int().min(0).max(100_000).optional().describe('无效票'),
    /** Vote: the standing candidates and, at the same positions, their votes. */
    candidateIds: idList('候选人', 100).optional(),
    votes: z.array(z.number().int().min(0).max(100_000)).max(100).optional().describe('得票数'),
    /** 选配 考试考察: the standing candidates (candidateIds) and, at the same positions, their record. */
    assessments: z
      .array(
        z.object({
          written: z.number().min(0, '笔试成绩应在0至100分之间').max(100, '笔试成绩应在0至100分之间').nullish().describe('笔试成绩'),
          interview: z.number().min(0, '面试成绩应在0至100分之间').max(100, '面试成绩应在0至100分之间').nullish().describe('面试成绩'),
          speech: z.number().min(0, '演讲成绩应在0至100分之间').max(100, '演讲成绩应在0至100分之间').nullish().describe('演讲成绩'),
          inspection: z.enum(INSPECTION_CONCLUSIONS, { error: '考察结论应为优秀、合格、基本合格或不合格' }).nullish().describe('考察结论'),
          inspectionNote: optionalText('考察意见', 500),
        }),
      )
      .max(100)
      .optional()
      .describe('考试考察'),
  }),
  response: electionDetail,
  refs: { 'params.id': 'election', 'body.candidateIds': 'electionCandidate' },
});

export const approveElection = contract({
  method: 'POST',
  path: '/api/elections/:id/approve',
  permission: 'membership:approve',
  tag: TAG,
  summary: '上级团委审批：当选（选配）人员任职，换届的开始新一届任期、原任职务终止',
  params: idParam,
  body: z.object({ actedOn: date('批准日期'), actor, note: optionalText('批复意见', 500) }),
  response: electionDetail,
  refs: { 'params.id': 'election' },
});

export const cancelElection = contract({
  method: 'POST',
  path: '/api/elections/:id/cancel',
  permission: 'org:edit',
  tag: TAG,
  summary: '取消换届选举（选配）',
  params: idParam,
  body: z.object({ reason: text('取消原因', 2, 300), actor }),
  response: electionDetail,
  refs: { 'params.id': 'election' },
});

export const ELECTION_DOCUMENT_KINDS = ['notice', 'ballot', 'minutes'] as const;
export type ElectionDocumentKind = (typeof ELECTION_DOCUMENT_KINDS)[number];

export const getElectionDocument = contract({
  method: 'GET',
  path: '/api/elections/:id/document',
  permission: 'person:read',
  tag: TAG,
  summary: '生成文书：公示（notice）、选票（ballot）、选举结果记录（minutes），纯文本与可打印 HTML',
  params: idParam,
  query: z.object({ kind: z.enum(ELECTION_DOCUMENT_KINDS, { error: '文书类别无效' }).default('notice').describe('文书') }),
  response: z.object({ kind: z.enum(ELECTION_DOCUMENT_KINDS), title: z.string(), text: z.string(), html: z.string() }),
  refs: { 'params.id': 'election' },
});

export const qualifyCandidate = contract({
  method: 'POST',
  path: '/api/election-candidates/:id/qualification',
  permission: 'org:edit',
  tag: TAG,
  summary: '资格审查：登记人选是否符合条件（年龄、户籍或居住工作地、政治面貌自动校验）',
  params: idParam,
  body: z.object({
    qualified: z.boolean({ error: '请选择是否符合资格' }).describe('符合资格'),
    note: optionalText('审查意见', 300),
    ageExceptionReason: optionalText('超龄特殊情况说明', 200),
  }),
  response: electionDetail,
  refs: { 'params.id': 'electionCandidate' },
});

export const recordObjection = contract({
  method: 'POST',
  path: '/api/election-candidates/:id/objection',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记公示期间收到的异议',
  params: idParam,
  body: z.object({ receivedOn: date('收到日期'), text: text('异议内容', 2, 500) }),
  response: electionDetail,
  refs: { 'params.id': 'electionCandidate' },
});

export const resolveObjection = contract({
  method: 'POST',
  path: '/api/election-candidates/:id/objection-resolution',
  permission: 'org:edit',
  tag: TAG,
  summary: '异议核实结论（属实的取消人选资格）',
  params: idParam,
  body: z.object({
    actedOn: date('核实日期'),
    upheld: z.boolean({ error: '请选择核实结论' }).describe('反映属实'),
    finding: text('核实情况', 2, 500),
    actor,
  }),
  response: electionDetail,
  refs: { 'params.id': 'electionCandidate' },
});

/* --------------------------------------------------------------- appraisal */

export const appraisalCampaignItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  kind: z.enum(APPRAISAL_KINDS),
  year: z.number(),
  status: z.enum(APPRAISAL_CAMPAIGN_STATUSES),
  weights: z.object({ inner: z.number(), party: z.number(), youth: z.number() }),
  appraised: z.number(),
  scored: z.number(),
});

export const appraisalEntry = z.object({
  cadreId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  posts: z.string(),
  inner: z.number().nullable(),
  party: z.number().nullable(),
  youth: z.number().nullable(),
  total: z.number().nullable(),
  rank: z.number().nullable(),
  grade: z.enum(CADRE_GRADES).nullable(),
});

export const appraisalCampaignDetail = appraisalCampaignItem.extend({
  entries: z.array(appraisalEntry),
  /** Organizations ranked by the average total of their appraised cadres (branches' work ranking). */
  byOrg: z.array(z.object({ orgId: z.number(), orgName: z.string(), count: z.number(), average: z.number().nullable(), rank: z.number().nullable() })),
  can: z.object({ score: z.boolean(), close: z.boolean() }),
});

export const listAppraisalCampaigns = contract({
  method: 'GET',
  path: '/api/cadre-appraisals',
  permission: 'person:read',
  tag: TAG,
  summary: '团干部考核（平时考核、考核评议、述职评议）',
  query: z.object({ under, year: yearQuery }),
  response: z.array(appraisalCampaignItem),
  refs: { 'query.under': 'org' },
});

export const openAppraisalCampaign = contract({
  method: 'POST',
  path: '/api/cadre-appraisals',
  permission: 'membership:approve',
  tag: TAG,
  summary: '开展考核：选定对象（子树内全部书记、全部团干部或指定名单），权重取规则配置',
  body: z.object({
    orgId: positiveId('组织'),
    title: text('名称', 4, 100),
    kind: z.enum(APPRAISAL_KINDS, { error: '考核类别无效' }).describe('考核类别'),
    year: yearBody,
    target: z.enum(['secretaries', 'cadres', 'listed'], { error: '考核对象无效' }).default('secretaries').describe('考核对象'),
    cadreIds: idList('团干部').optional(),
  }),
  response: appraisalCampaignDetail,
  refs: { 'body.orgId': 'org', 'body.cadreIds': 'cadre' },
});

export const getAppraisalCampaign = contract({
  method: 'GET',
  path: '/api/cadre-appraisals/:id',
  permission: 'person:read',
  tag: TAG,
  summary: '考核详情：三方评分、加权总分、排名、等次，组织排名',
  params: idParam,
  response: appraisalCampaignDetail,
  refs: { 'params.id': 'appraisalCampaign' },
});

export const scoreAppraisal = contract({
  method: 'PUT',
  path: '/api/cadre-appraisals/:id/scores',
  permission: 'membership:approve',
  tag: TAG,
  summary: '录入一名团干部的三方评分（团内述职、党政评价、青年参评，百分制）',
  params: idParam,
  body: z.object({
    cadreId: positiveId('团干部'),
    inner: z.number().int().min(0, '得分不能为负').max(100, '得分不超过100').nullable().describe('团内述职'),
    party: z.number().int().min(0, '得分不能为负').max(100, '得分不超过100').nullable().describe('党政评价'),
    youth: z.number().int().min(0, '得分不能为负').max(100, '得分不超过100').nullable().describe('青年参评'),
  }),
  response: appraisalCampaignDetail,
  refs: { 'params.id': 'appraisalCampaign', 'body.cadreId': 'cadre' },
});

export const closeAppraisalCampaign = contract({
  method: 'POST',
  path: '/api/cadre-appraisals/:id/close',
  permission: 'membership:approve',
  tag: TAG,
  summary: '完成考核：排名并评定等次（优秀、称职、基本称职、不称职）',
  params: idParam,
  body: z.object({}),
  response: appraisalCampaignDetail,
  refs: { 'params.id': 'appraisalCampaign' },
});

export const exportAppraisalCampaign = contract({
  method: 'GET',
  path: '/api/cadre-appraisals/:id/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出考核结果（Excel）',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'appraisalCampaign' },
});

/* ---------------------------------------------------------------- training */

export const trainingItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  kind: z.enum(CADRE_TRAINING_KINDS),
  startOn: z.string(),
  endOn: z.string(),
  hours: z.number(),
  attendees: z.number(),
  attendeeHours: z.number(),
});

export const trainingDetail = trainingItem.extend({
  attendance: z.array(z.object({ cadreId: z.number(), name: z.string(), orgName: z.string(), posts: z.string(), hours: z.number() })),
  can: z.object({ record: z.boolean() }),
});

export const listTrainings = contract({
  method: 'GET',
  path: '/api/trainings',
  permission: 'person:read',
  tag: TAG,
  summary: '团干部培训（青马工程、岗位大练兵、乡镇培训班、基础团务培训）',
  query: z.object({ under, year: yearQuery, kind: z.enum(CADRE_TRAINING_KINDS, { error: '培训类别无效' }).optional().describe('培训类别') }),
  response: z.array(trainingItem),
  refs: { 'query.under': 'org' },
});

export const createTraining = contract({
  method: 'POST',
  path: '/api/trainings',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记培训班',
  body: z.object({
    orgId: positiveId('举办组织'),
    title: text('培训名称', 4, 100),
    kind: z.enum(CADRE_TRAINING_KINDS, { error: '培训类别无效' }).describe('培训类别'),
    startOn: date('开始日期'),
    endOn: date('结束日期'),
    hours: z.number({ error: '请填写学时' }).int().min(1, '学时至少为1').max(500).describe('学时'),
  }),
  response: trainingDetail,
  refs: { 'body.orgId': 'org' },
});

export const getTraining = contract({
  method: 'GET',
  path: '/api/trainings/:id',
  permission: 'person:read',
  tag: TAG,
  summary: '培训详情与参训名单',
  params: idParam,
  response: trainingDetail,
  refs: { 'params.id': 'training' },
});

export const recordAttendance = contract({
  method: 'POST',
  path: '/api/trainings/:id/attendance',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记参训团干部及学时（默认为培训总学时；重复登记则更新学时）',
  params: idParam,
  body: z.object({ cadreIds: idList('团干部'), hours: z.number().int().min(1).max(500).optional().describe('参训学时') }),
  response: trainingDetail,
  refs: { 'params.id': 'training', 'body.cadreIds': 'cadre' },
});

const trainingYearQuery = z.object({ orgId: queryId('组织'), year: yearQuery });

export const getTrainingSummary = contract({
  method: 'GET',
  path: '/api/trainings/summary',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '年度培训情况：班次、人次、学时、在岗团干部参训率',
  query: trainingYearQuery,
  response: z.object({
    year: z.number(),
    courses: z.number(),
    attendances: z.number(),
    hours: z.number(),
    cadresOnDuty: z.number(),
    cadresTrained: z.number(),
    trainedShare: z.number().nullable(),
    byKind: z.array(z.object({ kind: z.enum(CADRE_TRAINING_KINDS), courses: z.number(), attendances: z.number() })),
  }),
  refs: { 'query.orgId': 'org' },
});

export const listUntrained = contract({
  method: 'GET',
  path: '/api/trainings/untrained',
  permission: 'person:read',
  tag: TAG,
  summary: '本年度未参加培训的在岗团干部',
  query: trainingYearQuery,
  response: z.array(cadreItem),
  refs: { 'query.orgId': 'org' },
});

export const exportUntrained = contract({
  method: 'GET',
  path: '/api/trainings/untrained/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出未参训团干部名单（Excel）',
  query: trainingYearQuery,
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

/* ----------------------------------------------------------- reserve talent */

export const reserveItem = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  gender: z.enum(GENDERS),
  age: z.number(),
  politicalStatus: z.string(),
  memberStatus: z.string().nullable(),
  education: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  recommendedBy: z.string(),
  reason: z.string(),
  recommendedOn: z.string(),
  status: z.enum(RESERVE_STATUSES),
  isCurrentCadre: z.boolean(),
});

const reserveQuery = z.object({
  under,
  status: z.enum(RESERVE_STATUSES, { error: '状态无效' }).default('active').describe('状态'),
  /** 28 and under who are league or Party members (the figure 来宾 reports). */
  memberAgeMembers: z.stringbool().optional().describe('28岁及以下团员党员'),
  q: z.string().trim().max(30).optional().describe('姓名'),
});

export const listReserveTalents = contract({
  method: 'GET',
  path: '/api/reserve-talents',
  permission: 'person:read',
  tag: TAG,
  summary: '后备人才库',
  query: reserveQuery.extend(pageQuery),
  response: paged(reserveItem),
  refs: { 'query.under': 'org' },
});

export const exportReserveTalents = contract({
  method: 'GET',
  path: '/api/reserve-talents/export',
  permission: 'person:read',
  tag: TAG,
  summary: '导出后备人才名单（Excel）',
  query: reserveQuery,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const getReserveSummary = contract({
  method: 'GET',
  path: '/api/reserve-talents/summary',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '后备人才统计：总数、35岁及以下、28岁及以下团员党员、党员、现职团干部',
  query: z.object({ orgId: queryId('组织') }),
  response: z.object({
    total: z.number(),
    youth: z.number(),
    memberAge: z.number(),
    memberAgeMembers: z.number(),
    partyMembers: z.number(),
    leagueMembers: z.number(),
    currentCadres: z.number(),
  }),
  refs: { 'query.orgId': 'org' },
});

export const addReserveTalent = contract({
  method: 'POST',
  path: '/api/reserve-talents',
  permission: 'membership:write',
  tag: TAG,
  summary: '推荐后备人才（从青年名册选人，写明推荐人和理由）',
  body: z.object({
    personId: positiveId('青年'),
    recommendedBy: text('推荐人（单位）', 2, 60),
    reason: text('推荐理由', 4, 500),
    recommendedOn: date('推荐日期'),
  }),
  response: reserveItem,
  refs: { 'body.personId': 'person' },
});

export const setReserveStatus = contract({
  method: 'POST',
  path: '/api/reserve-talents/:id/status',
  permission: 'membership:write',
  tag: TAG,
  summary: '后备人才已选用或移出人才库',
  params: idParam,
  body: z.object({ status: z.enum(RESERVE_STATUSES, { error: '状态无效' }).describe('状态') }),
  response: reserveItem,
  refs: { 'params.id': 'reserveTalent' },
});

/* ---------------------------------------------------------------- liaisons */

export const liaisonItem = z.object({
  id: z.number(),
  /** null for a deputy who is not a cadre (an outside deputy of the congress registry). */
  cadreId: z.number().nullable(),
  /** The deputy of the congress registry (团代会代表) for role deputy. */
  deputyId: z.number().nullable(),
  /** The cadre's (or the deputy's) name; null when the record is outside the caller's scope (a committee member above). */
  cadreName: z.string().nullable(),
  role: z.enum(LIAISON_ROLES),
  orgId: z.number(),
  targetOrgId: z.number().nullable(),
  targetOrgName: z.string().nullable(),
  targetPersonId: z.number().nullable(),
  targetPersonName: z.string().nullable(),
  since: z.string(),
  until: z.string().nullable(),
  active: z.boolean(),
  contacts: z.number(),
  lastContactOn: z.string().nullable(),
});

export const liaisonDetail = liaisonItem.extend({
  contactLog: z.array(z.object({ id: z.number(), contactedOn: z.string(), method: z.enum(CONTACT_METHODS), content: z.string() })),
  can: z.object({ record: z.boolean() }),
});

export const listLiaisons = contract({
  method: 'GET',
  path: '/api/liaisons',
  permission: 'person:read',
  tag: TAG,
  summary: '团代表、委员联系团支部和青年（一专一站两联）',
  query: z.object({
    under,
    role: z.enum(LIAISON_ROLES, { error: '类别无效' }).optional().describe('类别'),
    active: z.stringbool().optional().describe('联系中'),
  }),
  response: z.array(liaisonItem),
  refs: { 'query.under': 'org' },
});

export const createLiaison = contract({
  method: 'POST',
  path: '/api/liaisons',
  permission: 'org:edit',
  tag: TAG,
  summary: '建立联系：为团代表或委员指定联系的团支部和（或）青年',
  body: z.object({
    cadreId: positiveId('团代表或委员'),
    role: z.enum(LIAISON_ROLES, { error: '类别应为团代表或团委委员' }).describe('类别'),
    targetOrgId: positiveId('联系的团支部').optional(),
    targetPersonId: positiveId('联系的青年').optional(),
    since: date('开始日期'),
  }),
  response: liaisonDetail,
  refs: { 'body.cadreId': 'cadre', 'body.targetOrgId': 'org', 'body.targetPersonId': 'person' },
});

export const getLiaison = contract({
  method: 'GET',
  path: '/api/liaisons/:id',
  permission: 'person:read',
  tag: TAG,
  summary: '联系详情与联系记录',
  params: idParam,
  response: liaisonDetail,
  refs: { 'params.id': 'liaison' },
});

export const endLiaison = contract({
  method: 'POST',
  path: '/api/liaisons/:id/end',
  permission: 'org:edit',
  tag: TAG,
  summary: '结束联系',
  params: idParam,
  body: z.object({ until: date('结束日期') }),
  response: liaisonDetail,
  refs: { 'params.id': 'liaison' },
});

export const logContact = contract({
  method: 'POST',
  path: '/api/liaisons/:id/contacts',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记一次联系（走访、座谈、电话、网络）',
  params: idParam,
  body: z.object({
    contactedOn: date('联系日期'),
    method: z.enum(CONTACT_METHODS, { error: '联系方式无效' }).describe('联系方式'),
    content: text('联系内容', 4, 1000),
  }),
  response: liaisonDetail,
  refs: { 'params.id': 'liaison' },
});

const coverageQuery = z.object({ orgId: queryId('组织'), year: yearQuery });

export const getLiaisonCoverage = contract({
  method: 'GET',
  path: '/api/liaisons/coverage',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '联系覆盖：有团代表或委员联系的团支部占比、本年度已联系的团支部、联系的青年',
  query: coverageQuery,
  response: z.object({
    year: z.number(),
    branches: z.number(),
    covered: z.number(),
    rate: z.number().nullable(),
    contactedThisYear: z.number(),
    liaisons: z.number(),
    youthAssigned: z.number(),
    contacts: z.number(),
    uncovered: z.array(z.object({ orgId: z.number(), orgName: z.string(), parentName: z.string().nullable() })),
  }),
  refs: { 'query.orgId': 'org' },
});

export const exportUncoveredBranches = contract({
  method: 'GET',
  path: '/api/liaisons/coverage/export',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '导出无人联系的团支部（Excel）',
  query: coverageQuery,
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

/* ---------------------------------------------------------------- overview */

export const cadreOverview = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  on: z.string(),
  cadres: z.number(),
  posts: z.number(),
  staffing: rateFigure,
  onDuty: rateFigure,
  structure: z.object({
    averageAge: z.number().nullable(),
    partyMembers: countShare,
    leagueMembers: countShare,
    collegeOrAbove: countShare,
    male: countShare,
    outsideEstablishment: countShare,
    civilServants: countShare,
  }),
  terms: z.record(z.enum(TERM_STATUSES), z.number()),
  electionsInProgress: z.number(),
  compositionIssues: z.number(),
  training: z.object({ year: z.number(), cadresOnDuty: z.number(), cadresTrained: z.number(), trainedShare: z.number().nullable() }),
  reserve: z.object({ total: z.number(), memberAgeMembers: z.number() }),
  liaison: z.object({ branches: z.number(), covered: z.number(), rate: z.number().nullable() }),
});

export const getCadreOverview = contract({
  method: 'GET',
  path: '/api/cadres/overview',
  permission: 'stats:read',
  readReplica: true,
  tag: TAG,
  summary: '团干部工作概览：配备率、在岗率、结构、换届、培训、后备人才、联系覆盖',
  query: z.object({ orgId: queryId('组织') }),
  response: cadreOverview,
  refs: { 'query.orgId': 'org' },
});
