import { AuditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import {
  DEVELOPMENT_STAGE_LABELS,
  DEVELOPMENT_STEP_LABELS,
  DEVELOPMENT_STEPS,
  GENDER_LABELS,
  RECOMMENDATION_KINDS,
  api,
  type DevelopmentStep,
  type RecommendationKind,
  type Rules,
} from '@tuanjian/domain';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Row, Space, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import { PdfButton } from '../documents/DocumentButtons';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { apiQuery, keyOf, useApi, useRules } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { errorMessage, useShowError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { CASE_STATUS_COLORS, CASE_STATUS_LABELS } from '../../lib/people';
import { refreshPeopleData } from '../people/PersonFormModal';
import { ACTOR_LABELS, StepFields, stepHint, toStepBody, type StepValues } from './StepFields';
import { ArchiveCard } from '../archive/ArchiveCard';

type CaseDetail = api.CaseDetail;
type RecordedStep = CaseDetail['steps'][number];
type QuotaLine = CaseDetail['quota'][number];

/** 发展程序详情: the nine steps as recorded, what comes next and what stands in its way. */
export default function CasePage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useApi(api.development.getCase, valid ? { params: { id } } : undefined, { enabled: valid });
  const rules = useRules();

  if (!valid) return <LoadError error={null} title="地址不正确" message="发展程序编号无效。" />;
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} title="无法查看该发展程序" onRetry={() => void detail.refetch()} />;
  return <CaseView c={detail.data} rules={rules} />;
}

/** Names of the people a case refers to (contact member, sponsors): the branch's members, else each person. */
function usePeopleNames(c: CaseDetail): Map<number, string | null> {
  const ids = useMemo(() => {
    const set = new Set<number>();
    for (const s of c.steps) {
      if (typeof s.data.contactMemberId === 'number') set.add(s.data.contactMemberId);
      if (Array.isArray(s.data.sponsorIds)) for (const x of s.data.sponsorIds) if (typeof x === 'number') set.add(x);
    }
    return [...set];
  }, [c.steps]);
  const members = useApi(api.people.listPeople, { query: { under: c.branchId, kind: 'member', memberStatus: 'active', pageSize: 500 } }, { enabled: ids.length > 0 });
  const known = new Map((members.data?.items ?? []).map((p) => [p.id, p.name]));
  const missing = members.isLoading ? [] : ids.filter((pid) => !known.has(pid));
  const results = useQueries({ queries: missing.map((pid) => ({ ...apiQuery(api.people.getPerson, { params: { id: pid } }), retry: false })) });
  const names = new Map<number, string | null>();
  for (const pid of ids) names.set(pid, known.get(pid) ?? null);
  missing.forEach((pid, i) => {
    const r = results[i];
    if (r?.data) names.set(pid, r.data.name);
    else if (r?.isError) names.set(pid, `编号${pid}`);
  });
  return names;
}

