import { sql } from 'drizzle-orm';
import { DomainError, manualScoreProblems, type Indicator, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { storeAttachment } from '../org-life/attachments.js';
import { loadOne, num } from '../org-life/common.js';
import { within } from '../reports/service.js';

type R = typeof api.registries;
const OWNER = 'assessment_score';

interface SchemeRef {
  id: number;
  org_id: number;
  org_path: string;
  indicators: Indicator[];
  status: string;
}

/** A scheme in line with the caller (its own, above or below); drafts only to their own line's owners. */
async function loadScheme(tx: Tx, user: SessionUser, id: number): Promise<SchemeRef> {
  const [s] = await query<SchemeRef>(tx, sql`select id, org_id, org_path, indicators, status from tj_assessment_schemes_in_line() where id = ${id}`);
  if (!s || (s.status !== 'published' && !within(s.org_path, user.scopePath))) throw notFound('考核方案');
  return s;
}

/** Manual scores of a scheme the caller sees (the assessed organization sees its own), with their evidence files. */
export async function listManualScores(tx: Tx, user: SessionUser, id: number): Promise<api.ResponseOf<R['listManualScores']>> {
  const s = await loadScheme(tx, user, id);
  const rows = await query<{ id: number; org_id: number; org_name: string; indicator_key: string; score: string; note: string | null; scored_on: string }>(
    tx,
    sql`select m.id, m.org_id, o.name as org_name, m.indicator_key, m.score::text as score, m.note, m.scored_on::text as scored_on
          from assessment_manual_scores m join organizations o on o.id = m.org_id where m.scheme_id = ${id} order by o.sort_order, o.path, m.indicator_key`,
  );
  const files = rows.length
    ? await query<{ id: number; owner_id: number; file_name: string; mime_type: string; size: number; created_at: string }>(
        tx,
        sql`select id, owner_id, file_name, mime_type, size, created_at::text as created_at from attachments
             where owner_type = ${OWNER} and owner_id = any(${sql.param(rows.map((r) => Number(r.id)))}::bigint[]) order by id`,
      )
    : [];
  const label = new Map(s.indicators.map((i) => [i.key, i.label]));
  return {
    canScore: within(s.org_path, user.scopePath),
    items: rows.map((r) => ({
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: r.org_name,
      indicatorKey: r.indicator_key,
      indicatorLabel: label.get(r.indicator_key) ?? r.indicator_key,
      score: Number(r.score),
      note: r.note,
      scoredOn: r.scored_on,
      attachments: files.filter((f) => Number(f.owner_id) === Number(r.id)).map((f) => ({ id: num(f.id), fileName: f.file_name, mimeType: f.mime_type, size: Number(f.size), createdAt: f.created_at })),
    })),
  };
}

/** The assessing committee scores a manual indicator for one assessed organization (again: replaces the score). */
export async function putManualScore(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<R['putManualScore']>): Promise<number> {
  const s = await loadScheme(tx, user, id);
  const ind = s.indicators.find((i) => i.key === body.indicatorKey);
  const problems = manualScoreProblems(ind, body.score, within(s.org_path, user.scopePath));
  if (!within(s.org_path, user.scopePath)) throw new HttpError(403, 'not_assessor', problems.join('；'));
  if (problems.length) throw new DomainError('score_refused', problems.join('；'), ind ? 'score' : 'indicatorKey');
  const [child] = await query<{ id: number }>(tx, sql`select id from organizations where id = ${body.orgId} and parent_id = ${s.org_id}`);
  if (!child) throw new DomainError('not_assessed', '该组织不是本方案的考核对象', 'orgId');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into assessment_manual_scores (scheme_id, org_id, indicator_key, score, note, scored_by, scored_on)
        values (${id}, ${body.orgId}, ${body.indicatorKey}, ${body.score}, ${body.note || null}, ${user.id}, ${today()})
        on conflict (scheme_id, org_id, indicator_key) do update set score = excluded.score, note = excluded.note, scored_by = excluded.scored_by, scored_on = excluded.scored_on
        returning id`,
  );
  return num(row!.id);
}

/** Evidence (a file) for a manual score: only the assessing committee. */
export async function uploadEvidence(tx: Tx, user: SessionUser, rules: Rules, scoreId: number, body: { fileName: string; contentBase64: string }) {
  const m = await loadOne<{ id: number; org_id: number; scheme_id: number }>(tx, sql`select id, org_id, scheme_id from assessment_manual_scores where id = ${scoreId}`, '评分记录');
  const s = await loadScheme(tx, user, Number(m.scheme_id));
  if (!within(s.org_path, user.scopePath)) throw new HttpError(403, 'not_assessor', '只有制定考核方案的单位可以上传评分佐证');
  return storeAttachment(tx, rules, { orgId: num(m.org_id), ownerType: OWNER, ownerId: scoreId }, body);
}

/** Manual scores by assessed organization and indicator, for scoring (scoreOrg's `manual`). */
export async function manualScoresOf(tx: Tx, schemeId: number): Promise<Map<number, Record<string, { score: number; note: string | null }>>> {
  const rows = await query<{ org_id: number; indicator_key: string; score: string; note: string | null }>(
    tx,
    sql`select org_id, indicator_key, score::text as score, note from assessment_manual_scores where scheme_id = ${schemeId}`,
  );
  const out = new Map<number, Record<string, { score: number; note: string | null }>>();
  for (const r of rows) {
    const m = out.get(Number(r.org_id)) ?? {};
    m[r.indicator_key] = { score: Number(r.score), note: r.note };
    out.set(Number(r.org_id), m);
  }
  return out;
}
