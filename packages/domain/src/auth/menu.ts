import * as api from '../api/index.js';
import type { Contract } from '../api/contract.js';
import type { OrgType } from '../org/types.js';
import { isBranchType } from '../org/types.js';
import type { Permission } from './roles.js';

/**
 * The side menu, derived from what the server enforces: each entry names the
 * contracts its page exists to call (their `permission` is what the route
 * layer checks) and the levels of the tree where that work is done. An entry
 * shows when the account holds every one of those permissions and its scope
 * sits at one of the levels. There is no second list of "who may see what".
 */

/** Where in the tree an account's scope sits. The platform administrator (no scope) works at every level. */
export const MENU_LEVELS = ['county', 'township', 'branch'] as const;
export type MenuLevel = (typeof MENU_LEVELS)[number];
export const MENU_LEVEL_LABELS: Record<MenuLevel, string> = { county: '县级及以上', township: '乡镇（街道）及基层团委', branch: '团支部' };

/** The level of a scope: county and above; township, street, unit committees and general branches; branches. */
export function menuLevelOf(scopeOrgType: OrgType | null): MenuLevel | null {
  if (scopeOrgType === null) return null;
  if (isBranchType(scopeOrgType)) return 'branch';
  if (scopeOrgType === 'central' || scopeOrgType === 'provincial' || scopeOrgType === 'city' || scopeOrgType === 'county') return 'county';
  return 'township';
}

/** What the menu needs of a contract: the route it names and the permission the server checks. */
type MenuContract = Pick<Contract, 'method' | 'path' | 'permission'>;

export interface MenuEntry {
  path: string;
  label: string;
  /** The sub-menu it belongs to (key of MENU_GROUPS), or none for a top-level entry. */
  group?: MenuGroupKey;
  /** The contracts the page is for; the account needs the permission of each. */
  contracts: readonly MenuContract[];
  /** Levels where this is the account's own work. */
  levels: readonly MenuLevel[];
  /** Only for accounts scoped at these organization types (the national page: the central committee's, on a national server). */
  orgTypes?: readonly OrgType[];
}

export const MENU_GROUPS = [
  { key: 'membership', label: '团员管理', prefixes: ['/membership', '/member-accounts'] },
  { key: 'cadres', label: '团干部', prefixes: ['/cadres'] },
  { key: 'org-life', label: '组织生活', prefixes: ['/org-life'] },
  { key: 'youth', label: '青年工作', prefixes: ['/youth'] },
  { key: 'daily', label: '日常工作', prefixes: ['/daily'] },
  { key: 'stats', label: '统计报表', prefixes: ['/stats'] },
  { key: 'notices', label: '通知公告', prefixes: ['/notices'] },
] as const;
export type MenuGroupKey = (typeof MENU_GROUPS)[number]['key'];

const ALL: readonly MenuLevel[] = MENU_LEVELS;
/** Work of committees over other organizations (not of a single branch). */
const COMMITTEES: readonly MenuLevel[] = ['county', 'township'];

