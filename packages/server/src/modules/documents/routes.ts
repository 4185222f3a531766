import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { loadSelf } from '../daily-work/portal.js';
import { electionDocumentParts } from '../cadres/documents.js';
import * as elections from '../cadres/elections.js';
import { buildStatTable } from '../stats/tables.js';
import { plainDocPdf, statTablePdf } from './forms.js';
import * as documents from './service.js';

/** Documents as PDF (issue 14.5) for the secretary's pages and the member portal; the public check is in verify-public.ts. */
const c = api.documents;

export const documentRoutes: RouteDef[] = [
  scoped(c.memberCertificate, async ({ tx, user, request, reply, rules }, { params }) => {
    const d = await documents.memberCertificate(tx, request, user, params.id, await rules());
    return documents.sendPdf(reply, `团员证明-${d.name}.pdf`, d.pdf);
  }),
  scoped(c.portalCertificate, async ({ tx, user, request, reply, rules }) => {
    const self = await loadSelf(tx, user);
    const d = await documents.memberCertificate(tx, request, user, self.id, await rules());
    return documents.sendPdf(reply, `团员证明-${d.name}.pdf`, d.pdf);
  }),
  scoped(c.memberRecord, async ({ tx, user, reply }, { params }) => {
    const d = await documents.memberRecord(tx, user, params.id);
    return documents.sendPdf(reply, `团员档案-${d.name}.pdf`, d.pdf);
  }),
  scoped(c.applicationForm, async ({ tx, user, reply, rules }, { params }) => {
    const d = await documents.applicationForm(tx, user, params.id, await rules());
    return documents.sendPdf(reply, `入团志愿书-${d.name}.pdf`, d.pdf);
  }),
  scoped(c.transferLetter, async ({ tx, user, request, reply, rules }, { params }) => {
    const d = await documents.transferLetter(tx, request, user, params.id, await rules());
    return documents.sendPdf(reply, `组织关系介绍信-${d.name}.pdf`, d.pdf);
  }),
  scoped(c.electionPdf, async ({ tx, user, reply, rules }, { params, query }) => {
    const e = await elections.loadElection(tx, params.id);
    const parts = electionDocumentParts(await elections.electionDetail(tx, user, params.id, await rules()), query.kind, {
      contactName: e.org_contact_name,
      contactPhone: e.org_contact_phone,
    });
    return documents.sendPdf(reply, `${parts.title}.pdf`, await plainDocPdf(parts));
  }),
  scoped(c.statTablePdf, async ({ tx, reply, rules }, { params, query }) => {
    const t = await buildStatTable(tx, params.table, query.orgId, query.asOf, await rules());
    return documents.sendPdf(reply, `${t.title}-${t.orgName}.pdf`, await statTablePdf(t));
  }),
  scoped(c.listIssued, async ({ tx }, { query }) => documents.listIssued(tx, query)),
  scoped(c.revokeIssued, async ({ tx, user }, { body }) => documents.revokeIssued(tx, user, body.code, body.reason)),
];
