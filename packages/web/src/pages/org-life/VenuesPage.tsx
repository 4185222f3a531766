import { listPagination } from '../../components/page';
import { CheckCircleFilled, CloseCircleFilled, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  ACTIVITY_TYPE_LABELS,
  VENUE_CHECKS,
  VENUE_CHECK_LABELS,
  VENUE_KINDS,
  VENUE_KIND_LABELS,
  VENUE_STATUSES,
  VENUE_STATUS_LABELS,
  api,
  venueCheckProblems,
  type VenueCheck,
  type VenueKind,
  type VenueStatus,
} from '@tuanjian/domain';
import { App, Button, Card, Checkbox, Col, Descriptions, Drawer, Empty, Form, Input, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useShowError } from '../../lib/errors';
import { useCan } from '../../auth/session';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { ExportButton } from '../../components/ExportButton';
import { formatDate } from '../../lib/format';
import { Attachments, Figure, PageHeader, Problems, Refusal, isRefusal, useRefreshOrgLife, useScopeOrg } from './shared';
import { useRecordParam } from '../../components/useRecordParam';

type VenueItem = api.orgLife.VenueItem;
type VenueDetail = api.ResponseOf<typeof api.orgLife.getVenue>;
type Flag = 'all' | 'idle' | 'unmet';

const o = api.orgLife;
const KIND_OPTIONS = VENUE_KINDS.map((k) => ({ value: k, label: VENUE_KIND_LABELS[k] }));
const ALL = 500;

function CheckMark({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span style={{ whiteSpace: 'nowrap', marginInlineEnd: 8 }} title={`${label}：${ok ? '是' : '否'}`}>
      {ok ? <CheckCircleFilled style={{ color: '#3a9d5d' }} /> : <CloseCircleFilled style={{ color: '#c9ced6' }} />} {label.replace(/^有/, '')}
    </span>
  );
}

