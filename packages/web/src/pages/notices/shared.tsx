import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Grid, Space, Tag } from 'antd';
import { download } from '../../api/client';
import { useShowError } from '../../lib/errors';

type Attachment = api.orgLife.AttachmentItem;

/** A phone-sized screen: cards instead of wide tables. */
export function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}

export const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—');

/** What the receiving organization still has to do. */
export function PendingTag({ pending, replyRequired }: { pending: 'read' | 'reply' | null; replyRequired: boolean }) {
  if (pending === 'read') return <Tag color="red">未读</Tag>;
  if (pending === 'reply') return <Tag color="orange">待回复</Tag>;
  return <Tag color="green">{replyRequired ? '已回复' : '已读'}</Tag>;
}

export function AttachmentLinks({ files }: { files: Attachment[] }) {
  const showError = useShowError();
  if (!files.length) return null;
  return (
    <Space orientation="vertical" size={0}>
      {files.map((a) => (
        <Button
          key={a.id}
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => download(api.notices.downloadNoticeAttachment, { params: { id: a.id } }, a.fileName).catch(showError)}
        >
          <PaperClipOutlined /> {a.fileName}（{Math.max(1, Math.round(a.size / 1024))}KB）
        </Button>
      ))}
    </Space>
  );
}
