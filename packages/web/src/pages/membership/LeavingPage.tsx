import { DownloadOutlined, ReloadOutlined, UserDeleteOutlined } from '@ant-design/icons';
import {
  DECIDED_LEAVING_KINDS,
  GENDER_LABELS,
  LEAVING_KINDS,
  MEMBERSHIP_EVENT_KINDS,
  MEMBERSHIP_EVENT_LABELS,
  REINSTATEMENT_POLICY,
  api,
  leavingProblems,
  reinstatementProblems,
  type DecidedLeavingKind,
  type LeavingKind,
  type MembershipEventKind,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { call, download } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { chinaToday } from '../../lib/people';
import {
  crossPageSelection,
  peoplePagination,
  MemberSelect,
  PageHeader,
  PersonName,
  Problems,
  Refusal,
  YearSelect,
  factsOf,
  notAfterToday,
  thisYear,
  todayDayjs,
  useRefreshMembership,
  useScopeOrg,
  useYearParam,
  ymd,
  type PersonItem,
} from './shared';

type DueItem = api.ResponseOf<typeof api.membership.listDueToLeave>['items'][number];
type MembershipEvent = api.membership.MembershipEvent;

export const EVENT_COLORS: Record<MembershipEventKind, string> = {
  over_age: 'default',
  voluntary: 'orange',
  struck_off: 'volcano',
  expelled: 'red',
  revoked: 'magenta',
  reinstated: 'green',
};

/** What each decided way of leaving means, shown when choosing it. */
const KIND_HINTS: Record<DecidedLeavingKind, string> = {
  voluntary: '团员本人书面申请退团，经支部团员大会讨论同意，报上级团委备案。',
  struck_off: '无正当理由连续6个月不参加团的组织生活、不交纳团费、不做团组织分配的工作，经教育仍不改正的，予以除名。',
  expelled: '严重违反团的纪律或违法犯罪的，经支部团员大会讨论决定，报上级团委批准，开除团籍。',
};

/** The approver by default: the caller's committee, as the league signs these decisions. */
function useDefaultApprover() {
  const account = useAccount();
  const name = account.scopeOrgName;
  return name && name.length <= 30 ? name : account.displayName;
}

/** 离团管理: members reaching the age limit (batch 超龄离团), single leaving decisions, 恢复团籍, and the history. */
export default function LeavingPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const canApprove = useCan('membership:approve');
  const tab = search.get('tab') === 'events' ? 'events' : 'due';
  const [leaving, setLeaving] = useState(false);
  const setTab = (t: string) => {
    const next = new URLSearchParams(search);
    if (t === 'due') next.delete('tab');
    else next.set('tab', t);
    setSearch(next, { replace: true });
  };

  return (
    <div>
      <PageHeader title="离团管理" orgId={orgId} onOrg={setOrg}>
        {canApprove && (
          <Button icon={<UserDeleteOutlined />} onClick={() => setLeaving(true)}>
            办理退团/除名/开除团籍
          </Button>
        )}
      </PageHeader>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'due', label: '到龄团员', children: orgId ? <DueTab orgId={orgId} /> : <PageLoading /> },
            { key: 'events', label: '团籍变动记录', children: orgId ? <EventsTab orgId={orgId} /> : <PageLoading /> },
          ]}
        />
      </Card>
      {leaving && <LeaveModal orgId={orgId} onClose={() => setLeaving(false)} onDone={() => (setLeaving(false), setTab('events'))} />}
    </div>
  );
}

