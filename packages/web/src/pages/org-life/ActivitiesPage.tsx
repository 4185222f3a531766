import { listPagination } from '../../components/page';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, VENUE_KIND_LABELS, activityProblems, api, type ActivityType } from '@tuanjian/domain';
import { App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useShowError } from '../../lib/errors';
import { useCan } from '../../auth/session';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { ExportButton } from '../../components/ExportButton';
import { formatDate } from '../../lib/format';
import { chinaToday } from '../../lib/people';
import {
  Attachments,
  Figure,
  PageHeader,
  PeopleMultiSelect,
  PeriodPicker,
  Problems,
  shortNames,
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

type ActivityItem = api.orgLife.ActivityItem;
type ActivityDetail = api.ResponseOf<typeof api.orgLife.getActivity>;
type Stats = api.ResponseOf<typeof api.orgLife.activityStats>;

const o = api.orgLife;
const TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }));
const RED = '#b81c22';
const BLUE = '#1f5fae';

/** 团的活动: figures and charts by type, theme, month and child organization; the list with filters, recording and export. */
export default function ActivitiesPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const { from, to, setPeriod } = usePeriodParam(search, setSearch);
  const canEdit = useCan('org:edit');
  const canStats = useCan('stats:read');
  const venueId = Number(search.get('venue')) || undefined;
  const [type, setType] = useState<ActivityType | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editing, setEditing] = useState<ActivityDetail | 'new' | null>(null);

  const setVenue = (id: number | undefined) => {
    const next = new URLSearchParams(search);
    if (id) next.set('venue', String(id));
    else next.delete('venue');
    setSearch(next, { replace: true });
    setPage(1);
  };
  const filters = { under: orgId ?? undefined, type, venueId, from, to, q: q || undefined };
  const list = useApi(o.listActivities, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  const venues = useApi(o.listVenues, { query: { under: orgId ?? undefined, pageSize: 500 } }, { enabled: !!orgId });

  return (
    <div>
      <PageHeader title="团的活动" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <PeriodPicker from={from} to={to} onChange={(f, t) => (setPeriod(f, t), setPage(1))} placeholder={['开始（默认年初）', '结束（默认今天）']} />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-activity">
            登记活动
          </Button>
        )}
      </PageHeader>
      {canStats && orgId && <StatsPanel orgId={orgId} from={from} to={to} onType={(t) => (setType(t), setPage(1))} onOrg={(id) => (setOrg(id), setPage(1))} />}
      <Card title="活动记录">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Select allowClear placeholder="活动类型" aria-label="活动类型" style={{ width: 160 }} value={type} onChange={(v) => (setType(v), setPage(1))} options={TYPE_OPTIONS} data-testid="type-filter" />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="阵地"
              aria-label="阵地"
              style={{ width: 220 }}
              value={venueId}
              onChange={setVenue}
              options={(venues.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
            />
            <Input.Search allowClear placeholder="活动主题" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
          </Space>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
            <ExportButton contract={o.exportActivities} input={{ query: filters }} fileName="活动记录.xlsx" announce data-testid="export" />
          </Space>
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ActivityItem>
            rowKey="id"
            data-testid="activities-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowClassName="tj-clickable-row"
            onRow={(a) => ({ onClick: () => setOpenId(a.id) })}
            locale={{ emptyText: <Empty description="没有符合条件的活动" /> }}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '场')}
            columns={[
              { title: '日期', dataIndex: 'heldOn', width: 110 },
              { title: '类型', dataIndex: 'type', width: 120, render: (t: ActivityType) => <Tag>{ACTIVITY_TYPE_LABELS[t]}</Tag> },
              { title: '活动主题', dataIndex: 'theme', ellipsis: true },
              { title: '组织', dataIndex: 'orgName', ellipsis: { showTitle: false }, render: (n: string, r) => <OrgName name={n} shortName={r.orgShortName} /> },
              { title: '地点 / 阵地', key: 'place', ellipsis: true, render: (_, a) => (a.venueName ? <Tag color="red">{a.venueName}</Tag> : (a.place ?? '—')) },
              { title: '组织者', dataIndex: 'organizer', width: 110, ellipsis: true },
              { title: '团员', dataIndex: 'memberCount', width: 64, align: 'right' },
              { title: '青年', dataIndex: 'youthCount', width: 64, align: 'right' },
              { title: '附件', dataIndex: 'attachmentCount', width: 60, align: 'right', render: (n: number) => n || '—' },
            ]}
          />
        )}
      </Card>
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} size="large" title="活动详情" destroyOnHidden>
        {openId !== null && <ActivityView id={openId} onEdit={setEditing} />}
      </Drawer>
      {editing && orgId && <ActivityModal activity={editing === 'new' ? undefined : editing} orgId={orgId} onClose={() => setEditing(null)} onDone={(id) => (setEditing(null), setOpenId(id))} />}
    </div>
  );
}

