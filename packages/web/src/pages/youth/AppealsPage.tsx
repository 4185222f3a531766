import { PlusOutlined } from '@ant-design/icons';
import {
  APPEAL_CATEGORIES,
  APPEAL_CATEGORY_LABELS,
  APPEAL_EVENT_LABELS,
  APPEAL_RATING_LABELS,
  APPEAL_STATUSES,
  APPEAL_STATUS_LABELS,
  api,
  appealActionProblems,
  type AppealCategory,
  type AppealStatus,
} from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Rate, Segmented, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { formatTime } from '../../lib/format';
import { chinaToday } from '../../lib/people';
import { DRAWER_WIDTH, ExportButton, Figures, PageHeader, Problems, Refusal, Toolbar, pagination, useRefreshYouth, useScopeOrg, ymd } from './shared';
import { useRecordParam } from '../../components/useRecordParam';
import { PhoneInput } from '../../components/KeypadInputs';

const o = api.orgLife;
type Appeal = api.ResponseOf<typeof o.listAppeals>['items'][number];
type Detail = api.ResponseOf<typeof o.getAppeal>;
type Action = 'assign' | 'answer' | 'close' | 'transfer' | 'escalate';

const STATUS_COLORS: Record<AppealStatus, string> = { submitted: 'orange', assigned: 'processing', answered: 'cyan', closed: 'success' };
const ACTION_LABELS: Record<Action, string> = { assign: '分派承办人', answer: '答复', close: '办结', transfer: '转办', escalate: '超期上报督办' };

/**
 * 青年之声 (handling): appeals young people sent to an organization in the
 * subtree — assign, answer, close, transfer or escalate; deadlines and the
 * overdue list; filters by state and category; export.
 */
export default function AppealsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const [status, setStatus] = useState<AppealStatus | 'all'>('all');
  const [category, setCategory] = useState<AppealCategory | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useRecordParam('appeal');
  const [creating, setCreating] = useState(false);
  const first = () => setPage(1);
  const filters = {
    under: orgId ?? undefined,
    status: status === 'all' ? undefined : status,
    category,
    overdue: overdue ? 'true' : undefined,
    from: range?.[0] ? ymd(range[0]) : undefined,
    to: range?.[1] ? ymd(range[1]) : undefined,
    q: q || undefined,
  };
  const list = useApi(o.listAppeals, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  return (
    <div>
      <PageHeader title="青年之声" orgId={orgId} onOrg={(id) => (setOrg(id), first())} />
      {orgId && <Counts orgId={orgId} onOverdue={() => (setOverdue(true), setStatus('all'), first())} />}
      <Card
        title="诉求清单"
        extra={
          <Space wrap>
            <ExportButton contract={o.exportAppeals} input={{ query: filters }} fileName="青年之声诉求清单.xlsx" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                代为登记诉求
              </Button>
            )}
          </Space>
        }
      >
        <Toolbar>
          <Segmented<AppealStatus | 'all'>
            value={status}
            onChange={(v) => (setStatus(v), first())}
            options={[{ value: 'all', label: '全部' }, ...APPEAL_STATUSES.map((s) => ({ value: s, label: APPEAL_STATUS_LABELS[s] }))]}
          />
          <Select
            allowClear
            placeholder="诉求类别"
            style={{ width: 130 }}
            value={category}
            onChange={(v) => (setCategory(v), first())}
            options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))}
          />
          <Space size={4}>
            <Switch size="small" checked={overdue} onChange={(v) => (setOverdue(v), first())} data-testid="overdue-switch" />
            <Typography.Text>仅看超期</Typography.Text>
          </Space>
          <DatePicker.RangePicker value={range} onChange={(v) => (setRange(v), first())} allowEmpty={[true, true]} placeholder={['提交起', '提交止']} />
          <Input.Search allowClear placeholder="标题、查询码或姓名" style={{ width: 200 }} onSearch={(v) => (setQ(v.trim()), first())} />
        </Toolbar>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Appeal>
            rowKey="id"
            size="middle"
            data-testid="appeals-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '件')}
            onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: '没有符合条件的诉求' }}
            columns={[
              { title: '标题', dataIndex: 'title', render: (t: string) => <a>{t}</a> },
              { title: '类别', dataIndex: 'category', width: 90, render: (c: AppealCategory) => APPEAL_CATEGORY_LABELS[c] },
              { title: '诉求人', dataIndex: 'askerName', width: 90 },
              { title: '承办组织', dataIndex: 'orgName', ellipsis: true },
              { title: '承办人', dataIndex: 'assignee', width: 90, render: (v: string | null) => v ?? '—' },
              { title: '提交日期', dataIndex: 'submittedOn', width: 110 },
              {
                title: '办理时限',
                dataIndex: 'deadline',
                width: 150,
                render: (d: string, r) => (r.overdue ? <Tag color="red">{`${d} 超期${r.daysOverdue}天`}</Tag> : d),
              },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: AppealStatus) => <Tag color={STATUS_COLORS[s]}>{APPEAL_STATUS_LABELS[s]}</Tag> },
              { title: '评价', dataIndex: 'rating', width: 70, render: (r: number | null) => (r ? `${r}分` : '—') },
            ]}
          />
        )}
      </Card>
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={DRAWER_WIDTH} title="诉求办理" destroyOnHidden>
        {open !== null && <AppealView id={open} />}
      </Drawer>
      {creating && orgId && <CreateModal orgId={orgId} onClose={() => setCreating(false)} onCreated={setOpen} />}
    </div>
  );
}

