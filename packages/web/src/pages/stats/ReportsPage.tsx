import { DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  DEFAULT_REPORT_FIGURES,
  DEFAULT_REPORT_SECTIONS,
  FIGURES,
  REPORT_STATUS_LABELS,
  REPORT_TASK_STATUS_LABELS,
  figureDef,
  formatFigure,
  taskProblems,
  type FigureKey,
  api,
} from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { Problems, Refusal, YearSelect, isRefusal, todayDayjs, useYearParam, ymd } from '../../components/page';
import { formatTime } from '../../lib/format';
import { REPORT_STATUS_COLORS } from '../../lib/report-labels';
import { useShowError } from '../../lib/errors';
import './print.css';

type TaskItem = api.reports.TaskItem;
type SubmissionDetail = api.reports.SubmissionDetail;
const R = api.reports;

const refresh = (qc: ReturnType<typeof useQueryClient>) => invalidate(qc, R.listTasks, R.getTask, R.getSubmission, R.compileTask);

/**
 * 报送任务: tasks issued by the caller's committee (progress, review,
 * compiling) and tasks from above (the caller's own report to write).
 * ?task= opens a task, ?report= a report, ?compiled= the compiled document.
 */
export default function ReportsPage() {
  const [search, setSearch] = useSearchParams();
  const [year, setYear] = useYearParam();
  const [issuing, setIssuing] = useState(false);
  const canIssue = useCan('org:manage');
  const taskId = Number(search.get('task')) || null;
  const reportId = Number(search.get('report')) || null;
  const compiledId = Number(search.get('compiled')) || null;
  const setParam = (key: string, id: number | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set(key, String(id));
    else next.delete(key);
    setSearch(next);
  };
  if (compiledId) return <CompiledView id={compiledId} onBack={() => setParam('compiled', null)} />;
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="tj-page-title" style={{ margin: 0 }}>
          报送任务
        </h1>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} forward={1} />
          {canIssue && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
              发布报送任务
            </Button>
          )}
        </Space>
      </Space>
      <TaskList year={year} onTask={(id) => setParam('task', id)} onReport={(id) => setParam('report', id)} />
      <Drawer open={!!taskId} onClose={() => setParam('task', null)} size="large" title="报送进度" destroyOnHidden>
        {taskId && <TaskView id={taskId} onReport={(id) => setParam('report', id)} onCompiled={() => setParam('compiled', taskId)} />}
      </Drawer>
      <Drawer open={!!reportId} onClose={() => setParam('report', null)} size="large" title="报告" destroyOnHidden>
        {reportId && <ReportView id={reportId} />}
      </Drawer>
      {issuing && <IssueModal onClose={() => setIssuing(false)} onIssued={(id) => setParam('task', id)} />}
    </div>
  );
}

