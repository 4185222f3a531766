import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import * as archive from './service.js';

const a = api.archive;

/** 电子档案 (issue 14 item 4): uploads on a person or a development case, review by the committee above. */
export const archiveRoutes: RouteDef[] = [
  scoped(a.getPersonArchive, async ({ tx, user, rules }, { params }) => archive.personArchive(tx, user, params.id, await rules())),
  scoped(a.uploadArchiveDocument, async ({ tx, user, rules }, { params, body }) => archive.uploadDocument(tx, user, params.id, body, await rules())),
  scoped(a.reviewArchiveDocument, async ({ tx, user, rules }, { params, body }) => archive.reviewDocument(tx, user, params.id, body, await rules())),
  scoped(a.downloadArchiveDocument, async ({ tx, reply }, { params }) => {
    await archive.sendDocument(tx, reply, params.id);
  }),
  scoped(a.listArchivePending, async ({ tx, user }, { query }) => archive.pendingDocuments(tx, user, query.under)),
  scoped(a.archiveOverview, async ({ tx, rules }, { query }) => archive.archiveOverview(tx, query, await rules())),
];
