import { api } from '@tuanjian/domain';
import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';

type Row = api.archive.ArchiveBranchRow;
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '—');

/** Per branch: members, files complete, 团员身份已认证, not yet verified, uploads waiting for review. */
export function ArchiveBranchTable({ rows, loading }: { rows: Row[]; loading?: boolean }) {
  return (
    <Table<Row>
      rowKey="orgId"
      size="small"
      loading={loading}
      dataSource={rows}
      scroll={{ x: 560 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '没有团员' }}
      data-testid="archive-branches"
      columns={[
        { title: '团支部', dataIndex: 'orgName', ellipsis: true },
        { title: '团员', dataIndex: 'members', align: 'right', width: 70 },
        { title: '材料齐全', dataIndex: 'complete', align: 'right', width: 90, render: (n: number, r) => `${n}（${pct(n, r.members)}）` },
        { title: '已认证', dataIndex: 'verified', align: 'right', width: 90, render: (n: number, r) => `${n}（${pct(n, r.members)}）` },
        { title: '未认证', dataIndex: 'notVerified', align: 'right', width: 80, sorter: (x, y) => x.notVerified - y.notVerified },
        { title: '待审核', dataIndex: 'pendingReview', align: 'right', width: 80 },
      ]}
    />
  );
}

/** 数据质量: members not yet 团员身份已认证, by branch, with the way to the 电子档案 page. */
export function ArchiveQualityCard({ under }: { under: number | undefined }) {
  const overview = useApi(api.archive.archiveOverview, { query: { under } }, { enabled: !!under });
  const rows = (overview.data?.branches ?? []).filter((b) => b.notVerified > 0);
  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="quality-archive"
      title={`电子档案：${overview.data?.totals.notVerified ?? '—'}名团员身份未认证`}
      extra={<Link to={under ? `/archive?org=${under}` : '/archive'}>去处理</Link>}
    >
      {overview.error ? <LoadError error={overview.error} onRetry={() => void overview.refetch()} /> : <ArchiveBranchTable rows={rows} loading={overview.isLoading} />}
    </Card>
  );
}
