import { CalendarOutlined, ImportOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import {
  GRADUATE_DESTINATIONS,
  GRADUATE_DESTINATION_LABELS,
  GRADUATE_STATES,
  GRADUATE_STATE_LABELS,
  TRANSFER_INITIATOR_LABELS,
  TRANSFER_KINDS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
  api,
  currentGraduationYear,
  graduateTransferProblems,
  graduationYearProblems,
  isBranchType,
  isTempGraduateBranchName,
  type GraduateDestination,
  type GraduateState,
  type TransferKind,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ToolTabs } from '../../components/ToolTabs';
import { call } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import type { OrgSummary } from '../../components/useLazyOrgTree';
import { LoadError } from '../../components/PageState';
import { PageHeader, Problems, Refusal, YearSelect, useDialogSubmit, useScopeOrg, useYearParam, listPagination } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { chinaToday } from '../../lib/people';
import { DirectorySelect, INCOMING_EXPLAINED } from '../membership/TransferDialogs';
import { useRefreshGraduates, useSearchValue } from './shared';
import { IdNumberNameFields } from '../../components/IdNumberNameFields';
import { useFocusedRow } from '../../components/useRecordParam';

const d = api.dailyWork;
type ClassItem = api.ResponseOf<typeof d.listGraduateClasses>['classes'][number];
type Graduate = api.dailyWork.GraduateItem;
type Overdue = api.ResponseOf<typeof d.listOverdueTransfers>['items'][number];
type DirectoryEntry = api.ResponseOf<typeof api.membership.searchOrgDirectory>[number];

const STATE_COLORS: Record<GraduateState, string> = { not_started: 'default', pending: 'processing', escalated: 'warning', transferred: 'success', held: 'purple', lost: 'error' };
const SHORT_STATE: Record<GraduateState, string> = { not_started: '未办理', pending: '转接中', escalated: '逾期上报', transferred: '已转出', held: '托管', lost: '失联' };
/** States in which the sending side (re)starts a transfer. */
const STARTABLE: readonly GraduateState[] = ['not_started', 'lost', 'held'];

/**
 * 学社衔接: graduating classes and where each graduate's membership goes
 * (work unit, community, further study, or held in the county's temporary
 * graduates' branch), transfers past their deadline escalated to the level
 * above, and the counts transferred / pending / lost.
 */
export default function GraduatesPage() {
  const { orgId, setOrg, search } = useScopeOrg();
  const [yearParam, setYear] = useYearParam();
  const year = search.has('year') ? yearParam : currentGraduationYear(chinaToday());
  const [tab, setTab] = useSearchValue<'classes' | 'overdue'>('tab', 'classes', ['classes', 'overdue']);
  const canWrite = useCan('membership:write');
  const canEdit = useCan('org:edit');
  const rules = useRules();
  const [dialog, setDialog] = useState<'year' | 'incoming' | null>(null);
  const [state, setState] = useState<GraduateState | undefined>();
  const list = useApi(d.listGraduateClasses, { query: { under: orgId ?? undefined, year } }, { enabled: !!orgId });
  const org = useApi(api.orgs.getOrg, orgId ? { params: { id: orgId } } : undefined, { enabled: !!orgId });
  // The temporary graduates' branch itself (opened from the reminder): its members, to transfer on once a destination is known.
  const isTemp = !!org.data && isBranchType(org.data.type) && isTempGraduateBranchName(org.data.name);
  const t = list.data?.totals;
  const temp = list.data?.tempBranch;

  return (
    <div>
      <PageHeader title="学社衔接" orgId={orgId} onOrg={setOrg}>
        <YearSelect value={year} onChange={setYear} back={5} forward={1} />
        {canEdit && (
          <Button icon={<CalendarOutlined />} onClick={() => setDialog('year')}>
            标注毕业年份
          </Button>
        )}
        {canWrite && (
          <Button icon={<ImportOutlined />} onClick={() => setDialog('incoming')}>
            接收毕业生
          </Button>
        )}
      </PageHeader>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {!isTemp && (
            <Card style={{ marginBottom: 16 }}>
              <Row gutter={[16, 16]}>
                <Col xs={12} sm={6} md={3}>
                  <Statistic title={`${year}届毕业生团员`} value={t?.graduates ?? 0} suffix="人" data-testid="grad-total" />
                </Col>
                {(['transferred', 'pending', 'escalated', 'held', 'not_started', 'lost'] as const).map((s) => (
                  <Col xs={12} sm={6} md={3} key={s}>
                    <Statistic
                      title={GRADUATE_STATE_LABELS[s]}
                      value={t?.[s] ?? 0}
                      suffix="人"
                      data-testid={`grad-${s}`}
                      styles={{ content: { color: s === 'lost' && t?.lost ? '#cf1322' : s === 'escalated' && t?.escalated ? '#d48806' : s === 'transferred' ? '#3a9d5d' : undefined } }}
                    />
                  </Col>
                ))}
                <Col xs={24} md={3} style={{ display: 'flex', alignItems: 'center' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    转接中 = 待接收方办理；超过{rules?.dailyWork.graduateTransferDueDays ?? '规定'}天未办理的逐级上报
                  </Typography.Text>
                </Col>
              </Row>
            </Card>
          )}
          {temp && (
            <Alert
              type={temp.overdue ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="temp-branch-reminder"
              title={`${temp.name}托管 ${temp.members} 名去向不明的毕业生团员${temp.overdue ? `，其中 ${temp.overdue} 人托管超过${rules?.dailyWork.graduateTransferDueDays ?? ''}天仍未落实去向` : ''}`}
              description="请联系本人落实工作单位、居住地社区或升学学校，并从临时团支部办理转出；长期无法联系的按失联团员处理。"
              action={
                <Space orientation="vertical" size={4}>
                  {!isTemp && <Link to={`/daily/graduates?org=${temp.id}`}>办理托管人员转接</Link>}
                  <Link to={`/orgs/${temp.id}`}>查看临时团支部</Link>
                </Space>
              }
            />
          )}
        </>
      )}
      <Card>
        <ToolTabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'classes' | 'overdue')}
          destroyOnHidden
          tools={
            tab === 'classes' ? (
              <Space wrap>
                <Select
                  allowClear
                  placeholder="全部转接情况"
                  style={{ width: 150 }}
                  value={state}
                  onChange={setState}
                  options={GRADUATE_STATES.map((s) => ({ value: s, label: GRADUATE_STATE_LABELS[s] }))}
                />
                <ExportButton contract={d.exportGraduates} input={{ query: { under: orgId ?? undefined, year, state } }} fileName="毕业生转接名单.xlsx" />
              </Space>
            ) : null
          }
          items={[
            {
              key: 'classes',
              label: isTemp ? '托管人员' : '毕业班',
              children: isTemp ? (
                <ClassGraduates classId={orgId!} state={state} graduationYear={null} />
              ) : (
                <ClassesTab classes={list.data?.classes ?? []} loading={list.isFetching} year={year} state={state} />
              ),
            },
            { key: 'overdue', label: '逾期转接', children: orgId ? <OverdueTab under={orgId} /> : null },
          ]}
        />
      </Card>
      {dialog === 'year' && <GraduationYearModal defaultYear={year} onClose={() => setDialog(null)} />}
      {dialog === 'incoming' && <IncomingModal onClose={() => setDialog(null)} />}
    </div>
  );
}

