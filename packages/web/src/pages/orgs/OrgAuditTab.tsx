import { api } from '@tuanjian/domain';
import { Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { AuditChangesTable, ChangedFieldsSummary } from '../../components/AuditChanges';
import { LoadError } from '../../components/PageState';
import { formatTime } from '../../lib/format';
import { actionLabel, entityLabel } from '../../lib/labels';

type AuditEntry = api.AuditEntry;

/** 变更记录: the audit trail of one organization, newest first. */
export function OrgAuditTab({ orgId }: { orgId: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const audit = useApi(api.audit.listAudit, { query: { entity: 'organizations', entityId: String(orgId), page, pageSize } });
  if (audit.error) return <LoadError error={audit.error} onRetry={() => void audit.refetch()} />;
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      loading={audit.isFetching}
      dataSource={audit.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" /> }}
      pagination={{
        current: page,
        pageSize,
        total: audit.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50],
        showTotal: (t) => `共 ${t} 条`,
        onChange: (p, s) => {
          setPage(s !== pageSize ? 1 : p);
          setPageSize(s);
        },
      }}
      expandable={{ expandedRowRender: (e) => <AuditChangesTable entry={e} />, expandRowByClick: true }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatTime(at) },
        { title: '操作人', dataIndex: 'actorName', width: 160, render: (n: string | null) => n ?? '—' },
        { title: '操作', dataIndex: 'action', width: 90, render: (a: string) => <Tag>{actionLabel(a)}</Tag> },
        {
          title: '对象',
          key: 'record',
          width: 200,
          ellipsis: true,
          // The record as a user knows it (the organization's name at the time), not its id.
          render: (_: unknown, e) => e.label ?? `${entityLabel(e.entity)}${e.entityId ? ` #${e.entityId}` : ''}`,
        },
        { title: '变更字段', key: 'changed', render: (_: unknown, e) => <ChangedFieldsSummary entry={e} /> },
      ]}
    />
  );
}
