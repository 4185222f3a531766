// Contracts of 通知公告 (issue 12): a committee notifies its subtree; each receiving organization reads and replies.
import { z } from 'zod';
import {
  NOTICE_ATTACHMENTS_MAX,
  NOTICE_BODY_MAX,
  NOTICE_FORM_FIELDS_MAX,
  NOTICE_FORM_FIELD_TYPES,
  NOTICE_FORM_LABEL_MAX,
  NOTICE_FORM_OPTIONS_MAX,
  NOTICE_REPLY_MAX,
  NOTICE_TITLE_MAX,
} from '../inbox/index.js';
import { contract, field, idParam, pageQuery, paged } from './contract.js';
import { attachmentItem, uploadBody, UPLOAD_BODY_LIMIT } from './org-life.js';

const TAG = '通知公告';
const orgRef = z.object({ id: z.number(), name: z.string() });

export const NOTICE_TARGET_MODES = ['subtree', 'chosen'] as const;

/** A field of the reply form, as the sender defines it. */
export const noticeFormFieldInput = z.object({
  label: field.text('字段名称', 1, NOTICE_FORM_LABEL_MAX),
  type: z.enum(NOTICE_FORM_FIELD_TYPES, { error: '字段类型应为文字、数字、日期或选择' }).describe('字段类型'),
  required: z.boolean().default(false).describe('必填'),
  options: z
    .array(z.string().trim().min(1, '选项不能为空').max(NOTICE_FORM_LABEL_MAX, `选项不能超过${NOTICE_FORM_LABEL_MAX}个字`))
    .max(NOTICE_FORM_OPTIONS_MAX, `选项不能超过${NOTICE_FORM_OPTIONS_MAX}个`)
    .optional()
    .describe('选项'),
});
export const noticeFormField = noticeFormFieldInput.extend({ key: z.string() });
export const noticeAnswers = z.record(z.string(), z.union([z.string(), z.number()]));

export const publishNoticeBody = z.object({
  title: field.text('通知标题', 1, NOTICE_TITLE_MAX),
  body: field.text('通知正文', 1, NOTICE_BODY_MAX),
  deadline: field.date('办理期限').nullish(),
  replyRequired: z.boolean({ error: '请选择是否需要回复' }).default(false).describe('需要回复'),
  target: z.enum(NOTICE_TARGET_MODES, { error: '请选择发送范围' }).describe('发送范围'),
  /** With target 'chosen': the receiving organizations (each within the publisher's subtree). */
  orgIds: z.array(field.id('接收组织')).max(2000, '接收组织过多').optional().describe('接收组织'),
  attachments: z.array(uploadBody).max(NOTICE_ATTACHMENTS_MAX, `附件不能超过${NOTICE_ATTACHMENTS_MAX}个`).optional().describe('附件'),
  /** With replyRequired: the fields each receiving organization fills in (else a reply is text and/or a file). */
  replyForm: z.array(noticeFormFieldInput).max(NOTICE_FORM_FIELDS_MAX, `回复表单不能超过${NOTICE_FORM_FIELDS_MAX}个字段`).optional().describe('回复表单'),
});

export const noticeProgress = z.object({ targets: z.number(), read: z.number(), replied: z.number() });

export const noticeItem = z.object({
  id: z.number(),
  title: z.string(),
  publisher: orgRef,
  publishedBy: z.string(),
  publishedAt: z.string(),
  deadline: z.string().nullable(),
  replyRequired: z.boolean(),
  /** The reply form (null: a reply is text and/or a file). */
  replyForm: z.array(noticeFormField).nullable(),
  attachmentCount: z.number(),
  /** Sender's view: how many receiving organizations have read and replied. */
  progress: noticeProgress.nullable(),
  /** Receiver's view (the caller's organization is a target). */
  mine: z
    .object({
      readAt: z.string().nullable(),
      replied: z.boolean(),
      chasedAt: z.string().nullable(),
      pending: z.enum(['read', 'reply']).nullable(),
    })
    .nullable(),
});
export type NoticeItem = z.infer<typeof noticeItem>;

export const replyItem = z.object({
  id: z.number(),
  org: orgRef,
  author: z.string(),
  text: z.string().nullable(),
  /** The reply form's answers by field key. */
  answers: noticeAnswers.nullable(),
  createdAt: z.string(),
  attachments: z.array(attachmentItem),
});
export type NoticeReply = z.infer<typeof replyItem>;

