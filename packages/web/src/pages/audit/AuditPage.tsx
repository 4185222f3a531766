import { ReloadOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Card, DatePicker, Form, Input, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { AuditChangesTable } from '../../components/AuditChanges';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError } from '../../components/PageState';
import { formatTime } from '../../lib/format';
import { ENTITY_LABELS, actionLabel } from '../../lib/labels';
import { GroupRows, GroupSummary } from './AuditGroupDetails';

type AuditGroup = api.audit.AuditGroup;
type AuditAction = (typeof api.AUDIT_ACTIONS)[number];

interface Filters {
  entity?: string;
  action?: AuditAction;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  orgId?: number | null;
}

/** 操作日志: who did what, when, from where, within the caller's scope; one entry per user action, its records expandable. */
export default function AuditPage() {
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const audit = useApi(api.audit.listAuditGroups, {
    query: {
      entity: filters.entity,
      action: filters.action,
      actor: filters.actor?.trim() || undefined,
      from: filters.range?.[0]?.format('YYYY-MM-DD'),
      to: filters.range?.[1]?.format('YYYY-MM-DD'),
      orgId: filters.orgId ?? undefined,
      page,
      pageSize,
    },
  });

  const apply = (v: Filters) => {
    setFilters(v);
    setPage(1);
  };

  return (
    <div>
      <h1 className="tj-page-title">操作日志</h1>
      <Card>
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="entity" label="对象类型">
            <Select allowClear placeholder="全部" style={{ width: 150 }} options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Select allowClear placeholder="全部" style={{ width: 130 }} options={api.AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))} />
          </Form.Item>
          <Form.Item name="actor" label="操作人">
            <Input allowClear placeholder="姓名" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker style={{ width: 250 }} />
          </Form.Item>
          <Form.Item name="orgId" label="组织">
            <OrgTreeSelect allowClear placeholder="全部（含下级）" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Form.Item>
          <Form.Item style={{ marginInlineStart: 'auto' }}>
            <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()}>
              刷新
            </Button>
          </Form.Item>
        </Form>
        {audit.error ? (
          <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditGroup>
            rowKey="key"
            size="middle"
            loading={audit.isFetching}
            dataSource={audit.data?.items ?? []}
            expandable={{
              expandedRowRender: (g) => (g.rows.length > 1 ? <GroupRows group={g} /> : <AuditChangesTable entry={g.head} />),
              rowExpandable: (g) => g.rows.length > 1 || g.head.before !== null || g.head.after !== null,
            }}
            pagination={{
              current: page,
              pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `${audit.data?.totalIsLowerBound ? '超过' : '共'} ${t} 次操作`,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
            columns={[
              { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatTime(at) },
              { title: '操作人', dataIndex: 'actorName', width: 140, render: (n: string | null) => n ?? '—' },
              { title: 'IP', dataIndex: 'ip', width: 120, responsive: ['lg'], render: (ip: string | null) => ip ?? '—' },
              { title: '操作内容', key: 'summary', render: (_: unknown, g) => <GroupSummary group={g} /> },
              { title: '组织', dataIndex: 'orgName', width: 220, ellipsis: true, render: (n: string | null) => n ?? '—' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
