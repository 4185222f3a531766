import { api, percentText } from '@tuanjian/domain';
import { Table, Tag, type TablePaginationConfig } from 'antd';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { pagination } from './shared';

const o = api.orgLife;
type BranchRow = api.ResponseOf<typeof o.getStudyRound>['items'][number];

/** Branches by 参学率 (rank, branch, parent, participants, base, rate; below the threshold in red). */
export function RankingTable({ rows, testId, paging, loading }: { rows: BranchRow[]; testId?: string; paging?: TablePaginationConfig; loading?: boolean }) {
  return (
    <Table<BranchRow>
      rowKey="orgId"
      size="small"
      data-testid={testId}
      dataSource={rows}
      loading={loading}
      pagination={paging ?? { pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 560 }}
      locale={{ emptyText: '尚未导入团支部参学情况' }}
      columns={[
        { title: '名次', dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
        { title: '团支部', dataIndex: 'orgName' },
        { title: '上级组织', dataIndex: 'parentName', ellipsis: true, render: (v: string | null) => v ?? '—' },
        { title: '参学人数', dataIndex: 'participants', width: 90, align: 'right' },
        { title: '团员基数', dataIndex: 'base', width: 90, align: 'right' },
        {
          title: '参学率',
          dataIndex: 'rate',
          width: 110,
          align: 'right',
          render: (r: number | null, row) => (row.below ? <Tag color="red">{percentText(r)}</Tag> : percentText(r)),
        },
      ]}
    />
  );
}

/** The stats' branch ranking (or only those below the threshold), one page at a time from the server. */
export function StatsRanking({ orgId, year, roundNo, belowOnly, testId }: { orgId: number; year: number; roundNo?: number; belowOnly?: boolean; testId?: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  useEffect(() => setPage(1), [orgId, year, roundNo]);
  const list = useApi(o.studyStats, { query: { orgId, year, roundNo, belowOnly: belowOnly ? 'true' : undefined, page, pageSize } });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <RankingTable
      rows={list.data?.branches ?? []}
      testId={testId}
      loading={list.isFetching}
      paging={{ ...pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个团支部'), hideOnSinglePage: true }}
    />
  );
}