function ClassesTab({ classes, loading, year, state }: { classes: ClassItem[]; loading: boolean; year: number; state?: GraduateState }) {
  return (
    <div>
      <Typography.Paragraph type="secondary">
        标注了毕业年份的学校班级团支部。展开班级可勾选毕业生发起转接（转出方发起）；接收方在
        <Link to="/membership/transfers?tab=in">组织关系转接 · 转入</Link>中接收，也可以用“接收毕业生”按身份证号申请转入；团员本人可在团员自助中申请。
      </Typography.Paragraph>
      <Table<ClassItem>
        rowKey="orgId"
        size="middle"
        data-testid="graduate-classes"
        loading={loading}
        dataSource={classes}
        pagination={false}
        locale={{ emptyText: `没有${year}年毕业的班级团支部（可用“标注毕业年份”标注学校的班级团支部）` }}
        expandable={{ expandedRowRender: (c) => <ClassGraduates classId={c.orgId} state={state} graduationYear={c.graduationYear} />, expandRowByClick: false }}
        columns={[
          { title: '班级团支部', dataIndex: 'name', render: (n: string, c) => <Link to={`/orgs/${c.orgId}`}>{n}</Link> },
          { title: '毕业年份', dataIndex: 'graduationYear', width: 90 },
          { title: '仍在班', dataIndex: 'inClass', width: 80, align: 'right' },
          { title: '毕业生', dataIndex: 'graduates', width: 80, align: 'right' },
          ...(['transferred', 'pending', 'escalated', 'held', 'not_started', 'lost'] as const).map((s) => ({
            title: <Tooltip title={GRADUATE_STATE_LABELS[s]}>{SHORT_STATE[s]}</Tooltip>,
            key: s,
            width: 78,
            align: 'right' as const,
            render: (_: unknown, c: ClassItem) => (c.counts[s] ? <Tag color={STATE_COLORS[s]}>{c.counts[s]}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
          })),
        ]}
      />
    </div>
  );
}

/** The graduates of one class (or of the temporary branch) with their transfers; the sending side starts transfers for those chosen. */
function ClassGraduates({ classId, state, graduationYear }: { classId: number; state?: GraduateState; graduationYear: number | null }) {
  const canWrite = useCan('membership:write');
  const list = useApi(d.listClassGraduates, { params: { id: classId } });
  const [selected, setSelected] = useState<Graduate[]>([]);
  const [open, setOpen] = useState(false);
  const items = (list.data?.items ?? []).filter((g) => !state || g.state === state);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div style={{ padding: '4px 0' }}>
      {canWrite && (
        <Space style={{ marginBottom: 8 }}>
          <Button type="primary" size="small" icon={<SendOutlined />} disabled={!selected.length} onClick={() => setOpen(true)}>
            发起转接{selected.length ? `（${selected.length}人）` : ''}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            可勾选未办理、失联或临时托管的毕业生；去向不明的转入县毕业生临时团支部托管
          </Typography.Text>
        </Space>
      )}
      <Table<Graduate>
        rowKey="personId"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        rowSelection={
          canWrite
            ? {
                selectedRowKeys: selected.map((g) => g.personId),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (g) => ({ disabled: !startable(g) }),
              }
            : undefined
        }
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 180, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: '转接情况', dataIndex: 'state', width: 120, render: (s: GraduateState) => <Tag color={STATE_COLORS[s]}>{GRADUATE_STATE_LABELS[s]}</Tag> },
          { title: '去向', key: 'dest', width: 130, render: (_, g) => (g.transfer?.destination ? GRADUATE_DESTINATION_LABELS[g.transfer.destination] : '—') },
          { title: '转入组织', key: 'to', render: (_, g) => g.transfer?.toOrgName ?? (g.transfer ? <Typography.Text type="secondary">（其他组织）</Typography.Text> : '—') },
          {
            title: '办理',
            key: 'progress',
            width: 260,
            render: (_, g) => {
              const t = g.transfer;
              if (!t) return <Typography.Text type="secondary">尚未发起</Typography.Text>;
              return (
                <div style={{ fontSize: 12 }}>
                  <div>
                    {t.requestedOn} 发起 · {TRANSFER_STATUS_LABELS[t.status]}
                    {t.decidedOn && `（${t.decidedOn}）`}
                  </div>
                  {t.status === 'pending' && t.dueOn && <div>办理时限 {t.dueOn}</div>}
                  {t.escalatedOn && (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {t.escalatedOn} 逾期上报{t.escalatedToOrgName ? `至${t.escalatedToOrgName}` : ''}
                    </Typography.Text>
                  )}
                </div>
              );
            },
          },
        ]}
      />
      {open && <StartTransferModal graduates={selected} graduationYear={graduationYear ?? list.data?.graduationYear ?? null} onClose={() => setOpen(false)} onDone={() => (setOpen(false), setSelected([]))} />}
    </div>
  );
}

