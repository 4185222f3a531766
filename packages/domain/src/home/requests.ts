import * as api from '../api/index.js';
import { hasPermission, type Permission, type Role } from '../auth/roles.js';
import { menuLevelOf } from '../auth/menu.js';
import { isBranchType, type OrgType } from '../org/types.js';

/**
 * The requests of an account's own home page (opened at /), with their inputs: one list for the web
 * client's components and prefetch (pages/home/homeQueries.ts) and for the server, which names them in
 * the page's Link header so the browser asks for them while it loads the scripts (app.ts). Each input
 * builder is the one the home's component uses, so the three cannot drift.
 */
export interface HomeAccount {
  scopeOrgId: number | null;
  scopeOrgType: OrgType | null;
  role: Role;
  permissions: readonly Permission[];
}
export interface HomeRequest {
  contract: api.Contract;
  input?: { params?: Record<string, unknown>; query?: Record<string, unknown> };
}

/** The branch home's one request: the branch, the year and the month (YYYY-MM). */
export const branchHomeInput = (orgId: number, year: number, month: string) => ({ query: { orgId, year, month } });

/** A committee's overview (HomePage's Overview) and the figures of its people (CommitteeOverview). */
export const orgOverviewInput = (orgId: number) => ({ query: { orgId } });
export const peopleOverviewInput = (orgId: number) => ({ query: { orgId } });

/** WorkFigures: each registry's summary for the organization (registration and the funnel for the year). */
export const workFiguresInputs = (orgId: number, year: number) => ({
  cadres: { query: { orgId } },
  orgLife: { query: { orgId } },
  registration: { query: { orgId, year } },
  funnel: { query: { orgId, year } },
});

/** How many branches each card of BehindBranches lists. */
export const BEHIND_SHOWN = 8;

/** BehindBranches (a township's home): the first page of each kind of work's behind branches, this year and this month. */
export const behindBranchesInputs = (orgId: number, year: number, month: string) => {
  const page = { page: 1, pageSize: BEHIND_SHOWN };
  return {
    compliance: { query: { orgId, behindOnly: 'true' as const, ...page } },
    study: { query: { orgId, year, belowOnly: 'true' as const, ...page } },
    dues: { query: { under: orgId, from: month, to: month, behindOnly: 'true' as const, ...page } },
    registration: { query: { orgId, year, by: 'branches' as const } },
  };
};

/** UncoveredUnits: villages and communities of the subtree without a league organization. */
export const uncoveredUnitsInput = (orgId: number) => ({ query: { under: orgId, uncovered: 'true' as const } });

/** OverdueSlot (the county's home): the overdue items of the account's subtree counted, the first organizations named. */
export const overdueSummaryInput = () => ({ query: { limit: api.inbox.OVERDUE_SUMMARY_ORGS } });

/** The scope picker's first level (useLazyOrgTree's children query of an organization). */
export const orgChildrenInput = (id: number, includeDissolved = false) => ({ params: { id }, query: { includeDissolved: String(includeDissolved) } });

/**
 * What the home of `account` asks for on `today` (YYYY-MM-DD, China): the frame's 待办 count; a branch's one request and its 待办;
 * a committee's overview, the scope picker's roots and first level, and each figure of CommitteeOverview
 * (its overdue summary for a county, its 待办 and behind branches for a township), with the permission
 * checks of the components. Nothing for an account without an organization (the platform administrator).
 */
export function homeRequests(account: HomeAccount, today: string): HomeRequest[] {
  const orgId = account.scopeOrgId;
  const type = account.scopeOrgType;
  if (orgId === null || !type) return [];
  const can = (p: Permission) => account.permissions.includes(p);
  const inbox = hasPermission(account.role, 'inbox:read');
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const out: HomeRequest[] = [];
  const ask = (contract: api.Contract, input?: HomeRequest['input']) => out.push({ contract, input });
  // The frame's 待办 count (InboxBadge, in the header of every page).
  if (inbox) ask(api.inbox.inboxCount);
  if (isBranchType(type)) {
    if (can('stats:read')) ask(api.stats.branchHome, branchHomeInput(orgId, year, month));
    if (inbox) ask(api.inbox.getInbox);
    return out;
  }
  const level = menuLevelOf(type);
  ask(api.stats.getOrgOverview, orgOverviewInput(orgId));
  ask(api.orgs.listRoots);
  ask(api.orgs.listChildren, orgChildrenInput(orgId));
  if (inbox && level === 'county') ask(api.inbox.overdueSummary, overdueSummaryInput());
  if (inbox && level === 'township') ask(api.inbox.getInbox);
  if (can('stats:read')) {
    const work = workFiguresInputs(orgId, year);
    ask(api.cadres.getCadreOverview, work.cadres);
    ask(api.orgLife.getOrgLifeOverview, work.orgLife);
    if (can('person:read')) ask(api.membership.registrationProgress, work.registration);
    ask(api.development.getFunnel, work.funnel);
    if (level === 'township') {
      const behind = behindBranchesInputs(orgId, year, month);
      ask(api.orgLife.getCompliance, behind.compliance);
      ask(api.orgLife.studyStats, behind.study);
      ask(api.dailyWork.duesReport, behind.dues);
      if (can('person:read')) ask(api.membership.registrationProgress, behind.registration);
    }
  }
  if (can('person:read')) ask(api.people.getPeopleOverview, peopleOverviewInput(orgId));
  ask(api.orgs.listAdminUnits, uncoveredUnitsInput(orgId));
  return out;
}
