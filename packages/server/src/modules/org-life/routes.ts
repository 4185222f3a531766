import { AID_PROGRAM_LABELS, HONOR_CAMPAIGN_STATUS_LABELS, HONOR_TYPE_LABELS, api, formatFen, hoursOf, type BeneficiaryAction } from '@tuanjian/domain';
import { sql } from 'drizzle-orm';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import { currentYear } from '../../lib/clock.js';
import * as activities from './activities.js';
import * as aid from './aid.js';
import * as appeals from './appeals.js';
import { sendAttachment, uploadAttachment } from './attachments.js';
import * as honors from './honors.js';
import * as meetings from './meetings.js';
import { compliancePage } from './compliance-figures.js';
import { overview } from './overview.js';
import * as study from './study.js';
import * as venues from './venues.js';
import * as volunteers from './volunteers.js';

export { youthVoicePublicRoutes } from './appeals-public.js';

const o = api.orgLife;
/** Lists exported whole: the list's own query without paging. */
const ALL = { page: 1, pageSize: 1_000_000 };
const pct = (r: number | null) => (r === null ? '' : `${Math.round(r * 1000) / 10}%`);

const meetingRoutes: RouteDef[] = [
  scoped(o.listMeetings, ({ tx }, { query }) => meetings.listMeetings(tx, query)),
  scoped(o.exportMeetings, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '组织生活记录.xlsx', '组织生活', meetings.MEETING_EXPORT_COLUMNS, await meetings.allMeetings(tx, query));
  }),
  scoped(o.getCompliance, async ({ tx, rules }, { query }) => compliancePage(tx, await rules(), query)),
  scoped(o.exportCompliance, async ({ tx, rules, reply }, { query }) => {
    const r = await meetings.compliance(tx, await rules(), query);
    type Row = (typeof r.items)[number];
    await sendWorkbook(reply, `三会两制一课达标情况（${r.from}至${r.to}）.xlsx`, '达标情况', [
      { header: '团支部', width: 36, value: (i: Row) => i.orgName },
      { header: '上级组织', width: 30, value: (i: Row) => i.parentName },
      { header: '团员数', width: 8, value: (i: Row) => i.members },
      { header: '应开展（次）', width: 12, value: (i: Row) => i.required },
      { header: '已完成（次）', width: 12, value: (i: Row) => i.met },
      { header: '完成率', width: 10, value: (i: Row) => (i.rate === null ? '' : `${Math.round(i.rate * 1000) / 10}%`) },
      { header: '是否达标', width: 10, value: (i: Row) => (i.behind ? '未达标' : '达标') },
      { header: '最近一次', width: 12, value: (i: Row) => i.lastHeldOn },
      { header: '缺项', width: 80, value: (i: Row) => i.shortfalls.join('；') },
    ], r.items);
  }),
  scoped(o.getDue, async ({ tx, rules }, { query }) => meetings.due(tx, await rules(), query.orgId)),
  scoped(o.createMeeting, async ({ tx, user }, { body }) => meetings.meetingDetail(tx, user, await meetings.createMeeting(tx, body))),
  scoped(o.getMeeting, ({ tx, user }, { params }) => meetings.meetingDetail(tx, user, params.id)),
  scoped(o.updateMeeting, async ({ tx, user }, { params, body }) => {
    await meetings.updateMeeting(tx, params.id, body);
    return meetings.meetingDetail(tx, user, params.id);
  }),
  scoped(o.recordMeeting, async ({ tx, user }, { params, body }) => {
    await meetings.recordMeeting(tx, params.id, body);
    return meetings.meetingDetail(tx, user, params.id);
  }),
  scoped(o.cancelMeeting, async ({ tx, user }, { params, body }) => {
    await meetings.cancelMeeting(tx, params.id, body.reason);
    return meetings.meetingDetail(tx, user, params.id);
  }),
];

const attachmentRoutes: RouteDef[] = [
  scoped(o.uploadMeetingAttachment, async ({ tx, rules }, { params, body }) => uploadAttachment(tx, await rules(), 'meeting', params.id, body)),
  scoped(o.uploadActivityAttachment, async ({ tx, rules }, { params, body }) => uploadAttachment(tx, await rules(), 'activity', params.id, body)),
  scoped(o.uploadVenueAttachment, async ({ tx, rules }, { params, body }) => uploadAttachment(tx, await rules(), 'venue', params.id, body)),
  scoped(o.uploadNominationAttachment, async ({ tx, rules }, { params, body }) => uploadAttachment(tx, await rules(), 'honor_nomination', params.id, body)),
  scoped(o.downloadAttachment, async ({ tx, reply }, { params }) => {
    await sendAttachment(tx, reply, params.id);
  }),
];

