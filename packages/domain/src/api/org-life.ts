import { z } from 'zod';
import { ORG_TYPES } from '../org/types.js';
import { MEETING_KINDS, MEETING_STATUSES } from '../org-life/meetings.js';
import { ACTIVITY_TYPES } from '../org-life/activities.js';
import { VENUE_KINDS, VENUE_STATUSES } from '../org-life/venues.js';
import { VOLUNTEER_AGE_BANDS } from '../org-life/volunteers.js';
import { AID_PROGRAMS, BENEFICIARY_STATUSES } from '../org-life/aid.js';
import { HONOR_TYPES, HONOR_CAMPAIGN_STATUSES, NOMINATION_STATUSES } from '../org-life/honors.js';
import { APPEAL_CATEGORIES, APPEAL_STATUSES, APPEAL_EVENT_KINDS } from '../org-life/appeals.js';
import { contract, dateString, field, idParam, paged, pageQuery, phoneString, type RefKind } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile } from './import-upload.js';

/**
 * Organizational life and work with youth (issue 5): 三会两制一课, activities,
 * venues, volunteers, 青年大学习, aid, honors, 青年之声, attachments, and the
 * figures of a subtree. Every list filters by a subtree ("under") and exports
 * to Excel; every figure in the overview has a list that drills down to it.
 */

const TAG_MEETINGS = '组织生活';
const TAG_ACTIVITIES = '活动与阵地';
const TAG_VOLUNTEERS = '志愿服务';
const TAG_STUDY = '青年大学习';
const TAG_AID = '希望工程与帮扶';
const TAG_HONORS = '评优表彰';
const TAG_APPEALS = '青年之声';
const TAG_STATS = '统计';

/* ------------------------------------------------------------------ fields */

const { queryId, id: bodyId, text, optionalText, date } = field;
const under = queryId('组织').optional();
const period = {
  from: dateString.optional().describe('开始日期'),
  to: dateString.optional().describe('结束日期'),
};
const yearQuery = field.yearQuery();
const yearBody = field.yearBody();
const fen = (label: string) => z.number().int('金额应精确到分').min(0, `${label}不能为负`).max(100_000_000_000).describe(label);
/**
 * Uploads are JSON with the file in base64 (4/3 of its size; no multipart
 * parser is installed). The body may carry a file of up to 50 MB; the size
 * rule (rules.youthWork.attachmentMaxMb, default 10) is applied to the
 * decoded bytes, so a rule above 50 is capped here.
 */
export const ATTACHMENT_UPLOAD_MAX_MB = 50;
export const UPLOAD_BODY_LIMIT = Math.ceil((ATTACHMENT_UPLOAD_MAX_MB * 1024 * 1024 * 4) / 3) + 64 * 1024;
const contentBase64 = z.string().min(1, '文件为空').max(UPLOAD_BODY_LIMIT, `文件过大（上限${ATTACHMENT_UPLOAD_MAX_MB}MB）`).describe('文件内容');
const fileName = z.string().trim().min(1, '请提供文件名').max(200, '文件名过长').describe('文件名');

const orgRef = z.object({ id: z.number(), name: z.string() });
export const attachmentItem = z.object({ id: z.number(), fileName: z.string(), mimeType: z.string(), size: z.number(), createdAt: z.string() });
export type AttachmentItem = z.infer<typeof attachmentItem>;

export const uploadBody = z.object({
  fileName,
  /** As declared by the browser; the stored type is the one sniffed from the content. */
  mimeType: z.string().trim().max(200).optional().describe('文件类型'),
  contentBase64,
});

/** The Excel export of a list: same filters, no paging. */
const exportContract = (path: string, tag: string, summary: string, query: z.ZodObject, refs: Record<string, RefKind>) =>
  contract({ method: 'GET', path, permission: 'person:read', tag, summary, query, response: z.any(), file: true, refs });

/* ================================================================ meetings */

const meetingKind = z.enum(MEETING_KINDS, { error: '会议类型无效' }).describe('会议类型');

export const meetingItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  /** 简称 for the narrow list column (full name on hover). */
  orgShortName: z.string().nullable(),
  kind: z.enum(MEETING_KINDS),
  topic: z.string(),
  plannedOn: z.string(),
  heldOn: z.string().nullable(),
  place: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  expected: z.number().nullable(),
  present: z.number().nullable(),
  attachmentCount: z.number(),
  /** 会前有计划、会中有记录、会后有档案 */
  documentation: z.object({ planned: z.boolean(), recorded: z.boolean(), archived: z.boolean() }),
});
export type MeetingItem = z.infer<typeof meetingItem>;

