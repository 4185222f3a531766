import { listPagination } from '../../components/page';
import { CalendarOutlined, CheckCircleOutlined, ClockCircleOutlined, EditOutlined, ExclamationCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  MEETING_KINDS,
  MEETING_KIND_LABELS,
  MEETING_MINUTES_MIN_LENGTH,
  MEETING_STATUSES,
  MEETING_STATUS_LABELS,
  api,
  isBranchType,
  meetingPlanProblems,
  meetingRecordProblems,
  type MeetingKind,
  type MeetingStatus,
} from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useShowError } from '../../lib/errors';
import { useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { ExportButton } from '../../components/ExportButton';
import { formatDate, percent } from '../../lib/format';
import { chinaToday } from '../../lib/people';
import {
  Attachments,
  PageHeader,
  PeriodPicker,
  Problems,
  Refusal,
  isRefusal,
  notAfterToday,
  todayDayjs,
  usePeriodParam,
  useRefreshOrgLife,
  useScopeOrg,
  ymd,
} from './shared';
import { OrgName } from '../../components/OrgName';
import { useRecordParam } from '../../components/useRecordParam';
import { AttendanceTable } from './AttendanceTable';
import { keyColumnsFirst, useIsPhone } from '../../components/PhoneNav';

type MeetingItem = api.orgLife.MeetingItem;
type MeetingDetail = api.orgLife.MeetingDetail;
type Due = api.ResponseOf<typeof api.orgLife.getDue>;
type DueItem = Due['items'][number];
type StatusFilter = MeetingStatus | 'all';

const o = api.orgLife;
export const MEETING_STATUS_COLORS: Record<MeetingStatus, string> = { planned: 'processing', held: 'success', cancelled: 'default' };
const KIND_OPTIONS = MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }));
/** Kinds every member of the branch is expected at: members not ticked are recorded as absent. */
const ALL_MEMBER_KINDS: readonly MeetingKind[] = ['general_meeting', 'lecture', 'theme_day', 'oath_ceremony'];

