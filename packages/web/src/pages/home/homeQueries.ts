import { homeRequests } from '@tuanjian/domain';
import type { QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { apiQuery } from '../../api/hooks';
import type { CallArgs } from '../../api/client';
import type { SessionAccount } from '../../auth/session';
import { chinaToday } from '../../lib/people';

/**
 * The home's requests and their inputs come from @tuanjian/domain (home/requests.ts): the components that
 * ask, prefetchHome here and the server's Link header on the page (app.ts) use the same builders, so they
 * cannot drift. This module holds no component: App.tsx fetches it with the session check and it needs only
 * the API client, not the home's chunks.
 */
export {
  BEHIND_SHOWN,
  behindBranchesInputs,
  branchHomeInput,
  orgOverviewInput,
  overdueSummaryInput,
  peopleOverviewInput,
  uncoveredUnitsInput,
  workFiguresInputs,
} from '@tuanjian/domain';

/** Today's date (China Standard Time), as the home's components take it. */
export const homeToday = () => dayjs(chinaToday());

/**
 * The home's data (opened at /, the account's own organization) is asked for as soon as the session is known,
 * with the keys of the home's components, while the frame and the home are still loading. The server has
 * already named the same requests in the page's Link header, so the browser's preloads answer these at once.
 * Its chunks are fetched before (homeChunks.ts).
 */
export function prefetchHome(client: QueryClient, account: SessionAccount) {
  if (window.location.pathname !== '/' || new URLSearchParams(window.location.search).has('org')) return;
  for (const r of homeRequests(account, chinaToday())) {
    void client.prefetchQuery(apiQuery(r.contract, ...([r.input] as CallArgs<typeof r.contract>)));
  }
}