export const meetingDetail = meetingItem.extend({
  plan: z.string().nullable(),
  minutes: z.string().nullable(),
  /** Recorded attendance (held meetings). */
  attendance: z.array(z.object({ personId: z.number(), name: z.string(), present: z.boolean(), absenceReason: z.string().nullable() })),
  /** The branch's active members today: the list attendance is taken from. */
  roster: z.array(z.object({ personId: z.number(), name: z.string(), memberNo: z.string().nullable() })),
  /** General meetings: more than half of the members present (null for other kinds). */
  quorum: z.boolean().nullable(),
  missing: z.array(z.string()),
  attachments: z.array(attachmentItem),
  can: z.object({ edit: z.boolean(), record: z.boolean(), cancel: z.boolean(), upload: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

const meetingFilters = z.object({
  under,
  kind: meetingKind.optional(),
  status: z.enum(MEETING_STATUSES, { error: '状态无效' }).optional().describe('状态'),
  ...period,
  q: z.string().trim().max(30).optional().describe('主题'),
});
const meetingListQuery = meetingFilters.extend(pageQuery);

export const listMeetings = contract({
  method: 'GET',
  path: '/api/org-life/meetings',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '组织生活记录（三会两制一课、主题团日），按组织、类型、状态、日期筛选',
  query: meetingListQuery,
  response: paged(meetingItem),
  refs: { 'query.under': 'org' },
});

export const exportMeetings = contract({
  method: 'GET',
  path: '/api/org-life/meetings/export',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '导出组织生活记录（Excel，按当前筛选条件）',
  query: meetingFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

const complianceFilters = z.object({
  orgId: queryId('组织'),
  ...period,
  behindOnly: z.stringbool().optional().describe('仅看未达标'),
});
const complianceQuery = complianceFilters.extend(pageQuery);

export const complianceItem = z.object({
  orgId: z.number(),
  orgName: z.string(),
  parentName: z.string().nullable(),
  members: z.number(),
  required: z.number(),
  met: z.number(),
  rate: z.number().nullable(),
  behind: z.boolean(),
  shortfalls: z.array(z.string()),
  kinds: z.array(z.object({ kind: z.enum(MEETING_KINDS), required: z.number(), met: z.number(), held: z.number(), short: z.number() })),
  lastHeldOn: z.string().nullable(),
});

export const getCompliance = contract({
  method: 'GET',
  path: '/api/org-life/meetings/compliance',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '“三会两制一课”达标情况：子树内各团支部按规定频次的完成情况、未达标名单（已结束的月/季度计入）',
  query: complianceQuery,
  response: paged(complianceItem).extend({
    from: z.string(),
    to: z.string(),
    requirements: z.array(z.object({ kind: z.enum(MEETING_KINDS), cadence: z.enum(['month', 'quarter']), times: z.number(), text: z.string() })),
    branches: z.number(),
    behind: z.number(),
    rate: z.number().nullable(),
  }),
  refs: { 'query.orgId': 'org' },
});

export const exportCompliance = contract({
  method: 'GET',
  path: '/api/org-life/meetings/compliance/export',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '导出“三会两制一课”达标情况（Excel，含未达标明细，便于督促）',
  query: complianceFilters,
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

export const dueItem = z.object({
  kind: z.enum(MEETING_KINDS),
  cadence: z.enum(['month', 'quarter']),
  period: z.string(),
  periodEnd: z.string(),
  daysLeft: z.number(),
  required: z.number(),
  held: z.number(),
  planned: z.number(),
  remaining: z.number(),
  state: z.enum(['done', 'planned', 'due']),
  text: z.string(),
});

export const getDue = contract({
  method: 'GET',
  path: '/api/org-life/meetings/due',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '本支部本月（本季度）应开展的组织生活，及团籍注册、教育评议进度',
  query: z.object({ orgId: queryId('团支部') }),
  response: z.object({
    org: orgRef,
    today: z.string(),
    items: z.array(dueItem),
    upcoming: z.array(meetingItem),
    /** 两制: this year's registration and last year's appraisal of the branch's members (links to 团籍注册 / 教育评议). */
    registration: z.object({ year: z.number(), members: z.number(), registered: z.number() }),
    appraisal: z.object({ year: z.number(), members: z.number(), appraised: z.number() }),
  }),
  refs: { 'query.orgId': 'org' },
});

export const createMeeting = contract({
  method: 'POST',
  path: '/api/org-life/meetings',
  permission: 'org:edit',
  tag: TAG_MEETINGS,
  summary: '安排会议（会前有计划）',
  body: z.object({
    orgId: bodyId('团支部'),
    kind: meetingKind,
    topic: text('会议主题', 2, 100),
    plannedOn: date('计划日期'),
    place: optionalText('地点', 100),
    plan: optionalText('会议方案', 5000),
  }),
  response: meetingDetail,
  refs: { 'body.orgId': 'org' },
});

export const getMeeting = contract({
  method: 'GET',
  path: '/api/org-life/meetings/:id',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '会议详情：方案、记录、出席名单、附件及归档情况',
  params: idParam,
  response: meetingDetail,
  refs: { 'params.id': 'meeting' },
});

export const updateMeeting = contract({
  method: 'PATCH',
  path: '/api/org-life/meetings/:id',
  permission: 'org:edit',
  tag: TAG_MEETINGS,
  summary: '修改会议计划（仅限未召开的会议）',
  params: idParam,
  body: z.object({
    topic: text('会议主题', 2, 100).optional(),
    plannedOn: date('计划日期').optional(),
    place: optionalText('地点', 100),
    plan: optionalText('会议方案', 5000),
  }),
  response: meetingDetail,
  refs: { 'params.id': 'meeting' },
});

export const recordMeeting = contract({
  method: 'POST',
  path: '/api/org-life/meetings/:id/record',
  permission: 'org:edit',
  tag: TAG_MEETINGS,
  summary: '记录会议召开情况：日期、地点、会议记录，出席情况从本支部团员名单中勾选',
  params: idParam,
  body: z.object({
    heldOn: date('召开日期'),
    place: optionalText('地点', 100),
    minutes: text('会议记录', 1, 20_000, '请填写会议记录'),
    presentIds: z.array(bodyId('出席人员')).max(2000).describe('出席人员'),
    absentIds: z.array(bodyId('缺席人员')).max(2000).default([]).describe('缺席人员'),
    /** Keyed by person id. */
    absenceReasons: z.record(z.string(), z.string().trim().max(100, '缺席原因不能超过100个字')).optional().describe('缺席原因'),
  }),
  response: meetingDetail,
  refs: { 'params.id': 'meeting', 'body.presentIds': 'person', 'body.absentIds': 'person' },
});

export const cancelMeeting = contract({
  method: 'POST',
  path: '/api/org-life/meetings/:id/cancel',
  permission: 'org:edit',
  tag: TAG_MEETINGS,
  summary: '取消未召开的会议（记录原因）',
  params: idParam,
  body: z.object({ reason: text('取消原因', 2, 200) }),
  response: meetingDetail,
  refs: { 'params.id': 'meeting' },
});

/* ============================================================ attachments */

const attachmentUpload = (path: string, kind: 'meeting' | 'activity' | 'venue' | 'honorNomination', what: string, tag: string) =>
  contract({
    method: 'POST',
    path,
    permission: 'org:edit',
    tag,
    summary: `上传${what}附件（照片、PDF、Word、Excel；按内容识别类型，大小受规则限制）`,
    params: idParam,
    body: uploadBody,
    bodyLimit: UPLOAD_BODY_LIMIT,
    response: attachmentItem,
    refs: { 'params.id': kind },
  });

export const uploadMeetingAttachment = attachmentUpload('/api/org-life/meetings/:id/attachments', 'meeting', '会议', TAG_MEETINGS);
export const uploadActivityAttachment = attachmentUpload('/api/org-life/activities/:id/attachments', 'activity', '活动', TAG_ACTIVITIES);
export const uploadVenueAttachment = attachmentUpload('/api/org-life/venues/:id/attachments', 'venue', '阵地佐证', TAG_ACTIVITIES);
export const uploadNominationAttachment = attachmentUpload('/api/org-life/honors/nominations/:id/attachments', 'honorNomination', '推荐材料', TAG_HONORS);

export const downloadAttachment = contract({
  method: 'GET',
  path: '/api/org-life/attachments/:id',
  permission: 'person:read',
  tag: TAG_MEETINGS,
  summary: '下载附件（与所属记录同一管理范围）',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'attachment' },
});

/* ============================================================== activities */

const activityType = z.enum(ACTIVITY_TYPES, { error: '活动类型无效' }).describe('活动类型');

export const activityItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  /** 简称 for the narrow list column (full name on hover). */
  orgShortName: z.string().nullable(),
  venueId: z.number().nullable(),
  venueName: z.string().nullable(),
  type: z.enum(ACTIVITY_TYPES),
  theme: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  organizer: z.string(),
  memberCount: z.number(),
  youthCount: z.number(),
  attachmentCount: z.number(),
});
export type ActivityItem = z.infer<typeof activityItem>;

export const activityDetail = activityItem.extend({
  description: z.string().nullable(),
  participants: z.array(z.object({ personId: z.number(), name: z.string(), isMember: z.boolean(), orgName: z.string() })),
  attachments: z.array(attachmentItem),
  can: z.object({ edit: z.boolean(), upload: z.boolean() }),
});

const activityFilters = z.object({
  under,
  type: activityType.optional(),
  venueId: queryId('阵地').optional(),
  ...period,
  q: z.string().trim().max(30).optional().describe('主题'),
});
const activityListQuery = activityFilters.extend(pageQuery);

export const listActivities = contract({
  method: 'GET',
  path: '/api/org-life/activities',
  permission: 'person:read',
  tag: TAG_ACTIVITIES,
  summary: '活动记录，按组织、类型、阵地、日期筛选',
  query: activityListQuery,
  response: paged(activityItem),
  refs: { 'query.under': 'org', 'query.venueId': 'venue' },
});

export const exportActivities = contract({
  method: 'GET',
  path: '/api/org-life/activities/export',
  permission: 'person:read',
  tag: TAG_ACTIVITIES,
  summary: '导出活动记录（Excel）',
  query: activityFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org', 'query.venueId': 'venue' },
});

const activityFields = {
  venueId: bodyId('阵地').nullish(),
  type: activityType,
  theme: text('活动主题', 2, 100),
  heldOn: date('活动日期'),
  place: optionalText('地点', 100),
  organizer: text('组织者', 2, 60),
  memberCount: z.number().int().min(0, '人数不能为负').max(100_000).describe('团员参加人数'),
  youthCount: z.number().int().min(0, '人数不能为负').max(100_000).describe('青年参加人数（非团员）'),
  participantIds: z.array(bodyId('参加人员')).max(2000).optional().describe('参加人员名单'),
  description: optionalText('活动内容', 5000),
};

export const createActivity = contract({
  method: 'POST',
  path: '/api/org-life/activities',
  permission: 'org:edit',
  tag: TAG_ACTIVITIES,
  summary: '登记活动（可关联阵地、参加人员名单）',
  body: z.object({ orgId: bodyId('组织'), ...activityFields }),
  response: activityDetail,
  refs: { 'body.orgId': 'org', 'body.venueId': 'venue', 'body.participantIds': 'person' },
});

export const getActivity = contract({
  method: 'GET',
  path: '/api/org-life/activities/:id',
  permission: 'person:read',
  tag: TAG_ACTIVITIES,
  summary: '活动详情',
  params: idParam,
  response: activityDetail,
  refs: { 'params.id': 'activity' },
});

export const updateActivity = contract({
  method: 'PATCH',
  path: '/api/org-life/activities/:id',
  permission: 'org:edit',
  tag: TAG_ACTIVITIES,
  summary: '修改活动记录（名单中的新人员加入参加名单，已登记的人员保留）',
  params: idParam,
  body: z.object(activityFields).partial(),
  response: activityDetail,
  refs: { 'params.id': 'activity', 'body.venueId': 'venue', 'body.participantIds': 'person' },
});

export const activityStats = contract({
  method: 'GET',
  path: '/api/org-life/stats/activities',
  permission: 'stats:read',
  tag: TAG_STATS,
  summary: '活动统计：按类型、主题、月份、下级组织',
  query: z.object({ orgId: queryId('组织'), ...period }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    total: z.number(),
    members: z.number(),
    youth: z.number(),
    atVenues: z.number(),
    byType: z.array(z.object({ type: z.enum(ACTIVITY_TYPES), count: z.number(), participants: z.number() })),
    byTheme: z.array(z.object({ theme: z.string(), count: z.number() })),
    byMonth: z.array(z.object({ month: z.string(), count: z.number() })),
    byChild: z.array(z.object({ orgId: z.number(), orgName: z.string(), count: z.number(), participants: z.number() })),
  }),
  readReplica: true,
  refs: { 'query.orgId': 'org' },
});

/* ================================================================== venues */

const checks = z
  .object({
    site: z.boolean().default(false).describe('有阵地依托'),
    rules: z.boolean().default(false).describe('有规范制度'),
    staff: z.boolean().default(false).describe('有运营力量'),
  })
  .describe('三项标准');
const evidence = z
  .object({
    site: optionalText('阵地依托佐证', 500),
    rules: optionalText('规范制度佐证', 500),
    staff: optionalText('运营力量佐证', 500),
  })
  .describe('佐证');

export const venueItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(VENUE_KINDS),
  name: z.string(),
  address: z.string(),
  operator: z.string().nullable(),
  openingHours: z.string().nullable(),
  checks: z.object({ site: z.boolean(), rules: z.boolean(), staff: z.boolean() }),
  standardMet: z.boolean(),
  missing: z.array(z.string()),
  status: z.enum(VENUE_STATUSES),
  registeredOn: z.string(),
  activityCount: z.number(),
  lastActivityOn: z.string().nullable(),
  idle: z.boolean(),
  daysWithoutActivity: z.number(),
});
export type VenueItem = z.infer<typeof venueItem>;

export const venueDetail = venueItem.extend({
  evidence: z.object({ site: z.string().nullable(), rules: z.string().nullable(), staff: z.string().nullable() }),
  recentActivities: z.array(activityItem),
  attachments: z.array(attachmentItem),
  idleDays: z.number(),
  can: z.object({ edit: z.boolean(), upload: z.boolean() }),
});

const venueFilters = z.object({
  under,
  kind: z.enum(VENUE_KINDS, { error: '阵地类型无效' }).optional().describe('阵地类型'),
  idle: z.stringbool().optional().describe('仅看闲置'),
  standardMet: z.stringbool().optional().describe('是否达标'),
  status: z.enum(VENUE_STATUSES).optional().describe('状态'),
  q: z.string().trim().max(30).optional().describe('名称'),
});
const venueListQuery = venueFilters.extend(pageQuery);

export const listVenues = contract({
  method: 'GET',
  path: '/api/org-life/venues',
  permission: 'org:read',
  tag: TAG_ACTIVITIES,
  summary: '团属阵地名录：达标情况、活动场次、最近活动，闲置阵地标记',
  query: venueListQuery,
  response: paged(venueItem).extend({ idleDays: z.number() }),
  refs: { 'query.under': 'org' },
});

export const exportVenues = contract({
  method: 'GET',
  path: '/api/org-life/venues/export',
  permission: 'org:read',
  tag: TAG_ACTIVITIES,
  summary: '导出团属阵地名录（Excel）',
  query: venueFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

const venueFields = {
  kind: z.enum(VENUE_KINDS, { error: '阵地类型无效' }).describe('阵地类型'),
  name: text('阵地名称', 2, 100),
  address: text('地址', 2, 200),
  operator: optionalText('运营方', 100),
  openingHours: optionalText('开放时间', 100),
  checks,
  evidence,
};

export const createVenue = contract({
  method: 'POST',
  path: '/api/org-life/venues',
  permission: 'org:edit',
  tag: TAG_ACTIVITIES,
  summary: '登记团属阵地（三项标准须附佐证）',
  body: z.object({ orgId: bodyId('所属组织'), ...venueFields }),
  response: venueDetail,
  refs: { 'body.orgId': 'org' },
});

export const getVenue = contract({
  method: 'GET',
  path: '/api/org-life/venues/:id',
  permission: 'org:read',
  tag: TAG_ACTIVITIES,
  summary: '阵地详情：标准及佐证、近期活动、附件',
  params: idParam,
  response: venueDetail,
  refs: { 'params.id': 'venue' },
});

export const updateVenue = contract({
  method: 'PATCH',
  path: '/api/org-life/venues/:id',
  permission: 'org:edit',
  tag: TAG_ACTIVITIES,
  summary: '修改阵地信息、标准核查，或停用/恢复',
  params: idParam,
  body: z.object({
    ...venueFields,
    checks: z
      .object({
        site: z.boolean().optional().describe('有阵地依托'),
        rules: z.boolean().optional().describe('有规范制度'),
        staff: z.boolean().optional().describe('有运营力量'),
      })
      .describe('三项标准'),
    evidence: evidence.partial().describe('佐证'),
    status: z.enum(VENUE_STATUSES, { error: '状态无效' }).describe('状态'),
  }).partial(),
  response: venueDetail,
  refs: { 'params.id': 'venue' },
});

/* ============================================================== volunteers */

export const volunteerTeamItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  foundedOn: z.string().nullable(),
  leader: z.string().nullable(),
  volunteers: z.number(),
  serviceMinutes: z.number(),
});

const teamFilters = z.object({ under, q: z.string().trim().max(30).optional().describe('名称') });

export const listVolunteerTeams = contract({
  method: 'GET',
  path: '/api/org-life/volunteer-teams',
  permission: 'person:read',
  tag: TAG_VOLUNTEERS,
  summary: '志愿服务队',
  query: teamFilters.extend(pageQuery),
  response: paged(volunteerTeamItem),
  refs: { 'query.under': 'org' },
});

export const exportVolunteerTeams = exportContract('/api/org-life/volunteer-teams/export', TAG_VOLUNTEERS, '导出志愿服务队（Excel）', teamFilters, { 'query.under': 'org' });

const teamFields = {
  name: text('服务队名称', 2, 100),
  foundedOn: date('成立日期').nullish(),
  leader: optionalText('负责人', 30),
};

export const createVolunteerTeam = contract({
  method: 'POST',
  path: '/api/org-life/volunteer-teams',
  permission: 'org:edit',
  tag: TAG_VOLUNTEERS,
  summary: '成立志愿服务队',
  body: z.object({ orgId: bodyId('所属组织'), ...teamFields }),
  response: volunteerTeamItem,
  refs: { 'body.orgId': 'org' },
});

export const updateVolunteerTeam = contract({
  method: 'PATCH',
  path: '/api/org-life/volunteer-teams/:id',
  permission: 'org:edit',
  tag: TAG_VOLUNTEERS,
  summary: '修改志愿服务队',
  params: idParam,
  body: z.object(teamFields).partial(),
  response: volunteerTeamItem,
  refs: { 'params.id': 'volunteerTeam' },
});

export const volunteerItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  personId: z.number().nullable(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  idNumberMasked: z.string(),
  age: z.number(),
  ageBand: z.enum(VOLUNTEER_AGE_BANDS),
  /** Aged rules.ages.youthMax (35) and under. */
  youth: z.boolean(),
  phoneMasked: z.string().nullable(),
  registeredOn: z.string(),
  serviceMinutes: z.number(),
  serviceHours: z.number(),
});
export type VolunteerItem = z.infer<typeof volunteerItem>;

const volunteerFilters = z.object({
  under,
  teamId: queryId('服务队').optional(),
  ageBand: z.enum(VOLUNTEER_AGE_BANDS, { error: '年龄段无效' }).optional().describe('年龄段'),
  youth: z.stringbool().optional().describe('仅看35岁及以下'),
  q: z.string().trim().max(30).optional().describe('姓名'),
  /** Volunteers flagged with this programme (西部计划…, 规则配置 → 专项计划; registries-small). */
  program: z.string().trim().max(30).optional().describe('专项计划'),
});
const volunteerListQuery = volunteerFilters.extend(pageQuery);

export const listVolunteers = contract({
  method: 'GET',
  path: '/api/org-life/volunteers',
  permission: 'person:read',
  tag: TAG_VOLUNTEERS,
  summary: '注册志愿者名册（身份证号、电话已脱敏），含服务时长',
  query: volunteerListQuery,
  /** inPrograms: of the listed volunteers, those flagged with any programme (西部计划、三支一扶…). */
  response: paged(volunteerItem).extend({ total35: z.number(), share35: z.number().nullable(), inPrograms: z.number() }),
  refs: { 'query.under': 'org', 'query.teamId': 'volunteerTeam' },
});

export const exportVolunteers = contract({
  method: 'GET',
  path: '/api/org-life/volunteers/export',
  permission: 'person:read',
  tag: TAG_VOLUNTEERS,
  summary: '导出志愿者名册及服务时长（Excel，脱敏）',
  query: volunteerFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org', 'query.teamId': 'volunteerTeam' },
});

export const createVolunteer = contract({
  method: 'POST',
  path: '/api/org-life/volunteers',
  permission: 'person:write',
  tag: TAG_VOLUNTEERS,
  summary: '注册志愿者（可从青年名册选人，或填写姓名和身份证号）',
  body: z.object({
    orgId: bodyId('所属组织'),
    teamId: bodyId('服务队').nullish(),
    personId: bodyId('青年名册中的人员').nullish(),
    name: text('姓名', 2, 30).optional(),
    idNumber: z.string().trim().optional().describe('身份证号'),
    phone: phoneString.nullish().describe('联系电话'),
    registeredOn: date('注册日期'),
  }),
  response: volunteerItem,
  refs: { 'body.orgId': 'org', 'body.teamId': 'volunteerTeam', 'body.personId': 'person' },
});

export const serviceRecordItem = z.object({
  id: z.number(),
  volunteerId: z.number(),
  volunteerName: z.string(),
  projectId: z.number().nullable(),
  projectTitle: z.string().nullable(),
  servedOn: z.string(),
  minutes: z.number(),
});

export const getVolunteer = contract({
  method: 'GET',
  path: '/api/org-life/volunteers/:id',
  permission: 'person:read',
  tag: TAG_VOLUNTEERS,
  summary: '志愿者详情及服务记录',
  params: idParam,
  response: volunteerItem.extend({ records: z.array(serviceRecordItem) }),
  refs: { 'params.id': 'volunteer' },
});

export const serviceProjectItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  title: z.string(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  volunteers: z.number(),
  serviceMinutes: z.number(),
});