/** 三会两制一课: what the branch still owes this period, the meetings of a subtree with filters, planning and recording. */
export default function MeetingsPage() {
  const phone = useIsPhone();
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const { from, to, setPeriod } = usePeriodParam(search, setSearch);
  const canEdit = useCan('org:edit');
  const kind = (search.get('kind') as MeetingKind | null) ?? undefined;
  const [status, setStatus] = useState<StatusFilter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useRecordParam('meeting');
  const [planning, setPlanning] = useState<{ kind?: MeetingKind; plannedOn?: string } | null>(null);
  const [recording, setRecording] = useState<number | null>(null);

  const org = useApi(api.orgs.getOrg, orgId ? { params: { id: orgId } } : undefined, { enabled: !!orgId });
  const isBranch = !!org.data && isBranchType(org.data.type) && org.data.status === 'active';
  const setKind = (k: MeetingKind | undefined) => {
    const next = new URLSearchParams(search);
    if (k) next.set('kind', k);
    else next.delete('kind');
    setSearch(next, { replace: true });
    setPage(1);
  };

  const filters = { under: orgId ?? undefined, kind, status: status === 'all' ? undefined : status, from, to, q: q || undefined };
  const list = useApi(o.listMeetings, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });

  return (
    <div>
      <PageHeader title="三会两制一课" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning({})} data-testid="plan-meeting">
            安排会议
          </Button>
        )}
      </PageHeader>
      {isBranch && orgId && <DueCard orgId={orgId} canEdit={canEdit} onPlan={(k, end) => setPlanning({ kind: k, plannedOn: end })} onOpen={setOpenId} onRecord={setRecording} />}
      {org.data && !isBranch && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          “三会两制一课”由团支部开展：在右上角选择一个团支部可查看其本月应开的会议并安排、记录；这里列出{org.data.name}及下级各团支部的会议记录。
          达标情况见 <Link to={`/org-life/compliance?org=${orgId}`}>组织生活达标</Link>。
        </Typography.Paragraph>
      )}
      <Card title="会议记录" data-testid="meetings-card">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Segmented<StatusFilter>
              value={status}
              onChange={(v) => (setStatus(v), setPage(1))}
              options={[{ value: 'all', label: '全部' }, ...MEETING_STATUSES.map((s) => ({ value: s, label: MEETING_STATUS_LABELS[s] }))]}
              data-testid="status-filter"
            />
            <Select allowClear placeholder="会议类型" aria-label="会议类型" style={{ width: 150 }} value={kind} onChange={setKind} options={KIND_OPTIONS} data-testid="kind-filter" />
            <PeriodPicker from={from} to={to} onChange={(f, t) => (setPeriod(f, t), setPage(1))} />
            <Input.Search allowClear placeholder="主题" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
          </Space>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
            <ExportButton contract={o.exportMeetings} input={{ query: filters }} fileName="组织生活记录.xlsx" announce data-testid="export" />
          </Space>
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<MeetingItem>
            rowKey="id"
            size="middle"
            data-testid="meetings-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowClassName="tj-clickable-row"
            onRow={(m) => ({ onClick: () => setOpenId(m.id) })}
            locale={{ emptyText: <Empty description={from || kind || status !== 'all' || q ? '没有符合条件的会议' : '暂无会议记录'} /> }}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '次')}
            columns={keyColumnsFirst(phone, [
              {
                title: '日期',
                key: 'date',
                width: 120,
                render: (_, m) => (
                  <Tooltip title={m.heldOn ? `计划 ${m.plannedOn}` : '计划日期'}>
                    <span style={{ whiteSpace: 'nowrap' }}>{m.heldOn ?? m.plannedOn}</span>
                  </Tooltip>
                ),
              },
              { title: '类型', dataIndex: 'kind', width: 120, render: (k: MeetingKind) => MEETING_KIND_LABELS[k] },
              { title: '主题', dataIndex: 'topic', ellipsis: true, width: phone ? 160 : undefined },
              { title: '团支部', dataIndex: 'orgName', ellipsis: { showTitle: false }, render: (n: string, r) => <OrgName name={n} shortName={r.orgShortName} /> },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: MeetingStatus) => <Tag color={MEETING_STATUS_COLORS[s]}>{MEETING_STATUS_LABELS[s]}</Tag> },
              {
                title: '出席',
                key: 'present',
                width: 90,
                align: 'right',
                render: (_, m) => (m.present === null ? '—' : `${m.present}/${m.expected ?? '—'}`),
              },
              { title: '会前计划 · 会中记录 · 会后归档', key: 'doc', width: 230, render: (_, m) => <DocTags m={m} /> },
              {
                title: '操作',
                key: 'actions',
                width: 110,
                render: (_, m) =>
                  canEdit && m.status === 'planned' ? (
                    <Button size="small" type="link" onClick={(e) => (e.stopPropagation(), setRecording(m.id))} data-testid="record-meeting">
                      记录召开
                    </Button>
                  ) : (
                    <Button size="small" type="link">
                      详情
                    </Button>
                  ),
              },
            ], ['status', 'topic'])}
          />
        )}
      </Card>
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} size="large" title="会议详情" destroyOnHidden data-testid="meeting-drawer">
        {openId !== null && <MeetingView id={openId} onRecord={() => setRecording(openId)} />}
      </Drawer>
      {planning && (
        <PlanModal
          defaults={{ orgId: isBranch ? orgId : null, ...planning }}
          onClose={() => setPlanning(null)}
          onDone={(id) => (setPlanning(null), setOpenId(id))}
        />
      )}
      {recording !== null && <RecordModal id={recording} onClose={() => setRecording(null)} onDone={(id) => (setRecording(null), setOpenId(id))} />}
    </div>
  );
}

/** 会前有计划、会中有记录、会后有档案, as three small tags. */
function DocTags({ m }: { m: Pick<MeetingItem, 'documentation' | 'status'> }) {
  if (m.status === 'cancelled') return <Typography.Text type="secondary">—</Typography.Text>;
  const d = m.documentation;
  const tag = (ok: boolean, label: string) => (
    <Tag color={ok ? 'success' : 'default'} style={{ marginInlineEnd: 4 }}>
      {ok ? '✓' : '✗'}
      {label}
    </Tag>
  );
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {tag(d.planned, '计划')}
      {tag(d.recorded, '记录')}
      {tag(d.archived, '归档')}
    </span>
  );
}

