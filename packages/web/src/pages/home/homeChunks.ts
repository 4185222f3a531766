import { isBranchType } from '@tuanjian/domain';
import type { SessionAccount } from '../../auth/session';

/**
 * A committee's home (CommitteeOverview) is fetched as soon as the session is known, with the frame and before
 * the home's data is asked for: the embedded server answers scripts and queries on one thread, and a browser
 * opens six connections, so a chunk asked for after the data waits for it. A branch's home does not use it (a
 * branch secretary's phone does not download it). The chart library is not among them: the overview's charts
 * start below the first screen, and ECharts comes when the first of them nears it (components/EChart.tsx).
 */
export function preloadCommitteeHome(account: SessionAccount) {
  if (!account.scopeOrgType || isBranchType(account.scopeOrgType)) return;
  void import('./CommitteeOverview');
}
