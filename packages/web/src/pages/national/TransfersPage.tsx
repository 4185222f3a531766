import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { App, Button, Card, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { NameWithMaskedId } from '../../components/NameWithMaskedId';
import { listPagination } from '../../components/page';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { RejectTransferModal, StartTransferModal, type NationalTransfer } from './TransferDialogs';
import { RequestsCard } from './RequestsCard';

const { NATIONAL_TRANSFER_STATUS_LABELS, NATIONAL_TRANSFER_STATUSES } = api.national;
type NationalTransferStatus = api.national.NationalTransferStatus;
const STATUS_COLORS: Record<NationalTransferStatus, string> = { pending: 'processing', received: 'warning', completed: 'success', rejected: 'error' };
type Filter = NationalTransferStatus | 'all';

/**
 * 跨省转接 (national server): every transfer between provinces, open ones first. 接收并办结 finishes one; on a
 * transfer a province's server stopped halfway (已转入，待办结) it is 继续办结, which resumes where it stopped.
 */
export default function TransfersPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const [province, setProvince] = useState<string | undefined>();
  const [name, setName] = useState('');
  const q = useDebounced(name.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = { ...(filter === 'all' ? {} : { status: filter }), ...(province ? { province } : {}), ...(q ? { q } : {}), page, pageSize };
  // Last page's rows stay on screen while the next is fetched.
  const list = useApi(api.national.listTransfers, { query }, { placeholderData: keepPreviousData });
  const [starting, setStarting] = useState(false);
  const [rejecting, setRejecting] = useState<NationalTransfer | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const refresh = () => invalidate(client, api.national.listTransfers, api.national.getOverview);

  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <PageLoading />;
  const { items, provinces, total, totalIsLowerBound } = list.data;
  const filtered = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const accept = (t: NationalTransfer) =>
    modal.confirm({
      title: `${t.status === 'received' ? '继续办结' : '接收并办结'}：${t.personName}`,
      content: `${t.personName}（${t.idNumberMasked}）将从${t.fromProvinceName}转入${t.toProvinceName}的${t.toOrgName ?? '团支部'}，转出方记录随即办结。`,
      okText: '确认办结',
      cancelText: '取消',
      onOk: async () => {
        setBusy(t.key);
        try {
          const done = await call(api.national.acceptTransfer, { params: { key: t.key } });
          message.success(`已办结：${done.personName} 已转入${done.toProvinceName}`);
        } catch (err) {
          showError(err);
        } finally {
          setBusy(null);
          await refresh();
        }
      },
    });

  return (
    <div>
      <h1 className="tj-page-title">跨省转接</h1>
      <RequestsCard />
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
          {/* On a phone the five statuses scroll sideways inside their own strip, not the page. */}
          <div style={{ maxWidth: 'calc(100vw - 76px)', overflowX: 'auto' }}>
            <Segmented<Filter>
              value={filter}
              onChange={filtered(setFilter)}
              options={[{ value: 'all', label: '全部' }, ...NATIONAL_TRANSFER_STATUSES.map((s) => ({ value: s, label: NATIONAL_TRANSFER_STATUS_LABELS[s] }))]}
              data-testid="status-filter"
            />
          </div>
          {/* Side by side, on a phone too (each takes half the row). */}
          <div style={{ display: 'flex', gap: 8, width: 348, maxWidth: 'calc(100vw - 76px)' }}>
            <Select<string>
              allowClear
              placeholder="转出或转入省份"
              style={{ flex: '1 1 0', minWidth: 0 }}
              value={province}
              onChange={filtered(setProvince)}
              options={provinces.map((p) => ({ value: p.code, label: p.name }))}
              data-testid="province-filter"
            />
            <Input.Search allowClear placeholder="姓名" style={{ flex: '1 1 0', minWidth: 0 }} value={name} onChange={(e) => filtered(setName)(e.target.value)} />
          </div>
          <Button type="primary" onClick={() => setStarting(true)} disabled={provinces.length < 2}>
            发起跨省转接
          </Button>
        </Space>
        <Typography.Paragraph type="secondary">
          未办结的排在前面。每一项转接在转出省份和转入省份各办一次，以转接编号相连：转入方接收前，转出方记录为“待接收”；中途某省服务器中断的，恢复后点“继续办结”即从停下处继续，不会丢失或重复。
        </Typography.Paragraph>
        <Table<NationalTransfer>
          rowKey="key"
          size="small"
          data-testid="national-transfers"
          dataSource={items}
          loading={list.isFetching && list.isPlaceholderData}
          scroll={{ x: 900 }}
          pagination={listPagination(page, pageSize, total, (p, s) => (setPage(p), setPageSize(s)), '项', totalIsLowerBound)}
          columns={[
            {
              title: '姓名',
              fixed: 'left',
              width: 150,
              render: (_, t) => <NameWithMaskedId name={t.personName} masked={t.idNumberMasked} />,
            },
            { title: '转出 → 转入', render: (_, t) => `${t.fromProvinceName} → ${t.toProvinceName} ${t.toOrgName ?? ''}` },
            { title: '转接原因', dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r ?? '—' },
            { title: '发起', width: 110, render: (_, t) => formatDate(t.createdAt.slice(0, 10)) },
            {
              title: '状态',
              width: 130,
              render: (_, t) => (
                <div>
                  <Tag color={STATUS_COLORS[t.status]}>{NATIONAL_TRANSFER_STATUS_LABELS[t.status]}</Tag>
                  {t.decidedBy && t.status !== 'pending' && (
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t.decidedBy.replace('（全国·跨省转接）', '')}</div>
                  )}
                </div>
              ),
            },
            {
              title: '操作',
              width: 170,
              render: (_, t) =>
                t.status === 'pending' ? (
                  <Space size={4} wrap>
                    <Button size="small" type="link" loading={busy === t.key} onClick={() => accept(t)}>
                      接收并办结
                    </Button>
                    <Button size="small" type="link" danger onClick={() => setRejecting(t)}>
                      退回
                    </Button>
                  </Space>
                ) : t.status === 'received' ? (
                  <Button size="small" type="link" loading={busy === t.key} onClick={() => accept(t)}>
                    继续办结
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      {starting && (
        <StartTransferModal
          provinces={provinces}
          onClose={() => setStarting(false)}
          onDone={() => {
            setStarting(false);
            void refresh();
          }}
        />
      )}
      {rejecting && (
        <RejectTransferModal
          transfer={rejecting}
          onClose={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            void refresh();
          }}
        />
      )}
    </div>
  );
}
