import { sql } from 'drizzle-orm';
import {
  DomainError,
  buildNoticeForm,
  checkNoticeAnswers,
  hasPermission,
  noticeFormProblem,
  noticePending,
  noticePublisherProblem,
  type NoticeAnswers,
  type NoticeFormField,
  type OrgType,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { FastifyReply } from 'fastify';
import type { Tx } from '../../db/connection.js';
import { bigintArray, isoTime, query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { sendAttachmentRow, storeAttachment } from '../org-life/attachments.js';

type N = typeof api.notices;
type B<C> = api.BodyOf<C>;
type Item = api.notices.NoticeItem;
type Detail = api.notices.NoticeDetail;
type Reply = api.notices.NoticeReply;
type Attachment = api.orgLife.AttachmentItem;

interface NoticeRow {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  body: string;
  published_by_name: string;
  created_at: string;
  deadline: string | null;
  reply_required: boolean;
  reply_form: NoticeFormField[] | null;
  attachment_count: number;
  can_manage: boolean;
  targets: number | null;
  read_orgs: number | null;
  replied_orgs: number | null;
  my_target: number | null;
  my_chased_at: string | null;
  my_read_at: string | null;
  my_replied: boolean;
}

/** The caller's organization, as the receiving side (null for the platform administrator). */
const myOrg = (user: SessionUser) => user.scopeOrgId ?? 0;

const NOTICE_SELECT = (user: SessionUser) => sql`
  select n.id, n.org_id, n.org_name, n.title, n.body, n.published_by_name, n.created_at::text as created_at, n.deadline::text as deadline,
         n.reply_required, n.reply_form, (select count(*)::int from tj_notice_attachments(n.id)) as attachment_count,
         m.can_manage,
         case when m.can_manage then (select count(*)::int from notice_targets t where t.notice_id = n.id) end as targets,
         case when m.can_manage then (select count(*)::int from notice_targets t where t.notice_id = n.id
                and exists (select 1 from notice_reads r where r.notice_id = n.id and r.org_id = t.org_id)) end as read_orgs,
         case when m.can_manage then (select count(*)::int from notice_targets t where t.notice_id = n.id
                and exists (select 1 from notice_replies y where y.notice_id = n.id and y.org_id = t.org_id)) end as replied_orgs,
         mt.id as my_target, mt.chased_at::text as my_chased_at,
         (select min(r.read_at)::text from notice_reads r where r.notice_id = n.id and r.org_id = ${myOrg(user)}) as my_read_at,
         exists (select 1 from notice_replies y where y.notice_id = n.id and y.org_id = ${myOrg(user)}) as my_replied
    from notices n
    cross join lateral (select exists (select 1 from organizations so where so.id = n.org_id) as can_manage) m
    left join notice_targets mt on mt.notice_id = n.id and mt.org_id = ${myOrg(user)}`;

function toItem(r: NoticeRow): Item {
  const read = r.my_read_at !== null;
  return {
    id: Number(r.id),
    title: r.title,
    publisher: { id: Number(r.org_id), name: r.org_name },
    publishedBy: r.published_by_name,
    publishedAt: isoTime(r.created_at),
    deadline: r.deadline,
    replyRequired: r.reply_required,
    replyForm: r.reply_form,
    attachmentCount: Number(r.attachment_count),
    progress: r.can_manage ? { targets: Number(r.targets), read: Number(r.read_orgs), replied: Number(r.replied_orgs) } : null,
    mine:
      r.my_target !== null
        ? {
            readAt: r.my_read_at === null ? null : isoTime(r.my_read_at),
            replied: r.my_replied,
            chasedAt: r.my_chased_at === null ? null : isoTime(r.my_chased_at),
            pending: noticePending({ replyRequired: r.reply_required, read, replied: r.my_replied }),
          }
        : null,
  };
}

async function loadNotice(tx: Tx, user: SessionUser, id: number): Promise<NoticeRow> {
  const [row] = await query<NoticeRow>(tx, sql`${NOTICE_SELECT(user)} where n.id = ${id}`);
  if (!row) throw notFound('通知');
  return row;
}

interface AttachmentRow {
  id: number;
  owner_id: number;
  file_name: string;
  mime_type: string;
  size: number;
  storage_key: string;
  created_at: string;
}
const toAttachment = (a: AttachmentRow): Attachment => ({
  id: Number(a.id),
  fileName: a.file_name,
  mimeType: a.mime_type,
  size: Number(a.size),
  createdAt: a.created_at,
});

interface ReplyRow {
  id: number;
  org_id: number;
  org_name: string;
  author_name: string;
  text: string | null;
  answers: NoticeAnswers | null;
  created_at: string;
}

/** Replies of a notice visible to the caller (own organization's, or all of the subtree for the sender), with their attachments. */
async function replies(tx: Tx, noticeId: number, orgId?: number): Promise<Reply[]> {
  const rows = await query<ReplyRow>(
    tx,
    sql`select y.id, y.org_id, o.name as org_name, y.author_name, y.text, y.answers, y.created_at::text as created_at
          from notice_replies y join organizations o on o.id = y.org_id
         where y.notice_id = ${noticeId} ${orgId !== undefined ? sql`and y.org_id = ${orgId}` : sql``}
         order by y.id`,
  );
  const files = rows.length
    ? await query<AttachmentRow>(
        tx,
        sql`select id, owner_id, file_name, mime_type, size, storage_key, created_at::text as created_at
              from attachments where owner_type = 'notice_reply' and owner_id = any(${bigintArray(rows.map((r) => Number(r.id)))}) order by id`,
      )
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    org: { id: Number(r.org_id), name: r.org_name },
    author: r.author_name,
    text: r.text,
    answers: r.answers,
    createdAt: isoTime(r.created_at),
    attachments: files.filter((f) => Number(f.owner_id) === Number(r.id)).map(toAttachment),
  }));
}