/** 团属阵地: the registry with the three checks and evidence, activity counts, idle venues flagged; create, edit, close, export. */
export default function VenuesPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const [kind, setKind] = useState<VenueKind | undefined>();
  const [flag, setFlag] = useState<Flag>('all');
  const [status, setStatus] = useState<VenueStatus | undefined>('active');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useRecordParam('venue');
  const [editing, setEditing] = useState<VenueDetail | 'new' | null>(null);

  const filters = {
    under: orgId ?? undefined,
    kind,
    status,
    idle: flag === 'idle' ? 'true' : undefined,
    standardMet: flag === 'unmet' ? 'false' : undefined,
    q: q || undefined,
  };
  const list = useApi(o.listVenues, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  const all = useApi(o.listVenues, { query: { under: orgId ?? undefined, status: 'active', pageSize: ALL } }, { enabled: !!orgId });
  const venues = all.data?.items ?? [];
  const idleDays = all.data?.idleDays ?? list.data?.idleDays;
  const counts = {
    total: all.data?.total,
    met: venues.filter((v) => v.standardMet).length,
    idle: venues.filter((v) => v.idle).length,
    activities: venues.reduce((s, v) => s + v.activityCount, 0),
  };

  const chart = useMemo<EChartOption>(() => {
    const byKind = VENUE_KINDS.map((k) => {
      const of = venues.filter((v) => v.kind === k);
      return { k, met: of.filter((v) => v.standardMet && !v.idle).length, unmet: of.filter((v) => !v.standardMet && !v.idle).length, idle: of.filter((v) => v.idle).length };
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['达标', '未达标', '闲置'], top: 0 },
      grid: { left: 36, right: 12, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: byKind.map((b) => VENUE_KIND_LABELS[b.k]), axisLabel: { interval: 0, formatter: (v: string) => (v.length > 6 ? `${v.slice(0, 6)}\n${v.slice(6)}` : v) } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '达标', type: 'bar', barMaxWidth: 48, stack: 'v', data: byKind.map((b) => b.met), itemStyle: { color: '#3a9d5d' } },
        { name: '未达标', type: 'bar', barMaxWidth: 48, stack: 'v', data: byKind.map((b) => b.unmet), itemStyle: { color: '#e8a33d' } },
        { name: '闲置', type: 'bar', barMaxWidth: 48, stack: 'v', data: byKind.map((b) => b.idle), itemStyle: { color: '#b81c22' } },
      ],
    };
  }, [venues]);

  return (
    <div>
      <PageHeader title="团属阵地" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-venue">
            登记阵地
          </Button>
        )}
      </PageHeader>
      {all.error && <LoadError error={all.error} onRetry={() => void all.refetch()} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <Row gutter={[16, 16]}>
            <Col span={12}>
              <Figure title="运行中的阵地" value={counts.total ?? '—'} suffix="处" testId="figure-venues" />
            </Col>
            <Col span={12}>
              <Figure title="三项标准全部达到" value={all.data ? counts.met : '—'} suffix="处" testId="figure-met" />
            </Col>
            <Col span={12}>
              <Figure title={`闲置（${idleDays ?? '—'}天以上无活动）`} value={all.data ? counts.idle : '—'} suffix="处" testId="figure-idle" danger={counts.idle > 0} />
            </Col>
            <Col span={12}>
              <Figure title="累计开展活动" value={all.data ? counts.activities : '—'} suffix="场" testId="figure-venue-activities" />
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="按阵地类型" loading={all.isLoading} style={{ height: '100%' }}>
            {venues.length ? <EChart option={chart} height={200} onClick={(p) => (setKind(VENUE_KINDS[p.dataIndex]), setPage(1))} /> : <Empty description="范围内没有登记阵地" />}
          </Card>
        </Col>
      </Row>
      <Card title="阵地名录">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Segmented<Flag>
              value={flag}
              onChange={(v) => (setFlag(v), setPage(1))}
              options={[
                { value: 'all', label: '全部' },
                { value: 'idle', label: '闲置' },
                { value: 'unmet', label: '标准未达到' },
              ]}
              data-testid="venue-flag"
            />
            <Select allowClear placeholder="阵地类型" aria-label="阵地类型" style={{ width: 190 }} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={KIND_OPTIONS} />
            <Select
              allowClear
              placeholder="状态"
              aria-label="状态"
              style={{ width: 110 }}
              value={status}
              onChange={(v) => (setStatus(v), setPage(1))}
              options={VENUE_STATUSES.map((s) => ({ value: s, label: VENUE_STATUS_LABELS[s] }))}
            />
            <Input.Search allowClear placeholder="阵地名称" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
          </Space>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), all.refetch()])}>
              刷新
            </Button>
            <ExportButton contract={o.exportVenues} input={{ query: filters }} fileName="团属阵地名录.xlsx" announce data-testid="export" />
          </Space>
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<VenueItem>
            rowKey="id"
            data-testid="venues-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowClassName={(v) => (v.idle ? 'tj-clickable-row tj-row-flagged' : 'tj-clickable-row')}
            onRow={(v) => ({ onClick: () => setOpenId(v.id) })}
            locale={{ emptyText: <Empty description="没有符合条件的阵地" /> }}
            scroll={{ x: 1500 }}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '处')}
            columns={[
              {
                title: '阵地',
                dataIndex: 'name',
                fixed: 'left',
                width: 240,
                render: (n: string, v) => (
                  <div>
                    <a>{n}</a>
                    <div>
                      <Tag color="red" style={{ marginTop: 2 }}>
                        {VENUE_KIND_LABELS[v.kind]}
                      </Tag>
                      {v.status === 'closed' && <Tag>{VENUE_STATUS_LABELS.closed}</Tag>}
                    </div>
                  </div>
                ),
              },
              { title: '所属组织', dataIndex: 'orgName', width: 190, ellipsis: true },
              { title: '地址', dataIndex: 'address', width: 200, ellipsis: true },
              { title: '运营方', dataIndex: 'operator', width: 140, ellipsis: true, render: (v: string | null) => v ?? '—' },
              { title: '开放时间', dataIndex: 'openingHours', width: 140, ellipsis: true, render: (v: string | null) => v ?? '—' },
              {
                title: '三项标准',
                key: 'checks',
                width: 250,
                render: (_, v) => (
                  <span>
                    {VENUE_CHECKS.map((c) => (
                      <CheckMark key={c} ok={v.checks[c]} label={VENUE_CHECK_LABELS[c]} />
                    ))}
                  </span>
                ),
              },
              { title: '活动场次', dataIndex: 'activityCount', width: 86, align: 'right' },
              {
                title: '最近活动',
                key: 'last',
                width: 150,
                render: (_, v) => (
                  <div>
                    <div>{v.lastActivityOn ?? '从未开展'}</div>
                    {v.idle && (
                      <Tag color="error" data-testid="idle-tag">
                        闲置 {v.daysWithoutActivity} 天
                      </Tag>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} size="large" title="阵地详情" destroyOnHidden>
        {openId !== null && <VenueView id={openId} onEdit={setEditing} />}
      </Drawer>
      {editing && orgId && <VenueModal venue={editing === 'new' ? undefined : editing} orgId={orgId} onClose={() => setEditing(null)} onDone={(id) => (setEditing(null), setOpenId(id))} />}
    </div>
  );
}

/* ----------------------------------------------------------------- detail */

function VenueView({ id, onEdit }: { id: number; onEdit(v: VenueDetail): void }) {
  const detail = useApi(o.getVenue, { params: { id } });
  const refresh = useRefreshOrgLife();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} />;
  const v = detail.data;
  const toggle = () => {
    const closing = v.status === 'active';
    modal.confirm({
      title: closing ? `停用“${v.name}”？` : `恢复“${v.name}”？`,
      content: closing ? '停用后不能再在该阵地登记活动，也不计入运行中的阵地；以后可以恢复。' : '恢复后可继续在该阵地登记活动。',
      okText: closing ? '停用' : '恢复',
      okButtonProps: { danger: closing },
      cancelText: '取消',
      onOk: async () => {
        try {
          await call(o.updateVenue, { params: { id }, body: { status: closing ? 'closed' : 'active' } });
          message.success(closing ? '已停用' : '已恢复');
          await refresh();
        } catch (err) {
          showError(err);
        }
      },
    });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {v.can.edit && (
        <Space>
          <Button icon={<EditOutlined />} onClick={() => onEdit(v)}>
            修改
          </Button>
          <Button danger={v.status === 'active'} onClick={toggle}>
            {v.status === 'active' ? '停用阵地' : '恢复阵地'}
          </Button>
        </Space>
      )}
      {v.idle && <Problems title="闲置阵地" problems={[`已${v.daysWithoutActivity}天没有开展活动（${v.idleDays}天以上无活动即为闲置），请督促运营方开展活动`]} testId="idle-warning" />}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="名称" span={2}>
          {v.name}
        </Descriptions.Item>
        <Descriptions.Item label="类型">{VENUE_KIND_LABELS[v.kind]}</Descriptions.Item>
        <Descriptions.Item label="状态">{VENUE_STATUS_LABELS[v.status]}</Descriptions.Item>
        <Descriptions.Item label="所属组织" span={2}>
          {v.orgName}
        </Descriptions.Item>
        <Descriptions.Item label="地址" span={2}>
          {v.address}
        </Descriptions.Item>
        <Descriptions.Item label="运营方">{v.operator ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="开放时间">{v.openingHours ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="登记日期">{formatDate(v.registeredOn)}</Descriptions.Item>
        <Descriptions.Item label="活动">
          {v.activityCount} 场，最近 {v.lastActivityOn ?? '从未开展'}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={v.standardMet ? '三项标准（全部达到）' : `三项标准（未达到：${v.missing.join('、')}）`}>
        <Descriptions size="small" column={1}>
          {VENUE_CHECKS.map((c) => (
            <Descriptions.Item key={c} label={<CheckMark ok={v.checks[c]} label={VENUE_CHECK_LABELS[c]} />}>
              {v.evidence[c] ?? <Typography.Text type="secondary">无佐证</Typography.Text>}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title="佐证材料（照片、制度文件等）">
        <Attachments items={v.attachments} upload={o.uploadVenueAttachment} ownerId={v.id} canUpload={v.can.upload} hint="阵地照片、管理制度、运营协议等" />
      </Card>
      <Card size="small" title="近期活动" extra={<Link to={`/org-life/activities?venue=${v.id}`}>全部活动</Link>}>
        <Table
          rowKey="id"
          size="small"
          dataSource={v.recentActivities}
          pagination={false}
          locale={{ emptyText: '还没有在该阵地开展的活动' }}
          columns={[
            { title: '日期', dataIndex: 'heldOn', width: 110 },
            { title: '类型', dataIndex: 'type', width: 110, render: (t: keyof typeof ACTIVITY_TYPE_LABELS) => ACTIVITY_TYPE_LABELS[t] },
            { title: '主题', dataIndex: 'theme', ellipsis: true },
            { title: '人数', key: 'n', width: 70, align: 'right', render: (_, a) => a.memberCount + a.youthCount },
          ]}
        />
      </Card>
    </Space>
  );
}

/* ------------------------------------------------------------------- form */

interface Values {
  orgId: number;
  kind: VenueKind;
  name: string;
  address: string;
  operator?: string;
  openingHours?: string;
  checks: Record<VenueCheck, boolean>;
  evidence: Record<VenueCheck, string | undefined>;
}

const EVIDENCE_HINTS: Record<VenueCheck, string> = {
  site: '依托的场所、面积，如：镇党群服务中心二楼，面积120平方米',
  rules: '制定的制度，如：《青年之家管理制度》《活动登记制度》已上墙',
  staff: '运营人员或机构，如：镇团委书记负责，社工站2名社工驻点',
};

function VenueModal({ venue, orgId, onClose, onDone }: { venue?: VenueDetail; orgId: number; onClose(): void; onDone(id: number): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshOrgLife();
  const { message } = App.useApp();
  const showError = useShowError();
  const checks = Form.useWatch('checks', form) ?? venue?.checks ?? { site: false, rules: false, staff: false };
  const evidence = Form.useWatch('evidence', form) ?? {};
  const [tried, setTried] = useState(false);
  const problems = venueCheckProblems(checks, evidence as Partial<Record<VenueCheck, string>>);

  const submit = async (v: Values) => {
    setTried(true);
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const ev = { site: v.evidence.site || null, rules: v.evidence.rules || null, staff: v.evidence.staff || null };
      const body = { kind: v.kind, name: v.name, address: v.address, operator: v.operator || null, openingHours: v.openingHours || null, checks: v.checks, evidence: ev };
      const d = venue ? await call(o.updateVenue, { params: { id: venue.id }, body }) : await call(o.createVenue, { body: { orgId: v.orgId, ...body } });
      message.success(venue ? '已保存' : '已登记阵地');
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
    <Modal open title={venue ? '修改阵地' : '登记阵地'} onCancel={onClose} onOk={() => form.submit()} okText={venue ? '保存' : '登记'} confirmLoading={busy} width={720} destroyOnHidden>
      <Refusal error={error} />
      {tried && <Problems problems={problems} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          venue
            ? {
                orgId: venue.orgId,
                kind: venue.kind,
                name: venue.name,
                address: venue.address,
                operator: venue.operator ?? undefined,
                openingHours: venue.openingHours ?? undefined,
                checks: venue.checks,
                evidence: { site: venue.evidence.site ?? undefined, rules: venue.evidence.rules ?? undefined, staff: venue.evidence.staff ?? undefined },
              }
            : { orgId, kind: 'youth_home', checks: { site: false, rules: false, staff: false }, evidence: {} }
        }
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
              <OrgTreeSelect disabled={!!venue} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="kind" label="阵地类型" rules={[{ required: true, message: '请选择阵地类型' }]}>
              <Select options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label="阵地名称" rules={[{ required: true, message: '请填写阵地名称' }, { min: 2, message: '阵地名称至少2个字' }]}>
          <Input maxLength={100} placeholder="如：××镇青年之家" />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[{ required: true, message: '请填写地址' }, { min: 2, message: '地址至少2个字' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="operator" label="运营方">
              <Input maxLength={100} placeholder="如：镇团委、某社会组织" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="openingHours" label="开放时间">
              <Input maxLength={100} placeholder="如：周二至周日 9:00—17:00" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>三项标准（勾选的须填写佐证说明，佐证照片可在登记后上传）</Typography.Text>
        {VENUE_CHECKS.map((c) => (
          <Row gutter={12} key={c} style={{ marginTop: 8 }} align="top">
            <Col span={6}>
              <Form.Item name={['checks', c]} valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox data-testid={`check-${c}`}>{VENUE_CHECK_LABELS[c]}</Checkbox>
              </Form.Item>
            </Col>
            <Col span={18}>
              <Form.Item
                name={['evidence', c]}
                style={{ marginBottom: 0 }}
                rules={[{ required: !!checks[c], message: `勾选“${VENUE_CHECK_LABELS[c]}”须填写佐证说明` }]}
              >
                <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} placeholder={EVIDENCE_HINTS[c]} />
              </Form.Item>
            </Col>
          </Row>
        ))}
      </Form>
    </Modal>
  );
}
