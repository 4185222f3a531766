import { PlusOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Card, Empty, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { ProgressDrawer } from './ProgressDrawer';
import { PublishNoticeModal } from './PublishNoticeModal';
import { formatTime } from './shared';

/** 发布通知: notices sent by the organization and those below it, with read/reply progress. ?id= opens one. */
export default function SentNoticesPage() {
  const [search, setSearch] = useSearchParams();
  const openId = Number(search.get('id')) || null;
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [publishing, setPublishing] = useState(false);
  const list = useApi(api.notices.listSent, { query: { page, pageSize: 20, q: q || undefined } });
  const open = (id: number | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set('id', String(id));
    else next.delete('id');
    setSearch(next);
  };
  return (
    <div style={{ maxWidth: 960 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          发布通知
        </Typography.Title>
        <Space wrap>
          <Input.Search allowClear placeholder="按标题搜索" onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 200, maxWidth: '100%' }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)} data-testid="publish-notice">
            发布通知
          </Button>
        </Space>
      </Space>
      {list.isLoading ? (
        <PageLoading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data?.items.length ? (
        <Empty description="尚未发布通知" />
      ) : (
        <List
          grid={{ gutter: 12, column: 1 }}
          dataSource={list.data.items}
          pagination={{ current: page, pageSize: 20, total: list.data.total, onChange: setPage, size: 'small', hideOnSinglePage: true }}
          renderItem={(n) => (
            <List.Item>
              <Card size="small" hoverable onClick={() => open(n.id)} data-testid="sent-notice">
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{n.title}</Typography.Text>
                  <Space size={[8, 4]} wrap style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">{n.publisher.name}</Typography.Text>
                    <Typography.Text type="secondary">{formatTime(n.publishedAt)}</Typography.Text>
                    {n.deadline && <Tag color="orange">期限 {n.deadline}</Tag>}
                    {n.replyRequired && <Tag>需回复</Tag>}
                  </Space>
                  {n.progress && (
                    <Space wrap size={[16, 4]} style={{ width: '100%' }}>
                      <span style={{ minWidth: 200, display: 'inline-block' }}>
                        已读 {n.progress.read}/{n.progress.targets}
                        <Progress percent={Math.round((n.progress.read / Math.max(1, n.progress.targets)) * 100)} size="small" />
                      </span>
                      {n.replyRequired && (
                        <span style={{ minWidth: 200, display: 'inline-block' }}>
                          已回复 {n.progress.replied}/{n.progress.targets}
                          <Progress percent={Math.round((n.progress.replied / Math.max(1, n.progress.targets)) * 100)} size="small" status="active" />
                        </span>
                      )}
                    </Space>
                  )}
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
      <PublishNoticeModal
        open={publishing}
        onClose={() => setPublishing(false)}
        onPublished={(id) => {
          setPublishing(false);
          open(id);
        }}
      />
      <ProgressDrawer id={openId} onClose={() => open(null)} />
    </div>
  );
}