export async function detail(tx: Tx, user: SessionUser, id: number): Promise<Detail> {
  const row = await loadNotice(tx, user, id);
  const files = await query<AttachmentRow>(tx, sql`select * from tj_notice_attachments(${id})`);
  return {
    ...toItem(row),
    body: row.body,
    attachments: files.map(toAttachment),
    replies: row.my_target !== null ? await replies(tx, id, myOrg(user)) : [],
    canManage: row.can_manage,
  };
}

/* ---------------------------------------------------------------- publish */

export async function publish(tx: Tx, user: SessionUser, rules: Rules, body: B<N['publishNotice']>): Promise<Detail> {
  const publisher = user.scopeOrgId ? await loadOrg(tx, user.scopeOrgId) : null;
  const problem = noticePublisherProblem(publisher ? { type: publisher.type as OrgType } : null);
  if (problem || !publisher) throw new DomainError('not_publisher', problem ?? '无法发布通知', undefined, 403);
  if (body.deadline && body.deadline < today()) throw new DomainError('bad_deadline', '办理期限不能早于今天', 'deadline');
  const form = body.replyForm?.length ? buildNoticeForm(body.replyForm) : null;
  if (form && !body.replyRequired) throw new DomainError('form_without_reply', '设置回复表单时须选择“需要回复”', 'replyRequired');
  const formProblem = body.replyForm ? noticeFormProblem(body.replyForm) : null;
  if (formProblem) throw new DomainError('bad_reply_form', formProblem.message, formProblem.field);
  let targets: number[];
  if (body.target === 'chosen') {
    const ids = [...new Set(body.orgIds ?? [])];
    if (!ids.length) throw new DomainError('no_targets', '请选择接收组织', 'orgIds');
    const found = await query<{ id: number }>(
      tx,
      sql`select id from organizations where id = any(${bigintArray(ids)}) and path <@ ${publisher.path}::ltree and id <> ${publisher.id} and status = 'active'`,
    );
    if (found.length !== ids.length) throw new HttpError(404, 'not_found', '接收组织不存在、已撤销或不在本组织的下级范围内', 'orgIds');
    targets = ids;
  } else {
    const rows = await query<{ id: number }>(
      tx,
      sql`select id from organizations where path <@ ${publisher.path}::ltree and id <> ${publisher.id} and status = 'active'`,
    );
    targets = rows.map((r) => Number(r.id));
    if (!targets.length) throw new DomainError('no_targets', '本组织没有下级组织可以接收通知', 'target');
  }
  const [notice] = await query<{ id: number }>(
    tx,
    sql`insert into notices (org_id, org_name, title, body, deadline, reply_required, reply_form, target_mode, published_by, published_by_name)
        values (${publisher.id}, ${publisher.name}, ${body.title}, ${body.body}, ${body.deadline ?? null}, ${body.replyRequired},
                ${form ? JSON.stringify(form) : null}::jsonb, ${body.target},
                ${user.id}, ${user.displayName})
        returning id`,
  );
  const id = Number(notice!.id);
  await tx.execute(sql`insert into notice_targets (notice_id, org_id) select ${id}, x from unnest(${bigintArray(targets)}) as x`);
  for (const [i, file] of (body.attachments ?? []).entries()) {
    await storeAttachment(tx, rules, { orgId: publisher.id, ownerType: 'notice', ownerId: id }, file, `attachments.${i}.contentBase64`);
  }
  return detail(tx, user, id);
}