/* ------------------------------------------------------------------ stats */

function StatsPanel({ orgId, from, to, onType, onOrg }: { orgId: number; from?: string; to?: string; onType(t: ActivityType): void; onOrg(id: number): void }) {
  const stats = useApi(o.activityStats, { query: { orgId, from, to } });
  const s = stats.data;
  const typeChart = useMemo<EChartOption | null>(() => (s ? byTypeOption(s) : null), [s]);
  const monthChart = useMemo<EChartOption | null>(
    () =>
      s
        ? {
        tooltip: { trigger: 'axis' },
        grid: { left: 36, right: 12, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: monthsOf(s).map((m) => (s.from.slice(0, 4) === s.to.slice(0, 4) ? '' : `${m.month.slice(0, 4)}年`) + `${Number(m.month.slice(5, 7))}月`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: '活动场次', type: 'bar', barMaxWidth: 48, data: monthsOf(s).map((m) => m.count), itemStyle: { color: BLUE } }],
      }
        : null,
    [s],
  );
  const childChart = useMemo<EChartOption | null>(() => {
    if (!s?.byChild.length) return null;
    const rows = [...s.byChild].sort((a, b) => a.count - b.count);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 30, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shortNames(rows.map((c) => c.orgName)), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ name: '活动场次', type: 'bar', barMaxWidth: 48, data: rows.map((c) => c.count), itemStyle: { color: RED }, label: { show: true, position: 'right' } }],
    };
  }, [s]);
  if (stats.error) return <LoadError error={stats.error} onRetry={() => void stats.refetch()} />;
  const childRows = s ? [...s.byChild].sort((a, b) => a.count - b.count) : [];
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Figure title={s ? `活动场次（${s.from} 至 ${s.to}）` : '活动场次'} value={s?.total ?? '—'} suffix="场" testId="figure-activities" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title="团员参加人次" value={s?.members ?? '—'} testId="figure-members" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title="青年参加人次（非团员）" value={s?.youth ?? '—'} testId="figure-youth" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title="在团属阵地开展" value={s?.atVenues ?? '—'} suffix="场" testId="figure-at-venues" />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按活动类型（点击筛选）" loading={stats.isLoading}>
            {typeChart && s!.total > 0 ? <EChart option={typeChart} height={260} onClick={(p) => s!.byType[p.dataIndex] && onType(s!.byType[p.dataIndex]!.type)} /> : <Empty description="期间没有活动" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按月份" loading={stats.isLoading}>
            {monthChart && s!.total > 0 ? <EChart option={monthChart} height={260} /> : <Empty description="期间没有活动" />}
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {childChart && (
          <Col xs={24} lg={12}>
            <Card size="small" title="按下级组织（点击查看）" loading={stats.isLoading}>
              <EChart option={childChart} height={Math.max(160, childRows.length * 26 + 20)} onClick={(p) => childRows[p.dataIndex] && onOrg(childRows[p.dataIndex]!.orgId)} />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={childChart ? 12 : 24}>
          <Card size="small" title="活动主题" loading={stats.isLoading}>
            <Table
              rowKey="theme"
              size="small"
              dataSource={s?.byTheme ?? []}
              pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
              locale={{ emptyText: '期间没有活动' }}
              columns={[
                { title: '主题', dataIndex: 'theme', ellipsis: true },
                { title: '场次', dataIndex: 'count', width: 70, align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Every month of the period, those without activities as 0 (YYYY-MM). */
function monthsOf(s: Stats): { month: string; count: number }[] {
  const counts = new Map(s.byMonth.map((m) => [m.month.slice(0, 7), m.count]));
  const out: { month: string; count: number }[] = [];
  let y = Number(s.from.slice(0, 4));
  let m = Number(s.from.slice(5, 7));
  const end = s.to.slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (++m > 12) (m = 1), y++;
  }
  return out;
}

function byTypeOption(s: Stats): EChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['场次', '参加人次'], top: 0 },
    grid: { left: 40, right: 40, top: 32, bottom: 56 },
    xAxis: { type: 'category', data: s.byType.map((t) => ACTIVITY_TYPE_LABELS[t.type]), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: [
      { type: 'value', minInterval: 1, name: '场次' },
      { type: 'value', minInterval: 1, name: '人次' },
    ],
    series: [
      { name: '场次', type: 'bar', barMaxWidth: 48, data: s.byType.map((t) => t.count), itemStyle: { color: RED } },
      { name: '参加人次', type: 'bar', barMaxWidth: 48, yAxisIndex: 1, data: s.byType.map((t) => t.participants), itemStyle: { color: '#e8a33d' } },
    ],
  };
}

/* ----------------------------------------------------------------- detail */

function ActivityView({ id, onEdit }: { id: number; onEdit(a: ActivityDetail): void }) {
  const detail = useApi(o.getActivity, { params: { id } });
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} />;
  const a = detail.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {a.can.edit && (
        <Button icon={<EditOutlined />} onClick={() => onEdit(a)}>
          修改
        </Button>
      )}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="活动主题" span={2}>
          {a.theme}
        </Descriptions.Item>
        <Descriptions.Item label="类型">{ACTIVITY_TYPE_LABELS[a.type]}</Descriptions.Item>
        <Descriptions.Item label="日期">{formatDate(a.heldOn)}</Descriptions.Item>
        <Descriptions.Item label="组织" span={2}>
          {a.orgName}
        </Descriptions.Item>
        <Descriptions.Item label="地点">{a.place ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="阵地">{a.venueName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="组织者">{a.organizer}</Descriptions.Item>
        <Descriptions.Item label="参加人数">
          团员 {a.memberCount} 人，青年 {a.youthCount} 人
        </Descriptions.Item>
        <Descriptions.Item label="活动内容" span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.description ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={`参加人员名单（${a.participants.length}人）`}>
        {a.participants.length ? (
          <Space wrap size={[4, 4]}>
            {a.participants.map((p) => (
              <Tag key={p.personId} color={p.isMember ? 'red' : 'blue'} title={p.orgName}>
                {p.name}
                {p.isMember ? '' : '（青年）'}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">只登记了人数，没有名单</Typography.Text>
        )}
      </Card>
      <Card size="small" title="照片及附件">
        <Attachments items={a.attachments} upload={o.uploadActivityAttachment} ownerId={a.id} canUpload={a.can.upload} hint="活动照片、方案、总结等" />
      </Card>
    </Space>
  );
}

/* ------------------------------------------------------------------- form */

interface Values {
  orgId: number;
  type: ActivityType;
  theme: string;
  heldOn: Dayjs;
  place?: string;
  organizer: string;
  venueId?: number | null;
  participantIds: number[];
  memberCount: number;
  youthCount: number;
  description?: string;
}

function ActivityModal({ activity, orgId, onClose, onDone }: { activity?: ActivityDetail; orgId: number; onClose(): void; onDone(id: number): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** Whether each listed person is a member (those already listed, then those picked). */
  const [isMember] = useState(() => new Map(activity?.participants.map((p) => [p.personId, p.isMember]) ?? []));
  const [listed, setListed] = useState({ members: activity?.participants.filter((p) => p.isMember).length ?? 0, youth: activity?.participants.filter((p) => !p.isMember).length ?? 0 });
  const refresh = useRefreshOrgLife();
  const { message } = App.useApp();
  const showError = useShowError();
  const org = Form.useWatch('orgId', form) ?? orgId;
  const venues = useApi(o.listVenues, { query: { under: org, status: 'active', pageSize: 500 } });
  const v = Form.useWatch([], form) as Partial<Values> | undefined;
  const venue = venues.data?.items.find((x) => x.id === v?.venueId);
  const problems =
    v?.heldOn && v.memberCount !== undefined && v.youthCount !== undefined
      ? activityProblems({ heldOn: ymd(v.heldOn), memberCount: v.memberCount ?? 0, youthCount: v.youthCount ?? 0, listedMembers: listed.members, listedYouth: listed.youth }, chinaToday(), venue)
      : [];
  const existing = new Set(activity?.participants.map((p) => p.personId) ?? []);

  const submit = async (val: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        type: val.type,
        theme: val.theme,
        heldOn: ymd(val.heldOn),
        place: val.place || null,
        organizer: val.organizer,
        venueId: val.venueId ?? null,
        memberCount: val.memberCount,
        youthCount: val.youthCount,
        participantIds: val.participantIds.filter((id) => !existing.has(id)),
        description: val.description || null,
      };
      const d = activity ? await call(o.updateActivity, { params: { id: activity.id }, body }) : await call(o.createActivity, { body: { orgId: val.orgId, ...body } });
      message.success(activity ? '已保存' : '已登记活动');
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
    <Modal open title={activity ? '修改活动' : '登记活动'} onCancel={onClose} onOk={() => form.submit()} okText={activity ? '保存' : '登记'} confirmLoading={busy} width={720} destroyOnHidden>
      <Refusal error={error} />
      <Problems problems={problems} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          activity
            ? {
                orgId: activity.orgId,
                type: activity.type,
                theme: activity.theme,
                heldOn: dayjs(activity.heldOn),
                place: activity.place ?? undefined,
                organizer: activity.organizer,
                venueId: activity.venueId,
                participantIds: [],
                memberCount: activity.memberCount,
                youthCount: activity.youthCount,
                description: activity.description ?? undefined,
              }
            : { orgId, type: 'theme_education', heldOn: todayDayjs(), participantIds: [], memberCount: 0, youthCount: 0 }
        }
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
              <OrgTreeSelect disabled={!!activity} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="type" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
              <Select options={TYPE_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="theme" label="活动主题" rules={[{ required: true, message: '请填写活动主题' }, { min: 2, message: '活动主题至少2个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="heldOn" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday()} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="organizer" label="组织者" rules={[{ required: true, message: '请填写组织者' }, { min: 2, message: '组织者至少2个字' }]}>
              <Input maxLength={60} placeholder="如：村团支部" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="place" label="地点">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="venueId" label="在团属阵地开展（选填）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="不在阵地开展可不选"
            loading={venues.isLoading}
            options={(venues.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${VENUE_KIND_LABELS[x.kind]}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="participantIds"
          label={activity ? '增加参加人员' : '参加人员名单（选填，团员和青年）'}
          extra={
            activity?.participants.length
              ? `已登记${activity.participants.length}人（${activity.participants.map((p) => p.name).join('、')}）保留，这里选的人员加入名单`
              : '名单中的团员、青年人数会计入下面的人数'
          }
        >
          <PeopleMultiSelect
            under={org}
            onChange={(ids, people) => {
              for (const p of people) isMember.set(p.id, p.memberStatus === 'active');
              const all = [...new Set([...existing, ...ids])];
              const members = all.filter((i) => isMember.get(i)).length;
              const youth = all.length - members;
              setListed({ members, youth });
              const cur = form.getFieldsValue(['memberCount', 'youthCount']);
              form.setFieldsValue({ participantIds: ids, memberCount: Math.max(cur.memberCount ?? 0, members), youthCount: Math.max(cur.youthCount ?? 0, youth) });
            }}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="memberCount" label="团员参加人数" rules={[{ required: true, message: '请填写团员参加人数' }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="youthCount" label="青年参加人数（非团员）" rules={[{ required: true, message: '请填写青年参加人数' }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="活动内容">
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        {!activity && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            登记后可在活动详情中上传照片。
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
