import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  GENDER_LABELS,
  REGISTRATION_STATUSES,
  REGISTRATION_STATUS_LABELS,
  UNREGISTERED_LABEL,
  api,
  registrationInputProblems,
  registrationProblems,
  type OrgType,
  type RegistrationStatus,
} from '@tuanjian/domain';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Progress, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { formatTime } from '../../lib/format';
import { LoadError } from '../../components/PageState';
import { keyColumnsFirst, useIsPhone } from '../../components/PhoneNav';
import { useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { chinaToday } from '../../lib/people';
import { IdAndMemberNo, PageHeader, PersonName, Problems, Refusal, YearSelect, crossPageSelection, peoplePagination, defaultDateIn, useRefreshMembership, useScopeOrg, useYearParam, ymd } from './shared';

type RegistrationItem = api.membership.RegistrationItem;
type ProgressData = api.ResponseOf<typeof api.membership.registrationProgress>;
type ChildProgress = ProgressData['children'][number];
type Filter = RegistrationStatus | 'unregistered' | 'all';

export const REGISTRATION_STATUS_COLORS: Record<RegistrationStatus, string> = { registered: 'success', deferred: 'warning', not_registered: 'error' };
const FILTERS: Filter[] = ['all', 'unregistered', ...REGISTRATION_STATUSES];
const FILTER_LABELS: Record<Filter, string> = { all: '全部', unregistered: UNREGISTERED_LABEL, ...REGISTRATION_STATUS_LABELS };

/** Colour of a progress bar by its rate: red below half, amber below 90%, green above. */
const rateColor = (rate: number) => (rate >= 0.9 ? '#3a9d5d' : rate >= 0.5 ? '#e8a33d' : '#b81c22');

/** 团籍注册: this year's registration of the members of a subtree, progress per child organization, batch decisions and export. */
export default function RegistrationsPage() {
  const phone = useIsPhone();
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const deadline = search.get('deadline') ?? undefined;
  const canWrite = useCan('membership:write');
  const showError = useShowError();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<Map<number, RegistrationItem>>(new Map());
  const [deciding, setDeciding] = useState<RegistrationStatus | null>(null);
  const [exporting, setExporting] = useState(false);

  const progress = useApi(api.membership.registrationProgress, orgId ? { query: { orgId, year, deadline } } : undefined, { enabled: !!orgId });
  const listQuery = { year, under: orgId ?? undefined, status: filter === 'all' ? undefined : filter, q: q || undefined, deadline };
  const list = useApi(api.membership.listRegistrations, { query: { ...listQuery, page, pageSize } }, { enabled: !!orgId });

  const reset = () => {
    setPage(1);
    setSelected(new Map());
  };
  const setDeadline = (d: Dayjs | null) => {
    const next = new URLSearchParams(search);
    if (d) next.set('deadline', ymd(d));
    else next.delete('deadline');
    setSearch(next, { replace: true });
  };
  const exportList = async () => {
    setExporting(true);
    try {
      const name = await download(api.membership.exportRegistrations, { query: listQuery }, `${year}年度团籍注册名单.xlsx`);
      message.success(`已导出：${name}`);
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  const p = progress.data;
  const counts: Partial<Record<Filter, number>> = p
    ? { all: p.total, unregistered: p.unregistered, registered: p.registered, deferred: p.deferred, not_registered: p.notRegistered }
    : {};

  return (
    <div>
      <PageHeader title="团籍注册" orgId={orgId} onOrg={(id) => (setOrg(id), reset())}>
        <YearSelect value={year} onChange={(y) => (setYear(y), reset())} />
        <DatePicker
          placeholder="注册截止日期（选填）"
          value={deadline ? dayjs(deadline) : null}
          onChange={setDeadline}
          style={{ width: 190 }}
          aria-label="注册截止日期"
        />
      </PageHeader>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={p && !p.children.length ? 24 : 8}>
          <Card title={`${year}年度注册进度`} style={{ height: '100%' }} loading={progress.isLoading}>
            {progress.error ? (
              <LoadError error={progress.error} onRetry={() => void progress.refetch()} />
            ) : (
              p && <OverallProgress p={p} />
            )}
          </Card>
        </Col>
        <Col span={16} style={p && !p.children.length ? { display: 'none' } : undefined}>
          <Card title="各下级组织注册进度" style={{ height: '100%' }} styles={{ body: { padding: 0 } }}>
            <Table<ChildProgress>
              rowKey="id"
              size="small"
              data-testid="progress-children"
              loading={progress.isFetching}
              dataSource={p?.children ?? []}
              pagination={false}
              scroll={{ y: 300 }}
              rowClassName="tj-clickable-row"
              onRow={(c) => ({ onClick: () => (setOrg(c.id), reset()), title: `查看${c.name}` })}
              locale={{ emptyText: '没有下级组织' }}
              columns={[
                {
                  title: '组织',
                  dataIndex: 'name',
                  ellipsis: true,
                  render: (n: string, c) => (
                    <span>
                      <OrgTypeTag type={c.type as OrgType} />
                      {n}
                    </span>
                  ),
                },
                {
                  title: '注册进度',
                  key: 'rate',
                  width: 220,
                  sorter: (a, b) => a.rate - b.rate,
                  render: (_: unknown, c) =>
                    c.total ? (
                      <Progress
                        percent={Math.round(c.rate * 1000) / 10}
                        size="small"
                        strokeColor={rateColor(c.rate)}
                        format={(v) => `${v}%`}
                        style={{ margin: 0 }}
                      />
                    ) : (
                      <Typography.Text type="secondary">无团员</Typography.Text>
                    ),
                },
                { title: '团员', dataIndex: 'total', width: 64, align: 'right' },
                { title: '已注册', dataIndex: 'registered', width: 70, align: 'right' },
                { title: '暂缓', dataIndex: 'deferred', width: 56, align: 'right' },
                { title: '不予', dataIndex: 'notRegistered', width: 56, align: 'right' },
                {
                  title: '未注册',
                  dataIndex: 'unregistered',
                  width: 84,
                  align: 'right',
                  sorter: (a, b) => a.unregistered - b.unregistered,
                  render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
                },
                ...(deadline ? [{ title: '逾期', dataIndex: 'late', width: 56, align: 'right' as const }] : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="团员名单">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => (setFilter(v), reset())}
            options={FILTERS.map((f) => ({ value: f, label: counts[f] === undefined ? FILTER_LABELS[f] : `${FILTER_LABELS[f]} ${counts[f]}` }))}
          />
          <Space wrap>
            <Input.Search allowClear placeholder="姓名" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), reset())} />
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), progress.refetch()])}>
              刷新
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()}>
              导出Excel
            </Button>
          </Space>
        </Space>
        {canWrite && (
          <Space style={{ marginBottom: 12 }} wrap data-testid="batch-bar">
            <Typography.Text type={selected.size ? undefined : 'secondary'}>{selected.size ? `已选 ${selected.size} 人` : '勾选团员后批量办理：'}</Typography.Text>
            <Button type="primary" disabled={!selected.size} onClick={() => setDeciding('registered')}>
              注册
            </Button>
            <Button disabled={!selected.size} onClick={() => setDeciding('deferred')}>
              暂缓注册
            </Button>
            <Button danger disabled={!selected.size} onClick={() => setDeciding('not_registered')}>
              不予注册
            </Button>
            {selected.size > 0 && (
              <Button type="link" onClick={() => setSelected(new Map())}>
                清除选择
              </Button>
            )}
          </Space>
        )}
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<RegistrationItem>
            rowKey="personId"
            data-testid="registrations-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowSelection={canWrite ? crossPageSelection(list.data?.items ?? [], selected, setSelected) : undefined}
            pagination={peoplePagination(page, pageSize, list.data?.total ?? 0, (pg, size) => { setPage(pg); setPageSize(size); })}
            columns={keyColumnsFirst(phone, [
              { title: '姓名', dataIndex: 'name', width: 100, render: (n: string, r) => <PersonName id={r.personId} name={n} /> },
              { title: '性别', dataIndex: 'gender', width: 60, render: (g: 'male' | 'female') => GENDER_LABELS[g] },
              { title: '身份证号 / 团员编号', key: 'ids', width: 190, render: (_: unknown, r) => <IdAndMemberNo masked={r.idNumberMasked} memberNo={r.memberNo} /> },
              { title: '入团日期', dataIndex: 'joinedOn', width: 106, render: (v: string | null) => v ?? '—' },
              { title: '所在团组织', dataIndex: 'orgName', ellipsis: true },
              {
                title: '注册状态',
                dataIndex: 'status',
                width: 110,
                render: (s: RegistrationStatus | null, r) => (
                  <Space size={4}>
                    {s ? <Tag color={REGISTRATION_STATUS_COLORS[s]}>{REGISTRATION_STATUS_LABELS[s]}</Tag> : <Tag>{UNREGISTERED_LABEL}</Tag>}
                    {r.selfRegisteredAt && (
                      <Tooltip title={`团员本人已在团员自助中确认信息并申请注册（${formatTime(r.selfRegisteredAt)}），请核实后办理注册`}>
                        <Tag color="processing">本人已申请</Tag>
                      </Tooltip>
                    )}
                    {r.late && (
                      <Tooltip title={r.decidedOn ? '在截止日期之后办理' : '已过截止日期仍未办理'}>
                        <Tag color="volcano">逾期</Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              { title: '注册日期', dataIndex: 'decidedOn', width: 106, render: (v: string | null) => v ?? '—' },
              { title: '备注', dataIndex: 'note', width: 150, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '' },
            ], ['status'])}
          />
        )}
      </Card>
      {deciding && (
        <DecideRegistrationModal
          year={year}
          status={deciding}
          people={[...selected.values()]}
          onClose={() => setDeciding(null)}
          onDone={() => (setDeciding(null), setSelected(new Map()))}
        />
      )}
    </div>
  );
}