/** Every page of the side menu, in menu order (groups appear where their first entry is). */
export const MENU: readonly MenuEntry[] = [
  { path: '/', label: '首页', contracts: [], levels: ALL },
  { path: '/inbox', label: '我的待办', contracts: [api.inbox.getInbox], levels: ALL },
  { path: '/notices/received', label: '收到的通知', group: 'notices', contracts: [api.notices.listReceived], levels: ALL },
  // A branch has no organization below it to notify.
  { path: '/notices/sent', label: '发布通知', group: 'notices', contracts: [api.notices.listSent, api.notices.publishNotice], levels: COMMITTEES },
  { path: '/orgs', label: '组织管理', contracts: [api.orgs.getOrg], levels: ALL },
  // “三新” coverage is counted over the committees' units (issue 17).
  { path: '/new-sector', label: '“三新”覆盖', contracts: [api.registries.getNewSectorCoverage, api.registries.listNewSectorUnits], levels: COMMITTEES },
  { path: '/people', label: '青年团员', contracts: [api.people.listPeople], levels: ALL },
  { path: '/import', label: '数据导入', contracts: [api.imports.previewMapped], levels: ALL },
  { path: '/development', label: '团员发展', contracts: [api.development.listCases], levels: ALL },
  // Quotas are allocated down the tree; a branch sees its own on its home page.
  { path: '/quotas', label: '发展指标', contracts: [api.development.getQuotas, api.development.getFunnel], levels: COMMITTEES },
  // 电子档案 (issue 14): scans of each member's file and their review by the committee above.
  { path: '/archive', label: '电子档案', contracts: [api.archive.archiveOverview], levels: ALL },
  { path: '/membership/transfers', label: '组织关系转接', group: 'membership', contracts: [api.membership.listTransfers], levels: ALL },
  { path: '/membership/registrations', label: '团籍注册', group: 'membership', contracts: [api.membership.listRegistrations], levels: ALL },
  { path: '/membership/appraisals', label: '教育评议', group: 'membership', contracts: [api.membership.listAppraisals], levels: ALL },
  { path: '/membership/leaving', label: '离团管理', group: 'membership', contracts: [api.membership.listDueToLeave], levels: ALL },
  { path: '/membership/party', label: '推优入党', group: 'membership', contracts: [api.membership.listPartyRecommendations], levels: ALL },
  // 回头看 audits are opened by the committee over its branches.
  { path: '/membership/reviews', label: '“回头看”', group: 'membership', contracts: [api.membership.listReviews], levels: COMMITTEES },
  { path: '/member-accounts', label: '团员账号', group: 'membership', contracts: [api.dailyWork.listMemberAccounts, api.dailyWork.issueResetCodes], levels: ALL },
  { path: '/cadres/overview', label: '团干部队伍', group: 'cadres', contracts: [api.cadres.getRates], levels: COMMITTEES },
  { path: '/cadres/list', label: '干部名册', group: 'cadres', contracts: [api.cadres.listCadres], levels: ALL },
  { path: '/cadres/elections', label: '换届选举', group: 'cadres', contracts: [api.cadres.listElections], levels: ALL },
  { path: '/cadres/campaigns', label: '限期换届', group: 'cadres', contracts: [api.registries.listElectionCampaigns], levels: ALL },
  { path: '/cadres/appraisals', label: '考核评议', group: 'cadres', contracts: [api.cadres.listAppraisalCampaigns], levels: COMMITTEES },
  { path: '/cadres/trainings', label: '培训', group: 'cadres', contracts: [api.cadres.listTrainings], levels: ALL },
  { path: '/cadres/reserve', label: '后备人才', group: 'cadres', contracts: [api.cadres.listReserveTalents], levels: ALL },
  { path: '/cadres/liaisons', label: '联系服务', group: 'cadres', contracts: [api.cadres.listLiaisons], levels: COMMITTEES },
  // 团代会代表 (issue 17): registered by the convening committee, read by the townships that elected them.
  { path: '/cadres/deputies', label: '团代会代表', group: 'cadres', contracts: [api.deputies.listDeputies, api.deputies.getDeputyLiaison], levels: COMMITTEES },
  { path: '/org-life/meetings', label: '三会两制一课', group: 'org-life', contracts: [api.orgLife.listMeetings], levels: ALL },
  { path: '/org-life/compliance', label: '组织生活达标', group: 'org-life', contracts: [api.orgLife.getCompliance], levels: ALL },
  { path: '/org-life/activities', label: '团的活动', group: 'org-life', contracts: [api.orgLife.listActivities], levels: ALL },
  { path: '/org-life/venues', label: '团属阵地', group: 'org-life', contracts: [api.orgLife.listVenues], levels: ALL },
  { path: '/youth/volunteers', label: '志愿服务', group: 'youth', contracts: [api.orgLife.listVolunteers], levels: ALL },
  { path: '/youth/study', label: '青年大学习', group: 'youth', contracts: [api.orgLife.listStudyRounds], levels: ALL },
  { path: '/youth/aid', label: '帮扶项目', group: 'youth', contracts: [api.orgLife.listAidProjects], levels: ALL },
  { path: '/youth/honors', label: '评优表彰', group: 'youth', contracts: [api.orgLife.listHonorCampaigns], levels: ALL },
  { path: '/youth/honor-awards', label: '荣誉记录', group: 'youth', contracts: [api.registries.listHonorAwards], levels: ALL },
  { path: '/youth/appeals', label: '青年之声', group: 'youth', contracts: [api.orgLife.listAppeals], levels: ALL },
  { path: '/youth/programs', label: '专项计划', group: 'youth', contracts: [api.registriesSmall.listProgramFlags], levels: ALL },
  { path: '/youth/societies', label: '青年社团', group: 'youth', contracts: [api.registriesSmall.listSocieties], levels: COMMITTEES },
  // A county's youth development plan (青年发展规划) is the county's own.
  { path: '/youth/plan', label: '青年发展规划', group: 'youth', contracts: [api.registriesSmall.listPlanMeasures], levels: ['county'] },
  { path: '/daily/dues', label: '团费收缴', group: 'daily', contracts: [api.dailyWork.getDuesLedger], levels: ALL },
  { path: '/daily/ratings', label: '对标定级', group: 'daily', contracts: [api.dailyWork.listStarRatings], levels: ALL },
  { path: '/daily/graduates', label: '学社衔接', group: 'daily', contracts: [api.dailyWork.listGraduateClasses], levels: ALL },
  { path: '/daily/quality', label: '数据质量', group: 'daily', contracts: [api.dailyWork.qualityOverview], levels: ALL },
  { path: '/daily/corrections', label: '信息更正', group: 'daily', contracts: [api.dailyWork.listCorrections], levels: ALL },
  // 督导联系点 and 党委研究团的工作 (issue 17, item 6): the county sees every township's, a township its own.
  { path: '/daily/supervision', label: '督导联系点', group: 'daily', contracts: [api.registriesSmall.listSupervisionVisits], levels: COMMITTEES },
  { path: '/daily/party-meetings', label: '党委研究团的工作', group: 'daily', contracts: [api.registriesSmall.listPartyMeetings], levels: COMMITTEES },
  // A statistical table, trends and rankings of one branch have nothing to compare.
  { path: '/stats/tables', label: '统计表', group: 'stats', contracts: [api.statTables.getStatTable], levels: COMMITTEES },
  { path: '/stats/trends', label: '趋势与对比', group: 'stats', contracts: [api.dashboard.listSnapshots], levels: COMMITTEES },
  { path: '/stats/ledgers', label: '工作台账', group: 'stats', contracts: [api.ledgers.listLedgers], levels: ALL },
  // Report tasks are issued down the tree and the assessment ranks townships: committees' work.
  { path: '/stats/reports', label: '报送任务', group: 'stats', contracts: [api.reports.listTasks, api.reports.issueTask], levels: COMMITTEES },
  { path: '/stats/assessment', label: '改革考核', group: 'stats', contracts: [api.reports.getScores, api.reports.listSchemes], levels: COMMITTEES },
  // 全国概况: the central committee's accounts on a national server (docs/scaling.md, the national tier).
  { path: '/national', label: '全国概况', contracts: [api.national.getOverview], levels: ['county'], orgTypes: ['central'] },
  // 跨省转接: the coordinator's transfers between provinces (national/transfer.ts), on the same national server.
  { path: '/national/transfers', label: '跨省转接', contracts: [api.national.listTransfers, api.national.startTransfer], levels: ['county'], orgTypes: ['central'] },
  { path: '/accounts', label: '账号管理', contracts: [api.accounts.listAccounts, api.accounts.createAccount], levels: COMMITTEES },
  { path: '/audit', label: '操作日志', contracts: [api.audit.listAudit], levels: ALL },
  // Rules are the platform's settings: only a role holding rules:write (the platform administrator).
  { path: '/rules', label: '规则配置', contracts: [api.rules.updateRuleSection], levels: ALL },
];

/** The permissions an entry needs (those of its contracts; public and authenticated routes need none). */
export function menuEntryPermissions(entry: MenuEntry): Permission[] {
  const out = new Set<Permission>();
  for (const c of entry.contracts) if (c.permission !== 'public' && c.permission !== 'authenticated') out.add(c.permission);
  return [...out];
}

/** The entries an account sees: it holds every permission, and the page is work of its level (all levels without a scope). */
export function menuFor(permissions: readonly Permission[], scopeOrgType: OrgType | null): MenuEntry[] {
  const level = menuLevelOf(scopeOrgType);
  return MENU.filter(
    (e) =>
      (level === null || e.levels.includes(level)) &&
      (!e.orgTypes || (scopeOrgType !== null && e.orgTypes.includes(scopeOrgType))) &&
      menuEntryPermissions(e).every((p) => permissions.includes(p)),
  );
}

/** The entry a location belongs to (longest matching path). */
export function menuEntryAt(pathname: string): MenuEntry | undefined {
  return [...MENU].filter((e) => e.path !== '/' && pathname.startsWith(e.path)).sort((a, b) => b.path.length - a.path.length)[0];
}