/* ------------------------------------------------------------------ lists */

const keyword = (q?: string) => (q ? sql`and position(${q} in n.title) > 0` : sql``);

export async function listSent(tx: Tx, user: SessionUser, q: api.QueryOf<N['listSent']>) {
  const where = sql`where m.can_manage ${keyword(q.q)}`;
  const rows = await query<NoticeRow>(tx, sql`${NOTICE_SELECT(user)} ${where} order by n.id desc offset ${(q.page - 1) * q.pageSize} limit ${q.pageSize}`);
  const [n] = await query<{ n: number }>(
    tx,
    sql`select count(*)::int as n from notices n cross join lateral (select exists (select 1 from organizations so where so.id = n.org_id) as can_manage) m ${where}`,
  );
  return { items: rows.map(toItem), total: Number(n!.n), page: q.page, pageSize: q.pageSize };
}

export async function listReceived(tx: Tx, user: SessionUser, q: api.QueryOf<N['listReceived']>) {
  const org = myOrg(user);
  const pendingExpr = sql`(not exists (select 1 from notice_reads r where r.notice_id = n.id and r.org_id = ${org})
        or (n.reply_required and not exists (select 1 from notice_replies y where y.notice_id = n.id and y.org_id = ${org})))`;
  const where = sql`where mt.id is not null ${keyword(q.q)} ${q.pending === 'true' ? sql`and ${pendingExpr}` : sql``}`;
  const rows = await query<NoticeRow>(
    tx,
    sql`${NOTICE_SELECT(user)} ${where} order by ${pendingExpr} desc, n.id desc offset ${(q.page - 1) * q.pageSize} limit ${q.pageSize}`,
  );
  const [n] = await query<{ n: number }>(
    tx,
    sql`select count(*)::int as n from notices n join notice_targets mt on mt.notice_id = n.id and mt.org_id = ${org} ${where}`,
  );
  return { items: rows.map(toItem), total: Number(n!.n), page: q.page, pageSize: q.pageSize };
}

/* ------------------------------------------------------- read and reply */

function requireTarget(row: NoticeRow) {
  if (row.my_target === null) throw new DomainError('not_target', '本组织不是该通知的接收组织，无需阅读回复', undefined, 409);
}

async function recordRead(tx: Tx, user: SessionUser, id: number) {
  await tx.execute(
    sql`insert into notice_reads (notice_id, org_id, account_id, reader_name) values (${id}, ${myOrg(user)}, ${user.id}, ${user.displayName})
        on conflict (notice_id, org_id, account_id) do nothing`,
  );
}

/** Records the first read of the caller (a read-only viewer opens it without counting as the organization's read). */
export async function read(tx: Tx, user: SessionUser, id: number): Promise<Detail> {
  const row = await loadNotice(tx, user, id);
  requireTarget(row);
  if (hasPermission(user.role, 'notice:reply')) await recordRead(tx, user, id);
  return detail(tx, user, id);
}

export async function reply(tx: Tx, user: SessionUser, rules: Rules, id: number, body: B<N['replyNotice']>): Promise<Detail> {
  const row = await loadNotice(tx, user, id);
  requireTarget(row);
  const text = body.text?.trim() || null;
  // With a reply form the form is the reply (text and a file may come with it); without, text or a file.
  let answers: NoticeAnswers | null = null;
  if (row.reply_form?.length) {
    const checked = checkNoticeAnswers(row.reply_form, body.answers ?? {});
    if ('problem' in checked) throw new DomainError('bad_answer', checked.problem.message, checked.problem.field);
    answers = checked.answers;
    if (!Object.keys(answers).length && !text && !body.attachment) throw new DomainError('empty_reply', '请填写回复表单', 'answers');
  } else if (!text && !body.attachment) throw new DomainError('empty_reply', '请填写回复内容或上传回复附件', 'text');
  await recordRead(tx, user, id);
  const [created] = await query<{ id: number }>(
    tx,
    sql`insert into notice_replies (notice_id, org_id, account_id, author_name, text, answers)
        values (${id}, ${myOrg(user)}, ${user.id}, ${user.displayName}, ${text}, ${answers ? JSON.stringify(answers) : null}::jsonb) returning id`,
  );
  if (body.attachment) {
    await storeAttachment(tx, rules, { orgId: myOrg(user), ownerType: 'notice_reply', ownerId: Number(created!.id) }, body.attachment, 'attachment.contentBase64');
  }
  return detail(tx, user, id);
}