const activityRoutes: RouteDef[] = [
  scoped(o.listActivities, ({ tx }, { query }) => activities.listActivities(tx, query)),
  scoped(o.exportActivities, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '活动记录.xlsx', '活动', activities.ACTIVITY_EXPORT_COLUMNS, await activities.allActivities(tx, query));
  }),
  scoped(o.createActivity, async ({ tx, user }, { body }) => activities.activityDetail(tx, user, await activities.createActivity(tx, body))),
  scoped(o.getActivity, ({ tx, user }, { params }) => activities.activityDetail(tx, user, params.id)),
  scoped(o.updateActivity, async ({ tx, user }, { params, body }) => {
    await activities.updateActivity(tx, params.id, body);
    return activities.activityDetail(tx, user, params.id);
  }),
  scoped(o.activityStats, ({ tx }, { query }) => activities.activityStats(tx, query)),
];

const venueRoutes: RouteDef[] = [
  scoped(o.listVenues, async ({ tx, rules }, { query }) => venues.listVenues(tx, await rules(), query)),
  scoped(o.exportVenues, async ({ tx, rules, reply }, { query }) => {
    await sendWorkbook(reply, '团属阵地名录.xlsx', '阵地', venues.VENUE_EXPORT_COLUMNS, await venues.allVenues(tx, await rules(), query));
  }),
  scoped(o.createVenue, async ({ tx, user, rules }, { body }) => venues.venueDetail(tx, user, await rules(), await venues.createVenue(tx, body))),
  scoped(o.getVenue, async ({ tx, user, rules }, { params }) => venues.venueDetail(tx, user, await rules(), params.id)),
  scoped(o.updateVenue, async ({ tx, user, rules }, { params, body }) => {
    await venues.updateVenue(tx, params.id, body);
    return venues.venueDetail(tx, user, await rules(), params.id);
  }),
];

const volunteerRoutes: RouteDef[] = [
  scoped(o.listVolunteerTeams, ({ tx }, { query }) => volunteers.listTeams(tx, query)),
  scoped(o.exportVolunteerTeams, async ({ tx, reply }, { query }) => {
    const { items } = await volunteers.listTeams(tx, { ...query, ...ALL });
    type Row = (typeof items)[number];
    await sendWorkbook(reply, '志愿服务队.xlsx', '服务队', [
      { header: '服务队', width: 36, value: (r: Row) => r.name },
      { header: '所属组织', width: 30, value: (r: Row) => r.orgName },
      { header: '成立日期', width: 12, value: (r: Row) => r.foundedOn },
      { header: '负责人', width: 10, value: (r: Row) => r.leader },
      { header: '志愿者人数', width: 10, value: (r: Row) => r.volunteers },
      { header: '服务时长（小时）', width: 14, value: (r: Row) => hoursOf(r.serviceMinutes) },
    ], items);
  }),
  scoped(o.createVolunteerTeam, async ({ tx }, { body }) => volunteers.teamItem(tx, await volunteers.createTeam(tx, body))),
  scoped(o.updateVolunteerTeam, async ({ tx }, { params, body }) => {
    await volunteers.updateTeam(tx, params.id, body);
    return volunteers.teamItem(tx, params.id);
  }),
  scoped(o.listVolunteers, async ({ tx, rules }, { query }) => volunteers.listVolunteers(tx, await rules(), query)),
  scoped(o.exportVolunteers, async ({ tx, rules, reply }, { query }) => {
    const r = await rules();
    await sendWorkbook(reply, '志愿者名册.xlsx', '志愿者', volunteers.volunteerExportColumns(r), await volunteers.allVolunteers(tx, r, query));
  }),
  scoped(o.createVolunteer, async ({ tx, rules }, { body }) => volunteers.volunteerItem(tx, await rules(), await volunteers.createVolunteer(tx, body))),
  scoped(o.getVolunteer, async ({ tx, rules }, { params }) => volunteers.volunteerDetail(tx, await rules(), params.id)),
  scoped(o.listServiceProjects, ({ tx }, { query }) => volunteers.listProjects(tx, query)),
  scoped(o.exportServiceProjects, async ({ tx, reply }, { query }) => {
    const { items } = await volunteers.listProjects(tx, { ...query, ...ALL });
    type Row = (typeof items)[number];
    await sendWorkbook(reply, '志愿服务项目.xlsx', '服务项目', [
      { header: '项目', width: 30, value: (r: Row) => r.title },
      { header: '组织', width: 30, value: (r: Row) => r.orgName },
      { header: '服务队', width: 30, value: (r: Row) => r.teamName },
      { header: '开始日期', width: 12, value: (r: Row) => r.startOn },
      { header: '结束日期', width: 12, value: (r: Row) => r.endOn },
      { header: '参与志愿者', width: 10, value: (r: Row) => r.volunteers },
      { header: '服务时长（小时）', width: 14, value: (r: Row) => hoursOf(r.serviceMinutes) },
    ], items);
  }),
  scoped(o.createServiceProject, ({ tx }, { body }) => volunteers.createProject(tx, body)),
  scoped(o.listServiceRecords, ({ tx }, { query }) => volunteers.listRecords(tx, query)),
  scoped(o.exportServiceRecords, async ({ tx, reply }, { query }) => {
    const { items } = await volunteers.listRecords(tx, { ...query, ...ALL });
    type Row = (typeof items)[number];
    await sendWorkbook(reply, '志愿服务记录.xlsx', '服务记录', [
      { header: '志愿者', width: 12, value: (r: Row) => r.volunteerName },
      { header: '服务项目', width: 30, value: (r: Row) => r.projectTitle },
      { header: '服务日期', width: 12, value: (r: Row) => r.servedOn },
      { header: '服务时长（分钟）', width: 14, value: (r: Row) => r.minutes },
    ], items);
  }),
  scoped(o.createServiceRecord, ({ tx }, { body }) => volunteers.createRecord(tx, body)),
];

