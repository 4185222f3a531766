import { api, noticeAnswerText } from '@tuanjian/domain';
import { sendWorkbook } from '../../excel/workbook.js';
import { scoped, type RouteDef } from '../../http/route.js';
import * as notices from './service.js';

const c = api.notices;

const PENDING_LABELS = { read: '未阅读', reply: '已阅读，未回复' } as const;
const time = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/** 通知公告: published by a committee to its subtree; read and replied by each receiving organization. */
export const noticeRoutes: RouteDef[] = [
  scoped(c.publishNotice, async ({ tx, user, rules }, { body }) => notices.publish(tx, user, await rules(), body)),
  scoped(c.listSent, ({ tx, user }, { query }) => notices.listSent(tx, user, query)),
  scoped(c.listReceived, ({ tx, user }, { query }) => notices.listReceived(tx, user, query)),
  scoped(c.getNotice, ({ tx, user }, { params }) => notices.detail(tx, user, params.id)),
  scoped(c.readNotice, ({ tx, user }, { params }) => notices.read(tx, user, params.id)),
  scoped(c.replyNotice, async ({ tx, user, rules }, { params, body }) => notices.reply(tx, user, await rules(), params.id, body)),
  scoped(c.noticeProgressByOrg, ({ tx, user }, { params, query }) => notices.progress(tx, user, params.id, query)),
  scoped(c.chaseNotice, ({ tx, user }, { params, body }) => notices.chase(tx, user, params.id, body)),
  scoped(c.exportProgress, async ({ tx, user, reply }, { params }) => {
    const { notice, items } = await notices.progress(tx, user, params.id, {});
    await sendWorkbook(reply, `${notice.title}-阅读回复情况.xlsx`, '阅读回复情况', [
      { header: '接收组织', width: 36, value: (i) => i.org.name },
      { header: '状态', width: 14, value: (i) => (i.pending ? PENDING_LABELS[i.pending] : notice.replyRequired ? '已回复' : '已阅读') },
      { header: '首次阅读时间', width: 18, value: (i) => time(i.readAt) },
      { header: '阅读人', width: 12, value: (i) => i.readerName },
      { header: '回复时间', width: 18, value: (i) => time(i.repliedAt) },
      // One column per reply-form field: the organization's latest answer.
      ...(notice.replyForm ?? []).map((f) => ({
        header: f.label,
        width: f.type === 'text' ? 30 : 14,
        value: (i: (typeof items)[number]) => noticeAnswerText([...i.replies].reverse().find((r) => r.answers)?.answers, f),
      })),
      { header: '回复内容', width: 48, value: (i) => i.replies.map((r) => [r.text, ...r.attachments.map((a) => `附件：${a.fileName}`)].filter(Boolean).join('；')).join('\n') },
      { header: '催办次数', width: 10, value: (i) => i.chaseCount },
    ], items);
  }),
  scoped(c.downloadNoticeAttachment, ({ tx, reply }, { params }) => notices.sendNoticeAttachment(tx, reply, params.id)),
];
