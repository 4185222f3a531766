import { api } from '@tuanjian/domain';
import { Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { NameWithMaskedId } from '../../components/NameWithMaskedId';
import { formatDate } from '../../lib/format';

type Item = api.membership.InterprovinceTransferItem;
const STATUS: Record<Item['status'], { label: string; color: string }> = {
  pending: { label: '待转入方接收', color: 'processing' },
  accepted: { label: '已办结', color: 'success' },
  rejected: { label: '已退回', color: 'error' },
};

/**
 * 跨省转接 of the chosen organization and those below it: read-only (a transfer between provinces is decided
 * on the national server), shown only when there is one, so a county outside the national tier never sees it.
 */
export function InterprovinceCard({ under }: { under: number | undefined }) {
  const [page, setPage] = useState(1);
  const list = useApi(api.membership.listInterprovinceTransfers, { query: { under, page, pageSize: 10 } }, { enabled: under !== undefined });
  if (!list.data?.total) return null;
  return (
    <Card title="跨省转接" style={{ marginTop: 16 }} data-testid="interprovince-transfers">
      <Typography.Paragraph type="secondary">与外省之间的组织关系转接由全国系统（团中央）办理，这里显示本组织及下级的记录。</Typography.Paragraph>
      <Table<Item>
        rowKey="id"
        size="small"
        scroll={{ x: 720 }}
        dataSource={list.data.items}
        pagination={{ current: page, pageSize: 10, total: list.data.total, onChange: setPage, showTotal: (n) => `共 ${n} 项` }}
        columns={[
          {
            title: '姓名',
            render: (_, t) => <NameWithMaskedId name={t.personName} masked={t.idNumberMasked} />,
          },
          { title: '方向', width: 80, render: (_, t) => <Tag color={t.direction === 'out' ? 'orange' : 'blue'}>{t.direction === 'out' ? '转出' : '转入'}</Tag> },
          { title: '本省组织', dataIndex: 'orgName' },
          { title: '外省组织', render: (_, t) => `${t.otherProvinceName ?? `省份代码 ${t.otherProvince}`} ${t.otherOrgName ?? ''}` },
          { title: '状态', width: 120, render: (_, t) => <Tag color={STATUS[t.status].color}>{STATUS[t.status].label}</Tag> },
          { title: '日期', width: 110, render: (_, t) => formatDate((t.decidedAt ?? t.createdAt).slice(0, 10)) },
        ]}
      />
    </Card>
  );
}
