import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import {
  ATTACHMENT_TYPE_INFO,
  DomainError,
  attachmentProblems,
  sniffAttachmentType,
  storedAttachmentName,
  type AttachmentOwner,
  type AttachmentType,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import { attachmentStore } from './storage.js';
import { loadOne, refuse } from './common.js';

type AttachmentItem = api.orgLife.AttachmentItem;

/** Owner records: the table holding them and what users call them. */
const OWNERS: Record<AttachmentOwner, { table: string; label: string; closed?: string }> = {
  meeting: { table: 'meetings', label: '会议', closed: "status = 'cancelled'" },
  activity: { table: 'activities', label: '活动' },
  venue: { table: 'venues', label: '阵地' },
  honor_nomination: { table: 'honor_nominations', label: '推荐' },
};

interface AttachmentRow {
  id: number;
  org_id: number;
  file_name: string;
  mime_type: string;
  size: number;
  storage_key: string;
  created_at: string;
}

const toItem = (r: AttachmentRow): AttachmentItem => ({ id: Number(r.id), fileName: r.file_name, mimeType: r.mime_type, size: Number(r.size), createdAt: r.created_at });

/** Base64 as browsers send it (optionally a data: URL); anything else is refused rather than decoded leniently. */
function decodeBase64(text: string, field = 'contentBase64'): Buffer {
  const body = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) {
    throw new DomainError('bad_file', '文件内容不是有效的 Base64 编码', field, 400);
  }
  return Buffer.from(body, 'base64');
}

/**
 * Stores an uploaded file for a record. The record is loaded first (404 when
 * out of scope, before anything is written); the attachment takes the
 * record's organization, so it is seen exactly where the record is.
 */
export async function uploadAttachment(
  tx: Tx,
  rules: Rules,
  owner: AttachmentOwner,
  ownerId: number,
  body: { fileName: string; contentBase64: string },
): Promise<AttachmentItem> {
  const o = OWNERS[owner];
  const rec = await loadOne<{ id: number; org_id: number; closed: boolean }>(
    tx,
    sql`select id, org_id, ${sql.raw(o.closed ?? 'false')} as closed from ${sql.identifier(o.table)} where id = ${ownerId}`,
    o.label,
  );
  if (rec.closed) throw new DomainError('closed', `该${o.label}已取消，不能再上传附件`, undefined, 409);
  return storeAttachment(tx, rules, { orgId: rec.org_id, ownerType: owner, ownerId }, body);
}

/** The size limit and the rules an upload is checked by (default: the attachment rules; the electronic archive has its own). */
export interface AttachmentCheck {
  maxMb: number;
  problems: (f: { fileName: string; size: number; sniffed: AttachmentType | null }) => string[];
}

/**
 * Checks an uploaded file (size rule, type sniffed from the content), stores
 * its bytes and records it for an owner record of the given organization.
 * `field` names the input in errors (e.g. "attachments.0.contentBase64").
 */
export async function storeAttachment(
  tx: Tx,
  rules: Rules,
  owner: { orgId: number; ownerType: string; ownerId: number },
  body: { fileName: string; contentBase64: string },
  field = 'contentBase64',
  check: AttachmentCheck = { maxMb: rules.youthWork.attachmentMaxMb, problems: (f) => attachmentProblems(f, rules) },
): Promise<AttachmentItem> {
  // Refuse an oversized upload before decoding it.
  const max = check.maxMb * 1024 * 1024;
  if (Math.floor((body.contentBase64.length * 3) / 4) > max + 4) refuse('too_large', [`文件超过上限${check.maxMb}MB`], field, 413);
  const bytes = decodeBase64(body.contentBase64, field);
  const sniffed = sniffAttachmentType(bytes);
  refuse('bad_file', check.problems({ fileName: body.fileName, size: bytes.length, sniffed }), field, bytes.length > max ? 413 : 422);
  const stored = await attachmentStore().put(bytes);
  const [row] = await query<AttachmentRow>(
    tx,
    sql`insert into attachments (org_id, owner_type, owner_id, file_name, mime_type, size, sha256, storage_key)
        values (${owner.orgId}, ${owner.ownerType}, ${owner.ownerId}, ${storedAttachmentName(body.fileName, sniffed!)}, ${ATTACHMENT_TYPE_INFO[sniffed!].mime},
                ${bytes.length}, ${stored.sha256}, ${stored.key})
        returning id, org_id, file_name, mime_type, size, storage_key, created_at::text as created_at`,
  );
  return toItem(row!);
}

export async function listAttachments(tx: Tx, owner: AttachmentOwner, ownerId: number): Promise<AttachmentItem[]> {
  const rows = await query<AttachmentRow>(
    tx,
    sql`select id, org_id, file_name, mime_type, size, storage_key, created_at::text as created_at
          from attachments where owner_type = ${owner} and owner_id = ${ownerId} order by id`,
  );
  return rows.map(toItem);
}

/** Attachment count of the rows of `alias` (written out: drizzle would unqualify the outer column). */
export const attachmentCount = (owner: AttachmentOwner, alias: string) =>
  sql.raw(`(select count(*)::int from attachments att where att.owner_type = '${owner}' and att.owner_id = ${alias}.id)`);

/** Sends the bytes of an attachment visible to the caller (row-level security scopes it like its record). */
export async function sendAttachment(tx: Tx, reply: FastifyReply, id: number) {
  const [row] = await query<AttachmentRow>(tx, sql`select id, org_id, file_name, mime_type, size, storage_key, created_at::text as created_at from attachments where id = ${id}`);
  return sendAttachmentRow(reply, row);
}

/** Sends a stored attachment found by the caller (404 when not found). */
export async function sendAttachmentRow(reply: FastifyReply, row: Pick<AttachmentRow, 'file_name' | 'mime_type' | 'storage_key'> | undefined) {
  if (!row) throw notFound('附件');
  const bytes = await attachmentStore().get(row.storage_key);
  if (!bytes) throw new HttpError(404, 'file_missing', '附件文件已丢失或损坏，请重新上传');
  return reply
    .header('content-type', row.mime_type)
    .header('content-length', String(bytes.length))
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
    .send(bytes);
}