const projectFilters = z.object({ under, teamId: queryId('服务队').optional(), ...period });

export const listServiceProjects = contract({
  method: 'GET',
  path: '/api/org-life/service-projects',
  permission: 'person:read',
  tag: TAG_VOLUNTEERS,
  summary: '志愿服务项目及服务时长',
  query: projectFilters.extend(pageQuery),
  response: paged(serviceProjectItem),
  refs: { 'query.under': 'org', 'query.teamId': 'volunteerTeam' },
});

export const exportServiceProjects = exportContract('/api/org-life/service-projects/export', TAG_VOLUNTEERS, '导出志愿服务项目及服务时长（Excel）', projectFilters, {
  'query.under': 'org',
  'query.teamId': 'volunteerTeam',
});

export const createServiceProject = contract({
  method: 'POST',
  path: '/api/org-life/service-projects',
  permission: 'org:edit',
  tag: TAG_VOLUNTEERS,
  summary: '登记志愿服务项目',
  body: z.object({
    orgId: bodyId('组织'),
    teamId: bodyId('服务队').nullish(),
    title: text('项目名称', 2, 100),
    startOn: date('开始日期'),
    endOn: date('结束日期').nullish(),
  }),
  response: serviceProjectItem,
  refs: { 'body.orgId': 'org', 'body.teamId': 'volunteerTeam' },
});