function startable(g: Graduate) {
  return STARTABLE.includes(g.state) && g.transfer?.status !== 'pending';
}

interface StartValues {
  destination: GraduateDestination;
  target?: DirectoryEntry | null;
  reason?: string;
}

/** 发起转接 for graduates: to a branch found in the directory, or held in the temporary graduates' branch. */
function StartTransferModal({ graduates, graduationYear, onClose, onDone }: { graduates: Graduate[]; graduationYear: number | null; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<StartValues>();
  const { message } = App.useApp();
  const refresh = useRefreshGraduates();
  const { saving, refusal, run } = useDialogSubmit(form);
  const destination = Form.useWatch('destination', form) as GraduateDestination | undefined;
  const target = Form.useWatch('target', form) as DirectoryEntry | null | undefined;
  const problems = destination
    ? [
        ...new Set(
          graduates.flatMap((g) =>
            graduateTransferProblems({ name: g.name, memberStatus: 'active', inGraduatingClass: true, graduationYear, destination, hasTarget: destination === 'unknown' || !!target, today: chinaToday() }),
          ),
        ),
      ].filter((p) => destination === 'unknown' || target || !p.startsWith('请选择转入组织'))
    : [];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const unknown = v.destination === 'unknown';
      const res = await call(d.startGraduateTransfers, {
        body: {
          personIds: graduates.map((g) => g.personId),
          destination: v.destination,
          toOrgId: unknown ? undefined : v.target!.id,
          toOrgName: unknown ? undefined : v.target!.name,
          reason: v.reason?.trim() || undefined,
        },
      });
      await refresh();
      message.success(res.held ? `已转入临时团支部托管 ${res.held} 人` : `已发起 ${res.created} 人的转接，等待转入组织接收`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title={`发起毕业生转接（${graduates.length}人）`}
      okText="发起转接"
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <div style={{ marginBottom: 12 }}>
        {graduates.map((g) => (
          <Tag key={g.personId}>{g.name}</Tag>
        ))}
      </div>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ destination: 'work' }}>
        <Form.Item name="destination" label="去向" rules={[{ required: true, message: '请选择去向' }]}>
          <Radio.Group optionType="button" options={GRADUATE_DESTINATIONS.map((x) => ({ value: x, label: GRADUATE_DESTINATION_LABELS[x] }))} />
        </Form.Item>
        {destination === 'unknown' ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="去向不明的毕业生转入县毕业生临时团支部托管，落实去向后再从临时团支部转出。" />
        ) : (
          <Form.Item
            name="target"
            label="转入组织"
            rules={[{ required: true, message: '请查找并选择转入的团支部' }]}
            extra="工作单位、居住地村（社区）或升学学校的团支部；在全部在用的团组织中按名称查找。"
          >
            <DirectorySelect />
          </Form.Item>
        )}
        <Form.Item name="reason" label="说明" rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="选填，如：已在县城某公司就业" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 标注毕业年份 of a school class branch (or clear it). */