function DueTab({ orgId }: { orgId: number }) {
  const [year, setYear] = useYearParam();
  const canApprove = useCan('membership:approve');
  const showError = useShowError();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<Map<number, DueItem>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const due = useApi(api.membership.listDueToLeave, { query: { year, under: orgId, page, pageSize } });
  const today = chinaToday();
  const limit = due.data?.ageLimit;

  /** Why a member cannot be selected for 超龄离团 today (null = can). */
  const blocked = (d: DueItem) => (d.pendingTransfer ? '组织关系转接办理中，请先办结' : d.reachesOn > today ? `${d.reachesOn}年满${limit ?? ''}周岁，届时方可办理` : null);

  const exportList = async () => {
    setExporting(true);
    try {
      message.success(`已导出：${await download(api.membership.exportDueToLeave, { query: { year, under: orgId } }, `${year}年度到龄团员名单.xlsx`)}`);
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space wrap>
          <YearSelect value={year} onChange={(y) => (setYear(y), setPage(1), setSelected(new Map()))} forward={1} />
          <Typography.Text type="secondary">
            {year}年内年满{limit ?? '—'}周岁（含往年到龄未办理）的在册团员；担任团内职务的可保留团籍至任期届满，不必办理。
          </Typography.Text>
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void due.refetch()}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()}>
            导出Excel
          </Button>
        </Space>
      </Space>
      {canApprove && (
        <Space style={{ marginBottom: 12 }} data-testid="batch-bar">
          <Typography.Text type={selected.size ? undefined : 'secondary'}>{selected.size ? `已选 ${selected.size} 人` : '勾选已到龄的团员后批量办理：'}</Typography.Text>
          <Button type="primary" danger disabled={!selected.size} onClick={() => setConfirming(true)}>
            办理超龄离团
          </Button>
        </Space>
      )}
      {due.error ? (
        <LoadError error={due.error} onRetry={() => void due.refetch()} />
      ) : (
        <Table<DueItem>
          rowKey="personId"
          data-testid="due-table"
          loading={due.isFetching}
          dataSource={due.data?.items ?? []}
          rowSelection={canApprove ? crossPageSelection(due.data?.items ?? [], selected, setSelected, (d) => ({ disabled: !!blocked(d) })) : undefined}
          pagination={peoplePagination(page, pageSize, due.data?.total ?? 0, (pg, size) => { setPage(pg); setPageSize(size); })}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 110, render: (n: string, d) => <PersonName id={d.personId} name={n} /> },
            { title: '性别', dataIndex: 'gender', width: 60, render: (g: 'male' | 'female') => GENDER_LABELS[g] },
            { title: '出生日期', dataIndex: 'birthDate', width: 110 },
            {
              title: `年满${limit ?? ''}周岁日期`,
              dataIndex: 'reachesOn',
              width: 200,
              render: (v: string, d) => (
                <Space size={4}>
                  <span>{v}</span>
                  {d.overdue && <Tag color="red">往年到龄未办理</Tag>}
                </Space>
              ),
            },
            { title: '团员编号', dataIndex: 'memberNo', width: 170, render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace' }}>{v}</span> : '—') },
            { title: '入团日期', dataIndex: 'joinedOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '所在团组织', dataIndex: 'orgName', ellipsis: true },
            {
              title: '办理条件',
              key: 'state',
              width: 150,
              render: (_: unknown, d) => {
                const why = blocked(d);
                if (!why) return <Tag color="success">可办理</Tag>;
                return (
                  <Tooltip title={why}>
                    <Tag color={d.pendingTransfer ? 'processing' : 'default'}>{d.pendingTransfer ? '转接办理中' : '尚未到龄'}</Tag>
                  </Tooltip>
                );
              },
            },
          ]}
        />
      )}
      {confirming && (
        <OverAgeModal
          people={[...selected.values()]}
          ageLimit={limit ?? 28}
          onClose={() => setConfirming(false)}
          onDone={() => (setConfirming(false), setSelected(new Map()))}
        />
      )}
    </div>
  );
}

interface DecisionValues {
  onDate: Dayjs;
  approvedBy: string;
  reason?: string;
}

