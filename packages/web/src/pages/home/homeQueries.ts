import { api, hasPermission, isBranchType, menuLevelOf, type Permission } from '@tuanjian/domain';
import type { QueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { apiQuery } from '../../api/hooks';
import type { SessionAccount } from '../../auth/session';
import { orgChildrenQuery } from '../../components/useLazyOrgTree';
import { chinaToday } from '../../lib/people';

/**
 * The inputs (and so the query keys) of the home's requests, one builder each, used by the components that
 * ask and by prefetchHome, so the two cannot drift. This module holds no component: App.tsx fetches it with
 * the session check and it needs only the API client, not the home's chunks.
 */

/** The branch home's one request: the branch, the year and this month. */
export const branchHomeInput = (orgId: number, year: number, today: Dayjs) => ({ query: { orgId, year, month: today.format('YYYY-MM') } });

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

/** Today's year and month (China Standard Time), as the home's components take them. */
export const homeToday = () => dayjs(chinaToday());

/**
 * The home's data (opened at /, the account's own organization) is asked for as soon as the session is known,
 * with the keys and the permission checks of the home's components, while the frame and the home are still
 * loading: a branch's one request and its 待办; a committee's overview and each figure of CommitteeOverview
 * (its overdue summary for a county, its 待办 and behind branches for a township), and the scope picker's first
 * level. Its chunks are fetched before (homeChunks.ts).
 */
export function prefetchHome(client: QueryClient, account: SessionAccount) {
  if (window.location.pathname !== '/' || new URLSearchParams(window.location.search).has('org')) return;
  const orgId = account.scopeOrgId;
  const type = account.scopeOrgType;
  if (orgId === null || !type) return;
  const can = (p: Permission) => account.permissions.includes(p);
  const inbox = hasPermission(account.role, 'inbox:read');
  const today = homeToday();
  const year = today.year();
  const prefetch = (options: { queryKey: readonly unknown[]; queryFn: () => Promise<unknown> }) => void client.prefetchQuery(options);
  if (isBranchType(type)) {
    if (can('stats:read')) prefetch(apiQuery(api.stats.branchHome, branchHomeInput(orgId, year, today)));
    if (inbox) prefetch(apiQuery(api.inbox.getInbox));
    return;
  }
  const level = menuLevelOf(type);
  prefetch(apiQuery(api.stats.getOrgOverview, orgOverviewInput(orgId)));
  // The scope picker (OrgTreeSelect): the roots, then the top level opened (as it does on its first render).
  void client
    .fetchQuery(apiQuery(api.orgs.listRoots))
    .then((roots) => roots.forEach((r) => prefetch(orgChildrenQuery(r.id, false))))
    .catch(() => undefined);
  if (inbox && level === 'county') prefetch(apiQuery(api.inbox.overdueSummary, overdueSummaryInput()));
  if (inbox && level === 'township') prefetch(apiQuery(api.inbox.getInbox));
  if (can('stats:read')) {
    const work = workFiguresInputs(orgId, year);
    prefetch(apiQuery(api.cadres.getCadreOverview, work.cadres));
    prefetch(apiQuery(api.orgLife.getOrgLifeOverview, work.orgLife));
    if (can('person:read')) prefetch(apiQuery(api.membership.registrationProgress, work.registration));
    prefetch(apiQuery(api.development.getFunnel, work.funnel));
    if (level === 'township') {
      const behind = behindBranchesInputs(orgId, year, today.format('YYYY-MM'));
      prefetch(apiQuery(api.orgLife.getCompliance, behind.compliance));
      prefetch(apiQuery(api.orgLife.studyStats, behind.study));
      prefetch(apiQuery(api.dailyWork.duesReport, behind.dues));
      if (can('person:read')) prefetch(apiQuery(api.membership.registrationProgress, behind.registration));
    }
  }
  if (can('person:read')) prefetch(apiQuery(api.people.getPeopleOverview, peopleOverviewInput(orgId)));
  prefetch(apiQuery(api.orgs.listAdminUnits, uncoveredUnitsInput(orgId)));
}
