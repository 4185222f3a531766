import { FileExcelOutlined } from '@ant-design/icons';
import { LEDGER_KIND_LABELS, LEDGER_KINDS, LEDGER_PERIOD_LABELS, api, type LedgerKind } from '@tuanjian/domain';
import { Button, Card, Empty, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ToolTabs } from '../../components/ToolTabs';
import { download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { PageHeader, YearSelect, listPagination, thisYear, useScopeOrg } from '../../components/page';
import { useShowError } from '../../lib/errors';

type Info = api.ledgers.LedgerInfo;
type Page = api.ledgers.LedgerPage;
type Cell = Page['items'][number][number];

/** 台账: the organization, work and youth ledgers of a subtree, generated from the records; each exportable to Excel. */
export default function LedgersPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const catalogue = useApi(api.ledgers.listLedgers, undefined);
  const kind: LedgerKind = (LEDGER_KINDS as readonly string[]).includes(search.get('kind') ?? '') ? (search.get('kind') as LedgerKind) : 'organization';
  const yearParam = Number(search.get('year'));
  const year = yearParam >= 1950 && yearParam <= 2100 ? yearParam : thisYear();
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };
  const list = (catalogue.data ?? []).filter((l) => l.kind === kind);
  const ledger = list.find((l) => l.key === search.get('ledger')) ?? list[0];

  return (
    <div>
      <PageHeader title="台账" orgId={orgId} onOrg={setOrg}>
        <YearSelect value={year} onChange={(y) => update({ year: y === thisYear() ? null : String(y) })} />
      </PageHeader>
      <ToolTabs
        activeKey={kind}
        onChange={(k) => update({ kind: k, ledger: null })}
        items={LEDGER_KINDS.map((k) => ({ key: k, label: `${LEDGER_KIND_LABELS[k]}（${(catalogue.data ?? []).filter((l) => l.kind === k).length}）` }))}
        tools={orgId ? <KindExport kind={kind} orgId={orgId} year={year} /> : null}
      />
      {catalogue.isLoading ? (
        <PageLoading />
      ) : catalogue.error ? (
        <LoadError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : !orgId || !ledger ? (
        <Empty description="请选择组织" />
      ) : (
        <>
          <Radio.Group
            optionType="button"
            value={ledger.key}
            onChange={(e) => update({ ledger: e.target.value as string })}
            options={list.map((l) => ({ value: l.key, label: l.title }))}
            data-testid="ledger-choice"
            style={{ marginBottom: 12 }}
          />
          <LedgerView key={`${ledger.key}-${orgId}-${year}`} info={ledger} orgId={orgId} year={year} />
        </>
      )}
    </div>
  );
}

function KindExport({ kind, orgId, year }: { kind: LedgerKind; orgId: number; year: number }) {
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      data-testid="export-kind"
      onClick={async () => {
        setBusy(true);
        try {
          await download(api.ledgers.exportLedgerKind, { params: { kind }, query: { orgId, year } }, `${LEDGER_KIND_LABELS[kind]}.xlsx`);
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      导出全部{LEDGER_KIND_LABELS[kind]}（每本一个工作表）
    </Button>
  );
}

function LedgerView({ info, orgId, year }: { info: Info; orgId: number; year: number }) {
  const showError = useShowError();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [busy, setBusy] = useState(false);
  const res = useApi(api.ledgers.getLedger, { params: { ledger: info.key }, query: { orgId, year, ...paging } });
  const data = res.data;
  const exportOne = async () => {
    setBusy(true);
    try {
      await download(api.ledgers.exportLedger, { params: { ledger: info.key }, query: { orgId, year } }, `${info.title}.xlsx`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          <span data-testid="ledger-title">{info.title}</span>
          <Tag>{info.period === 'year' ? `${year}年度` : '当前在册'}</Tag>
        </Space>
      }
      extra={
        <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void exportOne()} data-testid="export-ledger">
          导出Excel
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {info.description}。期间：{LEDGER_PERIOD_LABELS[info.period]}
        {data ? `；单位：${data.orgName}（含下级）` : ''}
      </Typography.Paragraph>
      {res.error ? (
        <LoadError error={res.error} onRetry={() => void res.refetch()} />
      ) : (
        <Table<Cell[]>
          size="small"
          bordered
          data-testid="ledger-table"
          loading={res.isLoading || res.isFetching}
          rowKey={(_, i) => String(i)}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={info.period === 'year' ? `${year}年度没有记录` : '没有记录'} /> }}
          columns={[
            {
              title: '序号',
              key: 'no',
              width: 60,
              align: 'right',
              render: (_: unknown, __: Cell[], i: number) => (paging.page - 1) * paging.pageSize + i + 1,
            },
            ...info.columns.map((c, i) => ({
              title: c.label,
              key: c.key,
              align: c.align,
              width: c.width * 8 + 16,
              render: (_: unknown, row: Cell[]) => row[i] ?? <Typography.Text type="secondary">—</Typography.Text>,
            })),
          ]}
          pagination={listPagination(paging.page, paging.pageSize, data?.total ?? 0, (page, pageSize) => setPaging({ page, pageSize }), '条')}
        />
      )}
    </Card>
  );
}
