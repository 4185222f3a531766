import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import * as posts from './posts.js';
import * as programs from './programs.js';
import * as supervision from './supervision.js';
import * as party from './party-meetings.js';
import * as societies from './societies.js';
import * as plans from './plans.js';

const r = api.registriesSmall;

/** Smaller registries the seed reports name (issue 17, item 6). */
export const registrySmallRoutes: RouteDef[] = [
  scoped(r.getPostTitles, async ({ tx, rules }, { query }) => posts.postTitles(tx, await rules(), query)),
  scoped(r.listProgramFlags, async ({ tx, rules }, { query }) => programs.listFlags(tx, await rules(), query)),
  scoped(r.exportProgramFlags, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '专项计划人员.xlsx', '专项计划', programs.FLAG_EXPORT, await programs.allFlags(tx, query));
  }),
  scoped(r.putProgramFlag, async ({ tx, rules }, { body }) => ({ id: await programs.putFlag(tx, await rules(), body) })),
  scoped(r.listSupervisionContacts, ({ tx }, { query }) => supervision.listContacts(tx, query)),
  scoped(r.createSupervisionContact, async ({ tx, user }, { body }) => supervision.contactItem(tx, await supervision.createContact(tx, user, body))),
  scoped(r.updateSupervisionContact, async ({ tx, user }, { params, body }) => {
    await supervision.updateContact(tx, user, params.id, body);
    return supervision.contactItem(tx, params.id);
  }),
  scoped(r.listSupervisionVisits, ({ tx }, { query }) => supervision.listVisits(tx, query)),
  scoped(r.exportSupervisionVisits, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '督导走访记录.xlsx', '督导走访', supervision.VISIT_EXPORT, await supervision.allVisits(tx, query));
  }),
  scoped(r.createSupervisionVisit, async ({ tx }, { body }) => supervision.visitItem(tx, await supervision.createVisit(tx, body))),
  scoped(r.updateSupervisionVisit, async ({ tx }, { params, body }) => {
    await supervision.updateVisit(tx, params.id, body);
    return supervision.visitItem(tx, params.id);
  }),
  scoped(r.importSupervisionVisits, ({ tx }, { body }) => supervision.importVisits(tx, body)),
  scoped(r.getSupervisionFigures, ({ tx }, { query }) => supervision.figures(tx, query)),
  scoped(r.listPartyMeetings, ({ tx }, { query }) => party.listMeetings(tx, query)),
  scoped(r.exportPartyMeetings, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '党委研究团的工作.xlsx', '党委研究团的工作', party.MEETING_EXPORT, await party.allMeetings(tx, query));
  }),
  scoped(r.createPartyMeeting, async ({ tx }, { body }) => party.meetingItem(tx, await party.createMeeting(tx, body))),
  scoped(r.uploadPartyMeetingMinutes, async ({ tx, rules }, { params, body }) => party.uploadMinutes(tx, await rules(), params.id, body)),
  scoped(r.getPartyMeetingStatus, async ({ tx, rules }, { query }) => party.status(tx, await rules(), query)),
  scoped(r.listSocieties, ({ tx }, { query }) => societies.listSocieties(tx, query)),
  scoped(r.exportSocieties, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '青年社团.xlsx', '青年社团', societies.SOCIETY_EXPORT, await societies.allSocieties(tx, query));
  }),
  scoped(r.createSociety, async ({ tx }, { body }) => societies.societyItem(tx, await societies.createSociety(tx, body))),
  scoped(r.updateSociety, async ({ tx }, { params, body }) => {
    await societies.updateSociety(tx, params.id, body);
    return societies.societyItem(tx, params.id);
  }),
  scoped(r.importSocieties, ({ tx }, { body }) => societies.importSocieties(tx, body)),
  scoped(r.listPlanMeasures, ({ tx }, { query }) => plans.listMeasures(tx, query)),
  scoped(r.exportPlanMeasures, async ({ tx, reply }, { query }) => {
    await sendWorkbook(reply, '青年发展规划措施.xlsx', '规划措施', plans.MEASURE_EXPORT, await plans.allMeasures(tx, query));
  }),
  scoped(r.createPlanMeasure, async ({ tx }, { body }) => plans.measureItem(tx, await plans.createMeasure(tx, body))),
  scoped(r.updatePlanMeasure, async ({ tx }, { params, body }) => {
    await plans.updateMeasure(tx, params.id, body);
    return plans.measureItem(tx, params.id);
  }),
];