function TaskList({ year, onTask, onReport }: { year: number; onTask(id: number): void; onReport(id: number): void }) {
  const [view, setView] = useState<'all' | 'issued' | 'mine'>('all');
  const list = useApi(R.listTasks, { query: { year } });
  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const rows = (list.data ?? []).filter((t) => view === 'all' || (view === 'issued' ? t.isIssuer : !!t.mine));
  return (
    <Card
      size="small"
      title={
        <Segmented
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'issued', label: '本级及下级发布' },
            { value: 'mine', label: '上级下发（本单位填报）' },
          ]}
        />
      }
    >
      <Table<TaskItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={`${year}年度没有报送任务`} /> }}
        columns={[
          {
            title: '任务',
            dataIndex: 'title',
            render: (v: string, t) => (
              <Space orientation="vertical" size={0}>
                <Typography.Link onClick={() => (t.isIssuer ? onTask(t.id) : t.mine && onReport(t.mine.id))}>{v}</Typography.Link>
                <Typography.Text type="secondary">{t.period}</Typography.Text>
              </Space>
            ),
          },
          { title: '发布单位', dataIndex: ['issuer', 'name'] },
          { title: '截止日期', dataIndex: 'deadline', width: 110 },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: TaskItem['status']) => <Tag color={s === 'open' ? 'blue' : 'default'}>{REPORT_TASK_STATUS_LABELS[s]}</Tag> },
          {
            title: '进度 / 本单位报告',
            width: 260,
            render: (_: unknown, t) =>
              t.progress ? (
                <Tooltip title={`已报送 ${t.progress.submitted}，已接收 ${t.progress.accepted}，已退回 ${t.progress.returned}，未报送 ${t.progress.draft}`}>
                  <Space>
                    <Progress percent={t.progress.rate ?? 0} size="small" style={{ width: 120 }} format={() => `${t.progress!.reported}/${t.progress!.total}`} />
                  </Space>
                </Tooltip>
              ) : t.mine ? (
                <Tag color={REPORT_STATUS_COLORS[t.mine.status]}>{REPORT_STATUS_LABELS[t.mine.status]}</Tag>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            width: 110,
            render: (_: unknown, t) =>
              t.isIssuer ? (
                <Button size="small" onClick={() => onTask(t.id)}>
                  查看进度
                </Button>
              ) : t.mine ? (
                <Button size="small" type={t.mine.status === 'draft' || t.mine.status === 'returned' ? 'primary' : 'default'} onClick={() => onReport(t.mine!.id)}>
                  {t.mine.status === 'draft' || t.mine.status === 'returned' ? '填报' : '查看'}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function TaskView({ id, onReport, onCompiled }: { id: number; onReport(id: number): void; onCompiled(): void }) {
  const task = useApi(R.getTask, { params: { id } });
  const qc = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const canManage = useCan('org:manage');
  const [filter, setFilter] = useState<'all' | 'in' | 'out'>('all');
  if (task.error) return <LoadError error={task.error} onRetry={() => task.refetch()} />;
  if (!task.data) return <PageLoading />;
  const t = task.data;
  const rows = t.submissions.filter((s) => filter === 'all' || (filter === 'in') === (s.status === 'submitted' || s.status === 'accepted'));
  const close = async () => {
    try {
      await call(R.closeTask, { params: { id }, body: {} });
      message.success('报送任务已结束');
      await refresh(qc);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <div>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="任务">{t.title}</Descriptions.Item>
        <Descriptions.Item label="报送期间">{t.period}</Descriptions.Item>
        <Descriptions.Item label="发布单位">{t.issuer.name}</Descriptions.Item>
        <Descriptions.Item label="截止日期">{t.deadline}</Descriptions.Item>
        <Descriptions.Item label="文字部分" span={2}>
          {t.sections.map((s) => s.title).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="数据指标" span={2}>
          {t.figures.map((k) => figureDef(k)!.label).join('、') || '—'}
        </Descriptions.Item>
      </Descriptions>
      {t.progress && (
        <Space size="large" style={{ marginBottom: 12 }} wrap>
          <Progress type="circle" size={72} percent={t.progress.rate ?? 0} format={() => `${t.progress!.reported}/${t.progress!.total}`} />
          <Typography.Text>已报送 {t.progress.submitted}</Typography.Text>
          <Typography.Text>已接收 {t.progress.accepted}</Typography.Text>
          <Typography.Text type="warning">已退回 {t.progress.returned}</Typography.Text>
          <Typography.Text type="secondary">未报送 {t.progress.draft}</Typography.Text>
        </Space>
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'in', label: '已报送/已接收' },
            { value: 'out', label: '未报送/已退回' },
          ]}
        />
        <Button icon={<PrinterOutlined />} onClick={onCompiled}>
          汇编预览
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => download(R.exportCompiled, { params: { id } }).catch(showError)}>
          导出汇编（Excel）
        </Button>
        {t.isIssuer && canManage && t.status === 'open' && (
          <Popconfirm title="结束后各单位不能再填写、报送，也不能再退回修改。确定结束？" onConfirm={close}>
            <Button danger>结束任务</Button>
          </Popconfirm>
        )}
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        data-testid="submissions"
        columns={[
          { title: '报送单位', dataIndex: ['org', 'name'] },
          {
            title: '状态',
            dataIndex: 'status',
            width: 130,
            render: (s: keyof typeof REPORT_STATUS_LABELS, r) => (
              <Space size={4}>
                <Tag color={REPORT_STATUS_COLORS[s]}>{REPORT_STATUS_LABELS[s]}</Tag>
                {r.late && <Tag color="red">逾期</Tag>}
              </Space>
            ),
          },
          { title: '报送时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatTime(v) },
          { title: '退回原因', dataIndex: 'returnReason', ellipsis: true, render: (v: string | null, r) => (r.status === 'returned' ? v : '—') },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => onReport(r.id)}>
                {r.status === 'submitted' && t.isIssuer ? '审阅' : '查看'}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}

function FiguresCard({ d }: { d: SubmissionDetail }) {
  if (!d.figureKeys.length) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={d.figuresFrozen ? '数据指标（报送时取数，已冻结）' : '数据指标（自动取数，报送时冻结）'}
      extra={
        <Typography.Text type="secondary">
          截至 {d.figures.asOf}，{d.figures.basis}
        </Typography.Text>
      }
    >
      <div data-testid="report-figures">
      <Descriptions size="small" column={2}>
        {d.figureKeys.map((k) => (
          <Descriptions.Item key={k} label={<Tooltip title={figureDef(k)!.how}>{figureDef(k)!.label}</Tooltip>}>
            {formatFigure(k, d.figures.values[k])}
            {d.figures.values[k]?.denominator !== undefined && d.figures.values[k]?.value !== null && (
              <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                （{d.figures.values[k]!.numerator}/{d.figures.values[k]!.denominator}）
              </Typography.Text>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      </div>
    </Card>
  );
}

function ReportView({ id }: { id: number }) {
  const q = useApi(R.getSubmission, { params: { id } });
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [returning, setReturning] = useState(false);
  const canEdit = useCan('org:edit');
  const canManage = useCan('org:manage');
  const texts = Form.useWatch([], form) as Record<string, string> | undefined;
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const d = q.data;
  const problems = (a: string) => d.actions.find((x) => x.action === a)!.problems;
  const editable = d.isRecipient && canEdit && problems('save').length === 0;
  // Submission problems against what is on screen (the shared rules), not only what was saved.
  const submitProblems = editable
    ? d.sectionsTemplate.flatMap((s) => {
        const v = (texts?.[s.key] ?? d.texts[s.key] ?? '').trim();
        return !v ? [`「${s.title}」尚未填写`] : v.length < 10 ? [`「${s.title}」至少10个字`] : [];
      })
    : problems('submit');
  const run = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      message.success(what);
      await refresh(qc);
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const values = () => form.getFieldsValue() as Record<string, string>;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {d.task.title} · {d.org.name}
        </Typography.Title>
        <Tag color={REPORT_STATUS_COLORS[d.status]} data-testid="report-status">
          {REPORT_STATUS_LABELS[d.status]}
        </Tag>
        {d.late && <Tag color="red">逾期</Tag>}
      </Space>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="发布单位">{d.task.issuer.name}</Descriptions.Item>
        <Descriptions.Item label="截止日期">{d.task.deadline}</Descriptions.Item>
        <Descriptions.Item label="报送">{d.submittedAt ? `${formatTime(d.submittedAt)}（${d.submittedBy}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label="审核">{d.reviewedAt ? `${formatTime(d.reviewedAt)}（${d.reviewedBy}）` : '—'}</Descriptions.Item>
      </Descriptions>
      {d.nextStep && <Alert type="info" showIcon title={d.nextStep} style={{ marginBottom: 12 }} />}
      {d.returnReason && (d.status === 'returned' || d.status === 'submitted') && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={d.status === 'returned' ? '退回原因' : '上次退回原因'} description={d.returnReason} data-testid="return-reason" />
      )}
      <Refusal error={error} />
      <FiguresCard d={d} />
      {editable ? (
        <Form form={form} layout="vertical" initialValues={d.texts} key={d.updatedAt}>
          {d.sectionsTemplate.map((s, i) => (
            <Form.Item key={s.key} name={s.key} label={`${i + 1}. ${s.title}`} extra={s.hint}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} aria-label={s.title} />
            </Form.Item>
          ))}
          <Problems problems={submitProblems} title="报送前还需完成" testId="submit-problems" />
          <Space>
            <Button loading={busy} onClick={() => run('已保存', () => call(R.saveSubmission, { params: { id }, body: { texts: values() } }))}>
              保存
            </Button>
            <Popconfirm
              title="报送后数据指标将按截止日期（或今天）取数并冻结，上级审核前不能修改。确定报送？"
              onConfirm={() => run('已报送', () => call(R.submitSubmission, { params: { id }, body: { texts: values() } }))}
              disabled={submitProblems.length > 0}
            >
              <Button type="primary" loading={busy} disabled={submitProblems.length > 0}>
                报送
              </Button>
            </Popconfirm>
          </Space>
        </Form>
      ) : (
        <div data-testid="report-texts">
          {d.sectionsTemplate.map((s, i) => (
            <Card key={s.key} size="small" title={`${i + 1}. ${s.title}`} style={{ marginBottom: 8 }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.texts[s.key] || <Typography.Text type="secondary">（未填写）</Typography.Text>}</Typography.Paragraph>
            </Card>
          ))}
        </div>
      )}
      {d.isIssuer && canManage && (
        <Space style={{ marginTop: 12 }}>
          <Tooltip title={problems('accept').join('；')}>
            <Button type="primary" loading={busy} disabled={problems('accept').length > 0} onClick={() => run('已接收', () => call(R.acceptSubmission, { params: { id }, body: {} }))}>
              接收
            </Button>
          </Tooltip>
          <Tooltip title={problems('return').join('；')}>
            <Button danger disabled={problems('return').length > 0} onClick={() => setReturning(true)}>
              退回修改
            </Button>
          </Tooltip>
        </Space>
      )}
      {returning && <ReturnModal id={id} orgName={d.org.name} onClose={() => setReturning(false)} />}
    </div>
  );
}

function ReturnModal({ id, orgName, onClose }: { id: number; orgName: string; onClose(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await call(R.returnSubmission, { params: { id }, body: { reason } });
      message.success('已退回');
      await refresh(qc);
      onClose();
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`退回 ${orgName} 的报告`} okText="退回" okButtonProps={{ danger: true, loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Refusal error={error} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { min: 2, message: '退回原因至少2个字' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} showCount placeholder="请写明需要修改或补充的内容" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface IssueForm {
  orgId: number;
  title: string;
  period: string;
  deadline: Dayjs;
  sectionTitles: string[];
  figures: FigureKey[];
  townshipsOnly: boolean;
}

function IssueModal({ onClose, onIssued }: { onClose(): void; onIssued(id: number): void }) {
  const account = useAccount();
  const [form] = Form.useForm<IssueForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const watched = Form.useWatch([], form) as IssueForm | undefined;
  const sectionsOf = (titles: string[]) =>
    titles
      .map((t) => t.trim())
      .filter(Boolean)
      .map((title, i) => DEFAULT_REPORT_SECTIONS.find((s) => s.title === title) ?? { key: `s${i + 1}`, title, hint: null });
  const preview = watched?.deadline
    ? taskProblems({ title: watched.title ?? '', deadline: ymd(watched.deadline), sections: sectionsOf(watched.sectionTitles ?? []), figures: watched.figures ?? [] }, ymd(todayDayjs()), 1)
    : [];
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const res = await call(R.issueTask, {
        body: {
          orgId: v.orgId,
          title: v.title,
          period: v.period,
          deadline: ymd(v.deadline),
          sections: sectionsOf(v.sectionTitles),
          figures: v.figures ?? [],
          recipientTypes: v.townshipsOnly ? ['township', 'subdistrict'] : undefined,
        },
      });
      message.success(`已发布，${res.recipients}个下级组织待报送`);
      await refresh(qc);
      onIssued(res.id);
      onClose();
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={760} title="发布报送任务" okText="发布" okButtonProps={{ loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Refusal error={error} />
      <Form<IssueForm>
        form={form}
        layout="vertical"
        initialValues={{
          orgId: account.scopeOrgId ?? undefined,
          sectionTitles: DEFAULT_REPORT_SECTIONS.map((s) => s.title),
          figures: [...DEFAULT_REPORT_FIGURES],
          townshipsOnly: account.scopeOrgType === 'county',
        }}
      >
        <Form.Item name="orgId" label="发布单位" rules={[{ required: true, message: '请选择发布单位' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="title" label="任务名称" style={{ flex: 2 }} rules={[{ required: true, message: '请填写任务名称' }]}>
            <Input placeholder="如：2026年上半年共青团工作总结" maxLength={60} />
          </Form.Item>
          <Form.Item name="period" label="报送期间" style={{ flex: 1, marginLeft: 8 }} rules={[{ required: true, message: '请填写报送期间' }]}>
            <Input placeholder="如：2026年上半年" maxLength={30} />
          </Form.Item>
          <Form.Item name="deadline" label="截止日期" style={{ marginLeft: 8 }} rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker disabledDate={(d) => d.isBefore(todayDayjs(), 'day')} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="sectionTitles" label="文字部分（报送单位逐项填写；默认采用承德规范的六个部分，可增删）" rules={[{ required: true, message: '至少需要一个文字部分' }]}>
          <SelectTags />
        </Form.Item>
        <Form.Item name="figures" label="数据指标（按截止日期自动取数，报送时冻结）">
          <Checkbox.Group style={{ width: '100%' }}>
            <Space wrap>
              {FIGURES.map((f) => (
                <Tooltip key={f.key} title={f.how}>
                  <Checkbox value={f.key}>{f.label}</Checkbox>
                </Tooltip>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="townshipsOnly" valuePropName="checked">
          <Checkbox>只发给乡镇团委、街道团工委（否则发给全部直属下级组织）</Checkbox>
        </Form.Item>
        <Problems problems={preview} title="发布前请注意" />
      </Form>
    </Modal>
  );
}

/** Section titles edited as one line separated by 、 (a form control). */
function SelectTags(props: { value?: string[]; onChange?(v: string[]): void }) {
  return (
    <Input.TextArea
      autoSize={{ minRows: 2, maxRows: 6 }}
      value={(props.value ?? []).join('、')}
      onChange={(e) => props.onChange?.(e.target.value.split(/[、，,\n]/))}
      placeholder="各部分标题，用顿号分隔"
    />
  );
}

/** The compiled document: figures of every reporting organization with a total row, then each section's texts. Printable. */
function CompiledView({ id, onBack }: { id: number; onBack(): void }) {
  const q = useApi(R.compileTask, { params: { id } });
  const showError = useShowError();
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const c = q.data;
  return (
    <div>
      <Space className="tj-no-print" style={{ marginBottom: 12 }}>
        <Button onClick={onBack}>返回</Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => download(R.exportCompiled, { params: { id } }).catch(showError)}>
          导出 Excel
        </Button>
        {c.missing.length > 0 && (
          <Typography.Text type="warning">
            未汇编：{c.missing.map((m) => `${m.org.name}（${REPORT_STATUS_LABELS[m.status]}）`).join('、')}
          </Typography.Text>
        )}
      </Space>
      <Card className="tj-form-sheet" data-testid="compiled">
        <div className="tj-form-title">{c.task.title}汇编</div>
        <div className="tj-form-lines">
          <span>发布单位：{c.task.issuer.name}</span>
          <span>报送期间：{c.task.period}</span>
          <span>截止日期：{c.task.deadline}</span>
          <span>已汇编 {c.included.length} 份</span>
        </div>
        {c.included.length === 0 ? (
          <Empty description="还没有已报送或已接收的报告" />
        ) : (
          <>
            {c.figureKeys.length > 0 && (
              <table className="tj-form-table" style={{ marginBottom: 16 }}>
                <thead>
                  <tr>
                    <th>报送单位</th>
                    {c.figureKeys.map((k) => (
                      <th key={k}>
                        {figureDef(k)!.label}
                        <br />（{figureDef(k)!.unit}）
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {c.included.map((s) => (
                    <tr key={s.id}>
                      <td className="name">{s.org.name}</td>
                      {c.figureKeys.map((k) => (
                        <td key={k} className="num">
                          {s.figures.values[k]?.value ?? '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr className="total">
                    <td className="name">合计</td>
                    {c.figureKeys.map((k) => (
                      <td key={k} className="num">
                        {c.total[k]?.value ?? '—'}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            )}
            {c.sections.map((sec, i) => (
              <div key={sec.key} style={{ marginBottom: 16, breakInside: 'avoid-page' }}>
                <Typography.Title level={5}>
                  {['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? i + 1}、{sec.title}
                </Typography.Title>
                {c.included.map((s) => (
                  <Typography.Paragraph key={s.id} style={{ whiteSpace: 'pre-wrap' }}>
                    <Typography.Text strong>{s.org.name}：</Typography.Text>
                    {s.texts[sec.key] || '（未填写）'}
                  </Typography.Paragraph>
                ))}
              </div>
            ))}
          </>
        )}
      </Card>
    </div>
  );
}
