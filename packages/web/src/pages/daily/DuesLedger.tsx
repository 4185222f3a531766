import { EditOutlined, ImportOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import {
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  DUES_METHODS,
  DUES_METHOD_LABELS,
  api,
  duesPeriodLabel,
  duesProfileProblems,
  fenToYuan,
  monthlyDuesFen,
  paymentProblems,
  type DuesCategory,
  type DuesMethod,
} from '@tuanjian/domain';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Segmented, Select, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { YuanInput, yuanRules } from '../../components/MoneyInput';
import { Problems, Refusal, notAfterToday, todayDayjs, useDialogSubmit, ymd } from '../../components/page';
import { chinaToday } from '../../lib/people';
import { DuesImportModal } from './DuesImport';
import { MonthPicker, currentPeriod, typedFen, useMonthParam, useRefreshDues } from './shared';
import { keyColumnsFirst, useIsPhone } from '../../components/PhoneNav';

const d = api.dailyWork;
type Row = api.dailyWork.DuesLedgerRow;
type Payment = api.dailyWork.DuesPaymentItem;
type StatusFilter = 'all' | 'unpaid' | 'paid' | 'exempt';

const yuan = (fen: number) => `¥${fenToYuan(fen)}`;

/** The same rules without “required” (an amount that may be left empty). */
const optional = (rules: Rule[]) => rules.filter((r) => !(typeof r === 'object' && 'required' in r && r.required));

/** 团费台账 of one branch for one month: who owes, who paid, when, how much, how; entry, batch entry, import, profiles. */
export function DuesLedger({ branchId }: { branchId: number }) {
  const phone = useIsPhone();
  const canWrite = useCan('membership:write');
  const [month, setMonth] = useMonthParam();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [selected, setSelected] = useState<number[]>([]);
  const [dialog, setDialog] = useState<
    { kind: 'pay'; personId?: number } | { kind: 'correct'; row: Row; payment: Payment } | { kind: 'batch' } | { kind: 'import' } | { kind: 'profile'; row: Row } | null
  >(null);
  const ledger = useApi(d.getDuesLedger, { query: { orgId: branchId, period: month } });
  const rows = useMemo(() => ledger.data?.rows ?? [], [ledger.data]);
  const shown = rows.filter((r) => status === 'all' || (status === 'exempt' ? r.exempt : status === 'paid' ? !!r.payment : !r.payment && !r.exempt));
  const t = ledger.data?.totals;
  const chosen = rows.filter((r) => selected.includes(r.personId));

  if (ledger.error) return <LoadError error={ledger.error} onRetry={() => void ledger.refetch()} />;

  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap>
          <MonthPicker value={month} onChange={(p) => (setMonth(p), setSelected([]))} allowFuture />
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unpaid', label: `未交${t ? ` ${t.unpaid}` : ''}` },
              { value: 'paid', label: `已交${t ? ` ${t.paid}` : ''}` },
              { value: 'exempt', label: `免交${t ? ` ${t.exempt}` : ''}` },
            ]}
          />
        </Space>
        <Space wrap>
          {canWrite && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'pay' })}>
                登记团费
              </Button>
              <Tooltip title={selected.length ? undefined : '先在表格中勾选团员'}>
                <Button icon={<TeamOutlined />} disabled={!selected.length} onClick={() => setDialog({ kind: 'batch' })}>
                  批量登记{selected.length ? `（${selected.length}人）` : ''}
                </Button>
              </Tooltip>
              <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: 'import' })}>
                导入交纳名单
              </Button>
            </>
          )}
          <ExportButton contract={d.exportDuesLedger} input={{ query: { orgId: branchId, period: month } }} fileName="团费台账.xlsx" />
        </Space>
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {[
          { key: 'members', title: '在册团员', value: t?.members ?? 0, suffix: '人' },
          { key: 'paid', title: '已交', value: t?.paid ?? 0, suffix: '人', color: '#3a9d5d' },
          { key: 'unpaid', title: '未交', value: t?.unpaid ?? 0, suffix: '人', color: t?.unpaid ? '#cf1322' : undefined },
          { key: 'exempt', title: '免交', value: t?.exempt ?? 0, suffix: '人' },
          { key: 'due', title: `${duesPeriodLabel(month)}应收`, value: t ? fenToYuan(t.dueFen) : '0.00', suffix: '元' },
          { key: 'paidFen', title: '已收', value: t ? fenToYuan(t.paidFen) : '0.00', suffix: '元', color: '#3a9d5d' },
        ].map((s) => (
          <Col key={s.key} xs={12} sm={8} md={4}>
            <Statistic title={s.title} value={s.value} suffix={s.suffix} styles={{ content: { color: s.color } }} data-testid={`ledger-${s.key}`} />
          </Col>
        ))}
      </Row>
      {rows.some((r) => !r.profileRecorded) && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          未设置团费类别的团员按默认标准计算（学生按学生标准，其他按无收入标准）；在职团员请点“类别”设置月收入，按收入比例交纳。
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="personId"
        size="middle"
        data-testid="dues-ledger"
        loading={ledger.isFetching}
        dataSource={shown}
        rowSelection={
          canWrite
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (r) => ({ disabled: r.exempt, title: r.exempt ? '免交团员无需登记' : undefined }),
              }
            : undefined
        }
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 人` }}
        scroll={{ x: 1080 }}
        locale={{ emptyText: rows.length ? '没有符合条件的团员' : `${duesPeriodLabel(month)}本支部没有在册团员` }}
        columns={keyColumnsFirst(phone, [
          { title: '姓名', dataIndex: 'name', width: 80 },
          { title: '团员编号', dataIndex: 'memberNo', width: 160, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
          {
            title: '类别',
            key: 'category',
            width: 150,
            render: (_, r) => (
              <Space size={4}>
                <span>{DUES_CATEGORY_LABELS[r.category]}</span>
                {!r.profileRecorded && (
                  <Tooltip title="未设置团费类别，按默认标准计算">
                    <Tag>默认</Tag>
                  </Tooltip>
                )}
                {canWrite && (
                  <Button type="link" size="small" icon={<EditOutlined />} aria-label={`设置${r.name}的团费类别`} onClick={() => setDialog({ kind: 'profile', row: r })} />
                )}
              </Space>
            ),
          },
          { title: '计算依据', dataIndex: 'basis', width: 170, ellipsis: { showTitle: true } },
          { title: '应交（元）', dataIndex: 'dueFen', width: 86, align: 'right', render: (v: number, r) => (r.exempt ? '—' : fenToYuan(v)) },
          {
            title: '状态',
            key: 'status',
            width: 70,
            render: (_, r) =>
              r.exempt ? <Tag>免交</Tag> : r.payment ? <Tag color="success" data-testid="dues-status">已交</Tag> : <Tag color="error" data-testid="dues-status">未交</Tag>,
          },
          {
            title: '已交金额 / 日期',
            key: 'paid',
            width: 130,
            render: (_, r) =>
              r.payment ? (
                <div>
                  <div>{fenToYuan(r.payment.amountFen)} 元</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.payment.paidOn}
                  </Typography.Text>
                </div>
              ) : (
                '—'
              ),
          },
          {
            title: '方式 / 回单号',
            key: 'method',
            width: 170,
            render: (_, r) =>
              r.payment ? (
                <div>
                  {DUES_METHOD_LABELS[r.payment.method]}
                  {r.payment.receiptNo && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                        {r.payment.receiptNo}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 70,
            render: (_, r) =>
              !canWrite || r.exempt ? null : r.payment ? (
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'correct', row: r, payment: r.payment! })}>
                  更正
                </Button>
              ) : (
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'pay', personId: r.personId })} data-testid="pay-row">
                  登记
                </Button>
              ),
          },
        ], ['status', 'dueFen'])}
      />
      {dialog?.kind === 'pay' && <PaymentModal rows={rows} period={month} personId={dialog.personId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'correct' && <PaymentModal rows={rows} period={month} personId={dialog.row.personId} payment={dialog.payment} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'batch' && <BatchModal rows={chosen} period={month} onClose={() => setDialog(null)} onDone={() => (setDialog(null), setSelected([]))} />}
      {dialog?.kind === 'import' && <DuesImportModal branchId={branchId} branchName={ledger.data?.orgName ?? ''} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'profile' && <ProfileModal row={dialog.row} onClose={() => setDialog(null)} />}
    </div>
  );
}

interface PaymentValues {
  personId: number;
  period: Dayjs;
  amount?: string;
  paidOn: Dayjs;
  method: DuesMethod;
  receiptNo?: string;
}

/** 登记团费 (one member, one month) or 更正 a recorded payment. The server refuses a month already paid. */
function PaymentModal({ rows, period, personId, payment, onClose }: { rows: Row[]; period: string; personId?: number; payment?: Payment; onClose(): void }) {
  const [form] = Form.useForm<PaymentValues>();
  const { message } = App.useApp();
  const refresh = useRefreshDues();
  const { saving, refusal, setRefusal, run } = useDialogSubmit(form);
  const correcting = !!payment;
  const v = Form.useWatch([], form) as Partial<PaymentValues> | undefined;
  const row = rows.find((r) => r.personId === (v?.personId ?? personId));
  const amountFen = typedFen(v?.amount);
  const problems =
    row && v?.period && v.paidOn && v.method
      ? paymentProblems({
          period: v.period.format('YYYY-MM'),
          paidOn: ymd(v.paidOn),
          method: v.method,
          receiptNo: v.receiptNo?.trim() || null,
          amountFen: amountFen ?? row.dueFen,
          dueFen: row.dueFen,
          exempt: row.exempt,
          memberStatus: 'active',
          joinedOn: null,
          today: chinaToday(),
        })
      : [];

  async function submit() {
    const values = await form.validateFields();
    await run(async () => {
      const receiptNo = values.receiptNo?.trim() || undefined;
      if (payment) {
        await call(d.correctDuesPayment, {
          params: { id: payment.id },
          body: { amountFen: typedFen(values.amount)!, paidOn: ymd(values.paidOn), method: values.method, receiptNo },
        });
        message.success('已更正');
      } else {
        const saved = await call(d.recordDuesPayment, {
          body: { personId: values.personId, period: values.period.format('YYYY-MM'), amountFen: typedFen(values.amount) ?? undefined, paidOn: ymd(values.paidOn), method: values.method, receiptNo },
        });
        message.success(`已登记：${rows.find((r) => r.personId === values.personId)?.name ?? ''} ${duesPeriodLabel(saved.period)} ${fenToYuan(saved.amountFen)}元`);
      }
      await refresh();
      onClose();
    });
  }

  return (
    <Modal
      open
      title={correcting ? `更正团费：${row?.name ?? ''} ${duesPeriodLabel(payment.period)}` : '登记团费'}
      okText={correcting ? '保存更正' : '登记'}
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          personId,
          period: dayjs(`${payment?.period ?? period}-01`),
          amount: payment ? fenToYuan(payment.amountFen) : undefined,
          paidOn: payment ? dayjs(payment.paidOn) : todayDayjs(),
          method: payment?.method ?? 'cash',
          receiptNo: payment?.receiptNo ?? undefined,
        }}
        onValuesChange={() => refusal && setRefusal(null)}
      >
        <Form.Item name="personId" label="团员" rules={[{ required: true, message: '请选择团员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={correcting}
            placeholder="输入姓名查找"
            data-testid="pay-member"
            options={rows.filter((r) => !r.exempt).map((r) => ({ value: r.personId, label: `${r.name}（${r.memberNo ?? '无团员编号'}）` }))}
          />
        </Form.Item>
        {row && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>
            每月应交 {fenToYuan(row.dueFen)} 元（{row.basis}）
          </Typography.Paragraph>
        )}
        <Space size={16} align="start" wrap>
          <Form.Item name="period" label="所属月份" rules={[{ required: true, message: '请选择所属月份' }]}>
            <DatePicker picker="month" format="YYYY年M月" allowClear={false} disabled={correcting} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item
            name="amount"
            label="金额"
            rules={correcting ? yuanRules('金额', { positive: true }) : optional(yuanRules('金额', { positive: true }))}
            extra={correcting ? undefined : '不填按应交标准；可多交，不能少交'}
          >
            <YuanInput placeholder={row ? fenToYuan(row.dueFen) : undefined} data-testid="pay-amount" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择交纳日期' }]}>
            <DatePicker disabledDate={notAfterToday()} allowClear={false} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Form.Item name="method" label="交纳方式" rules={[{ required: true, message: '请选择交纳方式' }]}>
          <Radio.Group optionType="button" options={DUES_METHODS.map((m) => ({ value: m, label: DUES_METHOD_LABELS[m] }))} />
        </Form.Item>
        <Form.Item
          name="receiptNo"
          label={v?.method === 'online' ? '电子回单号' : '回单号'}
          rules={[{ required: v?.method === 'online', whitespace: true, message: '线上缴纳须填写电子回单号' }, { max: 40 }]}
          extra={v?.method === 'online' ? '微信、支付宝或网银的交易单号；同一回单不能登记两次' : '转账可填写银行回单号（选填）'}
        >
          <Input maxLength={40} style={{ width: 300, fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface BatchValues {
  periods: string[];
  paidOn: Dayjs;
  method: 'cash' | 'transfer';
}

/** 批量登记: several members, one or more months, each at their own standard; all or nothing. */
function BatchModal({ rows, period, onClose, onDone }: { rows: Row[]; period: string; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<BatchValues>();
  const { message } = App.useApp();
  const refresh = useRefreshDues();
  const { saving, refusal, setRefusal, run } = useDialogSubmit(form);
  const periods = (Form.useWatch('periods', form) as string[] | undefined) ?? [];
  const year = Number(period.slice(0, 4));
  const thisYear = Number(currentPeriod().slice(0, 4));
  const monthOptions = [year - 1, year, ...(year < thisYear ? [thisYear] : [])]
    .flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`))
    .filter((p) => p <= `${thisYear}-12`);
  const totalFen = rows.reduce((s, r) => s + r.dueFen, 0) * periods.length;

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const res = await call(d.recordDuesPayments, { body: { personIds: rows.map((r) => r.personId), periods: v.periods, paidOn: ymd(v.paidOn), method: v.method } });
      await refresh();
      message.success(`已登记 ${res.count} 笔，合计 ${fenToYuan(res.totalFen)} 元`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title={`批量登记团费（${rows.length}人）`}
      okText="全部登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      <Typography.Paragraph type="secondary">
        按各人的标准为所选团员登记所选月份的团费。任何一笔不符合规定（如该月已登记、尚未入团）时全部不登记，请按提示调整后再提交。线上缴纳须逐笔填写回单号，请用“登记团费”或导入。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <div style={{ marginBottom: 12 }}>
        {rows.map((r) => (
          <Tag key={r.personId} style={{ marginBottom: 4 }}>
            {r.name} {fenToYuan(r.dueFen)}元/月
          </Tag>
        ))}
      </div>
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ periods: [period], paidOn: todayDayjs(), method: 'cash' }} onValuesChange={() => refusal && setRefusal(null)}>
        <Form.Item name="periods" label="所属月份" rules={[{ required: true, message: '请至少选择一个月份' }]} extra="学生可一次预交到本年12月，最多12个月">
          <Select mode="multiple" maxCount={12} options={monthOptions.map((p) => ({ value: p, label: duesPeriodLabel(p) }))} placeholder="选择月份" />
        </Form.Item>
        <Space size={16} align="start" wrap>
          <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择交纳日期' }]}>
            <DatePicker disabledDate={notAfterToday()} allowClear={false} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="method" label="交纳方式" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={(['cash', 'transfer'] as const).map((m) => ({ value: m, label: DUES_METHOD_LABELS[m] }))} />
          </Form.Item>
        </Space>
      </Form>
      <Alert type="info" showIcon title={`共 ${rows.length * periods.length} 笔，合计 ${fenToYuan(totalFen)} 元`} />
    </Modal>
  );
}

