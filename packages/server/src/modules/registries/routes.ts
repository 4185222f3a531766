import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import * as newSector from './new-sector.js';
import * as honors from './honors.js';
import * as honorsImport from './honors-import.js';
import * as manual from './manual-scores.js';
import * as campaigns from './campaigns.js';

const r = api.registries;

/** Registries the seed reports count (issue 17). */
export const registryRoutes: RouteDef[] = [
  scoped(r.listNewSectorUnits, ({ tx }, { query }) => newSector.listUnits(tx, query)),
  scoped(r.exportNewSectorUnits, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '“三新”应覆盖单位名录.xlsx', '应覆盖单位', newSector.UNIT_EXPORT_COLUMNS, await newSector.allUnits(tx, query));
  }),
  scoped(r.createNewSectorUnit, async ({ tx }, { body }) => newSector.unitItem(tx, await newSector.createUnit(tx, body))),
  scoped(r.updateNewSectorUnit, async ({ tx }, { params, body }) => {
    await newSector.updateUnit(tx, params.id, body);
    return newSector.unitItem(tx, params.id);
  }),
  scoped(r.getNewSectorCoverage, ({ tx }, { query }) => newSector.coverage(tx, query.orgId)),
  scoped(r.newSectorImportTemplate, async ({ reply }) => {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('“三新”应覆盖单位导入模板.xlsx')}`);
    return reply.send(await newSector.buildTemplate());
  }),
  scoped(r.importNewSectorUnits, ({ tx }, { body }) => newSector.importUnits(tx, body)),
  scoped(r.listHonorAwards, ({ tx }, { query }) => honors.listAwards(tx, query)),
  scoped(r.exportHonorAwards, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '荣誉记录.xlsx', '荣誉', honors.AWARD_EXPORT_COLUMNS, await honors.allAwards(tx, query));
  }),
  scoped(r.createHonorAward, async ({ tx, rules }, { body }) => {
    const id = await honors.createAward(tx, await rules(), body);
    const { attachments: _files, ...item } = await honors.awardDetail(tx, id);
    return item;
  }),
  scoped(r.honorImportTemplate, async ({ reply }) => {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('荣誉记录导入模板.xlsx')}`);
    return reply.send(await honorsImport.buildHonorTemplate());
  }),
  scoped(r.importHonorAwards, async ({ tx, rules }, { body }) => honorsImport.importAwards(tx, await rules(), body)),
  scoped(r.getHonorAward, ({ tx }, { params }) => honors.awardDetail(tx, params.id)),
  scoped(r.uploadHonorCertificate, async ({ tx, rules }, { params, body }) => honors.uploadCertificate(tx, await rules(), params.id, body)),
  scoped(r.getHonorsOf, ({ tx }, { query }) => honors.honorsOf(tx, query)),
  scoped(r.listManualScores, ({ tx, user }, { params }) => manual.listManualScores(tx, user, params.id)),
  scoped(r.putManualScore, async ({ tx, user }, { params, body }) => ({ id: await manual.putManualScore(tx, user, params.id, body) })),
  scoped(r.listElectionCampaigns, ({ tx }, { query }) => campaigns.listCampaigns(tx, query)),
  scoped(r.exportElectionCampaigns, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '换届工作部署.xlsx', '换届进度', campaigns.CAMPAIGN_EXPORT_COLUMNS, await campaigns.campaignTargetRows(tx, query));
  }),
  scoped(r.createElectionCampaign, async ({ tx }, { body }) => ({ id: await campaigns.createCampaign(tx, body) })),
  scoped(r.uploadManualEvidence, async ({ tx, user, rules }, { params, body }) => manual.uploadEvidence(tx, user, await rules(), params.id, body)),
];
