import { DEPUTY_STATUSES, DEPUTY_STATUS_LABELS, api, deputyCategories, percentText, type DeputyStatus } from '@tuanjian/domain';
import { Card, Col, Empty, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi, useRules } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { YearSelect, listPagination, thisYear } from '../../components/page';
import { Figure } from '../org-life/shared';

type Liaison = api.ResponseOf<typeof api.deputies.getDeputyLiaison>;
type Deputy = api.deputies.DeputyItem;

const FIGURE_COLUMNS = [
  { title: '团支部', dataIndex: 'branches', width: 80, align: 'right' as const },
  { title: '代表联系的团支部', dataIndex: 'branchesContacted', width: 130, align: 'right' as const },
  { title: '联系覆盖率', dataIndex: 'branchRate', width: 100, align: 'right' as const, render: (v: number | null) => percentText(v) },
  { title: '在任代表', dataIndex: 'deputies', width: 90, align: 'right' as const },
  { title: '有联系的代表', dataIndex: 'deputiesContacting', width: 110, align: 'right' as const },
  { title: '联系次数', dataIndex: 'contacts', width: 90, align: 'right' as const },
  { title: '人均联系', dataIndex: 'contactsPerDeputy', width: 90, align: 'right' as const, render: (v: number | null) => v ?? '—' },
];

/** 代表联系团支部: the year's figures for the organization and by township. */
export function DeputyLiaisonView({ orgId }: { orgId: number }) {
  const [year, setYear] = useState(thisYear());
  const f = useApi(api.deputies.getDeputyLiaison, { query: { orgId, year } });
  if (f.error) return <LoadError error={f.error} onRetry={() => void f.refetch()} />;
  const t = f.data?.total;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <YearSelect value={year} onChange={setYear} />
        <Typography.Text type="secondary">一专一站两联：代表与团支部、青年的联系在“联系服务”中逐次登记</Typography.Text>
      </Space>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Figure title="代表联系团支部" value={t?.branchesContacted ?? '—'} suffix="个" testId="dp-branches-contacted" extra={t && <Typography.Text type="secondary">范围内团支部 {t.branches} 个，覆盖 {percentText(t.branchRate)}</Typography.Text>} />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="有联系的代表" value={t ? `${t.deputiesContacting} / ${t.deputies}` : '—'} suffix="名" testId="dp-deputies-contacting" extra={t && <Typography.Text type="secondary">占在任代表 {percentText(t.deputyRate)}</Typography.Text>} />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="联系次数" value={t?.contacts ?? '—'} suffix="次" testId="dp-contacts" />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="人均联系" value={t?.contactsPerDeputy ?? '—'} suffix="次" testId="dp-per-deputy" />
        </Col>
      </Row>
      {!!f.data?.unattached && (
        <Typography.Paragraph type="warning">另有 {f.data.unattached} 条团代表联系尚未对应代表名册：在名册中登记该团干部为代表后自动归入。</Typography.Paragraph>
      )}
      <Card size="small" title="按乡镇（下级组织）">
        <Table<Liaison['byChild'][number]> rowKey="orgId" size="small" pagination={false} loading={f.isLoading} dataSource={f.data?.byChild ?? []} scroll={{ x: 900 }} data-testid="dp-by-child"
          columns={[{ title: '组织', dataIndex: 'orgName', width: 240, ellipsis: true }, ...FIGURE_COLUMNS]} />
      </Card>
    </div>
  );
}

/** The registry of deputies under the organization: filters, paging, export; a row opens the deputy. */
export function DeputyList({ orgId, congressId, onOpen }: { orgId: number; congressId?: number; onOpen(id: number): void }) {
  const rules = useRules();
  const [status, setStatus] = useState<DeputyStatus | undefined>('serving');
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = { under: orgId, congressId, status, category, q: q || undefined };
  const list = useApi(api.deputies.listDeputies, { query: { ...filters, page, pageSize } });
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space wrap>
          <Select allowClear placeholder="状态" aria-label="代表状态" style={{ width: 120 }} value={status} onChange={(v) => (setStatus(v), setPage(1))} options={DEPUTY_STATUSES.map((s) => ({ value: s, label: DEPUTY_STATUS_LABELS[s] }))} />
          <Select allowClear placeholder="身份类别" aria-label="身份类别" style={{ width: 150 }} value={category} onChange={(v) => (setCategory(v), setPage(1))} options={(rules ? deputyCategories(rules) : []).map((c) => ({ value: c, label: c }))} />
          <Input.Search allowClear placeholder="姓名或单位" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
        </Space>
        <ExportButton contract={api.deputies.exportDeputies} input={{ query: filters }} fileName="团代会代表名册.xlsx" announce data-testid="deputies-export" />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Deputy>
          rowKey="id"
          data-testid="deputies-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          rowClassName={() => 'tj-clickable-row'}
          onRow={(d) => ({ onClick: () => onOpen(d.id) })}
          locale={{ emptyText: <Empty description="没有符合条件的代表" /> }}
          scroll={{ x: 1100 }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '名')}
          columns={[
            { title: '姓名', dataIndex: 'name', fixed: 'left', width: 100, render: (n: string) => <a>{n}</a> },
            { title: '选举单位', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '工作单位及职务', dataIndex: 'unitPost', width: 180, ellipsis: true },
            { title: '身份类别', dataIndex: 'categories', width: 180, render: (cs: string[]) => cs.map((c) => <Tag key={c}>{c}</Tag>) },
            { title: '联络站', dataIndex: 'stationName', width: 150, ellipsis: true },
            { title: '专委会', key: 'committee', width: 160, render: (_: unknown, d) => (d.committeeName ? `${d.committeeName}${d.committeeRole ? `（${d.committeeRole}）` : ''}` : '—') },
            { title: '联系中', dataIndex: 'liaisons', width: 70, align: 'right' },
            { title: '本年联系', dataIndex: 'contactsThisYear', width: 80, align: 'right' },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: DeputyStatus) => <Tag color={s === 'serving' ? 'green' : 'default'}>{DEPUTY_STATUS_LABELS[s]}</Tag> },
          ]}
        />
      )}
    </div>
  );
}
