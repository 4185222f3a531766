import {
  ADMIN_UNIT_KIND_LABELS,
  APPRAISAL_GRADE_LABELS,
  FINDING_STATUS_LABELS,
  LEAVING_KIND_LABELS,
  MEMBERSHIP_EVENT_LABELS,
  PARTY_OUTCOME_LABELS,
  REGISTRATION_STATUS_LABELS,
  REVIEW_RULE_LABELS,
  REVIEW_STATUS_LABELS,
  TRANSFER_INITIATOR_LABELS,
  TRANSFER_STATUS_LABELS,
  DEVELOPMENT_STAGE_LABELS,
  DEVELOPMENT_STEP_LABELS,
  GENDER_LABELS,
  ORG_STATUS_LABELS,
  RECOMMENDATION_KINDS,
  ORG_TYPE_LABELS,
  ROLE_LABELS,
  SCHOOL_STAGE_LABELS,
  SECTOR_LABELS,
  api,
  describeRuleSections,
  educationName,
  ethnicityName,
  maskIdCard,
  maskPhone,
  politicalStatusName,
} from '@tuanjian/domain';
import { formatTime } from './format';
import { CASE_STATUS_LABELS, MEMBER_STATUS_LABELS, REGISTRY_STATUS_LABELS } from './people';
import {
  APPRAISAL_CAMPAIGN_STATUS_LABELS,
  APPRAISAL_KIND_LABELS,
  CADRE_EMPLOYMENT_LABELS,
  CADRE_GRADE_LABELS,
  CADRE_TITLE_LABELS,
  CADRE_TRAINING_KIND_LABELS,
  CANDIDATE_SOURCE_LABELS,
  CONTACT_METHOD_LABELS,
  ELECTION_KIND_LABELS,
  ELECTION_STATUS_LABELS,
  ELECTION_STEP_LABELS,
  ESTABLISHMENT_LABELS,
  LIAISON_ROLE_LABELS,
  POST_SOURCE_LABELS,
  RESERVE_STATUS_LABELS,
} from '@tuanjian/domain';

/**
 * Chinese names of database columns and event fields as they appear in the
 * audit trail (before/after/changed), in one place for every page.
 */
export const COLUMN_LABELS: Record<string, string> = {
  id: '编号',
  // organizations
  parent_id: '上级组织',
  path: '层级路径',
  name: '名称',
  short_name: '简称',
  type: '组织类型',
  sector: '所属领域',
  school_stage: '学段',
  admin_unit_id: '服务的村（社区）',
  founded_on: '成立日期',
  status: '状态',
  dissolved_on: '撤销日期',
  dissolved_reason: '撤销原因',
  contact_name: '联系人',
  contact_phone: '联系电话',
  address: '地址',
  sort_order: '排序',
  version: '版本号',
  created_at: '创建时间',
  updated_at: '更新时间',
  // accounts
  username: '用户名',
  display_name: '姓名',
  phone: '手机号',
  password_hash: '密码',
  role: '角色',
  scope_org_id: '管理范围',
  must_change_password: '须修改初始密码',
  failed_attempts: '连续登录失败次数',
  locked_until: '锁定至',
  last_login_at: '最近登录',
  // admin units
  code: '区划代码',
  kind: '类别',
  township_org_id: '所属乡镇（街道）团组织',
  // rule settings
  section: '规则分组',
  value: '规则值',
  // login events
  reason: '原因',
  failures: '失败次数',
  // people (青年/团员名册)
  org_id: '所在组织',
  gender: '性别',
  id_number: '身份证号',
  birth_date: '出生日期',
  ethnicity: '民族',
  education: '学历',
  political_status: '政治面貌',
  occupation: '工作单位/职业',
  is_student: '在校学生',
  grade: '年级班级',
  registry_status: '登记状态',
  member_no: '团员编号',
  joined_on: '入团时间',
  member_status: '团籍状态',
  left_on: '离团时间',
  left_reason: '离团原因',
  pioneer_joined_on: '入队时间',
  party_joined_on: '入党时间',
  // development_cases (发展程序)
  person_id: '人员',
  branch_id: '所在团支部',
  stage: '所处阶段',
  started_on: '申请日期',
  approved_on: '批准日期',
  flags: '预警',
  flags_reviewed_by: '预警复核',
  flags_reviewed_on: '预警复核日期',
  stop_reason: '终止原因',
  // development_steps (发展步骤)
  case_id: '发展程序',
  step: '步骤',
  acted_on: '办理日期',
  actor: '经办人',
  data: '办理内容',
  recorded_by: '登记账号',
  // development_quotas (发展指标)
  year: '年度',
  amount: '指标数',
  // other registry tables
  from_org_id: '转出组织',
  to_org_id: '转入组织',
  initiated_by: '发起方',
  person_name: '姓名',
  person_id_masked: '身份证号（脱敏）',
  decided_on: '决定日期',
  decided_by: '决定人',
  note: '备注',
  on_date: '日期',
  approved_by: '批准人',
  meeting_on: '会议日期',
  votes_for: '赞成票',
  entitled: '应到会有表决权团员数',
  outcome: '结果',
  outcome_on: '结果日期',
  title: '标题',
  period_from: '起始日期',
  period_to: '截止日期',
  checked: '已检查人数',
  campaign_id: '检查活动',
  rule: '规则',
  detail: '详情',
  // fields inside a development step's data (办理内容)
  hours: '学时',
  points: '积分',
  sponsorIds: '入团介绍人',
  contactMemberId: '培养联系人',
  present: '实到会人数',
  votesFor: '赞成票',
  memberNo: '团员编号',
  // sensitive views
  field: '查看内容',
};

