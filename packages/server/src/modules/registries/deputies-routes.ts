import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import * as deputies from './deputies.js';
import { DEPUTY_EXPORT_COLUMNS, buildDeputyTemplate, importDeputies } from './deputies-import.js';

const d = api.deputies;

/** 团代会代表, 代表联络站, 专委会 and the deputies' liaison (issue 17, item 2). */
export const deputyRoutes: RouteDef[] = [
  scoped(d.listCongresses, ({ tx }, { query }) => deputies.listCongresses(tx, query)),
  scoped(d.createCongress, ({ tx }, { body }) => deputies.createCongress(tx, body)),
  scoped(d.listDeputies, ({ tx }, { query }) => deputies.listDeputies(tx, query)),
  scoped(d.exportDeputies, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '团代会代表名册.xlsx', '团代会代表', DEPUTY_EXPORT_COLUMNS, await deputies.allDeputies(tx, query));
  }),
  scoped(d.createDeputy, async ({ tx, rules }, { body }) => deputies.deputyItem(tx, await deputies.createDeputy(tx, await rules(), body))),
  scoped(d.updateDeputy, async ({ tx, rules }, { params, body }) => {
    await deputies.updateDeputy(tx, await rules(), params.id, body);
    return deputies.deputyItem(tx, params.id);
  }),
  scoped(d.getDeputy, ({ tx }, { params }) => deputies.deputyDetail(tx, params.id)),
  scoped(d.createDeputyLiaison, async ({ tx }, { params, body }) => ({ id: await deputies.createDeputyLiaison(tx, params.id, body) })),
  scoped(d.listStations, ({ tx }, { query }) => deputies.listStations(tx, query)),
  scoped(d.createStation, ({ tx }, { body }) => deputies.createStation(tx, body)),
  scoped(d.listCommittees, ({ tx }, { query }) => deputies.listCommittees(tx, query)),
  scoped(d.createCommittee, ({ tx }, { body }) => deputies.createCommittee(tx, body)),
  scoped(d.getDeputyLiaison, ({ tx }, { query }) => deputies.deputyLiaison(tx, query)),
  scoped(d.deputyImportTemplate, async ({ reply }) => {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('团代会代表导入模板.xlsx')}`);
    return reply.send(await buildDeputyTemplate());
  }),
  scoped(d.importDeputies, async ({ tx, rules }, { body }) => importDeputies(tx, await rules(), body)),
];
