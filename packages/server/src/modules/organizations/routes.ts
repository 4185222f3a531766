import { api, ORG_TYPE_LABELS, SECTOR_LABELS, ORG_STATUS_LABELS, type OrgType, type Sector, type OrgStatus } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import * as orgs from './service.js';
import { createAdminUnit, listAdminUnits } from './admin-units.js';

export const organizationRoutes: RouteDef[] = [
  scoped(api.orgs.listRoots, ({ tx, user }) => orgs.listRoots(tx, user)),
  scoped(api.orgs.listChildren, ({ tx }, { params, query }) => orgs.listChildren(tx, params.id, query.includeDissolved)),
  scoped(api.orgs.searchOrgs, async ({ tx }, { query }) => {
    const { page, pageSize } = query;
    const result = await orgs.searchOrgs(tx, query, { offset: (page - 1) * pageSize, limit: pageSize });
    return { ...result, page, pageSize };
  }),
  scoped(api.orgs.exportOrgs, async ({ tx, reply }, { query }) => {
    const { items } = await orgs.searchOrgs(tx, { ...query, page: 1, pageSize: 1 });
    await sendWorkbook(reply, '组织名册.xlsx', '组织名册', [
      { header: '组织名称', width: 36, value: (o) => o.name },
      { header: '组织类型', value: (o) => ORG_TYPE_LABELS[o.type as OrgType] },
      { header: '所属领域', value: (o) => SECTOR_LABELS[o.sector as Sector] },
      { header: '上级组织', width: 30, value: (o) => o.parentName },
      { header: '下级组织数', value: (o) => o.childCount },
      { header: '状态', value: (o) => ORG_STATUS_LABELS[o.status as OrgStatus] },
    ], items);
  }),
  scoped(api.orgs.getOrg, ({ tx, user }, { params }) => orgs.getDetail(tx, user, params.id)),
  scoped(api.orgs.createOrg, async ({ tx, user }, { body }) => orgs.getDetail(tx, user, await orgs.createOrg(tx, body))),
  scoped(api.orgs.updateOrg, async ({ tx, user }, { params, body }) => {
    await orgs.updateOrg(tx, params.id, body);
    return orgs.getDetail(tx, user, params.id);
  }),
  scoped(api.orgs.moveOrg, async ({ tx, user }, { params, body }) => {
    await orgs.moveOrg(tx, user, params.id, body.parentId);
    return orgs.getDetail(tx, user, params.id);
  }),
  scoped(api.orgs.dissolveOrg, async ({ tx, user }, { params, body }) => {
    await orgs.dissolveOrg(tx, user, params.id, body);
    return orgs.getDetail(tx, user, params.id);
  }),
  scoped(api.orgs.restoreOrg, async ({ tx, user }, { params }) => {
    await orgs.restoreOrg(tx, params.id);
    return orgs.getDetail(tx, user, params.id);
  }),
  scoped(api.orgs.listAdminUnits, ({ tx }, { query }) => listAdminUnits(tx, query)),
  scoped(api.orgs.createAdminUnit, ({ tx }, { body }) => createAdminUnit(tx, body)),
];