function CaseView({ c, rules }: { c: CaseDetail; rules?: Rules }) {
  const names = usePeopleNames(c);
  const [dialog, setDialog] = useState<'training' | 'stop' | 'review' | null>(null);
  const open = c.status === 'in_progress';
  const reviewed = !!c.flagsReviewedBy;

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ key: 'list', title: <Link to="/development">团员发展</Link> }, { key: 'case', title: c.personName }]} />
      <Card style={{ marginBottom: 16 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
          <Space align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
              {c.personName}
            </Typography.Title>
            <Tag color={CASE_STATUS_COLORS[c.status]} data-testid="case-status">
              {CASE_STATUS_LABELS[c.status]}
            </Tag>
            {open && <Tag color="processing">{DEVELOPMENT_STAGE_LABELS[c.stage]}</Tag>}
            {c.flags.length > 0 && <Tag color={reviewed ? 'default' : 'orange'}>{reviewed ? '预警已复核' : '有预警待复核'}</Tag>}
          </Space>
          <Space wrap>
            <Link to={`/people?person=${c.personId}`}>查看人员信息</Link>
            {c.can.reviewFlags && (
              <Button icon={<AuditOutlined />} onClick={() => setDialog('review')}>
                复核预警
              </Button>
            )}
            {c.can.record && open && !c.approvedOn && (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('stop')}>
                终止
              </Button>
            )}
          </Space>
        </Space>
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'gender', label: '性别', children: GENDER_LABELS[c.gender] },
            { key: 'age', label: '年龄', children: `${c.age}周岁` },
            { key: 'branch', label: '所在团支部', children: <Link to={`/orgs/${c.branchId}`}>{c.branchName}</Link> },
            { key: 'started', label: '申请日期', children: formatDate(c.startedOn) },
            { key: 'hours', label: '团课学时', children: `${c.trainingHours}学时` },
            { key: 'approved', label: '批准日期', children: formatDate(c.approvedOn) },
            { key: 'memberNo', label: '团员编号', children: c.memberNo ? <span style={{ fontFamily: 'monospace' }} data-testid="case-member-no">{c.memberNo}</span> : '—' },
            ...(c.stopReason ? [{ key: 'stop', label: '终止原因', children: c.stopReason }] : []),
          ]}
        />
        {c.flags.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type={reviewed ? 'info' : 'warning'}
            showIcon
            data-testid="case-flags"
            title={reviewed ? '预警已经县级团委复核' : '预警：须经县级团委复核后方可审批'}
            description={
              <div>
                {c.flags.map((f) => (
                  <div key={f}>{f}</div>
                ))}
                {reviewed && <div style={{ marginTop: 4 }}>复核意见：{c.flagsReviewedBy}</div>}
              </div>
            }
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card
            title="入团程序"
            size="small"
            data-testid="case-steps"
            extra={
              <PdfButton size="small" contract={api.documents.applicationForm} input={{ params: { id: c.id } }} fileName={`入团志愿书-${c.personName}.pdf`} data-testid="doc-application-form">
                入团志愿书
              </PdfButton>
            }
          >
            <StepsTimeline c={c} names={names} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <NextStepCard c={c} rules={rules} onAddTraining={() => setDialog('training')} />
            {(c.next.step === 'approval' || c.approvedOn) && <QuotaCard c={c} />}
            {/* Scans of the 入团申请书 and the signed 入团志愿书, reviewed by the committee above (电子档案). */}
            <ArchiveCard personId={c.personId} caseId={c.id} canUpload={c.can.record} />
          </Space>
        </Col>
      </Row>
      {dialog === 'training' && <TrainingModal c={c} rules={rules} onClose={() => setDialog(null)} />}
      {dialog === 'stop' && <StopModal c={c} onClose={() => setDialog(null)} />}
      {dialog === 'review' && <ReviewModal c={c} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** What one recorded act says beyond its date and signer. */
function stepDetails(s: RecordedStep, names: Map<number, string | null>): ReactNode[] {
  const d = s.data;
  const person = (pid: unknown) => (typeof pid === 'number' ? (names.get(pid) ?? '加载中…') : '—');
  const out: ReactNode[] = [];
  if (typeof d.kind === 'string') out.push(`推荐方式：${RECOMMENDATION_KINDS[d.kind as RecommendationKind] ?? d.kind}`);
  if (d.contactMemberId !== undefined) out.push(`培养联系人：${person(d.contactMemberId)}`);
  if (typeof d.hours === 'number') out.push(`学时：${d.hours}`);
  if (typeof d.points === 'number') out.push(`积分：${d.points}分`);
  if (Array.isArray(d.sponsorIds)) out.push(`入团介绍人：${d.sponsorIds.map(person).join('、')}`);
  if (typeof d.entitled === 'number') {
    out.push(`应到${d.entitled}人，实到${String(d.present ?? '—')}人，赞成${String(d.votesFor ?? '—')}票`);
  }
  if (typeof d.memberNo === 'string') out.push(<span key="no">团员编号：<span style={{ fontFamily: 'monospace' }}>{d.memberNo}</span></span>);
  if (typeof d.note === 'string' && d.note) out.push(`备注：${d.note}`);
  return out;
}

function StepsTimeline({ c, names }: { c: CaseDetail; names: Map<number, string | null> }) {
  const items = DEVELOPMENT_STEPS.map((step) => {
    const acts = c.steps.filter((s) => s.step === step);
    const isNext = c.next.step === step;
    const status: 'finish' | 'process' | 'wait' | 'error' = acts.length
      ? 'finish'
      : isNext
        ? c.next.blockers.length
          ? 'error'
          : 'process'
        : c.status !== 'in_progress' && DEVELOPMENT_STEPS.indexOf(step) === DEVELOPMENT_STEPS.indexOf(c.stage) + 1 && c.status !== 'admitted'
          ? 'error'
          : 'wait';
    return {
      key: step,
      status,
      title: DEVELOPMENT_STEP_LABELS[step],
      subTitle: step === 'training' && acts.length ? `累计${c.trainingHours}学时` : undefined,
      content: acts.length ? (
        <Space orientation="vertical" size={6} style={{ width: '100%', paddingBottom: 8 }}>
          {acts.map((s) => (
            <div key={s.id} data-testid={`step-${step}`}>
              <Typography.Text>
                {formatDate(s.actedOn)} · {ACTOR_LABELS[step].replace(/（.*）/, '')}：{s.actor}
              </Typography.Text>
              {stepDetails(s, names).map((line, i) => (
                <div key={i}>
                  <Typography.Text type="secondary">{line}</Typography.Text>
                </div>
              ))}
            </div>
          ))}
        </Space>
      ) : isNext && c.status === 'in_progress' ? (
        <Typography.Text type={c.next.blockers.length ? 'danger' : 'secondary'}>{c.next.blockers.length ? '暂不能办理' : '待办理'}</Typography.Text>
      ) : undefined,
    };
  });
  const current = c.next.step ? DEVELOPMENT_STEPS.indexOf(c.next.step) : Math.min(DEVELOPMENT_STEPS.length - 1, DEVELOPMENT_STEPS.indexOf(c.stage) + 1);
  return <Steps orientation="vertical" size="small" current={current} items={items} />;
}

function NextStepCard({ c, rules, onAddTraining }: { c: CaseDetail; rules?: Rules; onAddTraining(): void }) {
  if (c.status === 'admitted') {
    return (
      <Card size="small" title="办理结果">
        <Alert type="success" showIcon title={`已于${formatDate(c.approvedOn)}批准入团，入团程序已完成。`} description={c.memberNo ? `团员编号：${c.memberNo}` : undefined} />
      </Card>
    );
  }
  if (c.status !== 'in_progress') {
    return (
      <Card size="small" title="办理结果">
        <Alert type="error" showIcon title={`发展程序${CASE_STATUS_LABELS[c.status]}`} description={c.stopReason ? `原因：${c.stopReason}` : undefined} />
      </Card>
    );
  }
  const step = c.next.step;
  if (!step) return null;
  const last = c.steps[c.steps.length - 1];
  const notBefore = [last?.actedOn, c.next.earliestOn].filter(Boolean).sort().pop() ?? null;
  const mayRecord = step === 'approval' ? c.can.approve : c.can.record;
  return (
    <Card
      size="small"
      title={`下一步：${DEVELOPMENT_STEP_LABELS[step]}`}
      data-testid="next-step"
      extra={
        c.next.canAddTraining && step !== 'training' && c.can.record ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAddTraining}>
            追加团课
          </Button>
        ) : undefined
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {rules && <Typography.Text type="secondary">{stepHint(step, rules, c.trainingHours)}</Typography.Text>}
        {c.next.blockers.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="next-blockers"
            title="目前还不能办理"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {c.next.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            }
          />
        )}
        {c.next.earliestOn && (
          <Typography.Text data-testid="next-earliest">
            最早可办理日期：<Typography.Text strong>{formatDate(c.next.earliestOn)}</Typography.Text>
          </Typography.Text>
        )}
        {mayRecord ? (
          <StepForm key={`${step}-${c.steps.length}`} c={c} step={step} rules={rules} notBefore={notBefore} blocked={c.next.blockers.length > 0} />
        ) : step === 'approval' ? (
          <Alert type="info" showIcon title="等待上级团委审批" description="支部团员大会已通过，请报上级团委审批；批准后由团支部组织入团仪式。" />
        ) : (
          <Typography.Text type="secondary">您没有办理此步骤的权限。</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

/** Records a step; a refusal stays on screen with the server's reasons. */
function StepForm({
  c,
  step,
  rules,
  notBefore,
  blocked = false,
  onDone,
}: {
  c: CaseDetail;
  step: DevelopmentStep;
  rules?: Rules;
  notBefore: string | null;
  /** The server says the step cannot be done today: the form stays for reference. */
  blocked?: boolean;
  onDone?(): void;
}) {
  const [form] = Form.useForm<StepValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function submit(v: StepValues) {
    setSaving(true);
    setRefusal(null);
    try {
      const result = await call(api.development.recordStep, { params: { id: c.id }, body: toStepBody(step, v) });
      queryClient.setQueryData(keyOf(api.development.getCase, { params: { id: c.id } }), result);
      void refreshPeopleData(queryClient);
      message.success(`已办理：${DEVELOPMENT_STEP_LABELS[step]}`);
      onDone?.();
    } catch (err) {
      if (err instanceof ApiError && err.status !== 0 && err.code !== 'must_change_password') setRefusal(errorMessage(err));
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<StepValues> = { actedOn: dayjs(), ...(step === 'application' ? { actor: c.personName } : {}) };
  return (
    <Form form={form} layout="vertical" requiredMark="optional" initialValues={initial} onFinish={submit} data-testid={`step-form-${step}`}>
      <StepFields step={step} form={form} rules={rules} branchId={c.branchId} applicantId={c.personId} notBefore={notBefore} />
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="未能办理" description={refusal} data-testid="step-refusal" />}
      <Tooltip title={blocked ? '请先解决上面列出的问题' : undefined}>
        <Button type="primary" htmlType="submit" loading={saving} disabled={blocked} block>
          {step === 'approval' ? '批准入团' : `办理“${DEVELOPMENT_STEP_LABELS[step]}”`}
        </Button>
      </Tooltip>
    </Form>
  );
}

/** Quota at every level above the branch (used / left), for the approval decision. */
function QuotaCard({ c }: { c: CaseDetail }) {
  const year = Number((c.approvedOn ?? dayjs().format('YYYY-MM-DD')).slice(0, 4));
  return (
    <Card size="small" title={`${year}年度发展指标`} data-testid="case-quota">
      {c.quota.length === 0 ? (
        <Alert type="error" showIcon title={`${year}年度未下达团员发展指标，不能审批`} />
      ) : (
        <Table<QuotaLine>
          rowKey="orgId"
          size="small"
          pagination={false}
          dataSource={c.quota}
          columns={[
            { title: '组织', dataIndex: 'orgName', ellipsis: true },
            { title: '指标', dataIndex: 'quota', width: 70, align: 'right', render: (q: number | null) => q ?? '未下达' },
            { title: '已审批', dataIndex: 'used', width: 80, align: 'right' },
            {
              title: '剩余',
              key: 'left',
              width: 70,
              align: 'right',
              render: (_: unknown, l) => {
                if (l.quota === null) return '—';
                const left = l.quota - l.used;
                return <Typography.Text type={left <= 0 ? 'danger' : undefined} strong={left <= 0}>{left}</Typography.Text>;
              },
            },
          ]}
        />
      )}
    </Card>
  );
}

function TrainingModal({ c, rules, onClose }: { c: CaseDetail; rules?: Rules; onClose(): void }) {
  const last = c.steps[c.steps.length - 1];
  return (
    <Modal open title="追加团课学习" footer={null} onCancel={onClose} destroyOnHidden mask={{ closable: false }} width={600}>
      <Typography.Paragraph type="secondary">已学{c.trainingHours}学时。{rules ? stepHint('training', rules, c.trainingHours) : ''}</Typography.Paragraph>
      <StepForm c={c} step="training" rules={rules} notBefore={last?.actedOn ?? null} onDone={onClose} />
    </Modal>
  );
}

function StopModal({ c, onClose }: { c: CaseDetail; onClose(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const result = await call(api.development.stopCase, { params: { id: c.id }, body: { reason: v.reason.trim() } });
      queryClient.setQueryData(keyOf(api.development.getCase, { params: { id: c.id } }), result);
      void refreshPeopleData(queryClient);
      message.success('发展程序已终止');
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`终止“${c.personName}”的发展程序`}
      okText="确认终止"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">终止后不能继续办理；如本人再次申请，可重新发起入团申请。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="终止原因" rules={[{ required: true, whitespace: true, message: '请填写终止原因' }, { min: 2, message: '请填写终止原因' }, { max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如：本人申请撤回、考察期表现不符合要求" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewModal({ c, onClose }: { c: CaseDetail; onClose(): void }) {
  const [form] = Form.useForm<{ decision: 'accept' | 'stop'; note: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const result = await call(api.development.reviewFlags, { params: { id: c.id }, body: { decision: v.decision, note: v.note.trim() } });
      queryClient.setQueryData(keyOf(api.development.getCase, { params: { id: c.id } }), result);
      void refreshPeopleData(queryClient);
      message.success(v.decision === 'accept' ? '已复核通过，可报批' : '已复核不予通过，发展程序终止');
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="复核预警"
      okText="提交复核意见"
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
        title="预警内容"
        description={
          <div>
            {c.flags.map((f) => (
              <div key={f}>{f}</div>
            ))}
          </div>
        }
      />
      <Form form={form} layout="vertical" initialValues={{ decision: 'accept' }}>
        <Form.Item name="decision" label="复核结论" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'accept', label: '复核通过，可以审批' },
              { value: 'stop', label: '不予通过，终止发展程序' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="复核意见" rules={[{ required: true, whitespace: true, message: '请填写复核意见' }, { min: 2, message: '请填写复核意见' }, { max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如：经核实，该支部本期发展对象均经过完整培养考察" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
