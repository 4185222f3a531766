import { api } from '@tuanjian/domain';
import { Card, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { NoticeDrawer } from './NoticeDrawer';
import { PendingTag, formatTime } from './shared';

/** 收到的通知: notices sent to the account's organization, those still to read or reply first. ?id= opens one. */
export default function ReceivedNoticesPage() {
  const [search, setSearch] = useSearchParams();
  const openId = Number(search.get('id')) || null;
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [pendingOnly, setPendingOnly] = useState(false);
  const list = useApi(api.notices.listReceived, { query: { page, pageSize: 20, q: q || undefined, pending: pendingOnly ? 'true' : undefined } });
  const open = (id: number | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set('id', String(id));
    else next.delete('id');
    setSearch(next, { replace: !id });
  };
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        收到的通知
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={pendingOnly ? 'pending' : 'all'}
          onChange={(v) => {
            setPendingOnly(v === 'pending');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'pending', label: '待阅读/待回复' },
          ]}
        />
        <Input.Search allowClear placeholder="按标题搜索" onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 220, maxWidth: '100%' }} />
      </Space>
      {list.isLoading ? (
        <PageLoading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data?.items.length ? (
        <Empty description="暂无收到的通知" />
      ) : (
        <List
          grid={{ gutter: 12, column: 1 }}
          dataSource={list.data.items}
          pagination={{ current: page, pageSize: 20, total: list.data.total, onChange: setPage, size: 'small', hideOnSinglePage: true }}
          renderItem={(n) => (
            <List.Item>
              <Card size="small" hoverable onClick={() => open(n.id)} data-testid="received-notice">
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    {n.mine && <PendingTag pending={n.mine.pending} replyRequired={n.replyRequired} />}
                    <Typography.Text strong>{n.title}</Typography.Text>
                  </Space>
                  <Space size={[8, 4]} wrap style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">{n.publisher.name}</Typography.Text>
                    <Typography.Text type="secondary">{formatTime(n.publishedAt)}</Typography.Text>
                    {n.deadline && <Tag color="orange">期限 {n.deadline}</Tag>}
                    {n.replyRequired && <Tag>需回复</Tag>}
                    {n.attachmentCount > 0 && <Tag>附件 {n.attachmentCount}</Tag>}
                    {n.mine?.chasedAt && n.mine.pending && <Tag color="red">已催办</Tag>}
                  </Space>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
      <NoticeDrawer id={openId} onClose={() => open(null)} />
    </div>
  );
}
