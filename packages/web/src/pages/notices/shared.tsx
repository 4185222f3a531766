import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Card, Empty, Grid, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { download } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';

type NoticeItem = api.notices.NoticeItem;

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

/**
 * The frame both notice lists share: loading, error and empty states, one card per notice
 * (title, publisher, time, deadline, reply required), paged 20 at a time; a click opens it.
 */
export function NoticeCards({
  list,
  page,
  onPage,
  onOpen,
  empty,
  testId,
  head,
  extra,
  tail,
}: {
  list: { isLoading: boolean; error: unknown; data?: { items: NoticeItem[]; total: number }; refetch(): unknown };
  page: number;
  onPage(p: number): void;
  onOpen(id: number): void;
  empty: string;
  testId: string;
  /** Before the title (e.g. the receiver's status). */
  head?: (n: NoticeItem) => ReactNode;
  /** After the common tags. */
  extra?: (n: NoticeItem) => ReactNode;
  /** Under the card's lines (e.g. the sender's progress). */
  tail?: (n: NoticeItem) => ReactNode;
}) {
  if (list.isLoading) return <PageLoading />;
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data?.items.length) return <Empty description={empty} />;
  return (
    <List
      grid={{ gutter: 12, column: 1 }}
      dataSource={list.data.items}
      pagination={{ current: page, pageSize: 20, total: list.data.total, onChange: onPage, size: 'small', hideOnSinglePage: true }}
      renderItem={(n) => (
        <List.Item>
          <Card size="small" hoverable onClick={() => onOpen(n.id)} data-testid={testId}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                {head?.(n)}
                <Typography.Text strong>{n.title}</Typography.Text>
              </Space>
              <Space size={[8, 4]} wrap style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">{n.publisher.name}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(n.publishedAt)}</Typography.Text>
                {n.deadline && <Tag color="orange">期限 {n.deadline}</Tag>}
                {n.replyRequired && <Tag>{n.replyForm?.length ? '需按表单回复' : '需回复'}</Tag>}
                {extra?.(n)}
              </Space>
              {tail?.(n)}
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