/** Columns named differently in some tables. */
const ENTITY_COLUMN_LABELS: Record<string, Record<string, string>> = {
  people: { name: '姓名', phone: '联系电话', status: '状态' },
  development_cases: { status: '程序状态' },
  development_quotas: { org_id: '组织' },
  cadres: { name: '姓名', org_id: '管理组织', work_unit: '工作单位及职务', establishment: '编制情况', civil_servant: '公务员', local_resident: '本地户籍或在本地居住、工作' },
  // 团员管理 (membership tables)
  transfers: {
    status: '转接状态',
    reason: '转接原因',
    decided_on: '办理日期',
    decided_by: '经办人',
    note: '办理说明',
    kind: '转接类型',
    destination: '毕业去向',
    due_on: '办理期限',
    escalated_on: '逾期上报日期',
    escalated_to_org_id: '上报至组织',
  },
  registrations: { org_id: '办理组织', status: '注册状态', decided_on: '注册日期', note: '备注（原因）' },
  appraisals: { org_id: '评议组织', grade: '评议等次' },
  membership_events: { kind: '变动类型', reason: '原因', on_date: '变动日期' },
  party_recommendations: { org_id: '推荐组织', year: '推荐年度', meeting_on: '支部大会日期', entitled: '有表决权的团员人数', outcome: '党组织结果' },
  review_campaigns: { org_id: '检查范围', title: '检查名称', period_from: '入团日期自', period_to: '入团日期至', status: '检查状态', checked: '检查人数' },
  review_findings: { org_id: '所在组织', rule: '问题类型', detail: '问题', status: '核实结果', note: '核实情况' },
  // 团干部与换届 (cadre tables)
  cadre_posts: { org_id: '任职组织', cadre_id: '团干部', title: '职务', employment: '任职方式', start_on: '任职日期', end_on: '离任日期', end_reason: '离任原因', on_duty: '在岗', source: '产生方式', election_id: '换届选举' },
  committee_terms: { org_id: '组织', started_on: '本届开始日期', length_years: '任期（年）', ended_on: '届满日期', election_id: '换届选举' },
  elections: { org_id: '组织', kind: '类别', title: '名称', stage: '已完成步骤', status: '状态', planned_on: '方案日期', notice_from: '公示开始', notice_to: '公示结束', seats: '职务及名额' },
  election_candidates: { org_id: '组织', election_id: '换届选举', cadre_id: '人选', source: '推荐方式', post_title: '拟任职务', qualified: '符合资格', qualification_note: '审查意见', objection: '异议', votes: '得票数', elected: '当选' },
  election_steps: { org_id: '组织', election_id: '换届选举', step: '步骤', acted_on: '办理日期', actor: '经办人', data: '办理内容' },
  appraisal_campaigns: { org_id: '考核组织', title: '考核名称', kind: '考核类别', year: '年度', status: '状态', weights: '权重' },
  appraisal_scores: { campaign_id: '考核', cadre_id: '团干部', inner_score: '团内述职得分', party_score: '党政评价得分', youth_score: '青年参评得分', total: '总分', rank: '排名', grade: '等次' },
  trainings: { org_id: '举办组织', title: '培训名称', kind: '培训类别', start_on: '开始日期', end_on: '结束日期', hours: '学时' },
  training_attendance: { training_id: '培训', cadre_id: '团干部', hours: '参训学时' },
  reserve_talents: { org_id: '组织', status: '状态', recommended_by: '推荐单位', reason: '推荐理由', recommended_on: '推荐日期' },
  liaisons: { org_id: '组织', cadre_id: '团干部', role: '身份', target_org_id: '联系组织', target_person_id: '联系对象', since: '联系起始', until: '联系截止' },
  liaison_contacts: { liaison_id: '联系关系', contacted_on: '联系日期', method: '联系方式', content: '联系内容' },
};

export function columnLabel(column: string, entity?: string): string {
  return (entity ? ENTITY_COLUMN_LABELS[entity]?.[column] : undefined) ?? COLUMN_LABELS[column] ?? RULE_FIELD_LABELS[column] ?? column;
}

const RULE_SECTIONS = describeRuleSections();
export const RULE_SECTION_TITLES: Record<string, string> = Object.fromEntries(RULE_SECTIONS.map((s) => [s.section, s.title]));
const RULE_FIELD_LABELS: Record<string, string> = Object.fromEntries(RULE_SECTIONS.flatMap((s) => s.fields.map((f) => [f.key, f.label])));

