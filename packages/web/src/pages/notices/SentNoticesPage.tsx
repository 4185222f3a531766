import { PlusOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Input, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { useRecordParam } from '../../components/useRecordParam';
import { ProgressDrawer } from './ProgressDrawer';
import { PublishNoticeModal } from './PublishNoticeModal';
import { NoticeCards } from './shared';

/** 发布通知: notices sent by the organization and those below it, with read/reply progress. ?id= opens one. */
export default function SentNoticesPage() {
  const [openId, open] = useRecordParam('id');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [publishing, setPublishing] = useState(false);
  const list = useApi(api.notices.listSent, { query: { page, pageSize: 20, q: q || undefined } });
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
      <NoticeCards
        list={list}
        page={page}
        onPage={setPage}
        onOpen={open}
        empty="尚未发布通知"
        testId="sent-notice"
        tail={(n) =>
          n.progress && (
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
          )
        }
      />
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