/** Confirms the batch 超龄离团 for the selected members. */
function OverAgeModal({ people, ageLimit, onClose, onDone }: { people: DueItem[]; ageLimit: number; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<DecisionValues>();
  const rules = useRules();
  const approver = useDefaultApprover();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const onDate = Form.useWatch('onDate', form);
  const today = chinaToday();
  const problems =
    rules && onDate
      ? people.flatMap((p) =>
          leavingProblems({ name: p.name, memberStatus: 'active', birthDate: p.birthDate, joinedOn: p.joinedOn }, 'over_age', ymd(onDate), {
            today,
            rules,
            hasPendingTransfer: p.pendingTransfer,
          }),
        )
      : [];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const result = await call(api.membership.leaveOverAge, { body: { personIds: people.map((p) => p.personId), onDate: ymd(v.onDate), approvedBy: v.approvedBy.trim() } });
      await refresh();
      message.success(`已为 ${result.count} 名团员办理超龄离团`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title={`办理超龄离团（${people.length}人）`}
      okText="确认办理超龄离团"
      okButtonProps={{ danger: true, disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`以下团员年满${ageLimit}周岁，将办理超龄离团`}
        description={
          <>
            <div>{people.map((p) => p.name).join('、')}</div>
            <div style={{ marginTop: 4 }}>办理后团籍状态变为“已离团”，不再参加团籍注册和教育评议；超龄离团不能恢复团籍。</div>
          </>
        }
      />
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ onDate: todayDayjs(), approvedBy: approver }}>
        <Space size={16} align="start">
          <Form.Item name="onDate" label="离团日期" rules={[{ required: true, message: '请选择离团日期' }]}>
            <DatePicker allowClear={false} disabledDate={notAfterToday()} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="approvedBy" label="批准人（批准的团组织）" rules={[{ required: true, whitespace: true, message: '请填写批准人' }, { min: 2 }, { max: 30 }]}>
            <Input style={{ width: 300 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

interface LeaveValues extends DecisionValues {
  personId: number;
  kind: DecidedLeavingKind;
  reason: string;
}

/** 退团 / 除名 / 开除团籍 of one member, with reason, date and approver. */
function LeaveModal({ orgId, onClose, onDone }: { orgId: number | null; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<LeaveValues>();
  const rules = useRules();
  const approver = useDefaultApprover();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const [person, setPerson] = useState<PersonItem | undefined>();
  const kind = Form.useWatch('kind', form) as DecidedLeavingKind | undefined;
  const onDate = Form.useWatch('onDate', form);
  // A pending transfer blocks leaving: look for one of this person.
  const transfers = useApi(
    api.membership.listTransfers,
    person ? { query: { direction: 'all', status: 'pending', q: person.name, pageSize: 50 } } : undefined,
    { enabled: !!person },
  );
  const hasPendingTransfer = !!person && !!transfers.data?.items.some((t) => t.personId === person.id);
  const problems = person && kind && onDate && rules ? leavingProblems(factsOf(person), kind, ymd(onDate), { today: chinaToday(), rules, hasPendingTransfer }) : [];
  const policy = kind ? REINSTATEMENT_POLICY[kind] : null;

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const event = await call(api.membership.recordLeaving, {
        params: { id: v.personId },
        body: { kind: v.kind, reason: v.reason.trim(), onDate: ymd(v.onDate), approvedBy: v.approvedBy.trim() },
      });
      await refresh();
      message.success(`已为${event.personName}办理${MEMBERSHIP_EVENT_LABELS[event.kind]}`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title="办理退团、除名或开除团籍"
      okText={kind ? `确认${MEMBERSHIP_EVENT_LABELS[kind]}` : '确认办理'}
      okButtonProps={{ danger: true, disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ kind: 'voluntary', onDate: todayDayjs(), approvedBy: approver }}>
        <Form.Item name="personId" label="团员" rules={[{ required: true, message: '请选择团员' }]}>
          <MemberSelect under={orgId} onChange={(_, p) => setPerson(p)} />
        </Form.Item>
        <Form.Item name="kind" label="离团方式" rules={[{ required: true }]} extra={kind ? KIND_HINTS[kind] : undefined}>
          <Radio.Group optionType="button" options={DECIDED_LEAVING_KINDS.map((k) => ({ value: k, label: MEMBERSHIP_EVENT_LABELS[k] }))} />
        </Form.Item>
        {policy && (
          <Alert
            type={policy.allowed ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            title={policy.allowed ? `${MEMBERSHIP_EVENT_LABELS[kind!]}后，未超龄的可以恢复团籍。` : `${policy.why}，请慎重办理。`}
          />
        )}
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '原因至少2个字' }, { max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="事实和依据，及支部团员大会讨论情况" />
        </Form.Item>
        <Space size={16} align="start">
          <Form.Item name="onDate" label="离团日期" rules={[{ required: true, message: '请选择离团日期' }]}>
            <DatePicker allowClear={false} disabledDate={notAfterToday(person?.joinedOn)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="approvedBy" label="批准人（批准的团组织）" rules={[{ required: true, whitespace: true, message: '请填写批准人' }, { min: 2 }, { max: 30 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function EventsTab({ orgId }: { orgId: number }) {
  const canApprove = useCan('membership:approve');
  const [kind, setKind] = useState<MembershipEventKind | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [reinstating, setReinstating] = useState<MembershipEvent | null>(null);
  const events = useApi(api.membership.listMembershipEvents, { query: { under: orgId, kind, year, page, pageSize } });
  const years = useMemo(() => Array.from({ length: 8 }, (_, i) => thisYear() - i), []);

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          placeholder="全部类型"
          allowClear
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => (setKind(v), setPage(1))}
          options={MEMBERSHIP_EVENT_KINDS.map((k) => ({ value: k, label: MEMBERSHIP_EVENT_LABELS[k] }))}
        />
        <Select placeholder="全部年度" allowClear style={{ width: 120 }} value={year} onChange={(v) => (setYear(v), setPage(1))} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
        <Button icon={<ReloadOutlined />} onClick={() => void events.refetch()}>
          刷新
        </Button>
      </Space>
      {events.error ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Table<MembershipEvent>
          rowKey="id"
          data-testid="events-table"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          pagination={{
            current: page,
            pageSize,
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '日期', dataIndex: 'onDate', width: 110 },
            { title: '姓名', dataIndex: 'personName', width: 110, render: (n: string, e) => <PersonName id={e.personId} name={n} /> },
            { title: '类型', dataIndex: 'kind', width: 100, render: (k: MembershipEventKind) => <Tag color={EVENT_COLORS[k]}>{MEMBERSHIP_EVENT_LABELS[k]}</Tag> },
            { title: '原因', dataIndex: 'reason', ellipsis: { showTitle: true } },
            { title: '批准人', dataIndex: 'approvedBy', width: 200, ellipsis: true },
            { title: '所在组织', dataIndex: 'orgName', width: 220, ellipsis: true },
            ...(canApprove
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, e: MembershipEvent) => {
                      if (!(LEAVING_KINDS as readonly string[]).includes(e.kind)) return null;
                      const policy = REINSTATEMENT_POLICY[e.kind as LeavingKind];
                      if (!policy.allowed) {
                        return (
                          <Tooltip title={policy.why}>
                            <Typography.Text type="secondary">不可恢复</Typography.Text>
                          </Tooltip>
                        );
                      }
                      return (
                        <Button type="link" size="small" onClick={() => setReinstating(e)}>
                          恢复团籍
                        </Button>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
      {reinstating && <ReinstateModal event={reinstating} onClose={() => setReinstating(null)} />}
    </div>
  );
}

/** 恢复团籍 after 退团 or 除名: the shared rules decide (latest leaving, age), shown before sending. */
function ReinstateModal({ event, onClose }: { event: MembershipEvent; onClose(): void }) {
  const [form] = Form.useForm<DecisionValues & { reason: string }>();
  const rules = useRules();
  const approver = useDefaultApprover();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const person = useApi(api.people.getPerson, { params: { id: event.personId } });
  const history = useApi(api.membership.listMembershipEvents, { query: { personId: event.personId, pageSize: 20 } });
  const onDate = Form.useWatch('onDate', form);
  const latest = history.data?.items[0];
  const lastLeaving = latest && (LEAVING_KINDS as readonly string[]).includes(latest.kind) ? { kind: latest.kind, onDate: latest.onDate } : null;
  const p = person.data;
  const problems = p && history.data && rules && onDate ? reinstatementProblems(factsOf(p), lastLeaving, ymd(onDate), { today: chinaToday(), rules }) : [];
  const loading = person.isLoading || history.isLoading;

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(api.membership.reinstate, { params: { id: event.personId }, body: { reason: v.reason.trim(), onDate: ymd(v.onDate), approvedBy: v.approvedBy.trim() } });
      await refresh();
      message.success(`已恢复${event.personName}的团籍`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`恢复团籍：${event.personName}`}
      okText="确认恢复团籍"
      okButtonProps={{ disabled: loading || !p || problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      {loading ? (
        <PageLoading />
      ) : person.error ? (
        <LoadError error={person.error} title="无法查看该同志" />
      ) : (
        <>
          <Descriptions
            size="small"
            bordered
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'name', label: '姓名', children: event.personName },
              { key: 'birth', label: '出生日期', children: p?.birthDate },
              { key: 'last', label: '最近一次变动', span: 2, children: latest ? `${latest.onDate} ${MEMBERSHIP_EVENT_LABELS[latest.kind]}` : '—' },
            ]}
          />
          <Refusal error={refusal} />
          <Problems problems={problems} title="不能恢复团籍" />
          {p && history.data && rules && onDate && problems.length === 0 && lastLeaving && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title={`符合恢复团籍的条件：${lastLeaving.onDate}${MEMBERSHIP_EVENT_LABELS[lastLeaving.kind as LeavingKind]}，现未满${rules.ages.memberMax}周岁。`}
            />
          )}
          <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ onDate: todayDayjs(), approvedBy: approver }}>
            <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '原因至少2个字' }, { max: 500 }]}>
              <Input.TextArea rows={2} showCount maxLength={500} placeholder="如：本人申请，经支部团员大会讨论同意恢复团籍" />
            </Form.Item>
            <Space size={16} align="start">
              <Form.Item name="onDate" label="恢复日期" rules={[{ required: true, message: '请选择恢复日期' }]}>
                <DatePicker allowClear={false} disabledDate={notAfterToday(lastLeaving?.onDate)} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="approvedBy" label="批准人（批准的团组织）" rules={[{ required: true, whitespace: true, message: '请填写批准人' }, { min: 2 }, { max: 30 }]}>
                <Input style={{ width: 300 }} />
              </Form.Item>
            </Space>
          </Form>
        </>
      )}
    </Modal>
  );
}