/** Appeals by state in the subtree, and the overdue ones (a click filters the list to them). */
function Counts({ orgId, onOverdue }: { orgId: number; onOverdue(): void }) {
  const count = (status?: AppealStatus, overdue?: boolean) => ({ query: { under: orgId, status, overdue: overdue ? 'true' : undefined, pageSize: 1 } });
  const all = useApi(o.listAppeals, count());
  const submitted = useApi(o.listAppeals, count('submitted'));
  const assigned = useApi(o.listAppeals, count('assigned'));
  const answered = useApi(o.listAppeals, count('answered'));
  const late = useApi(o.listAppeals, count(undefined, true));
  return (
    <Figures
      loading={!all.data}
      items={[
        { title: '诉求总数', value: all.data?.total ?? '—', suffix: '件' },
        { title: APPEAL_STATUS_LABELS.submitted, value: submitted.data?.total ?? '—', suffix: '件', testId: 'count-submitted' },
        { title: APPEAL_STATUS_LABELS.assigned, value: assigned.data?.total ?? '—', suffix: '件' },
        { title: '已答复待办结', value: answered.data?.total ?? '—', suffix: '件' },
        {
          title: (
            <a onClick={onOverdue} data-testid="overdue-link">
              超期未答复（查看）
            </a>
          ),
          value: late.data?.total ?? '—',
          suffix: '件',
          color: late.data?.total ? '#cf1322' : undefined,
          testId: 'count-overdue',
        },
      ]}
    />
  );
}

