import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { invalidate, useApi } from '../../api/hooks';
import { NameWithMaskedId } from '../../components/NameWithMaskedId';
import { keyColumnsFirst, useIsPhone } from '../../components/PhoneNav';
import { DeclineRequestModal, StartRequestModal } from './RequestDialogs';

type ProvinceRequest = api.national.ProvinceRequest;

/**
 * 跨省转出申请: what the provinces' branches asked for on their own servers and the national system has not
 * handled yet, oldest first. 办理 chooses the receiving branch and starts the transfer; 不予办理 sends a reason
 * back. Shown only when there is one (or a province could not be read).
 */
export function RequestsCard() {
  const list = useApi(api.national.listRequests, { query: {} });
  const [starting, setStarting] = useState<ProvinceRequest | null>(null);
  const [declining, setDeclining] = useState<ProvinceRequest | null>(null);
  const client = useQueryClient();
  const phone = useIsPhone();
  const done = async () => {
    setStarting(null);
    setDeclining(null);
    await invalidate(client, api.national.listRequests, api.national.listTransfers);
  };
  if (!list.data || (!list.data.items.length && !list.data.unreachable.length)) return null;
  const { items, unreachable } = list.data;
  return (
    <Card title={`跨省转出申请（${items.length}）`} style={{ marginBottom: 16 }} data-testid="province-requests">
      <Typography.Paragraph type="secondary">各省团组织在本省系统中提出、尚待办理的申请，最早的在前。办理时在转入省份选定团支部，转接即发起。</Typography.Paragraph>
      {unreachable.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`暂时无法连接：${unreachable.join('、')}，其申请恢复后显示`} />}
      <Table<ProvinceRequest>
        rowKey={(r) => `${r.province}-${r.id}`}
        size="small"
        scroll={{ x: 860 }}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, showTotal: (n) => `共 ${n} 项` } : false}
        columns={keyColumnsFirst(phone, [
          { title: '姓名', render: (_, r) => <NameWithMaskedId name={r.personName} masked={r.idNumberMasked} /> },
          { title: '转出', render: (_, r) => `${r.provinceName} ${r.fromOrgName}` },
          { title: '申请转入', render: (_, r) => `${r.toProvinceName} ${r.toOrgName}` },
          { title: '转接原因', dataIndex: 'reason', ellipsis: true },
          { title: '申请日期', width: 100, render: (_, r) => r.createdAt.slice(0, 10) },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setStarting(r)}>
                  办理
                </Button>
                <Button type="link" size="small" danger onClick={() => setDeclining(r)}>
                  不予办理
                </Button>
              </Space>
            ),
          },
        ], ['actions'])}
      />
      {starting && <StartRequestModal request={starting} onClose={() => setStarting(null)} onDone={done} />}
      {declining && <DeclineRequestModal request={declining} onClose={() => setDeclining(null)} onDone={done} />}
    </Card>
  );
}