/* ---------------------------------------------------------- 本月应开 (due) */

const DUE_ICON = {
  done: <CheckCircleOutlined style={{ color: '#3a9d5d' }} />,
  planned: <ClockCircleOutlined style={{ color: '#1f5fae' }} />,
  due: <ExclamationCircleOutlined style={{ color: '#b81c22' }} />,
};

function DueCard({ orgId, canEdit, onPlan, onOpen, onRecord }: { orgId: number; canEdit: boolean; onPlan(kind: MeetingKind, periodEnd: string): void; onOpen(id: number): void; onRecord(id: number): void }) {
  const due = useApi(o.getDue, { query: { orgId } });
  if (due.error) return <LoadError error={due.error} onRetry={() => void due.refetch()} />;
  const d = due.data;
  const outstanding = d?.items.filter((i) => i.state !== 'done').length ?? 0;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={14}>
        <Card
          title={
            <Space>
              <CalendarOutlined />
              本月应开
              {d && (outstanding ? <Tag color="error">尚有 {outstanding} 项未完成</Tag> : <Tag color="success">本期已全部完成</Tag>)}
            </Space>
          }
          loading={due.isLoading}
          style={{ height: '100%' }}
          data-testid="due-card"
        >
          {d && (
            <List<DueItem>
              size="small"
              dataSource={d.items}
              renderItem={(i) => (
                <List.Item
                  data-testid={`due-${i.kind}`}
                  data-state={i.state}
                  actions={
                    canEdit && i.state === 'due'
                      ? [
                          <Button key="plan" size="small" type="primary" ghost onClick={() => onPlan(i.kind, d.today)}>
                            安排
                          </Button>,
                        ]
                      : undefined
                  }
                >
                  <Space>
                    {DUE_ICON[i.state]}
                    <span>{i.text}</span>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="已计划、待召开" loading={due.isLoading} style={{ height: '100%' }} size="default" data-testid="upcoming-card">
          {d && (
            <List<MeetingItem>
              size="small"
              dataSource={d.upcoming}
              locale={{ emptyText: '没有待召开的会议' }}
              renderItem={(m) => (
                <List.Item
                  actions={
                    canEdit
                      ? [
                          <Button key="rec" size="small" type="link" onClick={() => onRecord(m.id)}>
                            记录召开
                          </Button>,
                        ]
                      : undefined
                  }
                >
                  <a onClick={() => onOpen(m.id)}>
                    {m.plannedOn} {MEETING_KIND_LABELS[m.kind]}：{m.topic}
                  </a>
                </List.Item>
              )}
            />
          )}
          {d && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">两制：</Typography.Text>
              <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                <Link to={`/membership/registrations?org=${orgId}`}>
                  {d.registration.year}年度团籍注册 {d.registration.registered}/{d.registration.members}
                </Link>
                <Progress percent={d.registration.members ? Math.round((d.registration.registered / d.registration.members) * 100) : 0} size="small" />
                <Link to={`/membership/appraisals?org=${orgId}&year=${d.appraisal.year}`}>
                  {d.appraisal.year}年度教育评议 {d.appraisal.appraised}/{d.appraisal.members}
                </Link>
                <Progress percent={d.appraisal.members ? Math.round((d.appraisal.appraised / d.appraisal.members) * 100) : 0} size="small" />
              </Space>
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}

/* ----------------------------------------------------------------- detail */

function MeetingView({ id, onRecord }: { id: number; onRecord(): void }) {
  const detail = useApi(o.getMeeting, { params: { id } });
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} />;
  const m = detail.data;
  const present = m.attendance.filter((a) => a.present);
  const absent = m.attendance.filter((a) => !a.present);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="meeting-view">
      <Space wrap>
        {m.can.record && (
          <Button type="primary" onClick={onRecord} data-testid="drawer-record">
            记录召开情况
          </Button>
        )}
        {m.can.edit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            修改计划
          </Button>
        )}
        {m.can.cancel && (
          <Button danger onClick={() => setCancelling(true)}>
            取消会议
          </Button>
        )}
      </Space>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="会议类型">{MEETING_KIND_LABELS[m.kind]}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={MEETING_STATUS_COLORS[m.status]}>{MEETING_STATUS_LABELS[m.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="主题" span={2}>
          {m.topic}
        </Descriptions.Item>
        <Descriptions.Item label="团支部" span={2}>
          {m.orgName}
        </Descriptions.Item>
        <Descriptions.Item label="计划日期">{formatDate(m.plannedOn)}</Descriptions.Item>
        <Descriptions.Item label="召开日期">{formatDate(m.heldOn)}</Descriptions.Item>
        <Descriptions.Item label="地点">{m.place ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="出席">
          {m.present === null ? '—' : `${m.present}/${m.expected}（${percent(m.present, m.expected ?? 0)}）`}
          {m.quorum === false && (
            <Tag color="error" style={{ marginInlineStart: 8 }}>
              未过半数
            </Tag>
          )}
          {m.quorum === true && (
            <Tag color="success" style={{ marginInlineStart: 8 }}>
              过半数
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="档案" span={2}>
          <DocTags m={m} />
        </Descriptions.Item>
      </Descriptions>
      {m.status !== 'cancelled' && m.missing.length > 0 && <Problems title="档案尚不完整" problems={m.missing.map((x) => `缺少${x}`)} testId="missing" />}
      <Card size="small" title="会议方案（会前计划）">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.plan ?? <Typography.Text type="secondary">未填写</Typography.Text>}</Typography.Paragraph>
      </Card>
      <Card size="small" title={m.status === 'cancelled' ? '取消说明' : '会议记录'}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.minutes ?? <Typography.Text type="secondary">尚未记录</Typography.Text>}</Typography.Paragraph>
      </Card>
      {m.status === 'held' && (
        <Card size="small" title={`出席名单（出席 ${present.length} 人，缺席 ${absent.length} 人）`}>
          <Space wrap size={[4, 4]} data-testid="attendance-present">
            {present.map((a) => (
              <Tag key={a.personId} color="success">
                {a.name}
              </Tag>
            ))}
          </Space>
          {absent.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">缺席：</Typography.Text>
              <Space wrap size={[4, 4]}>
                {absent.map((a) => (
                  <Tag key={a.personId}>
                    {a.name}
                    {a.absenceReason ? `（${a.absenceReason}）` : ''}
                  </Tag>
                ))}
              </Space>
            </div>
          )}
        </Card>
      )}
      <Card size="small" title="附件（照片、签到表等）">
        <Attachments items={m.attachments} upload={o.uploadMeetingAttachment} ownerId={m.id} canUpload={m.can.upload} />
      </Card>
      {editing && <PlanModal meeting={m} defaults={{}} onClose={() => setEditing(false)} onDone={() => setEditing(false)} />}
      {cancelling && <CancelModal id={m.id} onClose={() => setCancelling(false)} />}
    </Space>
  );
}

/* ------------------------------------------------------------------- plan */

interface PlanValues {
  orgId: number | null;
  kind: MeetingKind;
  topic: string;
  plannedOn: Dayjs;
  place?: string;
  plan?: string;
}

/** 安排会议 (or 修改计划 of a meeting not held yet). */
function PlanModal({ meeting, defaults, onClose, onDone }: { meeting?: MeetingDetail; defaults: { orgId?: number | null; kind?: MeetingKind; plannedOn?: string }; onClose(): void; onDone(id: number): void }) {
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshOrgLife();
  const { message } = App.useApp();
  const showError = useShowError();
  const plannedOn = Form.useWatch('plannedOn', form);
  const problems = plannedOn ? meetingPlanProblems({ plannedOn: ymd(plannedOn) }, chinaToday(), meeting) : [];

  const submit = async (v: PlanValues) => {
    setBusy(true);
    setError(null);
    try {
      const common = { topic: v.topic, plannedOn: ymd(v.plannedOn), place: v.place || null, plan: v.plan || null };
      const d = meeting
        ? await call(o.updateMeeting, { params: { id: meeting.id }, body: common })
        : await call(o.createMeeting, { body: { orgId: v.orgId!, kind: v.kind, ...common } });
      message.success(meeting ? '已修改会议计划' : '已安排会议');
      await refresh();
      onDone(d.id);
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={meeting ? '修改会议计划' : '安排会议'} onCancel={onClose} onOk={() => form.submit()} okText={meeting ? '保存' : '安排'} confirmLoading={busy} destroyOnHidden width={620}>
      <Refusal error={error} />
      <Problems problems={problems} />
      <Form<PlanValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          meeting
            ? { orgId: meeting.orgId, kind: meeting.kind, topic: meeting.topic, plannedOn: dayjs(meeting.plannedOn), place: meeting.place ?? undefined, plan: meeting.plan ?? undefined }
            : { orgId: defaults.orgId ?? null, kind: defaults.kind ?? 'general_meeting', plannedOn: defaults.plannedOn ? dayjs(defaults.plannedOn) : todayDayjs() }
        }
      >
        <Form.Item name="orgId" label="团支部" rules={[{ required: true, message: '请选择团支部' }]} extra={meeting ? undefined : '“三会两制一课”由团支部开展'}>
          <OrgTreeSelect disabled={!!meeting} selectable={(org) => isBranchType(org.type)} placeholder="请选择团支部" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
              <Select options={KIND_OPTIONS} disabled={!!meeting} data-testid="plan-kind" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="plannedOn" label="计划日期" rules={[{ required: true, message: '请选择计划日期' }]}>
              <DatePicker style={{ width: '100%' }} data-testid="plan-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="topic" label="会议主题" rules={[{ required: true, message: '请填写会议主题' }, { min: 2, message: '会议主题至少2个字' }]}>
          <Input maxLength={100} placeholder="如：学习贯彻团的代表大会精神" />
        </Form.Item>
        <Form.Item name="place" label="地点">
          <Input maxLength={100} placeholder="如：村委会会议室" />
        </Form.Item>
        <Form.Item name="plan" label="会议方案（会前有计划）" extra="议程、参加人员、准备事项等；缺少方案的会议在档案中标记为“缺少会前计划”">
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/* ----------------------------------------------------------------- record */

/** 记录召开情况: date, place, minutes and attendance ticked from the branch's member list; then photos. */
function RecordModal({ id, onClose, onDone }: { id: number; onClose(): void; onDone(id: number): void }) {
  const detail = useApi(o.getMeeting, { params: { id } });
  const m = detail.data;
  return (
    <Modal open title={m ? `记录召开情况：${MEETING_KIND_LABELS[m.kind]}` : '记录召开情况'} onCancel={onClose} footer={null} width={860} destroyOnHidden>
      {detail.isLoading ? <PageLoading /> : detail.error || !m ? <LoadError error={detail.error} /> : <RecordForm m={m} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

interface RecordValues {
  heldOn: Dayjs;
  place?: string;
  minutes: string;
}

function RecordForm({ m, onClose, onDone }: { m: MeetingDetail; onClose(): void; onDone(id: number): void }) {
  const [form] = Form.useForm<RecordValues>();
  const allExpected = ALL_MEMBER_KINDS.includes(m.kind);
  const [present, setPresent] = useState<Set<number>>(new Set());
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const refresh = useRefreshOrgLife();
  const { message } = App.useApp();
  const showError = useShowError();
  const heldOn = Form.useWatch('heldOn', form);
  const minutes = Form.useWatch('minutes', form) ?? '';

  // All-member meetings: whoever is not ticked is absent. Small meetings: only those given a reason are recorded absent.
  const absentIds = m.roster.filter((p) => !present.has(p.personId) && (allExpected || reasons[p.personId]?.trim())).map((p) => p.personId);
  const presentIds = m.roster.filter((p) => present.has(p.personId)).map((p) => p.personId);
  const rosterSet = useMemo(() => new Set(m.roster.map((p) => p.personId)), [m.roster]);
  const problems = meetingRecordProblems(
    { kind: m.kind, status: m.status, plannedOn: m.plannedOn },
    { heldOn: heldOn ? ymd(heldOn) : chinaToday(), minutes, presentIds, absentIds },
    rosterSet,
    chinaToday(),
  );
  const excused = absentIds.filter((pid) => reasons[pid]?.trim()).length;

  const submit = async (v: RecordValues) => {
    setTried(true);
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const absenceReasons = Object.fromEntries(absentIds.filter((pid) => reasons[pid]?.trim()).map((pid) => [String(pid), reasons[pid]!.trim()]));
      await call(o.recordMeeting, { params: { id: m.id }, body: { heldOn: ymd(v.heldOn), place: v.place || null, minutes: v.minutes, presentIds, absentIds, absenceReasons } });
      message.success(`已记录：出席 ${presentIds.length} 人${absentIds.length ? `，缺席 ${absentIds.length} 人` : ''}`);
      await refresh();
      onDone(m.id);
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="record-form">
      <Refusal error={error} />
      {tried && <Problems problems={problems} title="还不能保存" />}
      <Form<RecordValues> form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: dayjs(m.plannedOn).isAfter(todayDayjs()) ? todayDayjs() : dayjs(m.plannedOn), place: m.place ?? undefined }}>
        <Typography.Paragraph type="secondary">
          {m.orgName} · {m.topic}（计划 {m.plannedOn}）
        </Typography.Paragraph>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="heldOn" label="召开日期" rules={[{ required: true, message: '请选择召开日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday()} data-testid="held-on" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="place" label="地点">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="minutes"
          label="会议记录（会中有记录）"
          rules={[{ required: true, message: '请填写会议记录' }, { min: MEETING_MINUTES_MIN_LENGTH, message: `会议记录至少${MEETING_MINUTES_MIN_LENGTH}字` }]}
        >
          <Input.TextArea rows={4} maxLength={20000} showCount placeholder="主持人、议程、发言要点、形成的决议或工作安排" data-testid="minutes" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
          <Typography.Text strong>出席情况（从本支部 {m.roster.length} 名团员中勾选出席人员）</Typography.Text>
          <Space data-testid="attendance-counts">
            <Tag color="success">出席 {presentIds.length}</Tag>
            <Tag color="warning">请假等 {excused}</Tag>
            <Tag color={absentIds.length - excused ? 'error' : 'default'}>缺席 {absentIds.length - excused}</Tag>
            {!allExpected && <Tag>未参会 {m.roster.length - presentIds.length - absentIds.length}</Tag>}
            {m.kind === 'general_meeting' && (
              <Tag color={presentIds.length * 2 > m.roster.length ? 'success' : 'error'}>{presentIds.length * 2 > m.roster.length ? '已过半数' : '未过半数'}</Tag>
            )}
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {allExpected
            ? `${MEETING_KIND_LABELS[m.kind]}应由全体团员参加：未勾选的团员记为缺席，可填写缺席原因（如请假）。`
            : `${MEETING_KIND_LABELS[m.kind]}只需勾选参会人员；未勾选且填写了原因的团员记为缺席。`}
        </Typography.Paragraph>
        <AttendanceTable
          roster={m.roster}
          allExpected={allExpected}
          present={present}
          onPresent={setPresent}
          reasons={reasons}
          onReason={(personId, v) => setReasons((r) => ({ ...r, [personId]: v }))}
        />
        <Card size="small" title="附件（照片、签到表，会后有档案）" style={{ marginTop: 16 }}>
          <Attachments items={m.attachments} upload={o.uploadMeetingAttachment} ownerId={m.id} canUpload={m.can.upload} />
        </Card>
        <Space style={{ width: '100%', justifyContent: 'flex-end', marginTop: 16 }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="record-submit">
            保存记录
          </Button>
        </Space>
      </Form>
    </div>
  );
}

/* ----------------------------------------------------------------- cancel */

function CancelModal({ id, onClose }: { id: number; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshOrgLife();
  const { message } = App.useApp();
  const ok = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(o.cancelMeeting, { params: { id }, body: { reason } });
      message.success('已取消会议');
      await refresh();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="取消会议" onCancel={onClose} onOk={() => void ok()} okText="确认取消会议" okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }} cancelText="返回" confirmLoading={busy}>
      <Refusal error={error} />
      <Typography.Paragraph>取消后该会议不再计入本期组织生活，且不能恢复。请说明原因：</Typography.Paragraph>
      <Input.TextArea rows={3} maxLength={200} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder="取消原因（至少2个字）" />
    </Modal>
  );
}
