import { api } from '@tuanjian/domain';
import { Table, Tag, Typography } from 'antd';
import { AuditChangesTable, ChangedFieldsSummary } from '../../components/AuditChanges';
import { actionLabel, entityLabel } from '../../lib/labels';

type AuditAction = (typeof api.AUDIT_ACTIONS)[number];

export const ACTION_COLORS: Partial<Record<AuditAction, string>> = {
  insert: 'green',
  update: 'blue',
  delete: 'red',
  login_failed: 'orange',
  view_sensitive: 'purple',
};

/** One record as a user knows it: 会议“学习团章”, 参会记录 张三. */
export function RecordName({ entry }: { entry: api.AuditEntry }) {
  return (
    <span>
      {entityLabel(entry.entity)}
      {entry.label ? <Typography.Text strong> {entry.label}</Typography.Text> : entry.entityId && <Typography.Text type="secondary"> #{entry.entityId}</Typography.Text>}
    </span>
  );
}

/** What one action did, in a line: 修改 会议 学习团章；新增 参会记录 30 条. */
export function GroupSummary({ group }: { group: api.audit.AuditGroup }) {
  const others = group.kinds.filter((k) => !(k.entity === group.head.entity && k.action === group.head.action && k.count === 1));
  return (
    <span data-testid="audit-summary">
      <Tag color={ACTION_COLORS[group.head.action]}>{actionLabel(group.head.action)}</Tag>
      <RecordName entry={group.head} />
      {others.length > 0 && (
        <Typography.Text type="secondary">
          {'；'}
          {others.map((k) => `${actionLabel(k.action)}${entityLabel(k.entity)} ${k.count} 条`).join('，')}
        </Typography.Text>
      )}
    </span>
  );
}

/** The rows of one action, each expandable to its field changes. */
export function GroupRows({ group }: { group: api.audit.AuditGroup }) {
  return (
    <div data-testid="audit-details">
      <Table<api.AuditEntry>
        rowKey="id"
        size="small"
        dataSource={group.rows}
        pagination={group.rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        expandable={{ expandedRowRender: (e) => <AuditChangesTable entry={e} />, rowExpandable: (e) => e.before !== null || e.after !== null }}
        columns={[
          { title: '操作', dataIndex: 'action', width: 90, render: (a: AuditAction) => <Tag color={ACTION_COLORS[a]}>{actionLabel(a)}</Tag> },
          { title: '对象', key: 'record', render: (_: unknown, e) => <RecordName entry={e} /> },
          { title: '组织', dataIndex: 'orgName', ellipsis: true, render: (n: string | null) => n ?? '—' },
          { title: '变更字段', key: 'changed', ellipsis: true, render: (_: unknown, e) => <ChangedFieldsSummary entry={e} /> },
        ]}
      />
      {group.total > group.rows.length && <Typography.Text type="secondary">共 {group.total} 条，显示前 {group.rows.length} 条</Typography.Text>}
    </div>
  );
}