/* ------------------------------------------------------ sender's progress */

interface TargetRow {
  id: number;
  org_id: number;
  org_name: string;
  chased_at: string | null;
  chase_count: number;
  read_at: string | null;
  reader_name: string | null;
  readers: number;
  replied_at: string | null;
}

function requireManage(row: NoticeRow) {
  if (!row.can_manage) throw new HttpError(403, 'forbidden', '只有发布通知的组织及其上级可以查看阅读、回复情况和催办');
}

export async function progress(tx: Tx, user: SessionUser, id: number, q: { pending?: 'true' | 'false' }) {
  const row = await loadNotice(tx, user, id);
  requireManage(row);
  const targets = await query<TargetRow>(
    tx,
    sql`select t.id, t.org_id, o.name as org_name, t.chased_at::text as chased_at, t.chase_count,
               r.read_at::text as read_at, r.reader_name, coalesce(r.readers, 0)::int as readers, y.replied_at::text as replied_at
          from notice_targets t join organizations o on o.id = t.org_id
          left join lateral (select min(x.read_at) as read_at, (array_agg(x.reader_name order by x.read_at))[1] as reader_name, count(*) as readers
                               from notice_reads x where x.notice_id = t.notice_id and x.org_id = t.org_id) r on true
          left join lateral (select max(z.created_at) as replied_at from notice_replies z where z.notice_id = t.notice_id and z.org_id = t.org_id) y on true
         where t.notice_id = ${id}
         order by o.path`,
  );
  const all = await replies(tx, id);
  let items: api.notices.TargetProgress[] = targets.map((t) => {
    const own = all.filter((r) => r.org.id === Number(t.org_id));
    return {
      org: { id: Number(t.org_id), name: t.org_name },
      readAt: t.read_at ? isoTime(t.read_at) : null,
      readerName: t.reader_name,
      readers: Number(t.readers),
      repliedAt: t.replied_at ? isoTime(t.replied_at) : null,
      replies: own,
      chasedAt: t.chased_at ? isoTime(t.chased_at) : null,
      chaseCount: Number(t.chase_count),
      pending: noticePending({ replyRequired: row.reply_required, read: t.read_at !== null, replied: t.replied_at !== null }),
    };
  });
  if (q.pending === 'true') items = items.filter((i) => i.pending);
  // Those still to act first.
  items.sort((a, b) => Number(b.pending !== null) - Number(a.pending !== null));
  return { notice: toItem(row), items };
}

/** 催办: marks the receiving organizations that have not read (or not replied); their 待办 item says it was chased. */
export async function chase(tx: Tx, user: SessionUser, id: number, body: B<N['chaseNotice']>) {
  const { notice, items } = await progress(tx, user, id, { pending: 'false' });
  let chosen = items;
  if (body.orgIds?.length) {
    const wanted = new Set(body.orgIds);
    chosen = items.filter((i) => wanted.has(i.org.id));
    if (chosen.length !== wanted.size) throw new HttpError(404, 'not_found', '所选组织不是该通知的接收组织或不在您的管理范围内', 'orgIds');
  }
  const ids = chosen.filter((i) => i.pending).map((i) => i.org.id);
  if (!ids.length) return { chased: 0 };
  await tx.execute(
    sql`update notice_targets set chased_at = now(), chase_count = chase_count + 1 where notice_id = ${notice.id} and org_id = any(${bigintArray(ids)})`,
  );
  return { chased: ids.length };
}

export async function sendNoticeAttachment(tx: Tx, reply: FastifyReply, id: number) {
  const [own] = await query<AttachmentRow>(tx, sql`select * from tj_notice_attachments(null, ${id})`);
  const [replyFile] = own
    ? [own]
    : await query<AttachmentRow>(
        tx,
        sql`select id, owner_id, file_name, mime_type, size, storage_key, created_at::text as created_at from attachments where id = ${id} and owner_type = 'notice_reply'`,
      );
  return sendAttachmentRow(reply, replyFile);
}