export const noticeDetail = noticeItem.extend({
  body: z.string(),
  attachments: z.array(attachmentItem),
  /** The caller's organization's replies. */
  replies: z.array(replyItem),
  canManage: z.boolean(),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

export const targetProgress = z.object({
  org: orgRef,
  readAt: z.string().nullable(),
  readerName: z.string().nullable(),
  readers: z.number(),
  repliedAt: z.string().nullable(),
  replies: z.array(replyItem),
  chasedAt: z.string().nullable(),
  chaseCount: z.number(),
  pending: z.enum(['read', 'reply']).nullable(),
});
export type TargetProgress = z.infer<typeof targetProgress>;

export const publishNotice = contract({
  method: 'POST',
  path: '/api/notices',
  permission: 'notice:publish',
  tag: TAG,
  summary: '发布通知公告（发往全部下级组织或选定的组织，可带附件、期限和回复要求）',
  body: publishNoticeBody,
  bodyLimit: UPLOAD_BODY_LIMIT * 2,
  refs: { 'body.orgIds': 'org' },
  response: noticeDetail,
});

const listQuery = z.object({ ...pageQuery, q: z.string().trim().max(40, '关键词不能超过40个字').optional().describe('关键词') });

export const listSent = contract({
  method: 'GET',
  path: '/api/notices/sent',
  permission: 'notice:read',
  tag: TAG,
  summary: '本组织（及下级组织）发出的通知，附阅读、回复进度',
  query: listQuery,
  response: paged(noticeItem),
});

export const listReceived = contract({
  method: 'GET',
  path: '/api/notices/received',
  permission: 'notice:read',
  tag: TAG,
  summary: '本组织收到的通知（未读、待回复在前）',
  query: listQuery.extend({ pending: z.enum(['true', 'false']).optional().describe('只看待办') }),
  response: paged(noticeItem),
});

export const getNotice = contract({
  method: 'GET',
  path: '/api/notices/:id',
  permission: 'notice:read',
  tag: TAG,
  summary: '通知详情（正文、附件、本组织的阅读与回复）',
  params: idParam,
  refs: { 'params.id': 'notice' },
  response: noticeDetail,
});

export const readNotice = contract({
  method: 'POST',
  path: '/api/notices/:id/read',
  permission: 'notice:read',
  tag: TAG,
  summary: '记录本组织阅读通知（首次阅读时间保留）',
  params: idParam,
  body: z.object({}).nullish(),
  refs: { 'params.id': 'notice' },
  response: noticeDetail,
});

export const replyNotice = contract({
  method: 'POST',
  path: '/api/notices/:id/replies',
  permission: 'notice:reply',
  tag: TAG,
  summary: '回复通知（填写回复表单，和/或文字、一个附件）',
  params: idParam,
  body: z.object({
    answers: noticeAnswers.optional().describe('回复表单'),
    text: field.optionalText('回复内容', NOTICE_REPLY_MAX),
    attachment: uploadBody.nullish().describe('回复附件'),
  }),
  bodyLimit: UPLOAD_BODY_LIMIT,
  refs: { 'params.id': 'notice' },
  response: noticeDetail,
});

export const noticeProgressByOrg = contract({
  method: 'GET',
  path: '/api/notices/:id/progress',
  permission: 'notice:read',
  tag: TAG,
  summary: '发送方查看各接收组织的阅读、回复情况',
  params: idParam,
  query: z.object({ pending: z.enum(['true', 'false']).optional().describe('只看未完成') }),
  refs: { 'params.id': 'notice' },
  response: z.object({ notice: noticeItem, items: z.array(targetProgress) }),
});

export const chaseNotice = contract({
  method: 'POST',
  path: '/api/notices/:id/chase',
  permission: 'notice:publish',
  tag: TAG,
  summary: '催办：提醒尚未阅读或回复的组织（在其待办中标注已催办）',
  params: idParam,
  body: z.object({ orgIds: z.array(field.id('接收组织')).max(2000).optional().describe('接收组织') }),
  refs: { 'params.id': 'notice', 'body.orgIds': 'org' },
  response: z.object({ chased: z.number() }),
});

export const exportProgress = contract({
  method: 'GET',
  path: '/api/notices/:id/export',
  permission: 'notice:read',
  tag: TAG,
  summary: '导出各接收组织阅读、回复情况（Excel）',
  params: idParam,
  refs: { 'params.id': 'notice' },
  response: z.any(),
  file: true,
});

export const downloadNoticeAttachment = contract({
  method: 'GET',
  path: '/api/notices/attachments/:id',
  permission: 'notice:read',
  tag: TAG,
  summary: '下载通知或回复的附件',
  params: idParam,
  refs: { 'params.id': 'noticeAttachment' },
  response: z.any(),
  file: true,
});