function OverallProgress({ p }: { p: ProgressData }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space size={24} align="center">
        <Progress type="circle" percent={Math.round(p.rate * 1000) / 10} size={112} strokeColor={rateColor(p.rate)} format={(v) => `${v}%`} />
        <div>
          <Typography.Text type="secondary">{p.org.name}</Typography.Text>
          <div style={{ fontSize: 13, marginTop: 4 }}>
            应注册团员 <b data-testid="progress-total">{p.total}</b> 人
          </div>
          {p.deadline && (
            <div style={{ fontSize: 13, marginTop: 4 }}>
              截止日期 {p.deadline}，逾期 <Typography.Text type={p.late ? 'danger' : undefined}>{p.late}</Typography.Text> 人
            </div>
          )}
        </div>
      </Space>
      <Row gutter={[8, 8]}>
        <Col span={6}>
          <Statistic title="已注册" value={p.registered} styles={{ content: { color: '#3a9d5d' } }} data-testid="progress-registered" />
        </Col>
        <Col span={6}>
          <Statistic title="暂缓注册" value={p.deferred} data-testid="progress-deferred" />
        </Col>
        <Col span={6}>
          <Statistic title="不予注册" value={p.notRegistered} data-testid="progress-not-registered" />
        </Col>
        <Col span={6}>
          <Statistic title="未注册" value={p.unregistered} styles={{ content: { color: p.unregistered ? '#b81c22' : undefined } }} data-testid="progress-unregistered" />
        </Col>
      </Row>
    </Space>
  );
}

