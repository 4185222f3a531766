import {
  APPRAISAL_KIND_LABELS,
  CADRE_EMPLOYMENT_LABELS,
  CADRE_GRADE_LABELS,
  cadreTitleLabel,
  ESTABLISHMENT_LABELS,
  GENDER_LABELS,
  ORG_TYPE_LABELS,
  RESERVE_STATUS_LABELS,
  SECTOR_LABELS,
  TERM_STATUS_LABELS,
  api,
  educationName,
  percentText,
  politicalStatusName,
} from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook, type SheetColumn } from '../../excel/workbook.js';
import { today } from '../../lib/clock.js';
import { cadreSet, toCadreItems } from './common.js';
import * as cadres from './service.js';
import * as stats from './stats.js';
import * as elections from './elections.js';
import { electionDocument } from './documents.js';
import * as appraisal from './appraisal.js';
import * as training from './training.js';
import * as reserve from './reserve.js';
import * as liaisons from './liaisons.js';
import { cadreOverview } from './overview.js';

const c = api.cadres;

const cadreColumns: SheetColumn<api.cadres.CadreItem>[] = [
  { header: '姓名', value: (x) => x.name, width: 10 },
  { header: '性别', value: (x) => GENDER_LABELS[x.gender], width: 6 },
  { header: '身份证号', value: (x) => x.idNumberMasked, width: 22 },
  { header: '出生日期', value: (x) => x.birthDate, width: 12 },
  { header: '年龄', value: (x) => x.age, width: 6 },
  { header: '学历', value: (x) => educationName(x.education) ?? '', width: 12 },
  { header: '政治面貌', value: (x) => politicalStatusName(x.politicalStatus) ?? x.politicalStatus, width: 12 },
  { header: '现任职务', value: (x) => x.posts.map((p) => `${p.orgName}${cadreTitleLabel(p.title)}（${CADRE_EMPLOYMENT_LABELS[p.employment]}）`).join('；'), width: 50 },
  { header: '在岗', value: (x) => (x.posts.length ? (x.onDuty ? '在岗' : '不在岗') : ''), width: 8 },
  { header: '编制', value: (x) => ESTABLISHMENT_LABELS[x.establishment], width: 8 },
  { header: '公务员', value: (x) => (x.civilServant ? '是' : '否'), width: 8 },
  { header: '工作单位及职务', value: (x) => x.workUnit, width: 30 },
  { header: '联系电话', value: (x) => x.phoneMasked, width: 14 },
  { header: '档案管理组织', value: (x) => x.orgName, width: 30 },
  { header: '最近考核等次', value: (x) => (x.latestGrade ? CADRE_GRADE_LABELS[x.latestGrade] : ''), width: 12 },
];

async function listCadreItems(ctx: { tx: Parameters<typeof cadreSet>[0]; rules(): Promise<import('@tuanjian/domain').Rules> }, q: api.QueryOf<typeof c.exportCadres>) {
  const rules = await ctx.rules();
  const on = q.on ?? today();
  const { rows, onDuty } = await cadreSet(ctx.tx, q, rules, on);
  return { rows, onDuty, on };
}

