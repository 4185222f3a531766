import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { HONOR_LEVELS, HONOR_LEVEL_LABELS, RECIPIENT_KINDS, RECIPIENT_KIND_LABELS, api, honorAwardTypes, type HonorLevel, type RecipientKind } from '@tuanjian/domain';
import { Button, Card, Col, Empty, Input, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi, useRules } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { PageHeader, listPagination, useScopeOrg } from '../../components/page';
import { formatDate } from '../../lib/format';
import { Figure } from '../org-life/shared';
import { HonorAwardDrawer, HonorAwardModal, HonorImportModal } from './HonorAwardDialogs';

type Item = api.registries.HonorAwardItem;

/** 荣誉记录: honors awarded by every level (national to township) and the 青字号, tallied by level; record, certificates, export. */
export default function HonorAwardsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canWrite = useCan('person:write');
  const rules = useRules();
  const [year, setYear] = useState<number | undefined>();
  const [level, setLevel] = useState<HonorLevel | undefined>();
  const [awardType, setAwardType] = useState<string | undefined>();
  const [recipientKind, setRecipientKind] = useState<RecipientKind | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const filters = { under: orgId ?? undefined, year, level, awardType, recipientKind, q: q || undefined };
  const list = useApi(api.registries.listHonorAwards, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  const reset = () => setPage(1);
  return (
    <div>
      <PageHeader title="荣誉记录" orgId={orgId} onOrg={(id) => (setOrg(id), reset())}>
        {canWrite && (
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="honor-import">
              导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="honor-add">
              登记荣誉
            </Button>
          </Space>
        )}
      </PageHeader>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(list.data?.tally ?? []).map((t) => (
          <Col key={t.level} xs={12} lg={4}>
            <Figure title={`${t.label}荣誉`} value={`${t.collectives} 个集体 · ${t.individuals} 人`} testId={`honor-tally-${t.level}`} />
          </Col>
        ))}
      </Row>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Select allowClear placeholder="年度" aria-label="年度" style={{ width: 110 }} value={year} onChange={(v) => (setYear(v), reset())}
              options={Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i).map((y) => ({ value: y, label: `${y}年` }))} />
            <Select allowClear placeholder="授予层级" aria-label="授予层级" style={{ width: 140 }} value={level} onChange={(v) => (setLevel(v), reset())} options={HONOR_LEVELS.map((l) => ({ value: l, label: HONOR_LEVEL_LABELS[l] }))} />
            <Select allowClear showSearch placeholder="荣誉类型" aria-label="荣誉类型" style={{ width: 180 }} value={awardType} onChange={(v) => (setAwardType(v), reset())} options={(rules ? honorAwardTypes(rules) : []).map((t) => ({ value: t, label: t }))} />
            <Select allowClear placeholder="个人/集体" aria-label="获得者类别" style={{ width: 120 }} value={recipientKind} onChange={(v) => (setRecipientKind(v), reset())} options={RECIPIENT_KINDS.map((k) => ({ value: k, label: RECIPIENT_KIND_LABELS[k] }))} />
            <Input.Search allowClear placeholder="获得者或荣誉名称" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), reset())} />
          </Space>
          <ExportButton contract={api.registries.exportHonorAwards} input={{ query: filters }} fileName="荣誉记录.xlsx" announce />
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Item>
            rowKey="id"
            data-testid="honor-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowClassName={() => 'tj-clickable-row'}
            onRow={(h) => ({ onClick: () => setOpenId(h.id) })}
            locale={{ emptyText: <Empty description="没有符合条件的荣誉" /> }}
            scroll={{ x: 1100 }}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '项')}
            columns={[
              { title: '获得者', dataIndex: 'recipientName', fixed: 'left', width: 200, render: (n: string, h) => <span><a>{n}</a> <Tag>{RECIPIENT_KIND_LABELS[h.recipientKind]}</Tag></span> },
              { title: '荣誉', dataIndex: 'title', width: 220, render: (t: string, h) => <span>{t}<div><Tag color="red">{h.awardType}</Tag></div></span> },
              { title: '层级', dataIndex: 'level', width: 110, render: (l: HonorLevel) => HONOR_LEVEL_LABELS[l] },
              { title: '授予机关', dataIndex: 'awardingBody', width: 200, ellipsis: true },
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '授予日期', dataIndex: 'awardedOn', width: 110, render: (d: string | null) => formatDate(d) },
              { title: '证书', dataIndex: 'certificates', width: 70, render: (n: number) => (n ? `${n}份` : '—') },
              { title: '所属组织', dataIndex: 'orgName', width: 200, ellipsis: true },
            ]}
          />
        )}
      </Card>
      {creating && <HonorAwardModal defaultOrgId={orgId} onClose={() => setCreating(false)} onCreated={(id) => setOpenId(id)} />}
      {importing && <HonorImportModal defaultOrgId={orgId} onClose={() => setImporting(false)} />}
      {openId && <HonorAwardDrawer id={openId} canUpload={canWrite} onClose={() => setOpenId(null)} />}
    </div>
  );
}
