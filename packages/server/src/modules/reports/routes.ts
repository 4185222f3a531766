import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import * as assessment from './assessment.js';
import { sendCompiled, sendScores } from './excel.js';
import * as reports from './service.js';

const r = api.reports;
const ok = { ok: true as const };

/** 报送任务 and 改革考核 (issue 6). */
export const reportRoutes: RouteDef[] = [
  scoped(r.listTasks, ({ tx, user }, { query }) => reports.listTasks(tx, user, query)),
  scoped(r.getTask, ({ tx, user }, { params }) => reports.taskDetail(tx, user, params.id)),
  scoped(r.issueTask, ({ tx }, { body }) => reports.issueTask(tx, body)),
  scoped(r.closeTask, async ({ tx, user }, { params }) => {
    await reports.closeTask(tx, user, params.id);
    return ok;
  }),
  scoped(r.getSubmission, async ({ tx, user, rules }, { params }) => reports.submissionDetail(tx, user, await rules(), params.id)),
  scoped(r.saveSubmission, async ({ tx, user }, { params, body }) => {
    await reports.saveSubmission(tx, user, params.id, body.texts);
    return ok;
  }),
  scoped(r.submitSubmission, async ({ tx, user, rules }, { params, body }) => {
    await reports.submit(tx, user, await rules(), params.id, body.texts);
    return ok;
  }),
  scoped(r.returnSubmission, async ({ tx, user }, { params, body }) => {
    await reports.review(tx, user, params.id, 'return', body.reason);
    return ok;
  }),
  scoped(r.acceptSubmission, async ({ tx, user }, { params }) => {
    await reports.review(tx, user, params.id, 'accept');
    return ok;
  }),
  scoped(r.compileTask, ({ tx }, { params }) => reports.compile(tx, params.id)),
  scoped(r.exportCompiled, async ({ tx, reply }, { params }) => sendCompiled(reply, await reports.compile(tx, params.id))),

  scoped(r.listSchemes, ({ tx, user }, { query }) => assessment.listSchemes(tx, user, query)),
  scoped(r.createScheme, async ({ tx }, { body }) => ({ id: await assessment.createScheme(tx, body) })),
  scoped(r.updateScheme, async ({ tx, user }, { params, body }) => {
    await assessment.updateScheme(tx, user, params.id, body);
    return ok;
  }),
  scoped(r.publishScheme, async ({ tx, user }, { params }) => {
    await assessment.publishScheme(tx, user, params.id);
    return ok;
  }),
  scoped(r.getScores, async ({ tx, user, rules }, { params }) => assessment.scores(tx, user, await rules(), params.id)),
  scoped(r.exportScores, async ({ tx, user, rules, reply }, { params }) => sendScores(reply, await assessment.scores(tx, user, await rules(), params.id))),
];