const recordFilters = z.object({ under, volunteerId: queryId('志愿者').optional(), projectId: queryId('服务项目').optional(), ...period });

export const listServiceRecords = contract({
  method: 'GET',
  path: '/api/org-life/service-records',
  permission: 'person:read',
  tag: TAG_VOLUNTEERS,
  summary: '志愿服务记录（按志愿者、项目、组织、日期）',
  query: recordFilters.extend(pageQuery),
  response: paged(serviceRecordItem).extend({ totalMinutes: z.number() }),
  refs: { 'query.under': 'org', 'query.volunteerId': 'volunteer', 'query.projectId': 'serviceProject' },
});

export const exportServiceRecords = exportContract('/api/org-life/service-records/export', TAG_VOLUNTEERS, '导出志愿服务记录（Excel）', recordFilters, {
  'query.under': 'org',
  'query.volunteerId': 'volunteer',
  'query.projectId': 'serviceProject',
});

export const createServiceRecord = contract({
  method: 'POST',
  path: '/api/org-life/service-records',
  permission: 'org:edit',
  tag: TAG_VOLUNTEERS,
  summary: '登记志愿服务时长（分钟，精确累计）',
  body: z.object({
    volunteerId: bodyId('志愿者'),
    projectId: bodyId('服务项目').nullish(),
    servedOn: date('服务日期'),
    minutes: z.number().int('服务时长应为整数分钟').min(1, '服务时长应大于0').max(100_000).describe('服务时长（分钟）'),
  }),
  response: serviceRecordItem,
  refs: { 'body.volunteerId': 'volunteer', 'body.projectId': 'serviceProject' },
});

