import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, noticeAnswerText } from '@tuanjian/domain';
import { App, Button, Card, Drawer, List, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { refreshNotices } from './NoticeDrawer';
import { AnswersView } from './ReplyFormFields';
import { AttachmentLinks, PendingTag, formatTime, useNarrow } from './shared';

type Target = api.notices.TargetProgress;

/** The sender's view of one notice: who read when and who replied, per receiving organization; 催办 and export. */
export function ProgressDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const narrow = useNarrow();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [pendingOnly, setPendingOnly] = useState(false);
  const [chasing, setChasing] = useState(false);
  const progress = useApi(api.notices.noticeProgressByOrg, { params: { id: id ?? 0 }, query: { pending: pendingOnly ? 'true' : undefined } }, { enabled: !!id });
  const detail = useApi(api.notices.getNotice, { params: { id: id ?? 0 } }, { enabled: !!id });
  const n = progress.data?.notice;
  const pending = progress.data?.items.filter((i) => i.pending).length ?? 0;

  const chase = () => {
    if (!id) return;
    setChasing(true);
    call(api.notices.chaseNotice, { params: { id }, body: {} })
      .then((r) => {
        message.success(r.chased ? `已向 ${r.chased} 个组织催办` : '所有组织均已办结，无需催办');
        void progress.refetch();
        void refreshNotices(client);
      })
      .catch(showError)
      .finally(() => setChasing(false));
  };

  // The latest answers of an organization, for the table's one column per reply-form field.
  const latestAnswers = (t: Target) => [...t.replies].reverse().find((r) => r.answers)?.answers ?? null;
  const replyCell = (t: Target, withAnswers: boolean) =>
    t.replies.length ? (
      <Space orientation="vertical" size={2}>
        {t.replies.map((r) => (
          <div key={r.id}>
            {withAnswers && <AnswersView form={n?.replyForm ?? null} answers={r.answers} />}
            {r.text && <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>}
            <AttachmentLinks files={r.attachments} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.author} · {formatTime(r.createdAt)}
            </Typography.Text>
          </div>
        ))}
      </Space>
    ) : (
      '—'
    );

  return (
    <Drawer open={!!id} onClose={onClose} title="阅读与回复情况" size={narrow ? '100%' : 900} destroyOnHidden data-testid="progress-drawer">
      {progress.isLoading || !n ? (
        progress.error ? <LoadError error={progress.error} /> : <PageLoading />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {n.title}
          </Typography.Title>
          {detail.data && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {detail.data.body}
            </Typography.Paragraph>
          )}
          {detail.data && <AttachmentLinks files={detail.data.attachments} />}
          {n.progress && (
            <Space wrap size={24}>
              <span>
                已读 <Progress type="circle" size={48} percent={Math.round((n.progress.read / Math.max(1, n.progress.targets)) * 100)} /> {n.progress.read}/{n.progress.targets}
              </span>
              {n.replyRequired && (
                <span>
                  已回复 <Progress type="circle" size={48} percent={Math.round((n.progress.replied / Math.max(1, n.progress.targets)) * 100)} /> {n.progress.replied}/{n.progress.targets}
                </span>
              )}
            </Space>
          )}
          <Space wrap>
            <Segmented value={pendingOnly ? 'pending' : 'all'} onChange={(v) => setPendingOnly(v === 'pending')} options={[{ value: 'all', label: '全部组织' }, { value: 'pending', label: '未完成' }]} />
            <Button icon={<BellOutlined />} onClick={chase} loading={chasing} disabled={!pending && !pendingOnly} data-testid="chase-button">
              催办未完成的组织
            </Button>
            <ExportButton contract={api.notices.exportProgress} input={{ params: { id: n.id } }} fileName={`${n.title}-阅读回复情况.xlsx`} />
          </Space>
          {narrow ? (
            <List
              dataSource={progress.data?.items ?? []}
              renderItem={(t) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Card size="small" style={{ width: '100%' }} title={t.org.name} extra={<PendingTag pending={t.pending} replyRequired={n.replyRequired} />}>
                    <div>首次阅读：{t.readAt ? `${formatTime(t.readAt)}（${t.readerName}）` : '未读'}</div>
                    {n.replyRequired && <div>回复：{replyCell(t, true)}</div>}
                    {t.chaseCount > 0 && <Tag color="red">已催办 {t.chaseCount} 次</Tag>}
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<Target>
              rowKey={(t) => t.org.id}
              size="small"
              dataSource={progress.data?.items ?? []}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: '接收组织', render: (_, t) => t.org.name },
                { title: '状态', width: 90, render: (_, t) => <PendingTag pending={t.pending} replyRequired={n.replyRequired} /> },
                { title: '首次阅读', width: 190, render: (_, t) => (t.readAt ? <span>{formatTime(t.readAt)}<br /><Typography.Text type="secondary">{t.readerName}</Typography.Text></span> : '未读') },
                ...(n.replyForm ?? []).map((f) => ({ title: f.label, key: f.key, render: (_: unknown, t: Target) => noticeAnswerText(latestAnswers(t), f) || '—' })),
                ...(n.replyRequired ? [{ title: n.replyForm?.length ? '说明与附件' : '回复', render: (_: unknown, t: Target) => replyCell(t, false) }] : []),
                { title: '催办', width: 80, render: (_, t) => (t.chaseCount ? `${t.chaseCount}次` : '—') },
              ]}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
