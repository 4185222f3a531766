import { sql, type SQL } from 'drizzle-orm';
import { api, forbiddenCharacter, textProblem } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { bigintArray, query } from '../db/sql.js';
import { HttpError } from './errors.js';

/**
 * The two checks the route layer makes on every request's inputs, whatever
 * the route: text that may be stored, and ids that name records the caller
 * may use. Handlers never repeat them.
 */

type Contract = api.Contract;
type Part = 'params' | 'query' | 'body';
export type RequestInput = { params?: unknown; query?: unknown; body?: unknown };

/* ------------------------------------------------------------------ text */

/**
 * Every string of the path parameters, query string and JSON body (keys too),
 * before validation: a control character (U+0000 above all, which PostgreSQL
 * cannot store) is refused with 400 naming the field by its contract label.
 */
export function checkInputText(c: Contract, input: RequestInput): void {
  for (const part of ['params', 'query', 'body'] as const) {
    const found = firstForbidden(input[part], []);
    if (!found) continue;
    const label = labelOf(c, part, found.path);
    const message = textProblem(found.text, label)!;
    throw new HttpError(400, 'validation', message, found.path.join('.') || part);
  }
}

function firstForbidden(value: unknown, path: string[]): { text: string; path: string[] } | null {
  if (typeof value === 'string') return forbiddenCharacter(value) ? { text: value, path } : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const f = firstForbidden(value[i], [...path, String(i)]);
      if (f) return f;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (forbiddenCharacter(key)) return { text: key, path: [...path, key] };
      const f = firstForbidden(v, [...path, key]);
      if (f) return f;
    }
  }
  return null;
}

/** A field's Chinese label from the contract, else its key (never an empty name). */
function labelOf(c: Contract, part: Part, path: readonly string[]): string {
  const label = api.fieldLabel(c[part], path);
  if (label) return label;
  const key = [...path].reverse().find((k) => !/^\d+$/.test(k));
  return key ?? (part === 'query' ? '查询参数' : part === 'params' ? '路径参数' : '请求内容');
}

/* ------------------------------------------------------------------ refs */

/**
 * Where each kind of referenced record is looked up, as the caller's scoped
 * transaction sees it (row-level security hides the rest). Campaigns, rounds,
 * tasks and schemes run by a committee above the caller are visible "in line"
 * (migrations 0008, 0014): the organizations below take part in them.
 */
export const REF_SOURCES: Record<api.RefKind, SQL> = {
  org: sql`organizations`,
  account: sql`accounts`,
  adminUnit: sql`admin_units`,
  person: sql`people`,
  developmentCase: sql`development_cases`,
  transfer: sql`transfers`, // visible to the sending and the receiving side (migration 0004)
  review: sql`review_campaigns`,
  reviewFinding: sql`review_findings`,
  importBatch: sql`import_batches`,
  partyRecommendation: sql`party_recommendations`,
  cadre: sql`cadres`,
  cadrePost: sql`cadre_posts`,
  election: sql`elections`,
  electionCandidate: sql`election_candidates`,
  appraisalCampaign: sql`appraisal_campaigns`,
  training: sql`trainings`,
  reserveTalent: sql`reserve_talents`,
  liaison: sql`liaisons`,
  meeting: sql`meetings`,
  attachment: sql`attachments`,
  venue: sql`venues`,
  activity: sql`activities`,
  volunteerTeam: sql`volunteer_teams`,
  volunteer: sql`volunteers`,
  serviceProject: sql`service_projects`,
  studyRound: sql`tj_study_rounds_in_line()`,
  aidProject: sql`aid_projects`,
  aidBeneficiary: sql`aid_beneficiaries`,
  honorCampaign: sql`tj_honor_campaigns_in_line()`,
  honorNomination: sql`honor_nominations`,
  appeal: sql`appeals`,
  duesPayment: sql`dues_payments`,
  duesReceipt: sql`dues_receipts`,
  joinApplication: sql`join_applications`,
  archiveDocument: sql`archive_documents`,
  starRating: sql`star_ratings`,
  starRatingEntry: sql`star_rating_entries`,
  rectificationTask: sql`rectification_tasks`,
  reportTask: sql`tj_report_tasks_in_line()`,
  reportSubmission: sql`report_submissions`,
  assessmentScheme: sql`tj_assessment_schemes_in_line()`,
  notice: sql`notices`, // visible to its publisher's line and to the organizations it is sent to (migration 0021)
  // A notice's own files (the publisher's, shown to the receiving organizations in line) and the replies' files (scoped like the reply).
  noticeAttachment: sql`(select id from tj_notice_attachments(null, null) union all select id from attachments where owner_type = 'notice_reply')`,
  newSectorUnit: sql`new_sector_units`,
  honorAward: sql`honor_awards`,
  congress: sql`congresses`,
  congressDeputy: sql`congress_deputies`,
  deputyStation: sql`deputy_stations`,
  deputyCommittee: sql`deputy_committees`,
  assessmentScore: sql`assessment_manual_scores`,
  supervisionContact: sql`supervision_contacts`,
  supervisionVisit: sql`supervision_visits`,
  partyMeeting: sql`party_league_meetings`,
  youthSociety: sql`youth_societies`,
  planMeasure: sql`youth_plan_measures`,
};