/* =================================================================== study */

export const studyRoundItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  roundNo: z.number(),
  title: z.string(),
  startOn: z.string(),
  branches: z.number(),
  participants: z.number(),
  base: z.number(),
  rate: z.number().nullable(),
});

const roundFilters = z.object({ under, year: yearQuery });

export const listStudyRounds = contract({
  method: 'GET',
  path: '/api/org-life/study/rounds',
  permission: 'person:read',
  tag: TAG_STUDY,
  summary: '青年大学习期次及参学情况',
  query: roundFilters.extend(pageQuery),
  response: paged(studyRoundItem),
  refs: { 'query.under': 'org' },
});

export const exportStudyRounds = exportContract('/api/org-life/study/rounds/export', TAG_STUDY, '导出青年大学习各期参学情况（Excel）', roundFilters, { 'query.under': 'org' });

export const createStudyRound = contract({
  method: 'POST',
  path: '/api/org-life/study/rounds',
  permission: 'org:edit',
  tag: TAG_STUDY,
  summary: '登记青年大学习期次',
  body: z.object({
    orgId: bodyId('组织'),
    year: yearBody,
    roundNo: z.number().int().min(1, '期次应为正整数').max(200).describe('期次'),
    title: text('标题', 2, 100),
    startOn: date('开始日期'),
  }),
  response: studyRoundItem,
  refs: { 'body.orgId': 'org' },
});

export const studyBranchRow = z.object({
  orgId: z.number(),
  orgName: z.string(),
  parentName: z.string().nullable(),
  participants: z.number(),
  base: z.number(),
  rate: z.number().nullable(),
  rank: z.number().nullable(),
  below: z.boolean(),
});

export const getStudyRound = contract({
  method: 'GET',
  path: '/api/org-life/study/rounds/:id',
  permission: 'person:read',
  tag: TAG_STUDY,
  summary: '一期青年大学习：各团支部参学率排名，低于达标线的团支部',
  params: idParam,
  response: studyRoundItem.extend({ threshold: z.number(), items: z.array(studyBranchRow), below: z.number() }),
  refs: { 'params.id': 'studyRound' },
});

export const exportStudyRound = contract({
  method: 'GET',
  path: '/api/org-life/study/rounds/:id/export',
  permission: 'person:read',
  tag: TAG_STUDY,
  summary: '导出一期青年大学习参学率排名（Excel）',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'studyRound' },
});

export const studyImportTemplate = contract({
  method: 'GET',
  path: '/api/org-life/study/import-template',
  permission: 'org:edit',
  tag: TAG_STUDY,
  summary: '下载青年大学习参学情况导入模板（Excel；平台导出的 Excel/CSV 也可直接导入）',
  response: z.any(),
  file: true,
});

export const studyImportReport = z.object({
  batchId: z.number(),
  fileName: z.string(),
  roundId: z.number(),
  /** Which file columns were read as what. */
  columns: z.object({ name: z.string(), participants: z.string(), base: z.string().nullable() }),
  headerRow: z.number(),
  total: z.number(),
  valid: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  rows: z.array(z.object({ row: z.number(), orgId: z.number(), orgName: z.string(), participants: z.number(), base: z.number(), rate: z.number().nullable() })),
});
export type StudyImportReport = z.infer<typeof studyImportReport>;

export const previewStudyImport = contract({
  method: 'POST',
  path: '/api/org-life/study/rounds/:id/import',
  permission: 'org:edit',
  tag: TAG_STUDY,
  summary: '上传一期参学情况（Excel 或 CSV）并校验：逐行报告错误，不写入',
  params: idParam,
  body: z.object(importFile),
  bodyLimit: IMPORT_BODY_LIMIT,
  response: studyImportReport,
  refs: { 'params.id': 'studyRound' },
});

export const commitStudyImport = contract({
  method: 'POST',
  path: '/api/org-life/study/imports/:id/commit',
  permission: 'org:edit',
  tag: TAG_STUDY,
  summary: '确认导入校验通过的行（同一期同一团支部的数据以本次为准）',
  params: idParam,
  response: z.object({ written: z.number(), skippedErrors: z.number(), roundId: z.number() }),
  refs: { 'params.id': 'importBatch' },
  longRunning: true,
});

const studyStatsQuery = z.object({
  orgId: queryId('组织'),
  year: yearQuery,
  roundNo: z.coerce.number().int().min(1).max(200).optional().describe('期次'),
});
/** The stats page: one page of the branch ranking (belowOnly: only those below the threshold). */
const studyStatsPageQuery = studyStatsQuery.extend({ ...pageQuery, belowOnly: z.stringbool().optional().describe('仅看低于达标线的团支部') });

export const studyStats = contract({
  method: 'GET',
  path: '/api/org-life/stats/study',
  permission: 'stats:read',
  tag: TAG_STATS,
  summary: '青年大学习参学率：子树及各下级、各期走势、团支部排名及低于达标线名单（分页；同一团支部同一期取最近导入）',
  query: studyStatsPageQuery,
  response: z.object({
    year: z.number(),
    roundNo: z.number().nullable(),
    threshold: z.number(),
    participants: z.number(),
    base: z.number(),
    rate: z.number().nullable(),
    rounds: z.array(z.object({ roundNo: z.number(), title: z.string(), participants: z.number(), base: z.number(), rate: z.number().nullable() })),
    children: z.array(z.object({ orgId: z.number(), orgName: z.string(), participants: z.number(), base: z.number(), rate: z.number().nullable(), below: z.boolean() })),
    /** One page of the ranking (by rate, highest first; belowOnly: those below the threshold). */
    branches: z.array(studyBranchRow),
    /** Branches with participation over all pages (belowOnly: those below). */
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    below: z.number(),
  }),
  readReplica: true,
  refs: { 'query.orgId': 'org' },
});

