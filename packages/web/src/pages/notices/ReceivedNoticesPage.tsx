import { api } from '@tuanjian/domain';
import { Input, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { useRecordParam } from '../../components/useRecordParam';
import { NoticeDrawer } from './NoticeDrawer';
import { NoticeCards, PendingTag } from './shared';

/** 收到的通知: notices sent to the account's organization, those still to read or reply first. ?id= opens one. */
export default function ReceivedNoticesPage() {
  const [openId, open] = useRecordParam('id');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [pendingOnly, setPendingOnly] = useState(false);
  const list = useApi(api.notices.listReceived, { query: { page, pageSize: 20, q: q || undefined, pending: pendingOnly ? 'true' : undefined } });
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
      <NoticeCards
        list={list}
        page={page}
        onPage={setPage}
        onOpen={open}
        empty="暂无收到的通知"
        testId="received-notice"
        head={(n) => n.mine && <PendingTag pending={n.mine.pending} replyRequired={n.replyRequired} />}
        extra={(n) => (
          <>
            {n.attachmentCount > 0 && <Tag>附件 {n.attachmentCount}</Tag>}
            {n.mine?.chasedAt && n.mine.pending && <Tag color="red">已催办</Tag>}
          </>
        )}
      />
      <NoticeDrawer id={openId} onClose={() => open(null)} />
    </div>
  );
}
