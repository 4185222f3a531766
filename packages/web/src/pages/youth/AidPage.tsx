import { PlusOutlined } from '@ant-design/icons';
import {
  AID_PROGRAMS,
  AID_PROGRAM_LABELS,
  BENEFICIARY_STATUSES,
  BENEFICIARY_STATUS_LABELS,
  api,
  beneficiaryActionProblems,
  beneficiaryAmountProblems,
  formatFen,
  fundsRaisedProblems,
  yuanToFen,
  type AidProgram,
  type BeneficiaryStatus,
} from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { Yuan, YuanInput, fenOf, yuanRules, yuanText } from '../../components/MoneyInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { chinaToday, idNumberRule } from '../../lib/people';
import { DRAWER_WIDTH, ExportButton, Figures, PageHeader, Problems, Refusal, Toolbar, YearSelect, defaultDateIn, notAfterToday, pagination, useRefreshYouth, useScopeOrg, useYearParam, ymd } from './shared';
import { IdNumberInput } from '../../components/KeypadInputs';

const o = api.orgLife;
type Project = api.ResponseOf<typeof o.listAidProjects>['items'][number];
type Detail = api.ResponseOf<typeof o.getAidProject>;
type Beneficiary = Detail['beneficiaryList'][number];

const STATUS_COLORS: Record<BeneficiaryStatus, string> = { approved: 'processing', paid: 'success', cancelled: 'default' };

/** Totals of the projects listed (sums of integer fen, exact). */
function totalsOf(items: Project[]) {
  return items.reduce(
    (t, p) => ({ funds: t.funds + p.fundsRaisedFen, committed: t.committed + p.committedFen, paid: t.paid + p.paidFen, people: t.people + p.beneficiaries, paidPeople: t.paidPeople + p.paid }),
    { funds: 0, committed: 0, paid: 0, people: 0, paidPeople: 0 },
  );
}

/**
 * 帮扶项目: 希望工程, 圆梦大学, 春晖行动 and 关爱农民工子女 projects of a year,
 * the funds raised, the beneficiaries with their amounts (integer fen shown as
 * yuan) and whether the money was paid.
 */
export default function AidPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const canEdit = useCan('org:edit');
  const [program, setProgram] = useState<AidProgram | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const filters = { under: orgId ?? undefined, program, year };
  const list = useApi(o.listAidProjects, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  // All projects of the year for the totals (a county has a handful per program).
  const all = useApi(o.listAidProjects, { query: { ...filters, pageSize: 500 } }, { enabled: !!orgId });
  const t = totalsOf(all.data?.items ?? []);
  return (
    <div>
      <PageHeader title="帮扶项目" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <YearSelect value={year} onChange={(y) => (setYear(y), setPage(1))} />
      </PageHeader>
      <Figures
        loading={!all.data}
        items={[
          { title: '帮扶项目', value: all.data?.total ?? '—', suffix: '个', testId: 'aid-projects' },
          { title: '募集资金', value: formatFen(t.funds), suffix: '元', testId: 'aid-funds' },
          { title: '已安排资助', value: formatFen(t.committed), suffix: '元', hint: `受助 ${t.people} 人` },
          { title: '已发放', value: formatFen(t.paid), suffix: '元', testId: 'aid-paid', hint: `已发放 ${t.paidPeople} 人` },
          { title: '结余', value: formatFen(t.funds - t.committed), suffix: '元' },
        ]}
      />
      <Card>
        <Toolbar
          extra={
            <>
              <ExportButton contract={o.exportAidProjects} input={{ query: filters }} fileName={`帮扶项目${year}.xlsx`} />
              {canEdit && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  登记帮扶项目
                </Button>
              )}
            </>
          }
        >
          <Segmented<AidProgram | 'all'>
            value={program ?? 'all'}
            onChange={(v) => (setProgram(v === 'all' ? undefined : v), setPage(1))}
            options={[{ value: 'all', label: '全部' }, ...AID_PROGRAMS.map((p) => ({ value: p, label: AID_PROGRAM_LABELS[p] }))]}
          />
        </Toolbar>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Project>
            rowKey="id"
            size="middle"
            data-testid="aid-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个')}
            onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: `${year}年度没有帮扶项目` }}
            columns={[
              { title: '项目名称', dataIndex: 'title', render: (v: string) => <a>{v}</a> },
              { title: '类别', dataIndex: 'program', width: 130, render: (p: AidProgram) => <Tag color="red">{AID_PROGRAM_LABELS[p]}</Tag> },
              { title: '组织', dataIndex: 'orgName', ellipsis: true },
              { title: '募集资金', dataIndex: 'fundsRaisedFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
              { title: '已安排', dataIndex: 'committedFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
              { title: '已发放', dataIndex: 'paidFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
              { title: '受助人', key: 'people', width: 150, align: 'right', onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, r) => `${r.beneficiaries} 人（已发 ${r.paid}）` },
            ]}
          />
        )}
      </Card>
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={DRAWER_WIDTH} title="帮扶项目" destroyOnHidden>
        {open !== null && <ProjectView id={open} />}
      </Drawer>
      {creating && orgId && <ProjectModal orgId={orgId} year={year} onClose={() => setCreating(false)} onCreated={setOpen} />}
    </div>
  );
}