export const exportStudyStats = contract({
  method: 'GET',
  path: '/api/org-life/stats/study/export',
  permission: 'stats:read',
  tag: TAG_STATS,
  summary: '导出团支部参学率排名（Excel，按年度或期次）',
  query: studyStatsQuery,
  response: z.any(),
  file: true,
  readReplica: true,
  refs: { 'query.orgId': 'org' },
});

/* ===================================================================== aid */

export const aidProjectItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  program: z.enum(AID_PROGRAMS),
  year: z.number(),
  title: z.string(),
  fundsRaisedFen: z.number(),
  /** Approved and paid amounts. */
  committedFen: z.number(),
  paidFen: z.number(),
  beneficiaries: z.number(),
  paid: z.number(),
});

export const beneficiaryItem = z.object({
  id: z.number(),
  projectId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  school: z.string().nullable(),
  amountFen: z.number(),
  status: z.enum(BENEFICIARY_STATUSES),
  paidOn: z.string().nullable(),
});

export const aidProjectDetail = aidProjectItem.extend({
  beneficiaryList: z.array(beneficiaryItem),
  can: z.object({ edit: z.boolean() }),
});

const aidFilters = z.object({
  under,
  program: z.enum(AID_PROGRAMS, { error: '项目类别无效' }).optional().describe('项目类别'),
  year: yearQuery,
});
const aidListQuery = aidFilters.extend(pageQuery);

export const listAidProjects = contract({
  method: 'GET',
  path: '/api/org-life/aid/projects',
  permission: 'person:read',
  tag: TAG_AID,
  summary: '帮扶项目（希望工程、圆梦大学、春晖行动、关爱农民工子女）：募集与资助情况',
  query: aidListQuery,
  response: paged(aidProjectItem),
  refs: { 'query.under': 'org' },
});

export const exportAidProjects = exportContract('/api/org-life/aid/projects/export', TAG_AID, '导出帮扶项目（Excel，金额以元计）', aidFilters, { 'query.under': 'org' });

export const createAidProject = contract({
  method: 'POST',
  path: '/api/org-life/aid/projects',
  permission: 'org:edit',
  tag: TAG_AID,
  summary: '登记帮扶项目及募集资金（分）',
  body: z.object({
    orgId: bodyId('组织'),
    program: z.enum(AID_PROGRAMS, { error: '项目类别无效' }).describe('项目类别'),
    year: yearBody,
    title: text('项目名称', 2, 100),
    fundsRaisedFen: fen('募集资金'),
  }),
  response: aidProjectDetail,
  refs: { 'body.orgId': 'org' },
});

export const getAidProject = contract({
  method: 'GET',
  path: '/api/org-life/aid/projects/:id',
  permission: 'person:read',
  tag: TAG_AID,
  summary: '帮扶项目详情及受助人名单（身份证号脱敏）',
  params: idParam,
  response: aidProjectDetail,
  refs: { 'params.id': 'aidProject' },
});

export const updateAidProject = contract({
  method: 'PATCH',
  path: '/api/org-life/aid/projects/:id',
  permission: 'org:edit',
  tag: TAG_AID,
  summary: '修改项目名称或募集资金（不得少于已安排的资助金额）',
  params: idParam,
  body: z.object({ title: text('项目名称', 2, 100), fundsRaisedFen: fen('募集资金') }).partial(),
  response: aidProjectDetail,
  refs: { 'params.id': 'aidProject' },
});

export const exportAidProject = contract({
  method: 'GET',
  path: '/api/org-life/aid/projects/:id/export',
  permission: 'person:read',
  tag: TAG_AID,
  summary: '导出受助人名单（Excel，脱敏）',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'aidProject' },
});

export const addBeneficiary = contract({
  method: 'POST',
  path: '/api/org-life/aid/projects/:id/beneficiaries',
  permission: 'person:write',
  tag: TAG_AID,
  summary: '登记受助人（同一项目类别同一年度不得重复资助，金额不超过募集资金）',
  params: idParam,
  body: z.object({
    name: text('姓名', 2, 30),
    idNumber: z.string().trim().describe('身份证号'),
    school: optionalText('就读学校', 100),
    amountFen: z.number().int('金额应精确到分').min(1, '资助金额应大于0').max(100_000_000).describe('资助金额（分）'),
  }),
  response: aidProjectDetail,
  refs: { 'params.id': 'aidProject' },
});

export const payBeneficiary = contract({
  method: 'POST',
  path: '/api/org-life/aid/beneficiaries/:id/pay',
  permission: 'org:edit',
  tag: TAG_AID,
  summary: '登记资助款已发放',
  params: idParam,
  body: z.object({ paidOn: date('发放日期') }),
  response: aidProjectDetail,
  refs: { 'params.id': 'aidBeneficiary' },
});

export const cancelBeneficiary = contract({
  method: 'POST',
  path: '/api/org-life/aid/beneficiaries/:id/cancel',
  permission: 'org:edit',
  tag: TAG_AID,
  summary: '取消未发放的资助',
  params: idParam,
  body: z.object({ reason: text('取消原因', 2, 200) }),
  response: aidProjectDetail,
  refs: { 'params.id': 'aidBeneficiary' },
});

/* ================================================================== honors */

export const nominationItem = z.object({
  id: z.number(),
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  nomineeKind: z.enum(['person', 'cadre', 'org']),
  personId: z.number().nullable(),
  cadreId: z.number().nullable(),
  nomineeOrgId: z.number().nullable(),
  nomineeName: z.string(),
  reason: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  note: z.string().nullable(),
  awardedOn: z.string().nullable(),
  attachmentCount: z.number(),
});

export const campaignItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  honorType: z.enum(HONOR_TYPES),
  year: z.number(),
  title: z.string(),
  status: z.enum(HONOR_CAMPAIGN_STATUSES),
  nominations: z.number(),
  awarded: z.number(),
  notice: z.object({ from: z.string(), to: z.string() }).nullable(),
});

export const campaignDetail = campaignItem.extend({
  items: z.array(nominationItem),
  counts: z.record(z.string(), z.number()),
  /** object: sustain an objection during the notice (the campaign's organization or above). */
  can: z.object({ nominate: z.boolean(), review: z.boolean(), publicize: z.boolean(), award: z.boolean(), object: z.boolean() }),
  blockers: z.object({ publicize: z.array(z.string()), award: z.array(z.string()) }),
});

const campaignFilters = z.object({ under, year: yearQuery, honorType: z.enum(HONOR_TYPES, { error: '荣誉类别无效' }).optional().describe('荣誉类别') });

export const listHonorCampaigns = contract({
  method: 'GET',
  path: '/api/org-life/honors/campaigns',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '评优表彰（两红两优等）年度评选',
  query: campaignFilters.extend(pageQuery),
  response: paged(campaignItem),
  refs: { 'query.under': 'org' },
});

