import { NEW_SECTOR_KINDS, NEW_SECTOR_KIND_LABELS, api, type NewSectorKind } from '@tuanjian/domain';
import { Empty, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { listPagination } from '../../components/page';
import { formatDate } from '../../lib/format';

type Unit = api.registries.NewSectorUnitItem;
type Flag = 'all' | 'uncovered' | 'covered';

/** The registry of units to cover under the organization: filters, paging, export; a row opens the edit dialog. */
export function NewSectorUnits({ orgId, onEdit }: { orgId: number; onEdit?: (u: Unit) => void }) {
  const [kind, setKind] = useState<NewSectorKind | undefined>();
  const [flag, setFlag] = useState<Flag>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = { under: orgId, kind, covered: flag === 'all' ? undefined : flag === 'covered' ? 'true' : 'false', q: q || undefined };
  const list = useApi(api.registries.listNewSectorUnits, { query: { ...filters, page, pageSize } });
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space wrap>
          <Segmented<Flag>
            value={flag}
            onChange={(v) => (setFlag(v), setPage(1))}
            options={[
              { value: 'all', label: '全部' },
              { value: 'uncovered', label: '尚未覆盖' },
              { value: 'covered', label: '已建团组织' },
            ]}
            data-testid="ns-flag"
          />
          <Select allowClear placeholder="领域" aria-label="领域" style={{ width: 130 }} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={NEW_SECTOR_KINDS.map((k) => ({ value: k, label: NEW_SECTOR_KIND_LABELS[k] }))} />
          <Input.Search allowClear placeholder="单位、平台或站点" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
        </Space>
        <ExportButton contract={api.registries.exportNewSectorUnits} input={{ query: filters }} fileName="“三新”应覆盖单位名录.xlsx" announce data-testid="ns-export" />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Unit>
          rowKey="id"
          data-testid="ns-units"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          rowClassName={(u) => (onEdit ? 'tj-clickable-row' : '') + (u.covered ? '' : ' tj-row-flagged')}
          onRow={(u) => ({ onClick: () => onEdit?.(u) })}
          locale={{ emptyText: <Empty description="没有符合条件的单位" /> }}
          scroll={{ x: 1200 }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个')}
          columns={[
            {
              title: '单位',
              dataIndex: 'name',
              fixed: 'left',
              width: 220,
              render: (n: string, u) => (
                <div>
                  {onEdit ? <a>{n}</a> : n}
                  <div>
                    <Tag color="red">{NEW_SECTOR_KIND_LABELS[u.kind]}</Tag>
                    {u.platform && <Tag>{u.platform}{u.station ? ` · ${u.station}` : ''}</Tag>}
                  </div>
                </div>
              ),
            },
            { title: '负责组织', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '职工', dataIndex: 'employees', width: 70, align: 'right', render: (v: number | null) => v ?? '—' },
            { title: '青年职工', dataIndex: 'youngEmployees', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
            {
              title: '团组织',
              key: 'league',
              width: 240,
              render: (_: unknown, u) => (u.covered ? <span>{u.leagueOrgName ?? '（范围外的团组织）'}<div style={{ color: '#888' }}>{formatDate(u.coveredOn)} 起</div></span> : <Tag color="orange">尚未覆盖</Tag>),
            },
            { title: '联系人', key: 'contact', width: 150, render: (_: unknown, u) => (u.contactName ? `${u.contactName} ${u.contactPhone ?? ''}` : '—') },
            { title: '纳入名录', dataIndex: 'registeredOn', width: 110, render: (d: string) => formatDate(d) },
          ]}
        />
      )}
    </div>
  );
}