function GraduationYearModal({ defaultYear, onClose }: { defaultYear: number; onClose(): void }) {
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const [year, setYear] = useState<number | null>(defaultYear);
  const { message } = App.useApp();
  const refresh = useRefreshGraduates();
  const { saving, refusal, run } = useDialogSubmit();
  const problems = org ? graduationYearProblems({ isBranch: isBranchType(org.type), sector: org.sector, year, today: chinaToday() }) : [];
  const submit = async () => {
    if (!org) return;
    await run(async () => {
      await call(d.setGraduationYear, { params: { id: org.id }, body: { graduationYear: year } });
      await refresh();
      message.success(year ? `已标注：${org.name} ${year}年毕业` : `已清除${org.name}的毕业年份`);
      onClose();
    });
  };
  return (
    <Modal open title="标注毕业年份" okText="保存" cancelText="取消" okButtonProps={{ disabled: !org || problems.length > 0 }} confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={560}>
      <Typography.Paragraph type="secondary">学校的班级团支部标注毕业年份后，到毕业季列入学社衔接，毕业生团员逐一办理转接。</Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form layout="vertical">
        <Form.Item label="班级团支部" required>
          <OrgTreeSelect value={org?.id ?? null} onChange={(_, o) => setOrg(o ?? null)} selectable={(o) => isBranchType(o.type) && o.sector === 'school'} placeholder="选择学校的班级团支部" />
        </Form.Item>
        <Form.Item label="毕业年份" extra="清空表示不是毕业班">
          <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => setYear(v ?? null)} addonAfter="年" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface IncomingValues {
  idNumber: string;
  personName: string;
  toOrgId: number;
  destination: 'work' | 'community' | 'study';
  reason?: string;
}

/** 接收毕业生: the receiving side asks for a graduate by ID number; the class's organization agrees (or, overdue, the committee above both) — the same request as 申请转入. */
function IncomingModal({ onClose }: { onClose(): void }) {
  const account = useAccount();
  const [form] = Form.useForm<IncomingValues>();
  const { message, modal } = App.useApp();
  const refresh = useRefreshGraduates();
  const { saving, refusal, run } = useDialogSubmit(form);
  const branchScope = account.scopeOrgType && isBranchType(account.scopeOrgType) ? account.scopeOrgId : undefined;
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const answer = await call(d.requestIncomingGraduate, {
        body: { idNumber: v.idNumber.trim().toUpperCase(), personName: v.personName.trim(), toOrgId: v.toOrgId, destination: v.destination, reason: v.reason?.trim() || undefined },
      });
      await refresh();
      if (answer.transfer) message.success(answer.message);
      else modal.info({ title: '转入申请已发出', content: answer.message, okText: '知道了' });
      onClose();
    });
  };
  return (
    <Modal
      open
      title="接收毕业生（接收方发起）"
      okText="申请转入"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Typography.Paragraph type="secondary">毕业生到本单位就业、回本村（社区）居住或到本校升学的，按身份证号和姓名申请将其组织关系转入。</Typography.Paragraph>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="转入申请须经毕业班所在组织同意" description={INCOMING_EXPLAINED} />
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ toOrgId: branchScope, destination: 'work' }}>
        <IdNumberNameFields />
        <Form.Item name="toOrgId" label="转入团支部" rules={[{ required: true, message: '请选择转入的团支部' }]}>
          <OrgTreeSelect selectable={(o) => isBranchType(o.type)} placeholder="请选择本组织的团支部" />
        </Form.Item>
        <Form.Item name="destination" label="去向" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['work', 'community', 'study'] as const).map((x) => ({ value: x, label: GRADUATE_DESTINATION_LABELS[x] }))} />
        </Form.Item>
        <Form.Item name="reason" label="说明" rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 逾期转接: transfers not handled by their due date, escalated level by level (never approved or dropped silently). */
