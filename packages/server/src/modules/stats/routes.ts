import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { peopleOverview } from '../people/stats.js';
import * as meetings from '../org-life/meetings.js';
import * as study from '../org-life/study.js';
import * as dues from '../daily-work/dues.js';
import { funnel } from '../development/quotas.js';
import { currentYear } from '../../lib/clock.js';
import { today } from '../daily-work/common.js';
import { dashboard, snapshots } from './dashboard.js';
import { orgOverview } from './org-overview.js';
import { buildStatTable, sendStatTable } from './tables.js';
import { exportLedger, exportLedgerKind, ledgerCatalogue, ledgerPage } from './ledgers.js';

export const statsRoutes: RouteDef[] = [
  // 团支部首页 in one round trip: each part is its own module's answer, in the one scoped transaction.
  scoped(api.stats.branchHome, async ({ tx, rules }, { query: q }) => {
    const r = await rules();
    const year = q.year ?? currentYear();
    const month = q.month ?? today().slice(0, 7);
    return {
      people: await peopleOverview(tx, q.orgId, r),
      due: await meetings.due(tx, r, q.orgId),
      dues: await dues.report(tx, { under: q.orgId, from: month, to: month }, r),
      study: await study.studyStats(tx, r, { orgId: q.orgId, year }, currentYear()),
      funnel: await funnel(tx, q.orgId, year),
    };
  }),
  scoped(api.dashboard.getDashboard, async ({ tx, rules }, { query: q }) => dashboard(tx, q.orgId, await rules())),
  scoped(api.dashboard.listSnapshots, ({ tx }, { query: q }) => snapshots(tx, q.orgId)),
  scoped(api.statTables.getStatTable, async ({ tx, rules }, { params, query: q }) => buildStatTable(tx, params.table, q.orgId, q.asOf, await rules())),
  scoped(api.statTables.exportStatTable, async ({ tx, rules, reply }, { params, query: q }) =>
    sendStatTable(reply, await buildStatTable(tx, params.table, q.orgId, q.asOf, await rules())),
  ),
  scoped(api.ledgers.listLedgers, async () => ledgerCatalogue()),
  scoped(api.ledgers.getLedger, async ({ tx, user, rules }, { params, query: q }) => ledgerPage(tx, user, params.ledger, q, await rules())),
  scoped(api.ledgers.exportLedger, async ({ tx, user, rules, reply }, { params, query: q }) => exportLedger(tx, user, reply, params.ledger, q, await rules())),
  scoped(api.ledgers.exportLedgerKind, async ({ tx, user, rules, reply }, { params, query: q }) => exportLedgerKind(tx, user, reply, params.kind, q, await rules())),
  scoped(api.stats.getOrgOverview, ({ tx }, input) => orgOverview(tx, input.query.orgId)),
];
