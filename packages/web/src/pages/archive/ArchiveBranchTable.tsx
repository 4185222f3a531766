import { keepPreviousData } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Card, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { listPagination } from '../../components/page';

type Row = api.archive.ArchiveBranchRow;
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '—');

/**
 * One page of the overview (the server pages the branches in tree order; the totals are the whole
 * organization's on every page), starting again at page 1 when the organization or the filter changes.
 */
export function useArchiveOverview(under: number | undefined, notVerifiedOnly = false) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  useEffect(() => setPage(1), [under, notVerifiedOnly]);
  const overview = useApi(
    api.archive.archiveOverview,
    { query: { under, page, pageSize, ...(notVerifiedOnly ? { notVerifiedOnly: 'true' } : {}) } },
    { enabled: !!under, placeholderData: keepPreviousData },
  );
  const onPage = (p: number, size: number) => (setPage(p), setPageSize(size));
  return { overview, page, pageSize, onPage };
}

/** Per branch (one page from the server): members, files complete, 团员身份已认证, not yet verified, uploads waiting for review. */
export function ArchiveBranchTable({ state }: { state: ReturnType<typeof useArchiveOverview> }) {
  const { overview, page, pageSize, onPage } = state;
  return (
    <Table<Row>
      rowKey="orgId"
      size="small"
      loading={overview.isFetching}
      dataSource={overview.data?.branches ?? []}
      scroll={{ x: 560 }}
      pagination={{ ...listPagination(page, pageSize, overview.data?.total ?? 0, onPage, '个团支部'), hideOnSinglePage: true }}
      locale={{ emptyText: '没有团支部' }}
      data-testid="archive-branches"
      columns={[
        { title: '团支部', dataIndex: 'orgName', ellipsis: true },
        { title: '团员', dataIndex: 'members', align: 'right', width: 70 },
        { title: '材料齐全', dataIndex: 'complete', align: 'right', width: 90, render: (n: number, r) => `${n}（${pct(n, r.members)}）` },
        { title: '已认证', dataIndex: 'verified', align: 'right', width: 90, render: (n: number, r) => `${n}（${pct(n, r.members)}）` },
        { title: '未认证', dataIndex: 'notVerified', align: 'right', width: 80 },
        { title: '待审核', dataIndex: 'pendingReview', align: 'right', width: 80 },
      ]}
    />
  );
}

/** 数据质量: members not yet 团员身份已认证, by branch (those with any, paged by the server), with the way to the 电子档案 page. */
export function ArchiveQualityCard({ under }: { under: number | undefined }) {
  const state = useArchiveOverview(under, true);
  const { overview } = state;
  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="quality-archive"
      title={`电子档案：${overview.data?.totals.notVerified ?? '—'}名团员身份未认证`}
      extra={<Link to={under ? `/archive?org=${under}` : '/archive'}>去处理</Link>}
    >
      {overview.error ? <LoadError error={overview.error} onRetry={() => void overview.refetch()} /> : <ArchiveBranchTable state={state} />}
    </Card>
  );
}