/** Columns holding the id of another record (shown as such, the log keeps no names). */
const REFERENCE_COLUMNS = new Set([
  'parent_id',
  'scope_org_id',
  'township_org_id',
  'admin_unit_id',
  'org_id',
  'person_id',
  'branch_id',
  'case_id',
  'recorded_by',
  'from_org_id',
  'to_org_id',
  'campaign_id',
  'contactMemberId',
  'sponsorIds',
  'cadre_id',
  'election_id',
  'training_id',
  'liaison_id',
  'target_org_id',
  'target_person_id',
]);

export const ACCOUNT_STATUS_LABELS: Record<string, string> = { active: '启用', disabled: '停用' };

/** Labels for coded values, by column (status depends on the table). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  type: ORG_TYPE_LABELS,
  sector: SECTOR_LABELS,
  school_stage: SCHOOL_STAGE_LABELS,
  role: ROLE_LABELS,
  kind: ADMIN_UNIT_KIND_LABELS,
  section: RULE_SECTION_TITLES,
  gender: GENDER_LABELS,
  left_reason: LEAVING_KIND_LABELS,
};

/** Coded values whose meaning depends on the table. */
const ENTITY_VALUE_LABELS: Record<string, Record<string, Record<string, string>>> = {
  accounts: { status: ACCOUNT_STATUS_LABELS },
  organizations: { status: ORG_STATUS_LABELS },
  people: { member_status: MEMBER_STATUS_LABELS, registry_status: REGISTRY_STATUS_LABELS },
  development_cases: { status: CASE_STATUS_LABELS, stage: DEVELOPMENT_STAGE_LABELS },
  development_steps: { step: DEVELOPMENT_STEP_LABELS, kind: RECOMMENDATION_KINDS },
  transfers: { status: TRANSFER_STATUS_LABELS, initiated_by: TRANSFER_INITIATOR_LABELS },
  registrations: { status: REGISTRATION_STATUS_LABELS },
  appraisals: { grade: APPRAISAL_GRADE_LABELS },
  membership_events: { kind: MEMBERSHIP_EVENT_LABELS },
  party_recommendations: { outcome: PARTY_OUTCOME_LABELS },
  review_campaigns: { status: REVIEW_STATUS_LABELS },
  review_findings: { rule: REVIEW_RULE_LABELS, status: FINDING_STATUS_LABELS },
  cadres: { establishment: ESTABLISHMENT_LABELS },
  cadre_posts: { title: CADRE_TITLE_LABELS, employment: CADRE_EMPLOYMENT_LABELS, source: POST_SOURCE_LABELS },
  elections: { kind: ELECTION_KIND_LABELS, stage: ELECTION_STEP_LABELS, status: ELECTION_STATUS_LABELS },
  election_candidates: { source: CANDIDATE_SOURCE_LABELS, post_title: CADRE_TITLE_LABELS },
  election_steps: { step: ELECTION_STEP_LABELS },
  appraisal_campaigns: { kind: APPRAISAL_KIND_LABELS, status: APPRAISAL_CAMPAIGN_STATUS_LABELS },
  appraisal_scores: { grade: CADRE_GRADE_LABELS },
  trainings: { kind: CADRE_TRAINING_KIND_LABELS },
  reserve_talents: { status: RESERVE_STATUS_LABELS },
  liaisons: { role: LIAISON_ROLE_LABELS },
  liaison_contacts: { method: CONTACT_METHOD_LABELS },
};

/** Code lists stored by code in the registries. */
const CODE_NAMES: Record<string, (code: string) => string | undefined> = {
  ethnicity: ethnicityName,
  education: educationName,
  political_status: politicalStatusName,
};

/** Names of the audited tables (entities), for the log's filter and rows: the domain's one table. */
export const ENTITY_LABELS: Record<string, string> = api.AUDIT_ENTITY_LABELS;

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function actionLabel(action: string): string {
  return (api.AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** A before/after value as a user reads it. */
export function formatAuditValue(entity: string, column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    return value.map((v) => formatAuditValue(entity, column, v)).join(REFERENCE_COLUMNS.has(column) ? '、' : '；');
  }
  if (REFERENCE_COLUMNS.has(column)) return `编号 ${String(value)}`;
  // Registry records: the log is read by more people than may see full ID numbers and phones.
  if (column === 'id_number' && typeof value === 'string') return maskIdCard(value);
  if (column === 'phone' && typeof value === 'string' && entity !== 'accounts') return maskPhone(value);
  if (column === 'field' && typeof value === 'string') return columnLabel(value);
  if (typeof value === 'string') {
    const labels = ENTITY_VALUE_LABELS[entity]?.[column] ?? VALUE_LABELS[column];
    if (labels?.[value]) return labels[value]!;
    const named = CODE_NAMES[column]?.(value);
    if (named) return named;
    if (/_at$|^locked_until$/.test(column)) return formatTime(value);
    return value;
  }
  if (typeof value === 'object') {
    // Rule settings are stored as one object per section.
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${columnLabel(k, entity)}：${formatAuditValue(entity, k, v)}`)
      .join('；');
  }
  return String(value);
}
