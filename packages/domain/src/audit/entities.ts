/**
 * The audited tables as users know them: the Chinese name of each kind of
 * record and how a record is labelled in the 操作日志 (its own name or title,
 * or the name of the person, cadre, organization or parent record it belongs
 * to). The server reads the label from the live record and falls back to the
 * logged values when the record is gone.
 */
export type AuditLabelSource =
  /** A column of the record itself. */
  | { col: string }
  /** A column of the record another column points to: `{ via: 'person_id', table: 'people', col: 'name' }`. */
  | { via: string; table: string; col: string };

export interface AuditEntityInfo {
  label: string;
  /** Tried in order; the first that gives a value labels the record. */
  text: readonly AuditLabelSource[];
  /** An event with no table of its own (tj_audit_event): labelled from the logged values only. */
  event?: true;
}

const person = { via: 'person_id', table: 'people', col: 'name' } as const;
const cadre = { via: 'cadre_id', table: 'cadres', col: 'name' } as const;
const org = { via: 'org_id', table: 'organizations', col: 'name' } as const;
const col = (c: string) => ({ col: c });

export const AUDIT_ENTITIES: Record<string, AuditEntityInfo> = {
  organizations: { label: '组织', text: [col('name')] },
  admin_units: { label: '村（社区）', text: [col('name')] },
  accounts: { label: '账号', text: [col('display_name'), col('username')] },
  rule_settings: { label: '规则配置', text: [col('section')] },
  people: { label: '人员', text: [col('name')] },
  development_cases: { label: '发展程序', text: [person] },
  development_steps: { label: '发展步骤', text: [] },
  development_quotas: { label: '发展指标', text: [org] },
  transfers: { label: '组织关系转接', text: [person] },
  registrations: { label: '团籍注册', text: [person] },
  registration_requests: { label: '团员自助注册', text: [col('personName')], event: true },
  appraisals: { label: '教育评议', text: [person] },
  membership_events: { label: '团籍变动', text: [person] },
  party_recommendations: { label: '推优入党', text: [person] },
  review_campaigns: { label: '“回头看”', text: [col('title')] },
  review_findings: { label: '“回头看”发现', text: [person] },
  cadres: { label: '团干部', text: [col('name')] },
  cadre_posts: { label: '团干部职务', text: [cadre, col('title')] },
  committee_terms: { label: '委员会届次', text: [org] },
  elections: { label: '换届选举', text: [col('title')] },
  election_candidates: { label: '候选人', text: [cadre] },
  election_steps: { label: '选举步骤', text: [{ via: 'election_id', table: 'elections', col: 'title' }] },
  appraisal_campaigns: { label: '团干部考核', text: [col('title')] },
  appraisal_scores: { label: '考核评分', text: [cadre] },
  trainings: { label: '培训', text: [col('title')] },
  training_attendance: { label: '培训参训', text: [cadre] },
  reserve_talents: { label: '后备人才', text: [person] },
  liaisons: { label: '联系服务', text: [cadre, { via: 'deputy_id', table: 'congress_deputies', col: 'name' }] },
  liaison_contacts: { label: '联系记录', text: [] },
  meetings: { label: '会议', text: [col('topic')] },
  meeting_attendance: { label: '参会记录', text: [person] },
  attachments: { label: '附件', text: [col('file_name')] },
  venues: { label: '团属阵地', text: [col('name')] },
  activities: { label: '团的活动', text: [col('theme')] },
  activity_participants: { label: '活动参与', text: [person] },
  volunteer_teams: { label: '志愿服务队', text: [col('name')] },
  volunteers: { label: '志愿者', text: [col('name'), person] },
  service_projects: { label: '志愿服务项目', text: [col('title')] },
  service_records: { label: '志愿服务记录', text: [{ via: 'volunteer_id', table: 'volunteers', col: 'name' }] },
  study_rounds: { label: '青年大学习', text: [col('title')] },
  study_participation: { label: '青年大学习参学', text: [org] },
  aid_projects: { label: '帮扶项目', text: [col('title')] },
  aid_beneficiaries: { label: '帮扶对象', text: [col('name')] },
  honor_campaigns: { label: '评优表彰', text: [col('title')] },
  honor_nominations: { label: '评优推荐', text: [person, cadre, { via: 'nominee_org_id', table: 'organizations', col: 'name' }] },
  appeals: { label: '青年之声', text: [col('title')] },
  appeal_events: { label: '诉求办理', text: [{ via: 'appeal_id', table: 'appeals', col: 'title' }] },
  dues_profiles: { label: '团费档案', text: [person] },
  dues_payments: { label: '团费缴纳', text: [person] },
  dues_receipts: { label: '团费交纳凭证', text: [person] },
  join_applications: { label: '在线入团申请', text: [col('name')] },
  archive_documents: { label: '电子档案', text: [person] },
  new_sector_units: { label: '“三新”应覆盖单位', text: [col('name')] },
  interprovince_transfers: { label: '跨省转接', text: [col('person_name')] },
  interprovince_requests: { label: '跨省转出申请', text: [col('person_name')] },
  // The national server's transfer log (national/transfer.ts): written by the coordinator, keyed by the transfer's key.
  national_transfers: { label: '跨省转接（全国）', text: [col('person_name')], event: true },
  honor_awards: { label: '荣誉记录', text: [col('recipient_name')] },
  congresses: { label: '团代会', text: [col('title')] },
  congress_deputies: { label: '团代会代表', text: [col('name')] },
  deputy_stations: { label: '代表联络站', text: [col('name')] },
  deputy_committees: { label: '专委会', text: [col('name')] },
  assessment_manual_scores: { label: '考核人工评分', text: [org] },
  supervision_contacts: { label: '督导联系点', text: [col('leader_name')] },
  supervision_visits: { label: '督导走访', text: [org] },
  party_league_meetings: { label: '党委研究团的工作', text: [col('meeting_name')] },
  youth_societies: { label: '青年社团', text: [col('name')] },
  youth_plan_measures: { label: '青年发展规划措施', text: [col('measure')] },
  service_program_flags: { label: '专项计划', text: [cadre, { via: 'volunteer_id', table: 'volunteers', col: 'name' }] },
  election_campaigns: { label: '换届工作部署', text: [col('title')] },
  election_campaign_targets: { label: '限期换届组织', text: [org] },
  dues_remittances: { label: '团费上缴', text: [org] },
  star_ratings: { label: '对标定级', text: [col('title')] },
  star_rating_entries: { label: '对标定级自评', text: [org] },
  rectification_tasks: { label: '整改任务', text: [org] },
  report_tasks: { label: '报送任务', text: [col('title')] },
  report_submissions: { label: '报送材料', text: [org] },
  assessment_schemes: { label: '考核方案', text: [col('title')] },
  notices: { label: '通知公告', text: [col('title')] },
  notice_targets: { label: '通知接收', text: [] },
  notice_reads: { label: '通知阅读', text: [] },
  notice_replies: { label: '通知回复', text: [] },
  reset_codes: { label: '密码重置码', text: [] },
  import_batches: { label: '导入批次', text: [] },
  import_mappings: { label: '导入列对应', text: [col('kind')] },
  import_synonyms: { label: '导入表头同义词', text: [col('header')] },
  import_code_values: { label: '导入代码值', text: [col('value')] },
  org_import_codes: { label: '组织编码（导入）', text: [org] },
  document_issues: { label: '证明文书', text: [col('subject_name'), person] },
};

/** The Chinese name of an audited table (the table name itself if unknown). */
export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITIES[entity]?.label ?? entity;
}