function OverdueTab({ under }: { under: number }) {
  const canWrite = useCan('membership:write');
  const focused = useFocusedRow('transfer');
  const [kind, setKind] = useState<TransferKind | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useApi(d.listOverdueTransfers, { query: { under, kind, page, pageSize } });
  const { message } = App.useApp();
  const showError = useShowError();
  const refresh = useRefreshGraduates();
  const [checking, setChecking] = useState(false);
  const check = async () => {
    setChecking(true);
    try {
      const r = await call(d.escalateTransfers, { body: { under } });
      await refresh();
      message.success(`已检查 ${r.checked} 件待办转接，新上报 ${r.escalated} 件`);
    } catch (err) {
      showError(err);
    } finally {
      setChecking(false);
    }
  };
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder="全部类别"
            style={{ width: 140 }}
            value={kind}
            onChange={(v) => (setKind(v), setPage(1))}
            options={TRANSFER_KINDS.map((k) => ({ value: k, label: TRANSFER_KIND_LABELS[k] }))}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            超过办理时限仍未接收或退回的转接，逐级上报上一级团委督办；仍由接收方办理。
          </Typography.Text>
        </Space>
        <Space>
          {canWrite && (
            <Tooltip title="列表打开时会自动检查；也可手动检查一次">
              <Button icon={<ReloadOutlined />} loading={checking} onClick={() => void check()}>
                检查时限
              </Button>
            </Tooltip>
          )}
          <ExportButton contract={d.exportOverdueTransfers} input={{ query: { under, kind } }} fileName="逾期转接.xlsx" />
        </Space>
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Overdue>
          rowKey="id"
          size="middle"
          data-testid="overdue-transfers"
          rowClassName={focused}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有逾期未办理的转接' }}
          scroll={{ x: 1100 }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '件')}
          columns={[
            {
              title: '姓名',
              dataIndex: 'personName',
              width: 150,
              render: (n: string, t) => (
                <div>
                  {n}
                  <div style={{ fontSize: 12, color: '#8c8c8c', fontFamily: 'monospace' }}>{t.personIdMasked}</div>
                </div>
              ),
            },
            { title: '类别', dataIndex: 'kind', width: 100, render: (k: TransferKind) => <Tag>{TRANSFER_KIND_LABELS[k]}</Tag> },
            {
              title: '转出 → 转入',
              key: 'route',
              render: (_, t) => (
                <div>
                  <div>{t.fromOrgName ?? '（其他组织）'}</div>
                  <div>
                    <Typography.Text type="secondary">→ </Typography.Text>
                    {t.toOrgName ?? '（其他组织）'}
                  </div>
                </div>
              ),
            },
            { title: '发起', dataIndex: 'initiatedBy', width: 110, render: (v: Overdue['initiatedBy']) => TRANSFER_INITIATOR_LABELS[v] },
            { title: '申请日期', dataIndex: 'requestedOn', width: 104 },
            { title: '办理时限', dataIndex: 'dueOn', width: 104 },
            { title: '逾期', dataIndex: 'daysLate', width: 80, render: (v: number) => <Typography.Text type="danger">{v}天</Typography.Text> },
            {
              title: '已上报至',
              key: 'escalated',
              width: 220,
              render: (_, t) => (t.escalatedToOrgName ? `${t.escalatedToOrgName}（${t.escalatedOn}）` : t.escalatedOn ? `上级团委（${t.escalatedOn}）` : '—'),
            },
          ]}
        />
      )}
    </div>
  );
}
