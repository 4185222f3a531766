import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import * as dev from './service.js';
import { funnel, quotaOverview, setQuota } from './quotas.js';
import { currentYear } from '../../lib/clock.js';

export const developmentRoutes: RouteDef[] = [
  scoped(api.development.listCases, ({ tx }, { query }) => dev.listCases(tx, query)),
  scoped(api.development.getCase, async ({ tx, user, rules }, { params }) => dev.caseDetail(tx, user, params.id, await rules())),
  scoped(api.development.startCase, async ({ tx, user, rules }, { body }) => {
    const r = await rules();
    return dev.caseDetail(tx, user, await dev.startCase(tx, user, body.personId, body.application, r), r);
  }),
  scoped(api.development.recordStep, async ({ tx, user, rules }, { params, body }) => {
    const r = await rules();
    const { step, ...input } = body;
    await dev.recordStep(tx, user, params.id, step, input, r);
    return dev.caseDetail(tx, user, params.id, r);
  }),
  scoped(api.development.stopCase, async ({ tx, user, rules }, { params, body }) => {
    await dev.stopCase(tx, params.id, body.reason);
    return dev.caseDetail(tx, user, params.id, await rules());
  }),
  scoped(api.development.reviewFlags, async ({ tx, user, rules }, { params, body }) => {
    await dev.reviewFlags(tx, user, params.id, body.decision, body.note);
    return dev.caseDetail(tx, user, params.id, await rules());
  }),
  scoped(api.development.getQuotas, ({ tx }, { query }) => quotaOverview(tx, query.orgId, query.year ?? currentYear())),
  scoped(api.development.setQuota, async ({ tx, user }, { body }) => {
    await setQuota(tx, user, body.orgId, body.year, body.amount);
    return quotaOverview(tx, body.orgId, body.year);
  }),
  scoped(api.development.getFunnel, ({ tx }, { query }) => funnel(tx, query.orgId, query.year ?? currentYear())),
];