export const exportHonorCampaigns = exportContract('/api/org-life/honors/campaigns/export', TAG_HONORS, '导出评选及授予情况（Excel）', campaignFilters, { 'query.under': 'org' });

export const createHonorCampaign = contract({
  method: 'POST',
  path: '/api/org-life/honors/campaigns',
  permission: 'membership:approve',
  tag: TAG_HONORS,
  summary: '发起年度评选',
  body: z.object({
    orgId: bodyId('组织评选的团委'),
    honorType: z.enum(HONOR_TYPES, { error: '荣誉类别无效' }).describe('荣誉类别'),
    year: yearBody,
    title: text('评选名称', 2, 100),
  }),
  response: campaignDetail,
  refs: { 'body.orgId': 'org' },
});

export const getHonorCampaign = contract({
  method: 'GET',
  path: '/api/org-life/honors/campaigns/:id',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '评选详情：推荐名单及各环节状态',
  params: idParam,
  response: campaignDetail,
  refs: { 'params.id': 'honorCampaign' },
});

export const exportHonorCampaign = contract({
  method: 'GET',
  path: '/api/org-life/honors/campaigns/:id/export',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '导出推荐名单（Excel）',
  params: idParam,
  response: z.any(),
  file: true,
  refs: { 'params.id': 'honorCampaign' },
});

export const nominate = contract({
  method: 'POST',
  path: '/api/org-life/honors/campaigns/:id/nominations',
  permission: 'org:edit',
  tag: TAG_HONORS,
  summary: '组织推荐（自动进行资格审查，不符合条件的记录原因）',
  params: idParam,
  body: z.object({
    orgId: bodyId('推荐组织'),
    personId: bodyId('推荐对象（个人）').nullish(),
    cadreId: bodyId('推荐对象（团干部）').nullish(),
    nomineeOrgId: bodyId('推荐对象（组织）').nullish(),
    reason: text('推荐理由（主要事迹）', 10, 3000),
  }),
  response: campaignDetail,
  refs: { 'params.id': 'honorCampaign', 'body.orgId': 'org', 'body.personId': 'person', 'body.cadreId': 'cadre', 'body.nomineeOrgId': 'org' },
});

export const reviewNomination = contract({
  method: 'POST',
  path: '/api/org-life/honors/nominations/:id/review',
  permission: 'membership:approve',
  tag: TAG_HONORS,
  summary: '审核推荐（再次资格审查）',
  params: idParam,
  body: z.object({ decision: z.enum(['pass', 'reject'], { error: '审核结论无效' }).describe('审核结论'), note: text('审核意见', 2, 500) }),
  response: campaignDetail,
  refs: { 'params.id': 'honorNomination' },
});

export const objectNomination = contract({
  method: 'POST',
  path: '/api/org-life/honors/nominations/:id/object',
  permission: 'membership:approve',
  tag: TAG_HONORS,
  summary: '公示期内异议成立，撤销推荐',
  params: idParam,
  body: z.object({ note: text('异议核实情况', 2, 500) }),
  response: campaignDetail,
  refs: { 'params.id': 'honorNomination' },
});

export const publicizeCampaign = contract({
  method: 'POST',
  path: '/api/org-life/honors/campaigns/:id/publicize',
  permission: 'membership:approve',
  tag: TAG_HONORS,
  summary: '公示审核通过的推荐',
  params: idParam,
  body: z.object({ from: date('公示开始日期') }),
  response: campaignDetail,
  refs: { 'params.id': 'honorCampaign' },
});

export const awardCampaign = contract({
  method: 'POST',
  path: '/api/org-life/honors/campaigns/:id/award',
  permission: 'membership:approve',
  tag: TAG_HONORS,
  summary: '公示期满后授予荣誉',
  params: idParam,
  body: z.object({ awardedOn: date('授予日期') }),
  response: campaignDetail,
  refs: { 'params.id': 'honorCampaign' },
});

export const honorRecord = z.object({
  nominationId: z.number(),
  campaignId: z.number(),
  honorType: z.enum(HONOR_TYPES),
  year: z.number(),
  title: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  awardedOn: z.string().nullable(),
  nominatedBy: z.string(),
});

export const honorsOfPerson = contract({
  method: 'GET',
  path: '/api/org-life/honors/of-person/:id',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '个人获得及被推荐的荣誉（显示在人员档案中）',
  params: idParam,
  response: z.array(honorRecord),
  refs: { 'params.id': 'person' },
});

export const honorsOfOrg = contract({
  method: 'GET',
  path: '/api/org-life/honors/of-org/:id',
  permission: 'org:read',
  tag: TAG_HONORS,
  summary: '组织获得及被推荐的荣誉（显示在组织档案中）',
  params: idParam,
  response: z.array(honorRecord),
  refs: { 'params.id': 'org' },
});

/* ================================================================= appeals */

const appealCategory = z.enum(APPEAL_CATEGORIES, { error: '诉求类别无效' }).describe('诉求类别');

export const appealItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  trackingCode: z.string(),
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  askerName: z.string(),
  askerPhoneMasked: z.string(),
  status: z.enum(APPEAL_STATUSES),
  assignee: z.string().nullable(),
  submittedOn: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
  answeredOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  rating: z.number().nullable(),
});
export type AppealItem = z.infer<typeof appealItem>;

export const appealEvent = z.object({ kind: z.enum(APPEAL_EVENT_KINDS), note: z.string().nullable(), actor: z.string(), at: z.string() });

export const appealDetail = appealItem.extend({
  content: z.string(),
  answer: z.string().nullable(),
  ratingComment: z.string().nullable(),
  /** Full phone number, for callers with the sensitive-data permission. */
  askerPhone: z.string().nullable(),
  events: z.array(appealEvent),
  can: z.object({ assign: z.boolean(), answer: z.boolean(), close: z.boolean(), transfer: z.boolean(), escalate: z.boolean() }),
});

const appealFilters = z.object({
  under,
  status: z.enum(APPEAL_STATUSES, { error: '状态无效' }).optional().describe('状态'),
  category: appealCategory.optional(),
  overdue: z.stringbool().optional().describe('仅看超期'),
  ...period,
  q: z.string().trim().max(30).optional().describe('标题、查询码或姓名'),
});
const appealListQuery = appealFilters.extend(pageQuery);

export const listAppeals = contract({
  method: 'GET',
  path: '/api/org-life/appeals',
  permission: 'person:read',
  tag: TAG_APPEALS,
  summary: '青年之声诉求：按状态、类别、超期筛选（仅本组织及下级承办的诉求）',
  query: appealListQuery,
  response: paged(appealItem),
  refs: { 'query.under': 'org' },
});