/** How each kind of outside reference is found: ids that pass, of those asked. */
const OUTSIDE_SOURCES: Record<api.OutsideRefKind, { find: (ids: number[]) => SQL; refusal: (label: string) => { status: number; message: string } }> = {
  // The organization directory by id (migration 0018): any active organization, nothing else about it.
  activeOrg: {
    find: (ids) => sql`select id from tj_active_orgs(${bigintArray(ids)}) as id`,
    refusal: (label) => ({ status: 422, message: `${label}不存在或已撤销` }),
  },
};

/** One declared input: the ids it holds (anything but a positive integer is -1: it names nothing) and how to name it. */
interface Wanted {
  ref: string;
  label: string;
  ids: number[];
}

function wanted(c: Contract, input: RequestInput, refs: Record<string, string>, kindLabel: (kind: string) => string | undefined): Map<string, Wanted[]> {
  const byKind = new Map<string, Wanted[]>();
  for (const [ref, kind] of Object.entries(refs)) {
    const values = api.refValues(input as Record<string, unknown>, ref);
    if (!values.length) continue;
    const keys = api.refFieldPath(ref);
    let label = api.fieldLabel(c[ref.slice(0, ref.indexOf('.')) as Part], keys);
    if (!label || label === '编号') label = kindLabel(kind) ?? label ?? keys[keys.length - 1]!;
    const ids = values.map((v) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : -1));
    byKind.set(kind, [...(byKind.get(kind) ?? []), { ref, label, ids }]);
  }
  return byKind;
}

/** One query per kind for all its ids; the first input holding an id not found is refused. */
async function checkKinds(
  tx: Tx,
  byKind: Map<string, Wanted[]>,
  find: (kind: string, ids: number[]) => SQL,
  refusal: (kind: string, label: string) => { status: number; message: string },
): Promise<void> {
  for (const [kind, list] of byKind) {
    const ids = [...new Set(list.flatMap((w) => w.ids).filter((id) => id > 0))];
    const found = new Set(ids.length ? (await query<{ id: number }>(tx, find(kind, ids))).map((r) => Number(r.id)) : []);
    const missing = list.find((w) => w.ids.some((id) => !found.has(id)));
    if (!missing) continue;
    const { status, message } = refusal(kind, missing.label);
    const field = api.refFieldPath(missing.ref).filter((k) => k !== '[]').join('.');
    throw new HttpError(status, status === 404 ? 'not_found' : 'invalid_reference', message, field);
  }
}

/**
 * Every id the contract declares in `refs` must name a record visible in the
 * caller's scope (404 naming the field otherwise); every id in `outsideRefs`
 * is checked its own way. Runs in the request's scoped transaction, before the
 * handler, one query per kind of record.
 */
export async function checkRefs(tx: Tx, c: Contract, input: RequestInput): Promise<void> {
  await checkKinds(
    tx,
    wanted(c, input, c.refs ?? {}, (kind) => api.REF_KIND_LABELS[kind as api.RefKind]),
    (kind, ids) => sql`select id from ${REF_SOURCES[kind as api.RefKind]} as r where r.id = any(${bigintArray(ids)})`,
    (_kind, label) => ({ status: 404, message: `${label}不存在或不在您的管理范围内` }),
  );
  await checkOutsideRefs(tx, c, input);
}

/** The `outsideRefs` alone: for routes without a scope (public ones), in a system transaction. */
export async function checkOutsideRefs(tx: Tx, c: Contract, input: RequestInput): Promise<void> {
  await checkKinds(
    tx,
    wanted(c, input, c.outsideRefs ?? {}, () => undefined),
    (kind, ids) => OUTSIDE_SOURCES[kind as api.OutsideRefKind].find(ids),
    (kind, label) => OUTSIDE_SOURCES[kind as api.OutsideRefKind].refusal(label),
  );
}

/** Whether a contract declares any reference (so that routes without any skip the check entirely). */
export function hasRefs(c: Contract): boolean {
  return Object.keys(c.refs ?? {}).length > 0 || Object.keys(c.outsideRefs ?? {}).length > 0;
}