export const cadreRoutes: RouteDef[] = [
  /* ----------------------------------------------------------- records */
  scoped(c.listCadres, async (ctx, { query }) => {
    const { page, pageSize, ...filters } = query;
    const { rows, onDuty, on } = await listCadreItems(ctx, filters);
    const slice = rows.slice((page - 1) * pageSize, page * pageSize);
    return { items: await toCadreItems(ctx.tx, slice, on, onDuty), total: rows.length, page, pageSize };
  }),
  scoped(c.exportCadres, async (ctx, { query }) => {
    const { rows, onDuty, on } = await listCadreItems(ctx, query);
    await sendWorkbook(ctx.reply, '团干部名册.xlsx', '团干部', cadreColumns, await toCadreItems(ctx.tx, rows, on, onDuty));
  }),
  scoped(c.getCadre, async ({ tx, user, rules }, { params }) => cadres.cadreDetail(tx, user, params.id, await rules())),
  scoped(c.revealCadreIdNumber, async ({ tx }, { params }) => ({ idNumber: await cadres.revealIdNumber(tx, params.id) })),
  scoped(c.createCadre, async ({ tx, user, rules }, { body }) => {
    const r = await rules();
    return cadres.cadreDetail(tx, user, await cadres.createCadre(tx, body, r), r);
  }),
  scoped(c.updateCadre, async ({ tx, user, rules }, { params, body }) => {
    const r = await rules();
    await cadres.updateCadre(tx, params.id, body, r);
    return cadres.cadreDetail(tx, user, params.id, r);
  }),
  scoped(c.addPost, async ({ tx, user, rules }, { params, body }) => {
    const r = await rules();
    await cadres.addPost(tx, params.id, body, r);
    return cadres.cadreDetail(tx, user, params.id, r);
  }),
  scoped(c.endPost, ({ tx }, { params, body }) => cadres.endPost(tx, params.id, body.endOn, body.reason)),
  scoped(c.setPostDuty, ({ tx }, { params, body }) => cadres.setPostDuty(tx, params.id, body.onDuty)),

  /* ------------------------------------------------- rates and structure */
  scoped(c.getRates, ({ tx }, { query }) => stats.rates(tx, query)),
  scoped(c.listStaffing, ({ tx }, { query }) => stats.staffingList(tx, query)),
  scoped(c.exportStaffing, async ({ tx, reply }, { query }) => {
    const rows = await stats.staffingList(tx, query);
    await sendWorkbook(reply, '书记配备情况.xlsx', '配备情况', [
      { header: '组织', value: (x) => x.orgName, width: 36 },
      { header: '类型', value: (x) => ORG_TYPE_LABELS[x.type], width: 12 },
      { header: '领域', value: (x) => SECTOR_LABELS[x.sector], width: 12 },
      { header: '上级组织', value: (x) => x.parentName, width: 30 },
      { header: '书记', value: (x) => x.secretaryName ?? (x.secretaryId ? '（档案不在管理范围内）' : '未配备'), width: 12 },
      { header: '在岗', value: (x) => (x.secretaryOnDuty === null ? '' : x.secretaryOnDuty ? '在岗' : '不在岗'), width: 8 },
      { header: '空缺起始', value: (x) => x.vacantSince, width: 12 },
    ], rows);
  }),
  scoped(c.getStructure, async ({ tx, rules }, { query }) => stats.structure(tx, query, await rules())),
  scoped(c.getComposition, async ({ tx, rules }, { query }) => stats.composition(tx, query.orgId, await rules())),
  scoped(c.listCompositionIssues, async ({ tx, rules }, { query }) => stats.compositionIssues(tx, query, await rules())),
  scoped(c.exportCompositionIssues, async ({ tx, rules, reply }, { query }) => {
    const rows = await stats.compositionIssues(tx, query, await rules());
    await sendWorkbook(reply, '班子结构问题清单.xlsx', '班子结构', [
      { header: '组织', value: (x) => x.orgName, width: 36 },
      { header: '类型', value: (x) => ORG_TYPE_LABELS[x.type], width: 12 },
      { header: '上级组织', value: (x) => x.parentName, width: 30 },
      { header: '配置标准', value: (x) => x.patternText, width: 40 },
      { header: '书记', value: (x) => x.counts.secretaries, width: 6 },
      { header: '副书记', value: (x) => x.counts.deputies, width: 8 },
      { header: '委员', value: (x) => x.counts.members, width: 6 },
      { header: '体制外占比', value: (x) => percentText(x.outsideShare), width: 10 },
      { header: '问题', value: (x) => x.violations.map((v) => v.message).join('；'), width: 60 },
    ], rows);
  }),
  scoped(c.getCadreOverview, async ({ tx, rules }, { query }) => cadreOverview(tx, query.orgId, await rules())),

  /* ------------------------------------------------------------- terms */
  scoped(c.listTerms, async ({ tx, rules }, { query }) => stats.terms(tx, query, await rules())),
  scoped(c.exportTerms, async ({ tx, rules, reply }, { query }) => {
    const { items } = await stats.terms(tx, query, await rules());
    await sendWorkbook(reply, '任期与换届情况.xlsx', '任期', [
      { header: '组织', value: (x) => x.orgName, width: 36 },
      { header: '类型', value: (x) => ORG_TYPE_LABELS[x.type], width: 12 },
      { header: '上级组织', value: (x) => x.parentName, width: 30 },
      { header: '本届开始', value: (x) => x.startedOn, width: 12 },
      { header: '任期（年）', value: (x) => x.lengthYears, width: 10 },
      { header: '届满日期', value: (x) => x.endsOn, width: 12 },
      { header: '状态', value: (x) => TERM_STATUS_LABELS[x.status], width: 14 },
      { header: '超期年数', value: (x) => x.yearsOverdue || '', width: 10 },
      { header: '进行中的换届', value: (x) => x.electionInProgress?.title, width: 30 },
    ], items);
  }),
  scoped(c.recordTerm, async ({ tx, rules }, { body }) => stats.recordTerm(tx, body, await rules())),

  /* --------------------------------------------------------- elections */
  scoped(c.listElections, async ({ tx, rules }, { query }) => elections.listElections(tx, query, await rules())),
  scoped(c.planElection, async ({ tx, user, rules }, { body }) => elections.electionDetail(tx, user, await elections.planElection(tx, body), await rules())),
  scoped(c.getElection, async ({ tx, user, rules }, { params }) => elections.electionDetail(tx, user, params.id, await rules())),
  scoped(c.addCandidate, async ({ tx, user, rules }, { params, body }) => {
    await elections.addCandidate(tx, user, params.id, body);
    return elections.electionDetail(tx, user, params.id, await rules());
  }),
  scoped(c.recordElectionStep, async ({ tx, user, rules }, { params, body }) => {
    const r = await rules();
    await elections.recordStep(tx, params.id, body, r);
    return elections.electionDetail(tx, user, params.id, r);
  }),
  scoped(c.approveElection, async ({ tx, user, rules }, { params, body }) => {
    const r = await rules();
    await elections.approve(tx, user, params.id, body, r);
    return elections.electionDetail(tx, user, params.id, r);
  }),
  scoped(c.cancelElection, async ({ tx, user, rules }, { params, body }) => {
    await elections.cancel(tx, params.id, body);
    return elections.electionDetail(tx, user, params.id, await rules());
  }),
  scoped(c.getElectionDocument, async ({ tx, user, rules }, { params, query }) => {
    const e = await elections.loadElection(tx, params.id);
    return electionDocument(await elections.electionDetail(tx, user, params.id, await rules()), query.kind, {
      contactName: e.org_contact_name,
      contactPhone: e.org_contact_phone,
    });
  }),
  scoped(c.qualifyCandidate, async ({ tx, user, rules }, { params, body }) => {
    const r = await rules();
    return elections.electionDetail(tx, user, await elections.qualifyCandidate(tx, user, params.id, body, r), r);
  }),
  scoped(c.recordObjection, async ({ tx, user, rules }, { params, body }) =>
    elections.electionDetail(tx, user, await elections.recordObjection(tx, user, params.id, body), await rules()),
  ),
  scoped(c.resolveObjection, async ({ tx, user, rules }, { params, body }) =>
    elections.electionDetail(tx, user, await elections.resolveObjection(tx, params.id, body), await rules()),
  ),

  /* --------------------------------------------------------- appraisal */
  scoped(c.listAppraisalCampaigns, ({ tx }, { query }) => appraisal.listCampaigns(tx, query)),
  scoped(c.openAppraisalCampaign, async ({ tx, user, rules }, { body }) => appraisal.campaignDetail(tx, user, await appraisal.openCampaign(tx, body, await rules()))),
  scoped(c.getAppraisalCampaign, ({ tx, user }, { params }) => appraisal.campaignDetail(tx, user, params.id)),
  scoped(c.scoreAppraisal, async ({ tx, user }, { params, body }) => {
    await appraisal.score(tx, params.id, body);
    return appraisal.campaignDetail(tx, user, params.id);
  }),
  scoped(c.closeAppraisalCampaign, async ({ tx, user }, { params }) => {
    await appraisal.close(tx, params.id);
    return appraisal.campaignDetail(tx, user, params.id);
  }),
  scoped(c.exportAppraisalCampaign, async ({ tx, user, reply }, { params }) => {
    const d = await appraisal.campaignDetail(tx, user, params.id);
    await sendWorkbook(reply, `${d.title}.xlsx`, APPRAISAL_KIND_LABELS[d.kind], [
      { header: '排名', value: (x) => x.rank, width: 6 },
      { header: '姓名', value: (x) => x.name, width: 10 },
      { header: '职务', value: (x) => x.posts, width: 40 },
      { header: `团内述职（${percentText(d.weights.inner, 0)}）`, value: (x) => x.inner, width: 14 },
      { header: `党政评价（${percentText(d.weights.party, 0)}）`, value: (x) => x.party, width: 14 },
      { header: `青年参评（${percentText(d.weights.youth, 0)}）`, value: (x) => x.youth, width: 14 },
      { header: '加权总分', value: (x) => x.total, width: 10 },
      { header: '等次', value: (x) => (x.grade ? CADRE_GRADE_LABELS[x.grade] : ''), width: 10 },
      { header: '档案管理组织', value: (x) => x.orgName, width: 30 },
    ], d.entries);
  }),

  /* ---------------------------------------------------------- training */
  scoped(c.listTrainings, ({ tx }, { query }) => training.listTrainings(tx, query)),
  scoped(c.createTraining, async ({ tx, user }, { body }) => training.trainingDetail(tx, user, await training.createTraining(tx, body))),
  scoped(c.getTrainingSummary, ({ tx }, { query }) => training.trainingSummary(tx, query)),
  scoped(c.listUntrained, async ({ tx, rules }, { query }) => training.untrained(tx, query, await rules())),
  scoped(c.exportUntrained, async ({ tx, rules, reply }, { query }) => {
    const rows = await training.untrained(tx, query, await rules());
    await sendWorkbook(reply, '未参训团干部名单.xlsx', '未参训', cadreColumns, rows);
  }),
  scoped(c.getTraining, ({ tx, user }, { params }) => training.trainingDetail(tx, user, params.id)),
  scoped(c.recordAttendance, async ({ tx, user }, { params, body }) => {
    await training.recordAttendance(tx, params.id, body);
    return training.trainingDetail(tx, user, params.id);
  }),

  /* ------------------------------------------------------ reserve talent */
  scoped(c.listReserveTalents, async ({ tx, rules }, { query }) => {
    const { page, pageSize, ...filters } = query;
    const all = await reserve.listReserve(tx, filters, await rules());
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
  }),
  scoped(c.exportReserveTalents, async ({ tx, rules, reply }, { query }) => {
    const rows = await reserve.listReserve(tx, query, await rules());
    await sendWorkbook(reply, '后备人才名单.xlsx', '后备人才', [
      { header: '姓名', value: (x) => x.name, width: 10 },
      { header: '性别', value: (x) => GENDER_LABELS[x.gender], width: 6 },
      { header: '年龄', value: (x) => x.age, width: 6 },
      { header: '政治面貌', value: (x) => politicalStatusName(x.politicalStatus) ?? x.politicalStatus, width: 12 },
      { header: '学历', value: (x) => educationName(x.education) ?? '', width: 12 },
      { header: '所在组织', value: (x) => x.orgName, width: 30 },
      { header: '推荐人（单位）', value: (x) => x.recommendedBy, width: 20 },
      { header: '推荐理由', value: (x) => x.reason, width: 40 },
      { header: '推荐日期', value: (x) => x.recommendedOn, width: 12 },
      { header: '现职团干部', value: (x) => (x.isCurrentCadre ? '是' : '否'), width: 10 },
      { header: '状态', value: (x) => RESERVE_STATUS_LABELS[x.status], width: 8 },
    ], rows);
  }),
  scoped(c.getReserveSummary, async ({ tx, rules }, { query }) => reserve.summary(tx, query.orgId, await rules())),
  scoped(c.addReserveTalent, async ({ tx, rules }, { body }) => reserve.addReserve(tx, body, await rules())),
  scoped(c.setReserveStatus, ({ tx }, { params, body }) => reserve.setStatus(tx, params.id, body.status)),

  /* ---------------------------------------------------------- liaisons */
  scoped(c.listLiaisons, ({ tx }, { query }) => liaisons.listLiaisons(tx, query)),
  scoped(c.getLiaisonCoverage, ({ tx }, { query }) => liaisons.coverage(tx, query)),
  scoped(c.exportUncoveredBranches, async ({ tx, reply }, { query }) => {
    const { uncovered } = await liaisons.coverage(tx, query);
    await sendWorkbook(reply, '无人联系的团支部.xlsx', '无人联系', [
      { header: '团支部', value: (x) => x.orgName, width: 40 },
      { header: '上级组织', value: (x) => x.parentName, width: 36 },
    ], uncovered);
  }),
  scoped(c.createLiaison, async ({ tx, user }, { body }) => liaisons.liaisonDetail(tx, user, await liaisons.createLiaison(tx, body))),
  scoped(c.getLiaison, ({ tx, user }, { params }) => liaisons.liaisonDetail(tx, user, params.id)),
  scoped(c.endLiaison, async ({ tx, user }, { params, body }) => {
    await liaisons.endLiaison(tx, params.id, body.until);
    return liaisons.liaisonDetail(tx, user, params.id);
  }),
  scoped(c.logContact, async ({ tx, user }, { params, body }) => {
    await liaisons.logContact(tx, params.id, body);
    return liaisons.liaisonDetail(tx, user, params.id);
  }),
];
