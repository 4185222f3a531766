import { sql, type SQL } from 'drizzle-orm';
import {
  ARCHIVE_DOC_INFO,
  DomainError,
  archiveChecklist,
  archiveFileProblems,
  archiveState,
  archiveUploadDueOn,
  type ArchiveDocKind,
  type ArchiveDocStatus,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { FastifyReply } from 'fastify';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { canApprove } from '../development/service.js';
import { activeBranchCount, chinaDate, subtreeOf, subtreeRoots } from '../daily-work/common.js';
import { sendAttachmentRow, storeAttachment } from '../org-life/attachments.js';

/*
 * 电子档案 (issue 14 item 4). The branch uploads scans of a person's file on the
 * person or on their development case; each is an attachment (owner_type
 * archive_document) of an archive_documents row in the person's organization,
 * so row-level security scopes it like the person (and migration 0028 moves it
 * with the person). The committee above the branch (the one that approves
 * admissions: development:approve, not the branch itself) approves an upload
 * or returns it with a reason; when every document the 发展档案清单 requires is
 * approved, people.identity_verified_on is set: 团员身份已认证.
 */

type Archive = api.archive.PersonArchive;
type DocItem = api.archive.ArchiveDocumentItem;
const OWNER = 'archive_document';

interface DocRow {
  id: number;
  person_id: number;
  person_name: string;
  org_id: number;
  org_name: string;
  case_id: number | null;
  kind: ArchiveDocKind;
  status: ArchiveDocStatus;
  return_reason: string | null;
  uploaded_on: string;
  reviewed_on: string | null;
  att_id: number;
  att_name: string;
  att_mime: string;
  att_size: number;
  att_at: string;
  storage_key: string;
}

const SELECT = sql`
  select d.id, d.person_id, p.name as person_name, d.org_id, o.name as org_name, d.case_id, d.kind, d.status, d.return_reason,
         ${chinaDate('d.created_at')} as uploaded_on, d.reviewed_on::text as reviewed_on,
         a.id as att_id, a.file_name as att_name, a.mime_type as att_mime, a.size as att_size, a.created_at::text as att_at, a.storage_key
    from archive_documents d join people p on p.id = d.person_id join organizations o on o.id = d.org_id
    join attachments a on a.owner_type = ${OWNER} and a.owner_id = d.id`;

const toDoc = (r: DocRow): DocItem => ({
  id: Number(r.id),
  personId: Number(r.person_id),
  personName: r.person_name,
  orgId: Number(r.org_id),
  orgName: r.org_name,
  caseId: r.case_id === null ? null : Number(r.case_id),
  kind: r.kind,
  status: r.status,
  returnReason: r.return_reason,
  uploadedOn: r.uploaded_on,
  reviewedOn: r.reviewed_on,
  attachment: { id: Number(r.att_id), fileName: r.att_name, mimeType: r.att_mime, size: Number(r.att_size), createdAt: r.att_at },
});

interface PersonRow {
  id: number;
  name: string;
  org_id: number;
  org_name: string;
  member_status: string | null;
  joined_on: string | null;
  identity_verified_on: string | null;
}

async function loadPerson(tx: Tx, personId: number): Promise<PersonRow> {
  const [p] = await query<PersonRow>(
    tx,
    sql`select p.id, p.name, p.org_id, o.name as org_name, p.member_status, p.joined_on::text as joined_on, p.identity_verified_on::text as identity_verified_on
          from people p join organizations o on o.id = p.org_id where p.id = ${personId}`,
  );
  if (!p) throw notFound('人员');
  return p;
}

/** One person's archive: the checklist's state, every upload, and whether the caller may review. */
export async function personArchive(tx: Tx, user: SessionUser, personId: number, rules: Rules): Promise<Archive> {
  const p = await loadPerson(tx, personId);
  const docs = (await query<DocRow>(tx, sql`${SELECT} where d.person_id = ${personId} order by d.id desc`)).map(toDoc);
  const state = archiveState(docs, rules);
  const isMember = p.member_status === 'active';
  const dueOn = isMember && p.joined_on ? archiveUploadDueOn(p.joined_on, rules) : null;
  const formIn = docs.some((d) => d.kind === 'application_form' && d.status !== 'returned');
  return {
    personId: Number(p.id),
    personName: p.name,
    orgId: Number(p.org_id),
    orgName: p.org_name,
    isMember,
    joinedOn: p.joined_on,
    dueOn,
    overdue: !!dueOn && !formIn && today() > dueOn,
    verifiedOn: p.identity_verified_on,
    complete: state.complete,
    missing: state.missing.map((k) => ARCHIVE_DOC_INFO[k].label),
    items: state.items,
    documents: docs,
    canReview: canApprove(user, Number(p.org_id)),
  };
}

/** The branch (or anyone with person:write in scope) uploads one scan; it waits for the committee above. */
export async function uploadDocument(tx: Tx, user: SessionUser, personId: number, body: api.BodyOf<typeof api.archive.uploadArchiveDocument>, rules: Rules) {
  const p = await loadPerson(tx, personId);
  if (body.caseId) {
    const [c] = await query<{ person_id: number }>(tx, sql`select person_id from development_cases where id = ${body.caseId}`);
    if (!c || Number(c.person_id) !== personId) throw new DomainError('case_mismatch', '该发展程序不是此人的', 'caseId');
  }
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into archive_documents (org_id, person_id, case_id, kind, uploaded_by)
        values (${p.org_id}, ${personId}, ${body.caseId ?? null}, ${body.kind}, ${user.id}) returning id`,
  );
  await storeAttachment(tx, rules, { orgId: Number(p.org_id), ownerType: OWNER, ownerId: Number(row!.id) }, body, 'contentBase64', {
    maxMb: rules.archive.documentMaxMb,
    problems: (f) => archiveFileProblems({ ...f, kind: body.kind }, rules),
  });
  return personArchive(tx, user, personId, rules);
}

async function loadDoc(tx: Tx, id: number): Promise<DocRow> {
  const [row] = await query<DocRow>(tx, sql`${SELECT} where d.id = ${id}`);
  if (!row) throw notFound('电子档案材料');
  return row;
}

/**
 * The committee above approves an upload or returns it with a reason; a
 * branch cannot review its own uploads (403), a committee outside the line
 * does not see them (404 at the route layer).
 */
export async function reviewDocument(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.archive.reviewArchiveDocument>, rules: Rules) {
  const doc = await loadDoc(tx, id);
  if (!canApprove(user, Number(doc.org_id))) throw new HttpError(403, 'not_higher_committee', '电子档案须由上级团委审核，团支部不能自行审核');
  if (doc.status !== 'pending') throw new DomainError('archive_reviewed', `该材料已${doc.status === 'approved' ? '审核通过' : '退回'}，不能再次审核`, undefined, 409);
  const on = today();
  if (body.decision === 'approve') {
    await query(tx, sql`update archive_documents set status = 'approved', return_reason = null, reviewed_by = ${user.id}, reviewed_on = ${on} where id = ${id}`);
  } else {
    await query(tx, sql`update archive_documents set status = 'returned', return_reason = ${body.reason!.trim()}, reviewed_by = ${user.id}, reviewed_on = ${on} where id = ${id}`);
  }
  const personId = Number(doc.person_id);
  const archive = await personArchive(tx, user, personId, rules);
  const state = archiveState(archive.documents, rules);
  if (body.decision === 'approve' && state.verified && archive.isMember && !archive.verifiedOn) {
    await query(tx, sql`update people set identity_verified_on = ${on}, version = version + 1 where id = ${personId}`);
    return { ...archive, verifiedOn: on };
  }
  return archive;
}

export async function sendDocument(tx: Tx, reply: FastifyReply, id: number) {
  const doc = await loadDoc(tx, id);
  return sendAttachmentRow(reply, { file_name: doc.att_name, mime_type: doc.att_mime, storage_key: doc.storage_key });
}

/** Uploads waiting for the caller's review: those of branches below the caller (never the caller's own organization). */
export async function pendingDocuments(tx: Tx, user: SessionUser, under: number | undefined): Promise<DocItem[]> {
  const inTree = await subtreeOf(tx, under);
  const rows = await query<DocRow>(tx, sql`${SELECT} where d.status = 'pending' and ${inTree} order by d.id limit 500`);
  return rows.filter((r) => canApprove(user, Number(r.org_id))).map(toDoc);
}

type OverviewQuery = { under?: number; page?: number; pageSize?: number; notVerifiedOnly?: boolean };
type Fig = { members: number; complete: number; verified: number; pending: number };
type BranchRow = api.archive.ArchiveBranchRow;
const noFig = (): Fig => ({ members: 0, complete: 0, verified: 0, pending: 0 });
const rowOf = (id: number, name: string, f: Fig): BranchRow => ({
  orgId: id,
  orgName: name,
  members: f.members,
  complete: f.complete,
  verified: f.verified,
  notVerified: f.members - f.verified,
  pendingReview: f.pending,
});

/** The overview's default page size (the contract's). */
export const ARCHIVE_PAGE_SIZE = 20;

/**
 * 电子档案 overview: the organization's own figures (every active member of its subtree: members, those whose
 * file holds every listed document (pending or approved), 团员身份已认证, uploads waiting for review) and one
 * page of its active branches in tree order with theirs (`notVerifiedOnly`: the branches with members not yet
 * verified). The figures are kept in org_figures (migration 0041): the totals are the rows at the organization
 * asked about (primary-key ranges at the root, not a sum of rows), the page's those of its branches (a branch is
 * a leaf: its rows are its own members'), the number of branches the root's two org_rollups rows by type (0012;
 * `org:branch` is kept by founding day, a row per day); so the answer is bounded by the page, not by the subtree
 * — except `notVerifiedOnly`, which tests every branch's two kept rows (no member or document row) to pick and
 * count them. `{ plain: true }` computes everything from the members and
 * documents (the same answer; tests and the bench compare the two).
 */
export async function archiveOverview(tx: Tx, q: OverviewQuery, rules: Rules, opts: { plain?: boolean } = {}) {
  const kinds = archiveChecklist(rules);
  const { roots, inTree } = await subtreeRoots(tx, q.under);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? ARCHIVE_PAGE_SIZE;
  const checklist = kinds.map((k) => ARCHIVE_DOC_INFO[k].label);
  const branchWhere = sql`o.status = 'active' and o.type in ('branch', 'joint_branch') and ${inTree}`;
  const paged = <T>(list: T[]) => list.slice((page - 1) * pageSize, page * pageSize);
  const totalsOf = (f: Fig) => {
    const { orgId: _, orgName: __, ...t } = rowOf(0, '', f);
    return t;
  };
  if (opts.plain) {
    const { all, byOrg } = await plainFigures(tx, inTree, kinds);
    const branches = await query<{ id: string; name: string }>(tx, sql`select o.id, o.name from organizations o where ${branchWhere} order by o.path`);
    let rows = branches.map((b) => rowOf(Number(b.id), b.name, byOrg.get(Number(b.id)) ?? noFig()));
    if (q.notVerifiedOnly) rows = rows.filter((r) => r.notVerified > 0);
    return { checklist, totals: totalsOf(all), branches: paged(rows), total: rows.length, page, pageSize };
  }
  let ids: { id: string; name: string }[];
  let total: number;
  if (q.notVerifiedOnly) {
    // Every branch with members not verified, tested on its two kept rows, in tree order.
    const kept = (metric: string) => sql`coalesce((select f.value from org_figures f where f.org_id = o.id and f.metric = ${metric} and f.day = '0001-01-01'::date), 0)`;
    const behind = await query<{ id: string; name: string }>(tx, sql`select o.id, o.name from organizations o where ${branchWhere} and ${kept('dues:0:m')} > ${kept('arc:v')} order by o.path`);
    total = behind.length;
    ids = paged(behind);
  } else {
    ids = await query<{ id: string; name: string }>(tx, sql`select o.id, o.name from organizations o where ${branchWhere} order by o.path limit ${pageSize} offset ${(page - 1) * pageSize}`);
    total = await activeBranchCount(tx, roots);
  }
  const figs = await keptFigures(tx, [...new Set([...roots, ...ids.map((b) => Number(b.id))])], kinds);
  const all = noFig();
  for (const id of roots) for (const [k, v] of Object.entries(figs.get(id)!)) all[k as keyof Fig] += v;
  return { checklist, totals: totalsOf(all), branches: ids.map((b) => rowOf(Number(b.id), b.name, figs.get(Number(b.id))!)), total, page, pageSize };
}

/** The live computation: per organization with active members, and the whole subtree's (every active member). */
async function plainFigures(tx: Tx, inTree: SQL, kinds: readonly ArchiveDocKind[]) {
  const rows = await query<{ org_id: number; members: number; complete: number; verified: number; pending: number }>(
    tx,
    sql`with m as (
          select p.id, p.org_id, p.identity_verified_on is not null as verified
            from people p join organizations o on o.id = p.org_id
           where p.member_status = 'active' and ${inTree}
        ), latest as (
          select distinct on (d.person_id, d.kind) d.person_id, d.kind, d.status
            from archive_documents d join m on m.id = d.person_id
           order by d.person_id, d.kind, d.id desc
        ), per as (
          select m.id, m.org_id, m.verified,
                 count(l.kind) filter (where l.kind = any(${sql.param(kinds)}::text[]) and l.status <> 'returned') = ${kinds.length} as complete,
                 bool_or(l.status = 'pending') as pending
            from m left join latest l on l.person_id = m.id
           group by m.id, m.org_id, m.verified
        )
        select per.org_id, count(*)::int as members,
               count(*) filter (where per.complete)::int as complete,
               count(*) filter (where per.verified)::int as verified,
               count(*) filter (where per.pending)::int as pending
          from per group by per.org_id`,
  );
  const all = noFig();
  const byOrg = new Map<number, Fig>();
  for (const r of rows) {
    const f = { members: r.members, complete: r.complete, verified: r.verified, pending: r.pending };
    byOrg.set(Number(r.org_id), f);
    for (const k of Object.keys(f) as (keyof Fig)[]) all[k] += f[k];
  }
  return { all, byOrg };
}

const KIND_BITS: Record<string, number> = { application_letter: 1, application_form: 2, photo: 4, certificate: 8, other: 16 };

/**
 * The figures of each organization's subtree from org_figures (migration 0041: each member's own rows arc:v,
 * arc:p, arc:s:<kinds held> and dues:0:m, rolled up to every organization above): a few primary-key rows per
 * organization asked about, no member or document row.
 */
async function keptFigures(tx: Tx, ids: readonly number[], kinds: readonly ArchiveDocKind[]): Promise<Map<number, Fig>> {
  const want = kinds.reduce((m, k) => m | KIND_BITS[k]!, 0);
  const figs = new Map<number, Fig>(ids.map((id) => [id, noFig()]));
  if (!ids.length) return figs;
  const rows = await query<{ org_id: string; metric: string; value: string }>(
    tx,
    sql`select b.id as org_id, f.metric, f.value from unnest(${bigintArray(ids)}) b(id)
        cross join lateral (
          select x.metric, x.value from org_figures x where x.org_id = b.id and x.metric in ('dues:0:m', 'arc:v', 'arc:p') and x.day = '0001-01-01'::date
          union all
          select x.metric, x.value from org_figures x where x.org_id = b.id and starts_with(x.metric, 'arc:s:') and x.day = '0001-01-01'::date) f`,
  );
  for (const r of rows) {
    const f = figs.get(Number(r.org_id))!;
    const v = Number(r.value);
    if (r.metric === 'dues:0:m') f.members += v;
    else if (r.metric === 'arc:v') f.verified += v;
    else if (r.metric === 'arc:p') f.pending += v;
    else if ((Number(r.metric.slice('arc:s:'.length)) & want) === want) f.complete += v;
  }
  return figs;
}