function ProjectView({ id }: { id: number }) {
  const canWrite = useCan('person:write');
  const detail = useApi(o.getAidProject, { params: { id } });
  const [status, setStatus] = useState<BeneficiaryStatus | 'all'>('all');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [acting, setActing] = useState<{ b: Beneficiary; action: 'pay' | 'cancel' } | null>(null);
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const rows = status === 'all' ? d.beneficiaryList : d.beneficiaryList.filter((b) => b.status === status);
  const used = d.fundsRaisedFen ? Math.round((d.committedFen / d.fundsRaisedFen) * 1000) / 10 : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions
        bordered
        size="small"
        column={2}
        title={d.title}
        extra={
          d.can.edit && (
            <Button size="small" onClick={() => setEditing(true)}>
              修改项目
            </Button>
          )
        }
      >
        <Descriptions.Item label="类别">{AID_PROGRAM_LABELS[d.program]}</Descriptions.Item>
        <Descriptions.Item label="年度">{d.year}</Descriptions.Item>
        <Descriptions.Item label="组织" span={2}>
          {d.orgName}
        </Descriptions.Item>
        <Descriptions.Item label="募集资金">
          <Yuan fen={d.fundsRaisedFen} />
        </Descriptions.Item>
        <Descriptions.Item label="结余">
          <Yuan fen={d.fundsRaisedFen - d.committedFen} />
        </Descriptions.Item>
        <Descriptions.Item label="已安排资助">
          <Yuan fen={d.committedFen} />（{d.beneficiaries} 人）
        </Descriptions.Item>
        <Descriptions.Item label="已发放">
          <Yuan fen={d.paidFen} />（{d.paid} 人）
        </Descriptions.Item>
      </Descriptions>
      <Progress percent={used} format={() => `已安排 ${used}%`} strokeColor="#b81c22" />
      <Card
        size="small"
        title="受助人名单"
        extra={
          <Space>
            <ExportButton contract={o.exportAidProject} input={{ params: { id } }} fileName={`${d.title}受助人名单.xlsx`}>
              导出名单
            </ExportButton>
            {canWrite && d.can.edit && (
              <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                登记受助人
              </Button>
            )}
          </Space>
        }
      >
        <Segmented<BeneficiaryStatus | 'all'>
          style={{ marginBottom: 12 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: `全部 ${d.beneficiaryList.length}` },
            ...BENEFICIARY_STATUSES.map((s) => ({ value: s, label: `${BENEFICIARY_STATUS_LABELS[s]} ${d.beneficiaryList.filter((b) => b.status === s).length}` })),
          ]}
        />
        <Table<Beneficiary>
          rowKey="id"
          size="small"
          data-testid="beneficiaries"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '尚无受助人' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { title: '就读学校', dataIndex: 'school', ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: '资助金额', dataIndex: 'amountFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
            {
              title: '状态',
              dataIndex: 'status',
              width: 150,
              render: (s: BeneficiaryStatus, b) => (
                <Space size={4}>
                  <Tag color={STATUS_COLORS[s]}>{BENEFICIARY_STATUS_LABELS[s]}</Tag>
                  {b.paidOn && <Typography.Text type="secondary">{b.paidOn}</Typography.Text>}
                </Space>
              ),
            },
            ...(d.can.edit
              ? [
                  {
                    title: '',
                    key: 'op',
                    width: 100,
                    render: (_: unknown, b: Beneficiary) =>
                      b.status === 'approved' && (
                        <Space size={8}>
                          <a onClick={() => setActing({ b, action: 'pay' })}>发放</a>
                          <a onClick={() => setActing({ b, action: 'cancel' })} style={{ color: '#cf1322' }}>
                            取消
                          </a>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {adding && <BeneficiaryModal project={d} onClose={() => setAdding(false)} />}
      {editing && <EditProjectModal project={d} onClose={() => setEditing(false)} />}
      {acting && <ActionModal project={d} b={acting.b} action={acting.action} onClose={() => setActing(null)} />}
    </Space>
  );
}

interface ProjectValues {
  orgId: number;
  program: AidProgram;
  year: number;
  title: string;
  funds: string;
}

function ProjectModal({ orgId, year, onClose, onCreated }: { orgId: number; year: number; onClose(): void; onCreated(id: number): void }) {
  const [form] = Form.useForm<ProjectValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = async (v: ProjectValues) => {
    await run(async () => {
      const p = await call(o.createAidProject, { body: { orgId: v.orgId, program: v.program, year: v.year, title: v.title, fundsRaisedFen: fenOf(v.funds) } });
      message.success(`已登记“${v.title}”`);
      await refresh();
      onClose();
      onCreated(p.id);
    });
  };
  return (
    <Modal open title="登记帮扶项目" okText="登记" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, year, program: 'hope_project' }}>
        <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="program" label="项目类别" rules={[{ required: true, message: '请选择项目类别' }]}>
            <Select style={{ width: 180 }} options={AID_PROGRAMS.map((p) => ({ value: p, label: AID_PROGRAM_LABELS[p] }))} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={1950} max={2100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }, { min: 2, message: '项目名称至少2个字' }]}>
          <Input maxLength={100} placeholder="如：2026年希望工程助学行动" />
        </Form.Item>
        <Form.Item name="funds" label="募集资金" rules={yuanRules('募集资金')} extra="以元为单位，最多两位小数">
          <YuanInput style={{ width: 220 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditProjectModal({ project, onClose }: { project: Detail; onClose(): void }) {
  const [form] = Form.useForm<{ title: string; funds: string }>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const funds = Form.useWatch('funds', form);
  const fen = funds ? yuanToFen(funds) : null;
  const problems = fen === null ? [] : fundsRaisedProblems(fen, project.committedFen);
  const submit = async (v: { title: string; funds: string }) => {
    await run(async () => {
      await call(o.updateAidProject, { params: { id: project.id }, body: { title: v.title, fundsRaisedFen: fenOf(v.funds) } });
      message.success('已保存');
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title="修改帮扶项目" okText="保存" confirmLoading={saving} okButtonProps={{ disabled: problems.length > 0 }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: project.title, funds: yuanText(project.fundsRaisedFen) }}>
        <Form.Item name="title" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="funds" label="募集资金" rules={yuanRules('募集资金')} extra={`已安排资助 ${formatFen(project.committedFen)} 元，募集资金不得少于此数`}>
          <YuanInput style={{ width: 220 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface BeneficiaryValues {
  name: string;
  idNumber: string;
  school?: string;
  amount: string;
}

function BeneficiaryModal({ project, onClose }: { project: Detail; onClose(): void }) {
  const [form] = Form.useForm<BeneficiaryValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const amount = Form.useWatch('amount', form);
  const fen = amount ? yuanToFen(amount) : null;
  const problems = fen === null || fen <= 0 ? [] : beneficiaryAmountProblems(fen, project);
  const submit = async (v: BeneficiaryValues) => {
    await run(async () => {
      await call(o.addBeneficiary, { params: { id: project.id }, body: { name: v.name, idNumber: v.idNumber, school: v.school || null, amountFen: fenOf(v.amount) } });
      message.success(`已登记受助人 ${v.name}`);
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title={`登记受助人：${project.title}`} okText="登记" confirmLoading={saving} okButtonProps={{ disabled: problems.length > 0 }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        同一人同一年度在{AID_PROGRAM_LABELS[project.program]}项目中只能受助一次；项目结余 {formatFen(project.fundsRaisedFen - project.committedFen)} 元。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Space wrap align="start">
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }, { min: 2, message: '姓名至少2个字' }]}>
            <Input maxLength={30} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }, idNumberRule]}>
            <IdNumberInput />
          </Form.Item>
        </Space>
        <Form.Item name="school" label="就读学校">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="amount" label="资助金额" rules={yuanRules('资助金额', { positive: true })} extra="以元为单位，最多两位小数">
          <YuanInput style={{ width: 220 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActionModal({ project, b, action, onClose }: { project: Detail; b: Beneficiary; action: 'pay' | 'cancel'; onClose(): void }) {
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit();
  const [paidOn, setPaidOn] = useState<Dayjs | null>(defaultDateIn(project.year));
  const [reason, setReason] = useState('');
  const problems = beneficiaryActionProblems(b.status, action, { on: paidOn ? ymd(paidOn) : undefined, today: chinaToday() });
  const submit = async () => {
    await run(async () => {
      if (action === 'pay') await call(o.payBeneficiary, { params: { id: b.id }, body: { paidOn: paidOn ? ymd(paidOn) : '' } });
      else await call(o.cancelBeneficiary, { params: { id: b.id }, body: { reason } });
      message.success(action === 'pay' ? `已登记 ${b.name} 的资助款发放` : `已取消 ${b.name} 的资助`);
      await refresh();
      onClose();
    });
  };
  return (
    <Modal
      open
      title={action === 'pay' ? `登记发放：${b.name}` : `取消资助：${b.name}`}
      okText={action === 'pay' ? '确认已发放' : '确认取消'}
      okButtonProps={{ danger: action === 'cancel', disabled: problems.length > 0 || (action === 'pay' ? !paidOn : reason.trim().length < 2) }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        资助金额 <Yuan fen={b.amountFen} />，{b.school ?? ''}
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      {action === 'pay' ? (
        <Space>
          发放日期 <DatePicker value={paidOn} onChange={setPaidOn} disabledDate={notAfterToday()} />
        </Space>
      ) : (
        <Input.TextArea rows={3} maxLength={200} placeholder="取消原因（至少2个字）" value={reason} onChange={(e) => setReason(e.target.value)} />
      )}
    </Modal>
  );
}
