import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import {
  APPEAL_HANDLER_ORG_TYPES,
  DomainError,
  appealActionProblems,
  appealRoutingProblem,
  isTrackingCode,
  normalizeTrackingCode,
  resolveRules,
  api,
  type AppealEventKind,
  type OrgType,
  type Rules,
} from '@tuanjian/domain';
import type { Database, Tx } from '../../db/connection.js';
import { withSystem } from '../../db/context.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { raw, type RouteDef } from '../../http/route.js';
import { today } from '../../lib/clock.js';
import { APPEAL_SELECT, addEvent, insertAppeal, type AppealRow } from './appeals.js';
import { publicRateLimiter } from '../../http/public-limits.js';

/**
 * 青年之声 for young people without an account: the list of organizations to
 * choose from, submitting an appeal, and looking it up / rating it with the
 * tracking code and the phone number given at submission.
 *
 * These are the only org-life handlers that run outside a caller's scope
 * (there is no caller): each statement below is narrow and parameterized — the
 * public organization list (active committees: id, name, type, parent's name),
 * one appeal inserted into the chosen organization, and one appeal read or
 * rated when code AND phone match. Nothing else is reachable from here.
 * Writes are audited with the actor "青年之声（公众）" and the client address.
 *
 * Each route is rate-limited per client address with @fastify/rate-limit's
 * own limiter (the same store as the login limit).
 */

/** Requests per client address and minute. */
export const PUBLIC_RATE_LIMITS = { orgs: 60, submit: 5, lookup: 20 } as const;

const PUBLIC_ACTOR = '青年之声（公众）';
const NOT_FOUND = '查询码或手机号不正确';

const limit = publicRateLimiter('youth-voice', PUBLIC_RATE_LIMITS);

function publicContext<T>(database: Database, req: FastifyRequest, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withSystem(database, PUBLIC_ACTOR, fn, { accountId: null, name: PUBLIC_ACTOR, scopePath: '', ip: req.ip, requestId: String(req.id) });
}

async function readRules(tx: Tx): Promise<Rules> {
  const rows = await query<{ section: string; value: unknown }>(tx, sql`select section, value from rule_settings`);
  return resolveRules(Object.fromEntries(rows.map((r) => [r.section, r.value])));
}

/** The appeal behind a code and phone, or 404 without saying which of the two was wrong. */
async function findAppeal(tx: Tx, code: string, phone: string, lock = false): Promise<AppealRow> {
  const normalized = normalizeTrackingCode(code);
  if (!isTrackingCode(normalized)) throw new HttpError(404, 'not_found', NOT_FOUND);
  const [a] = await query<AppealRow>(
    tx,
    sql`${APPEAL_SELECT} where a.tracking_code = ${normalized} and a.asker_phone = ${phone.trim()} ${lock ? sql`for update of a` : sql``}`,
  );
  if (!a) throw new HttpError(404, 'not_found', NOT_FOUND);
  return a;
}

async function statusOf(tx: Tx, a: AppealRow): Promise<api.ResponseOf<typeof api.orgLife.lookupPublicAppeal>> {
  // Dates of the steps only: who handled it and internal notes stay inside.
  const events = await query<{ kind: AppealEventKind; at: string }>(tx, sql`select kind, created_at::text as at from appeal_events where appeal_id = ${a.id} order by created_at, id`);
  return {
    trackingCode: a.tracking_code,
    category: a.category,
    title: a.title,
    content: a.content,
    status: a.status,
    orgName: a.org_name,
    submittedOn: a.submitted_on,
    deadline: a.deadline,
    answer: a.answer,
    answeredOn: a.answered_on,
    closedOn: a.closed_on,
    rating: a.rating,
    ratingComment: a.rating_comment,
    events,
  };
}

export function youthVoicePublicRoutes(database: Database): RouteDef[] {
  return [
    raw(api.orgLife.publicAppealOrgs, async (req) => {
      await limit(req, 'orgs');
      return publicContext(database, req, async (tx) => {
        const rows = await query<{ id: number; name: string; type: OrgType; parent_name: string | null }>(
          tx,
          sql`select o.id, o.name, o.type, p.name as parent_name from organizations o left join organizations p on p.id = o.parent_id
               where o.status = 'active' and o.type = any(${sql.param([...APPEAL_HANDLER_ORG_TYPES])}::text[]) order by o.path`,
        );
        return rows.map((r) => ({ id: Number(r.id), name: r.name, type: r.type, parentName: r.parent_name }));
      });
    }),
    raw(api.orgLife.submitPublicAppeal, async (req, _reply, { body }) => {
      await limit(req, 'submit');
      return publicContext(database, req, async (tx) => {
        const [org] = await query<{ id: number; name: string; type: string; status: string }>(tx, sql`select id, name, type, status from organizations where id = ${body.orgId}`);
        const problem = appealRoutingProblem(org ?? null);
        if (problem) throw new DomainError('bad_org', problem, 'orgId');
        const rules = await readRules(tx);
        const created = await insertAppeal(tx, rules, {
          orgId: Number(org!.id),
          category: body.category,
          title: body.title,
          content: body.content,
          name: body.name,
          phone: body.phone,
          actor: `${body.name}（本人）`,
          note: '通过青年之声提交',
        });
        return { trackingCode: created.trackingCode, orgName: org!.name, deadline: created.deadline };
      });
    }),
    raw(api.orgLife.lookupPublicAppeal, async (req, _reply, { body }) => {
      await limit(req, 'lookup');
      return publicContext(database, req, async (tx) => statusOf(tx, await findAppeal(tx, body.trackingCode, body.phone)));
    }),
    raw(api.orgLife.ratePublicAppeal, async (req, _reply, { body }) => {
      await limit(req, 'lookup');
      return publicContext(database, req, async (tx) => {
        const a = await findAppeal(tx, body.trackingCode, body.phone, true);
        const problems = appealActionProblems(a, 'rate', { today: today() });
        if (problems.length) throw new DomainError('rate_refused', problems.join('；'), 'rating', 409);
        const closing = a.status === 'answered';
        await tx.execute(sql`update appeals set rating = ${body.rating}, rating_comment = ${body.comment ?? null}
            ${closing ? sql`, status = 'closed', closed_on = ${today()}` : sql``} where id = ${a.id}`);
        const actor = `${a.asker_name}（本人）`;
        await addEvent(tx, Number(a.id), Number(a.org_id), 'rated', `${body.rating}分${body.comment ? `：${body.comment}` : ''}`, actor);
        if (closing) await addEvent(tx, Number(a.id), Number(a.org_id), 'closed', '诉求人评价后办结', actor);
        return statusOf(tx, await findAppeal(tx, body.trackingCode, body.phone));
      });
    }),
  ];
}
