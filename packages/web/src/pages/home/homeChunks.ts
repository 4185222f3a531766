import { isBranchType } from '@tuanjian/domain';
import type { SessionAccount } from '../../auth/session';

/**
 * A committee's home (CommitteeOverview and the chart library it draws with) is fetched as soon as the session
 * is known, with the frame and before the home's data is asked for: the embedded server answers scripts and
 * queries on one thread, and a browser opens six connections, so a chunk asked for after the data waits for it.
 * A branch's home does not use them (a branch secretary's phone does not download them).
 */
export function preloadCommitteeHome(account: SessionAccount) {
  if (!account.scopeOrgType || isBranchType(account.scopeOrgType)) return;
  void import('./CommitteeOverview');
  void import('../../components/EChartCanvas');
}