function AppealView({ id }: { id: number }) {
  const detail = useApi(o.getAppeal, { params: { id } });
  const [acting, setActing] = useState<Action | null>(null);
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const a = detail.data;
  const next =
    a.status === 'submitted'
      ? '下一步：分派承办人'
      : a.status === 'assigned'
        ? `下一步：答复（时限 ${a.deadline}）`
        : a.status === 'answered'
          ? '已答复：诉求人评价后自动办结，也可直接办结'
          : '已办结';
  const actions: Action[] = ['assign', 'answer', 'close', 'transfer', 'escalate'];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions bordered size="small" column={2} title={a.title}>
        <Descriptions.Item label="查询码">
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {a.trackingCode}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[a.status]}>{APPEAL_STATUS_LABELS[a.status]}</Tag>
          {a.overdue && <Tag color="red">超期{a.daysOverdue}天</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="类别">{APPEAL_CATEGORY_LABELS[a.category]}</Descriptions.Item>
        <Descriptions.Item label="承办组织">{a.orgName}</Descriptions.Item>
        <Descriptions.Item label="诉求人">{a.askerName}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{a.askerPhone ?? a.askerPhoneMasked}</Descriptions.Item>
        <Descriptions.Item label="提交日期">{a.submittedOn}</Descriptions.Item>
        <Descriptions.Item label="办理时限">{a.deadline}</Descriptions.Item>
        <Descriptions.Item label="承办人">{a.assignee ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="评价">
          {a.rating ? (
            <Space size={4}>
              <Rate disabled value={a.rating} style={{ fontSize: 14 }} />
              {APPEAL_RATING_LABELS[a.rating]}
              {a.ratingComment && `：${a.ratingComment}`}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="诉求内容" span={2}>
          <span style={{ whiteSpace: 'pre-line' }}>{a.content}</span>
        </Descriptions.Item>
        <Descriptions.Item label="答复" span={2}>
          {a.answer ? (
            <span style={{ whiteSpace: 'pre-line' }} data-testid="appeal-answer">
              {a.answer}（{a.answeredOn}）
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type={a.overdue ? 'danger' : 'secondary'} data-testid="appeal-next">
        {a.overdue ? `已超过办理时限${a.daysOverdue}天。${next}${a.can.escalate ? '，或上报上级团委督办' : ''}` : next}
      </Typography.Text>
      <Space wrap>
        {actions
          .filter((k) => a.can[k])
          .map((k) => (
            <Button key={k} type={k === 'answer' || (k === 'assign' && a.status === 'submitted') || k === 'close' ? 'primary' : 'default'} danger={k === 'escalate'} onClick={() => setActing(k)}>
              {ACTION_LABELS[k]}
            </Button>
          ))}
      </Space>
      <Card size="small" title="办理过程">
        <Timeline
          items={a.events.map((e) => ({
            color: e.kind === 'escalated' ? 'red' : e.kind === 'closed' || e.kind === 'rated' ? 'green' : 'blue',
            content: (
              <>
                <Typography.Text strong>{APPEAL_EVENT_LABELS[e.kind]}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  {formatTime(e.at)} · {e.actor}
                </Typography.Text>
                {e.note && <div style={{ whiteSpace: 'pre-line' }}>{e.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {acting && <ActionModal appeal={a} action={acting} onClose={() => setActing(null)} />}
    </Space>
  );
}

function ActionModal({ appeal, action, onClose }: { appeal: Detail; action: Action; onClose(): void }) {
  const [form] = Form.useForm<{ assignee?: string; note?: string; answer?: string; orgId?: number }>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const problems = appealActionProblems(appeal, action, { today: chinaToday() });
  const submit = async (v: { assignee?: string; note?: string; answer?: string; orgId?: number }) => {
    await run(async () => {
      const params = { id: appeal.id };
      if (action === 'assign') await call(o.assignAppeal, { params, body: { assignee: v.assignee ?? '', note: v.note || null } });
      else if (action === 'answer') await call(o.answerAppeal, { params, body: { answer: v.answer ?? '' } });
      else if (action === 'close') await call(o.closeAppeal, { params, body: { note: v.note || null } });
      else if (action === 'transfer') await call(o.transferAppeal, { params, body: { orgId: v.orgId ?? 0, note: v.note ?? '' } });
      else await call(o.escalateAppeal, { params, body: { note: v.note ?? '' } });
      message.success(`已${ACTION_LABELS[action]}`);
      await refresh();
      onClose();
    });
  };
  const noteRequired = action === 'transfer' || action === 'escalate';
  return (
    <Modal
      open
      title={`${ACTION_LABELS[action]}：${appeal.title}`}
      okText={ACTION_LABELS[action]}
      okButtonProps={{ danger: action === 'escalate', disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit}>
        {action === 'assign' && (
          <Form.Item name="assignee" label="承办人" rules={[{ required: true, message: '请填写承办人' }, { min: 2, message: '承办人至少2个字' }]}>
            <Input maxLength={30} placeholder="承办人姓名" />
          </Form.Item>
        )}
        {action === 'answer' && (
          <Form.Item name="answer" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }, { min: 5, message: '答复内容至少5个字' }]} extra="答复内容诉求人可凭查询码查看">
            <Input.TextArea rows={6} maxLength={3000} showCount />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item name="orgId" label="转办组织" rules={[{ required: true, message: '请选择转办组织' }]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        {action !== 'answer' && (
          <Form.Item
            name="note"
            label={action === 'transfer' ? '转办说明' : action === 'escalate' ? '督办说明' : '说明'}
            rules={noteRequired ? [{ required: true, message: '请填写说明' }, { min: 2, message: '说明至少2个字' }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface CreateValues {
  orgId: number;
  category: AppealCategory;
  title: string;
  content: string;
  askerName: string;
  askerPhone: string;
}

function CreateModal({ orgId, onClose, onCreated }: { orgId: number; onClose(): void; onCreated(id: number): void }) {
  const [form] = Form.useForm<CreateValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = async (v: CreateValues) => {
    await run(async () => {
      const a = await call(o.createAppeal, { body: v });
      message.success(`已登记，查询码 ${a.trackingCode}（请告知诉求人）`);
      await refresh();
      onClose();
      onCreated(a.id);
    });
  };
  return (
    <Modal open title="代为登记诉求（电话、来访等）" okText="登记" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={560}>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, category: 'employment' }}>
        <Form.Item name="orgId" label="承办组织" rules={[{ required: true, message: '请选择承办组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2, message: '标题至少2个字' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="content" label="诉求内容" rules={[{ required: true, message: '请填写诉求内容' }, { min: 5, message: '诉求内容至少5个字' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="askerName" label="诉求人姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={30} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="askerPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <PhoneInput style={{ width: 200 }} autoComplete="off" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