interface ProfileValues {
  category: DuesCategory;
  income?: string;
  exempt: boolean;
  exemptReason?: string;
}

/** 团费类别: student / no income (flat), employed (share of income), exemption with its reason. */
function ProfileModal({ row, onClose }: { row: Row; onClose(): void }) {
  const [form] = Form.useForm<ProfileValues>();
  const rules = useRules();
  const { message } = App.useApp();
  const refresh = useRefreshDues();
  const { saving, refusal, run } = useDialogSubmit(form);
  const v = Form.useWatch([], form) as Partial<ProfileValues> | undefined;
  const facts = v?.category
    ? {
        category: v.category,
        monthlyIncomeFen: v.category === 'employed' ? typedFen(v.income) : null,
        exemptReason: v.exempt ? (v.exemptReason ?? '') : null,
      }
    : null;
  const problems = facts ? duesProfileProblems(facts) : [];
  const due = facts && rules && !problems.length ? monthlyDuesFen(facts, rules) : null;

  async function submit() {
    const values = await form.validateFields();
    await run(async () => {
      const res = await call(d.setDuesProfile, {
        params: { personId: row.personId },
        body: {
          category: values.category,
          monthlyIncomeFen: values.category === 'employed' ? typedFen(values.income) : null,
          exemptReason: values.exempt ? values.exemptReason?.trim() : undefined,
        },
      });
      await refresh();
      message.success(`已保存：${row.name}每月应交 ${fenToYuan(res.dueFen)} 元（${res.basis}）`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`团费类别：${row.name}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={540}
    >
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          category: row.category,
          income: row.monthlyIncomeFen !== null ? fenToYuan(row.monthlyIncomeFen) : undefined,
          exempt: !!row.exemptReason,
          exemptReason: row.exemptReason ?? undefined,
        }}
      >
        <Form.Item name="category" label="团员类别" rules={[{ required: true, message: '请选择团员类别' }]}>
          <Radio.Group optionType="button" options={DUES_CATEGORIES.map((c) => ({ value: c, label: DUES_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        {v?.category === 'employed' && (
          <Form.Item name="income" label="月收入" rules={yuanRules('月收入', { positive: true })} extra={rules ? `按月收入的 ${+(rules.dues.incomeShare * 100).toFixed(4)}% 交纳` : undefined}>
            <YuanInput style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="exempt" label="免交团费" valuePropName="checked">
          <Switch />
        </Form.Item>
        {v?.exempt && (
          <Form.Item name="exemptReason" label="免交原因" rules={[{ required: true, whitespace: true, message: '请填写免交原因' }, { min: 2, message: '免交原因至少2个字' }, { max: 100 }]}>
            <Input maxLength={100} showCount placeholder="如：生活困难，经支部大会同意免交" />
          </Form.Item>
        )}
      </Form>
      {due && <Alert type="info" showIcon title={due.exempt ? '免交团费' : `每月应交 ${yuan(due.dueFen)}（${due.basis}）`} />}
    </Modal>
  );
}