interface DecideValues {
  decidedOn: Dayjs;
  note?: string;
}

/** 注册 / 暂缓注册 / 不予注册 for the selected members, with the date and (except for registration) the reason. */
function DecideRegistrationModal({
  year,
  status,
  people,
  onClose,
  onDone,
}: {
  year: number;
  status: RegistrationStatus;
  people: RegistrationItem[];
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<DecideValues>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const decidedOn = Form.useWatch('decidedOn', form);
  const note = Form.useWatch('note', form) as string | undefined;
  const on = decidedOn ? ymd(decidedOn) : null;
  const today = chinaToday();
  // The shared rules: the decision itself (the missing reason is the form's own message), then each member.
  const problems = on
    ? [
        ...registrationInputProblems({ year, status, decidedOn: on, note: note?.trim() || (status === 'registered' ? null : '（待填写）') }, today),
        ...people.flatMap((p) => registrationProblems({ name: p.name, memberStatus: 'active', birthDate: '', joinedOn: p.joinedOn }, { year, decidedOn: on })),
      ]
    : [];
  const changed = people.filter((p) => p.status && p.status !== status);

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const result = await call(api.membership.recordRegistrations, {
        body: { year, status, decidedOn: ymd(v.decidedOn), note: v.note?.trim() || null, personIds: people.map((p) => p.personId) },
      });
      await refresh();
      message.success(
        status === 'registered'
          ? `已为 ${result.count} 名团员注册${year}年度团籍`
          : `已将 ${result.count} 名团员的${year}年度团籍注册办理为“${REGISTRATION_STATUS_LABELS[status]}”`,
      );
      onDone();
    });
  }

  const title = status === 'registered' ? '注册' : REGISTRATION_STATUS_LABELS[status];
  return (
    <Modal
      open
      title={`${year}年度团籍注册：${title}（${people.length}人）`}
      okText={`确认${title}`}
      okButtonProps={{ danger: status === 'not_registered', disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Typography.Paragraph>
        {people.slice(0, 12).map((p) => p.name).join('、')}
        {people.length > 12 && ` 等${people.length}人`}
      </Typography.Paragraph>
      {changed.length > 0 && (
        <Typography.Paragraph type="warning">其中 {changed.length} 人已有本年度注册结论，将更正为“{REGISTRATION_STATUS_LABELS[status]}”。</Typography.Paragraph>
      )}
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ decidedOn: defaultDateIn(year) }}>
        <Form.Item name="decidedOn" label="注册日期" rules={[{ required: true, message: '请选择注册日期' }]} extra={`应在${year}年内，且不晚于今天`}>
          <DatePicker
            allowClear={false}
            style={{ width: 200 }}
            disabledDate={(d) => d.year() !== year || d.isAfter(dayjs(today), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={status === 'registered' ? '备注' : '原因'}
          rules={
            status === 'registered'
              ? [{ max: 200 }]
              : [{ required: true, whitespace: true, message: `${REGISTRATION_STATUS_LABELS[status]}须注明原因` }, { max: 200 }]
          }
        >
          <Input.TextArea
            rows={2}
            showCount
            maxLength={200}
            placeholder={status === 'deferred' ? '如：外出务工，暂未取得联系' : status === 'not_registered' ? '如：经教育仍长期不参加团的组织生活' : '选填'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