export const exportAppeals = contract({
  method: 'GET',
  path: '/api/org-life/appeals/export',
  permission: 'person:read',
  tag: TAG_APPEALS,
  summary: '导出诉求清单（Excel，电话脱敏）',
  query: appealFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const getAppeal = contract({
  method: 'GET',
  path: '/api/org-life/appeals/:id',
  permission: 'person:read',
  tag: TAG_APPEALS,
  summary: '诉求详情及办理过程',
  params: idParam,
  response: appealDetail,
  refs: { 'params.id': 'appeal' },
});

export const createAppeal = contract({
  method: 'POST',
  path: '/api/org-life/appeals',
  permission: 'org:edit',
  tag: TAG_APPEALS,
  summary: '代为登记诉求（电话、来访等线下渠道）',
  body: z.object({
    orgId: bodyId('承办组织'),
    category: appealCategory,
    title: text('标题', 2, 60),
    content: text('诉求内容', 5, 2000),
    askerName: text('姓名', 1, 30, '请填写姓名'),
    askerPhone: phoneString.describe('联系电话'),
  }),
  response: appealDetail,
  refs: { 'body.orgId': 'org' },
});

const appealAction = <B extends z.ZodObject>(path: string, summary: string, body: B, permission: 'org:edit' | 'membership:approve' = 'org:edit', extraRefs: Record<string, 'org'> = {}) =>
  contract({ method: 'POST', path, permission, tag: TAG_APPEALS, summary, params: idParam, body, response: appealDetail, refs: { 'params.id': 'appeal' as const, ...extraRefs } });

export const assignAppeal = appealAction('/api/org-life/appeals/:id/assign', '分派承办人', z.object({ assignee: text('承办人', 2, 30), note: optionalText('说明', 500) }));
export const answerAppeal = appealAction('/api/org-life/appeals/:id/answer', '答复诉求', z.object({ answer: text('答复内容', 5, 3000) }));
export const closeAppeal = appealAction('/api/org-life/appeals/:id/close', '办结诉求', z.object({ note: optionalText('说明', 500) }));
export const transferAppeal = appealAction(
  '/api/org-life/appeals/:id/transfer',
  '转办给管理范围内的其他组织',
  z.object({ orgId: bodyId('转办组织'), note: text('转办说明', 2, 500) }),
  'org:edit',
  { 'body.orgId': 'org' },
);
export const escalateAppeal = appealAction('/api/org-life/appeals/:id/escalate', '超期诉求上报上级团委督办（时限重新计算）', z.object({ note: text('督办说明', 2, 500) }), 'membership:approve');

/* ---------------------------------------------------- 青年之声: public routes */

export const publicAppealOrgs = contract({
  method: 'GET',
  path: '/api/public/youth-voice/orgs',
  permission: 'public',
  tag: TAG_APPEALS,
  summary: '（公开）可选择的乡镇（街道）及团组织',
  response: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES), parentName: z.string().nullable() })),
});

export const publicAppealStatus = z.object({
  trackingCode: z.string(),
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  content: z.string(),
  status: z.enum(APPEAL_STATUSES),
  orgName: z.string(),
  submittedOn: z.string(),
  deadline: z.string(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  events: z.array(z.object({ kind: z.enum(APPEAL_EVENT_KINDS), at: z.string() })),
});

export const submitPublicAppeal = contract({
  method: 'POST',
  path: '/api/public/youth-voice/appeals',
  permission: 'public',
  tag: TAG_APPEALS,
  summary: '（公开，无需登录）提交诉求，返回查询码',
  body: z.object({
    orgId: bodyId('所在乡镇（街道）或团组织'),
    category: appealCategory,
    title: text('标题', 2, 60),
    content: text('诉求内容', 5, 2000),
    name: text('姓名', 1, 30, '请填写姓名'),
    phone: phoneString.describe('手机号码'),
  }),
  response: z.object({ trackingCode: z.string(), orgName: z.string(), deadline: z.string() }),
  /** Any active committee that handles appeals (the public list); the handler checks its type. */
  outsideRefs: { 'body.orgId': 'activeOrg' },
});

const codeAndPhone = {
  trackingCode: z.string().trim().min(6, '请输入查询码').max(30).describe('查询码'),
  phone: phoneString.describe('手机号码'),
};

export const lookupPublicAppeal = contract({
  method: 'POST',
  path: '/api/public/youth-voice/appeals/lookup',
  permission: 'public',
  tag: TAG_APPEALS,
  summary: '（公开）凭查询码和提交时的手机号查询办理进度',
  body: z.object(codeAndPhone),
  response: publicAppealStatus,
});

export const ratePublicAppeal = contract({
  method: 'POST',
  path: '/api/public/youth-voice/appeals/rate',
  permission: 'public',
  tag: TAG_APPEALS,
  summary: '（公开）对已答复的诉求评价（1—5分，评价后办结）',
  body: z.object({
    ...codeAndPhone,
    rating: z.number().int().min(1, '评分为1—5分').max(5, '评分为1—5分').describe('评分'),
    comment: optionalText('评价意见', 500),
  }),
  response: publicAppealStatus,
});

/* ================================================================ overview */

export const orgLifeOverview = z.object({
  org: orgRef,
  from: z.string(),
  to: z.string(),
  meetings: z.object({ branches: z.number(), compliant: z.number(), behind: z.number(), rate: z.number().nullable(), held: z.number(), planned: z.number(), archived: z.number() }),
  /** 主题团日 (and oath ceremonies) held, the organizations that held them and the members present (富蕴: 214 / 288 / 5,187). */
  themeDays: z.object({ count: z.number(), organizations: z.number(), members: z.number() }),
  activities: z.object({ count: z.number(), participants: z.number(), atVenues: z.number() }),
  venues: z.object({ count: z.number(), standardMet: z.number(), idle: z.number(), activities: z.number() }),
  volunteers: z.object({ teams: z.number(), count: z.number(), youth: z.number(), youthShare: z.number().nullable(), serviceMinutes: z.number(), serviceHours: z.number(), projects: z.number() }),
  study: z.object({ rounds: z.number(), participations: z.number(), base: z.number(), rate: z.number().nullable(), threshold: z.number(), branchesBelow: z.number() }),
  aid: z.object({ projects: z.number(), fundsRaisedFen: z.number(), beneficiaries: z.number(), committedFen: z.number(), paidFen: z.number(), byProgram: z.array(z.object({ program: z.enum(AID_PROGRAMS), projects: z.number(), fundsRaisedFen: z.number(), beneficiaries: z.number(), committedFen: z.number() })) }),
  honors: z.object({ campaigns: z.number(), nominations: z.number(), awarded: z.number(), byType: z.array(z.object({ honorType: z.enum(HONOR_TYPES), awarded: z.number() })) }),
  appeals: z.object({ total: z.number(), byStatus: z.record(z.string(), z.number()), byCategory: z.array(z.object({ category: z.enum(APPEAL_CATEGORIES), count: z.number() })), overdue: z.number(), answeredOnTime: z.number(), averageRating: z.number().nullable() }),
});
export type OrgLifeOverview = z.infer<typeof orgLifeOverview>;

export const getOrgLifeOverview = contract({
  method: 'GET',
  path: '/api/org-life/stats/overview',
  permission: 'stats:read',
  tag: TAG_STATS,
  summary: '组织生活与青年工作概况（子树，实时计算；默认本年度）',
  query: z.object({ orgId: queryId('组织'), ...period }),
  response: orgLifeOverview,
  readReplica: true,
  refs: { 'query.orgId': 'org' },
});
