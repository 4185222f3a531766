import { PlusOutlined } from '@ant-design/icons';
import { api, duesPeriodLabel, fenToYuan, remittanceProblems } from '@tuanjian/domain';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { OrgName } from '../../components/OrgName';
import { LoadError } from '../../components/PageState';
import { YuanInput, yuanRules } from '../../components/MoneyInput';
import { Problems, Refusal, notAfterToday, todayDayjs, useDialogSubmit, ymd, listPagination } from '../../components/page';
import { chinaToday } from '../../lib/people';
import { MonthRangePicker, MonthTags, typedFen, useMonthRange, useRefreshDues } from './shared';

const d = api.dailyWork;
type UnpaidItem = api.ResponseOf<typeof d.listUnpaidDues>['items'][number];
type ReportRow = api.ResponseOf<typeof d.duesReport>['rows'][number];
type Remittance = api.ResponseOf<typeof d.listRemittances>['items'][number];

/** The month after `p` ("YYYY-MM"). */
const nextPeriod = (p: string) => dayjs(`${p}-01`).add(1, 'month').format('YYYY-MM');

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** 催缴名单: members who have not paid for some months of the range (exempt members not listed). */
export function UnpaidTab({ under, onOpenBranch }: { under: number; onOpenBranch(id: number): void }) {
  const [range, setRange] = useMonthRange();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useApi(d.listUnpaidDues, { query: { under, ...range, page, pageSize } });
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap>
          <MonthRangePicker value={range} onChange={(a, b) => (setRange(a, b), setPage(1))} />
          {list.data && (
            <Typography.Text data-testid="unpaid-summary">
              {list.data.total} 人有未交月份，欠交合计 <Typography.Text strong type="danger">{fenToYuan(list.data.owedFen)}</Typography.Text> 元
            </Typography.Text>
          )}
        </Space>
        <ExportButton contract={d.exportUnpaidDues} input={{ query: { under, ...range } }} fileName="团费催缴名单.xlsx" />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<UnpaidItem>
          rowKey="personId"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '所选月份没有未交团费的团员' }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '人')}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '团员编号', dataIndex: 'memberNo', width: 170, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
            {
              title: '所在团支部',
              dataIndex: 'orgName',
              render: (n: string, r) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenBranch(r.orgId)} title="查看该支部的团费台账">
                  {n}
                </Button>
              ),
            },
            { title: '联系电话', dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => v ?? '—' },
            { title: '未交月份', dataIndex: 'months', render: (m: string[]) => <MonthTags months={m} /> },
            { title: '欠交（元）', dataIndex: 'owedFen', width: 100, align: 'right', render: (v: number) => fenToYuan(v) },
          ]}
        />
      )}
    </div>
  );
}

