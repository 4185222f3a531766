import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import * as inbox from './service.js';

const c = api.inbox;

/** 待办: computed from the records of every module in the caller's scoped transaction. */
export const inboxRoutes: RouteDef[] = [
  scoped(c.getInbox, async ({ tx, user, rules }) => inbox.mine(tx, user, await rules())),
  scoped(c.inboxCount, async ({ tx, user, rules }) => inbox.count(tx, user, await rules())),
  scoped(c.overdueByOrg, async ({ tx, user, rules }, { query }) => inbox.overdueByOrg(tx, user, await rules(), query)),
  scoped(c.overdueSummary, async ({ tx, user, rules }, { query }) => inbox.overdueSummary(tx, user, await rules(), query)),
];
