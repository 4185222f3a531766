import { api } from '@tuanjian/domain';
import { Table, Typography } from 'antd';
import { columnLabel, formatAuditValue } from '../lib/labels';

type AuditEntry = api.AuditEntry;

interface Row {
  column: string;
  before: unknown;
  after: unknown;
}

/** Columns worth showing: what changed, or for a new/removed record every filled field but bookkeeping. */
const HIDDEN = new Set(['id', 'path', 'version', 'created_at', 'updated_at', 'password_hash', 'failed_attempts', 'sort_order']);

export function changeRows(entry: AuditEntry): Row[] {
  if (entry.changed.length) {
    return entry.changed.map((c) => ({ column: c, before: entry.before?.[c], after: entry.after?.[c] }));
  }
  const source = entry.after ?? entry.before ?? {};
  return Object.keys(source)
    .filter((k) => !HIDDEN.has(k) && source[k] !== null && source[k] !== '')
    .map((k) => ({ column: k, before: entry.before?.[k], after: entry.after?.[k] }));
}

/** The changed fields of one audit entry in Chinese, as a summary line. */
export function ChangedFieldsSummary({ entry }: { entry: AuditEntry }) {
  if (!entry.changed.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span>{entry.changed.map((c) => columnLabel(c, entry.entity)).join('、')}</span>;
}

/** Before/after values of one audit entry, field by field. */
export function AuditChangesTable({ entry }: { entry: AuditEntry }) {
  const rows = changeRows(entry);
  if (!rows.length) return <Typography.Text type="secondary">无字段变更</Typography.Text>;
  const showBefore = entry.before !== null;
  const showAfter = entry.after !== null;
  return (
    <Table<Row>
      rowKey="column"
      size="small"
      pagination={false}
      bordered
      dataSource={rows}
      style={{ maxWidth: 900 }}
      columns={[
        { title: '字段', dataIndex: 'column', width: 180, render: (c: string) => columnLabel(c, entry.entity) },
        ...(showBefore ? [{ title: '变更前', key: 'before', render: (_: unknown, r: Row) => formatAuditValue(entry.entity, r.column, r.before) }] : []),
        ...(showAfter ? [{ title: showBefore ? '变更后' : '内容', key: 'after', render: (_: unknown, r: Row) => formatAuditValue(entry.entity, r.column, r.after) }] : []),
      ]}
    />
  );
}