/** 收缴统计: per branch of the subtree, what was due, paid and remitted in the months, with totals. */
export function ReportTab({ under, onOpenBranch }: { under: number; onOpenBranch(id: number): void }) {
  const [range, setRange] = useMonthRange();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  useEffect(() => setPage(1), [under]);
  // One page of branches from the server; the totals are the organization's own (its whole subtree).
  const report = useApi(d.duesReport, { query: { under, ...range, page, pageSize } });
  const t = report.data?.totals;
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap>
          <MonthRangePicker value={range} onChange={(a, b) => (setRange(a, b), setPage(1))} />
          {t && (
            <Typography.Text type="secondary">
              {duesPeriodLabel(range.from)}至{duesPeriodLabel(range.to)}：应收 {fenToYuan(t.dueFen)} 元，已收 {fenToYuan(t.paidFen)} 元，收缴率 {pct(t.collectionRate)}
            </Typography.Text>
          )}
        </Space>
        <ExportButton contract={d.exportDuesReport} input={{ query: { under, ...range } }} fileName="团费收缴统计.xlsx" />
      </Space>
      {report.error ? (
        <LoadError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Table<ReportRow>
          rowKey="orgId"
          size="small"
          bordered
          data-testid="dues-report"
          loading={report.isFetching}
          dataSource={report.data?.rows ?? []}
          locale={{ emptyText: '该组织下没有团支部' }}
          pagination={{ ...listPagination(page, pageSize, report.data?.total ?? 0, (p, size) => (setPage(p), setPageSize(size)), '个团支部'), hideOnSinglePage: true }}
          scroll={{ x: 1150 }}
          columns={[
            {
              title: '团支部',
              dataIndex: 'orgName',
              fixed: 'left',
              width: 200,
              render: (n: string, r) => (
                <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }} onClick={() => onOpenBranch(r.orgId)}>
                  <OrgName name={n} shortName={r.orgShortName} />
                </Button>
              ),
            },
            { title: '在册团员', dataIndex: 'members', width: 80, align: 'right' },
            { title: '免交', dataIndex: 'exempt', width: 60, align: 'right' },
            { title: '应交人月', dataIndex: 'dueMonths', width: 80, align: 'right' },
            { title: '应收（元）', dataIndex: 'dueFen', width: 100, align: 'right', render: fenToYuan },
            { title: '已交笔数', dataIndex: 'paidMonths', width: 80, align: 'right' },
            { title: '已收（元）', dataIndex: 'paidFen', width: 100, align: 'right', render: fenToYuan },
            { title: '未交人月', dataIndex: 'unpaidMonths', width: 80, align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
            { title: '收缴率', dataIndex: 'collectionRate', width: 80, align: 'right', render: pct },
            { title: '应上缴（元）', dataIndex: 'remitDueFen', width: 100, align: 'right', render: fenToYuan },
            { title: '已上缴（元）', dataIndex: 'remittedFen', width: 100, align: 'right', render: fenToYuan },
          ]}
          summary={() =>
            t ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>全部合计</Table.Summary.Cell>
                  {[t.members, t.exempt, t.dueMonths, fenToYuan(t.dueFen), t.paidMonths, fenToYuan(t.paidFen), t.unpaidMonths, pct(t.collectionRate), fenToYuan(t.remitDueFen), fenToYuan(t.remittedFen)].map((v, i) => (
                    <Table.Summary.Cell key={i} index={i + 1} align="right">
                      <span data-testid={i === 5 ? 'report-total-paid' : undefined}>{v}</span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </div>
  );
}

/** 团费上缴: the records of the subtree; a branch also sees what it owes the level above and records a remittance. */
export function RemittancesTab({ orgId, isBranch }: { orgId: number; isBranch: boolean }) {
  const canWrite = useCan('membership:write');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState(false);
  const list = useApi(d.listRemittances, { query: { under: orgId, page, pageSize } });
  // The months after the branch's latest remittance, up to this month: what is still to be remitted.
  const latest = useApi(d.listRemittances, { query: { under: orgId, page: 1, pageSize: 100 } }, { enabled: isBranch });
  const lastTo = (latest.data?.items ?? []).filter((r) => r.orgId === orgId).reduce<string | null>((m, r) => (m === null || r.periodTo > m ? r.periodTo : m), null);
  const now = chinaToday().slice(0, 7);
  const nextFrom = lastTo ? nextPeriod(lastTo) : `${now.slice(0, 4)}-01`;
  const upToDate = nextFrom > now;
  const preview = useApi(d.remittancePreview, { query: { orgId, periodFrom: nextFrom, periodTo: now } }, { enabled: isBranch && !!latest.data && !upToDate });
  const p = preview.data;
  return (
    <div>
      {isBranch && latest.data && (
        <Card size="small" style={{ marginBottom: 16 }} title="本支部团费上缴">
          {upToDate ? (
            <Typography.Paragraph style={{ marginBottom: 8 }}>已上缴至{duesPeriodLabel(lastTo!)}，暂无待上缴的月份。</Typography.Paragraph>
          ) : (
            p && (
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 4 }}
                items={[
                  { key: 'months', label: '待上缴月份', children: `${duesPeriodLabel(p.periodFrom)}至${duesPeriodLabel(p.periodTo)}` },
                  { key: 'collected', label: '收缴', children: `${fenToYuan(p.collectedFen)} 元` },
                  { key: 'share', label: '上缴比例', children: `${+(p.share * 100).toFixed(4)}%（规则配置）` },
                  { key: 'expected', label: '应上缴', children: <Typography.Text strong data-testid="remit-expected">{fenToYuan(p.expectedFen)} 元</Typography.Text> },
                ]}
              />
            )
          )}
          {lastTo && !upToDate && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              已上缴至{duesPeriodLabel(lastTo)}。本月仍在收缴的，可待月底收齐后再上缴。
            </Typography.Paragraph>
          )}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              登记上缴
            </Button>
          )}
        </Card>
      )}
      {!isBranch && (
        <Typography.Paragraph type="secondary">团费由各团支部按规定比例上缴上级团委。选择一个团支部可查看其应上缴金额并登记上缴。</Typography.Paragraph>
      )}
      <Space style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 12 }}>
        <ExportButton contract={d.exportRemittances} input={{ query: { under: orgId } }} fileName="团费上缴记录.xlsx" />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Remittance>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '尚无上缴记录' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 笔`,
            onChange: (pg, s) => (setPage(s !== pageSize ? 1 : pg), setPageSize(s)),
          }}
          columns={[
            { title: '团支部', dataIndex: 'orgName' },
            { title: '上缴至', dataIndex: 'toOrgName', render: (v: string | null) => v ?? '（上级团委）' },
            { title: '月份', key: 'months', width: 200, render: (_, r) => `${duesPeriodLabel(r.periodFrom)}至${duesPeriodLabel(r.periodTo)}` },
            { title: '金额（元）', dataIndex: 'amountFen', width: 110, align: 'right', render: fenToYuan },
            { title: '上缴日期', dataIndex: 'remittedOn', width: 110 },
            { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
          ]}
        />
      )}
      {open && <RemitModal orgId={orgId} from={upToDate ? undefined : nextFrom} onClose={() => setOpen(false)} />}
    </div>
  );
}

interface RemitValues {
  months: [Dayjs, Dayjs];
  amount: string;
  remittedOn: Dayjs;
  note?: string;
}

function RemitModal({ orgId, from, onClose }: { orgId: number; from?: string; onClose(): void }) {
  const [form] = Form.useForm<RemitValues>();
  const { message } = App.useApp();
  const refresh = useRefreshDues();
  const { saving, refusal, run } = useDialogSubmit(form);
  const months = Form.useWatch('months', form) as [Dayjs, Dayjs] | undefined;
  const amount = Form.useWatch('amount', form) as string | undefined;
  const remittedOn = Form.useWatch('remittedOn', form) as Dayjs | undefined;
  const periodFrom = months?.[0]?.format('YYYY-MM');
  const periodTo = months?.[1]?.format('YYYY-MM');
  const preview = useApi(d.remittancePreview, { query: { orgId, periodFrom, periodTo } }, { enabled: !!periodFrom && !!periodTo });
  const p = preview.data;
  const amountFen = typedFen(amount);
  // The amount follows from the months: filled in as soon as it is known (still editable).
  const expected = p?.expectedFen;
  useEffect(() => {
    if (expected !== undefined && expected > 0) form.setFieldValue('amount', fenToYuan(expected));
  }, [expected, form]);
  const problems =
    p && periodFrom && periodTo && amountFen !== null && remittedOn
      ? remittanceProblems({
          periodFrom,
          periodTo,
          amountFen,
          expectedFen: p.expectedFen,
          alreadyRemitted: p.alreadyRemitted,
          remittedOn: ymd(remittedOn),
          today: chinaToday(),
          isBranch: true,
        })
      : [];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const r = await call(d.recordRemittance, {
        body: { orgId, periodFrom: v.months[0].format('YYYY-MM'), periodTo: v.months[1].format('YYYY-MM'), amountFen: typedFen(v.amount)!, remittedOn: ymd(v.remittedOn), note: v.note?.trim() || undefined },
      });
      await refresh();
      message.success(`已登记上缴 ${fenToYuan(r.amountFen)} 元`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title="登记团费上缴"
      okText="登记"
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={580}
    >
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ remittedOn: todayDayjs(), months: from ? [dayjs(`${from}-01`), todayDayjs()] : undefined }}>
        <Form.Item name="months" label="上缴哪些月份的团费" rules={[{ required: true, message: '请选择起止月份' }]}>
          <DatePicker.RangePicker
            picker="month"
            format="YYYY年M月"
            disabledDate={(x) => x.format('YYYY-MM') > chinaToday().slice(0, 7)}
            onChange={() => form.setFieldValue('amount', undefined)}
          />
        </Form.Item>
        {p && periodFrom && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`收缴 ${fenToYuan(p.collectedFen)} 元 × ${+(p.share * 100).toFixed(4)}% = 应上缴 ${fenToYuan(p.expectedFen)} 元`}
          />
        )}
        <Space size={16} align="start" wrap>
          <Form.Item name="amount" label="上缴金额" rules={yuanRules('上缴金额', { positive: true })}>
            <YuanInput style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="remittedOn" label="上缴日期" rules={[{ required: true, message: '请选择上缴日期' }]}>
            <DatePicker disabledDate={notAfterToday()} allowClear={false} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="备注" rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：银行转账至镇团委账户" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