const studyRoutes: RouteDef[] = [
  scoped(o.listStudyRounds, ({ tx }, { query }) => study.listRounds(tx, query)),
  scoped(o.exportStudyRounds, async ({ tx, reply }, { query }) => {
    const { items } = await study.listRounds(tx, { ...query, ...ALL });
    type Row = (typeof items)[number];
    await sendWorkbook(reply, '青年大学习各期参学情况.xlsx', '各期', [
      { header: '年度', width: 8, value: (r: Row) => r.year },
      { header: '期次', width: 8, value: (r: Row) => r.roundNo },
      { header: '标题', width: 30, value: (r: Row) => r.title },
      { header: '开始日期', width: 12, value: (r: Row) => r.startOn },
      { header: '团支部数', width: 10, value: (r: Row) => r.branches },
      { header: '参学人数', width: 10, value: (r: Row) => r.participants },
      { header: '团员数', width: 10, value: (r: Row) => r.base },
      { header: '参学率', width: 10, value: (r: Row) => pct(r.rate) },
    ], items);
  }),
  scoped(o.createStudyRound, ({ tx }, { body }) => study.createRound(tx, body)),
  scoped(o.getStudyRound, async ({ tx, rules }, { params }) => study.roundDetail(tx, await rules(), params.id)),
  scoped(o.exportStudyRound, async ({ tx, rules, reply }, { params }) => {
    const r = await study.roundDetail(tx, await rules(), params.id);
    type Row = (typeof r.items)[number];
    await sendWorkbook(reply, `青年大学习${r.year}年第${r.roundNo}期参学率.xlsx`, '参学率排名', [
      { header: '排名', width: 6, value: (i: Row) => i.rank },
      { header: '团支部', width: 36, value: (i: Row) => i.orgName },
      { header: '上级组织', width: 30, value: (i: Row) => i.parentName },
      { header: '参学人数', width: 10, value: (i: Row) => i.participants },
      { header: '团员数', width: 10, value: (i: Row) => i.base },
      { header: '参学率', width: 10, value: (i: Row) => (i.rate === null ? '' : `${Math.round(i.rate * 1000) / 10}%`) },
      { header: `低于${Math.round(r.threshold * 100)}%`, width: 10, value: (i: Row) => (i.below ? '是' : '') },
    ], r.items);
  }),
  scoped(o.studyImportTemplate, async ({ reply }) => {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('青年大学习参学情况导入模板.xlsx')}`);
    return reply.send(await study.buildStudyTemplate());
  }),
  scoped(o.previewStudyImport, ({ tx, user }, { params, body }) => study.previewStudyImport(tx, user, params.id, body)),
  scoped(o.commitStudyImport, ({ tx }, { params }) => study.commitStudyImport(tx, params.id)),
  scoped(o.studyStats, async ({ tx, rules }, { query }) => study.studyStats(tx, await rules(), query, currentYear())),
  scoped(o.exportStudyStats, async ({ tx, rules, reply }, { query }) => {
    const r = await study.studyStats(tx, await rules(), query, currentYear(), { all: true });
    type Row = (typeof r.branches)[number];
    await sendWorkbook(reply, `青年大学习参学率排名（${r.year}年${r.roundNo ? `第${r.roundNo}期` : ''}）.xlsx`, '排名', [
      { header: '排名', width: 6, value: (i: Row) => i.rank },
      { header: '团支部', width: 36, value: (i: Row) => i.orgName },
      { header: '上级组织', width: 30, value: (i: Row) => i.parentName },
      { header: '参学人次', width: 10, value: (i: Row) => i.participants },
      { header: '应学人次', width: 10, value: (i: Row) => i.base },
      { header: '参学率', width: 10, value: (i: Row) => pct(i.rate) },
      { header: `低于${Math.round(r.threshold * 100)}%`, width: 10, value: (i: Row) => (i.below ? '是' : '') },
    ], r.branches);
  }),
];

const aidRoutes: RouteDef[] = [
  scoped(o.listAidProjects, ({ tx }, { query }) => aid.listProjects(tx, query)),
  scoped(o.exportAidProjects, async ({ tx, reply }, { query }) => {
    const { items } = await aid.listProjects(tx, { ...query, ...ALL });
    type Row = (typeof items)[number];
    await sendWorkbook(reply, '帮扶项目.xlsx', '帮扶项目', [
      { header: '项目', width: 30, value: (r: Row) => r.title },
      { header: '类别', width: 14, value: (r: Row) => AID_PROGRAM_LABELS[r.program] },
      { header: '年度', width: 8, value: (r: Row) => r.year },
      { header: '组织', width: 30, value: (r: Row) => r.orgName },
      { header: '募集资金（元）', width: 16, value: (r: Row) => formatFen(r.fundsRaisedFen) },
      { header: '受助人数', width: 10, value: (r: Row) => r.beneficiaries },
      { header: '资助金额（元）', width: 16, value: (r: Row) => formatFen(r.committedFen) },
      { header: '已发放（元）', width: 16, value: (r: Row) => formatFen(r.paidFen) },
    ], items);
  }),
  scoped(o.createAidProject, async ({ tx, user }, { body }) => aid.projectDetail(tx, user, await aid.createProject(tx, body))),
  scoped(o.getAidProject, ({ tx, user }, { params }) => aid.projectDetail(tx, user, params.id)),
  scoped(o.updateAidProject, async ({ tx, user }, { params, body }) => {
    await aid.updateProject(tx, params.id, body);
    return aid.projectDetail(tx, user, params.id);
  }),
  scoped(o.exportAidProject, async ({ tx, reply }, { params }) => {
    const { project, rows } = await aid.beneficiaryRows(tx, params.id);
    const totals = `募集${formatFen(project.fundsRaisedFen)}元`;
    await sendWorkbook(reply, `${project.title}受助人名单.xlsx`, totals, aid.BENEFICIARY_EXPORT_COLUMNS, rows);
  }),
  scoped(o.addBeneficiary, async ({ tx, user }, { params, body }) => {
    await aid.addBeneficiary(tx, params.id, body);
    return aid.projectDetail(tx, user, params.id);
  }),
  ...(['pay', 'cancel'] as BeneficiaryAction[]).map((action) =>
    scoped(action === 'pay' ? o.payBeneficiary : o.cancelBeneficiary, async ({ tx, user }, { params, body }) => {
      const b = body as { paidOn?: string; reason?: string };
      const projectId = await aid.beneficiaryAction(tx, params.id, action, b.paidOn);
      if (b.reason) {
        await tx.execute(sql`select tj_audit_event('aid_cancel', 'aid_beneficiaries', ${String(params.id)}, (select org_id from aid_beneficiaries where id = ${params.id}), ${JSON.stringify({ reason: b.reason })}::jsonb)`);
      }
      return aid.projectDetail(tx, user, projectId);
    }),
  ),
];

const honorRoutes: RouteDef[] = [
  scoped(o.listHonorCampaigns, ({ tx }, { query }) => honors.listCampaigns(tx, query)),
  scoped(o.exportHonorCampaigns, async ({ tx, reply }, { query }) => {
    const { items } = await honors.listCampaigns(tx, { ...query, ...ALL });
    type Row = (typeof items)[number];
    await sendWorkbook(reply, '评优表彰.xlsx', '评选', [
      { header: '评选', width: 30, value: (r: Row) => r.title },
      { header: '荣誉', width: 16, value: (r: Row) => HONOR_TYPE_LABELS[r.honorType] },
      { header: '年度', width: 8, value: (r: Row) => r.year },
      { header: '组织评选', width: 30, value: (r: Row) => r.orgName },
      { header: '状态', width: 10, value: (r: Row) => HONOR_CAMPAIGN_STATUS_LABELS[r.status] },
      { header: '推荐数', width: 8, value: (r: Row) => r.nominations },
      { header: '授予数', width: 8, value: (r: Row) => r.awarded },
      { header: '公示期', width: 24, value: (r: Row) => (r.notice ? `${r.notice.from}至${r.notice.to}` : '') },
    ], items);
  }),
  scoped(o.createHonorCampaign, async ({ tx, user }, { body }) => honors.campaignDetail(tx, user, await honors.createCampaign(tx, body))),
  scoped(o.getHonorCampaign, ({ tx, user }, { params }) => honors.campaignDetail(tx, user, params.id)),
  scoped(o.exportHonorCampaign, async ({ tx, reply }, { params }) => {
    const { campaign, rows } = await honors.campaignRows(tx, params.id);
    await sendWorkbook(reply, `${campaign.title}推荐名单.xlsx`, '推荐名单', honors.NOMINATION_EXPORT_COLUMNS, rows);
  }),
  scoped(o.nominate, async ({ tx, user, rules }, { params, body }) => {
    await honors.nominate(tx, await rules(), params.id, body);
    return honors.campaignDetail(tx, user, params.id);
  }),
  scoped(o.reviewNomination, async ({ tx, user, rules }, { params, body }) => honors.campaignDetail(tx, user, await honors.review(tx, await rules(), params.id, body))),
  scoped(o.objectNomination, async ({ tx, user }, { params, body }) => honors.campaignDetail(tx, user, await honors.objectTo(tx, params.id, body.note))),
  scoped(o.publicizeCampaign, async ({ tx, user }, { params, body }) => {
    await honors.publicize(tx, params.id, body.from);
    return honors.campaignDetail(tx, user, params.id);
  }),
  scoped(o.awardCampaign, async ({ tx, user }, { params, body }) => {
    await honors.award(tx, params.id, body.awardedOn);
    return honors.campaignDetail(tx, user, params.id);
  }),
  scoped(o.honorsOfPerson, ({ tx }, { params }) => honors.honorsOf(tx, 'person', params.id)),
  scoped(o.honorsOfOrg, ({ tx }, { params }) => honors.honorsOf(tx, 'org', params.id)),
];

const appealRoutes: RouteDef[] = [
  scoped(o.listAppeals, ({ tx }, { query }) => appeals.listAppeals(tx, query)),
  scoped(o.exportAppeals, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '青年之声诉求清单.xlsx', '诉求', appeals.APPEAL_EXPORT_COLUMNS, await appeals.allAppeals(tx, query));
  }),
  scoped(o.getAppeal, ({ tx, user }, { params }) => appeals.appealDetail(tx, user, params.id)),
  scoped(o.createAppeal, async ({ tx, user, rules }, { body }) => appeals.appealDetail(tx, user, await appeals.createAppeal(tx, user, await rules(), body))),
  ...([
    [o.assignAppeal, 'assign'],
    [o.answerAppeal, 'answer'],
    [o.closeAppeal, 'close'],
    [o.transferAppeal, 'transfer'],
    [o.escalateAppeal, 'escalate'],
  ] as const).map(([c, action]) =>
    scoped(c, async ({ tx, user, rules }, { params, body }) => {
      await appeals.act(tx, user, await rules(), params.id, action, body as Record<string, string | number | null | undefined>);
      return appeals.appealDetail(tx, user, params.id);
    }),
  ),
];

const statsRoutes: RouteDef[] = [scoped(o.getOrgLifeOverview, async ({ tx, rules }, { query }) => overview(tx, await rules(), query))];

/**
 * Organizational life and work with youth (issue 5). The public 青年之声
 * routes are separate (youthVoicePublicRoutes(database)): they have no
 * caller scope.
 */
export const orgLifeRoutes: RouteDef[] = [
  ...meetingRoutes,
  ...attachmentRoutes,
  ...activityRoutes,
  ...venueRoutes,
  ...volunteerRoutes,
  ...studyRoutes,
  ...aidRoutes,
  ...honorRoutes,
  ...appealRoutes,
  ...statsRoutes,
];
