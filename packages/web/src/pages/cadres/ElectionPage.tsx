import { FileTextOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { PdfButton } from '../documents/DocumentButtons';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import {
  CADRE_EMPLOYMENT_LABELS,
  CADRE_TITLE_LABELS, cadreTitleLabel,
  CANDIDATE_SOURCE_LABELS,
  CANDIDATE_SOURCES,
  ELECTION_KIND_LABELS,
  ELECTION_STATUS_LABELS,
  ELECTION_STEP_LABELS,
  OBJECTION_STATE_LABELS,
  api,
  educationName,
  electionStepsFor,
  percentText,
  politicalStatusName,
  type ElectionStep,
} from '@tuanjian/domain';
import { Alert, App, Breadcrumb, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { refreshCadreData } from './CadreDrawer';
import { ELECTION_STATUS_COLORS } from './shared';
import { AssessmentCell, AssessmentFields, assessmentBody, type AssessmentValues } from './ElectionAssessment';
import { useDebounced } from '../../lib/useDebounced';

type Detail = api.cadres.ElectionDetail;
type Candidate = api.cadres.CandidateItem;
type DocKind = api.cadres.ElectionDocumentKind;
type StepBody = api.BodyInput<typeof api.cadres.recordElectionStep>;

const DOC_LABELS: Record<DocKind, string> = { notice: '公示', ballot: '选票', minutes: '选举结果记录' };
const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 换届选举详情: the workflow as antd Steps, the candidates, the next step's form and what blocks it, the documents. */
export default function ElectionPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useApi(api.cadres.getElection, valid ? { params: { id } } : undefined, { enabled: valid });
  if (!valid) return <LoadError error={null} title="地址不正确" message="换届选举编号无效。" />;
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} title="无法查看该换届选举" onRetry={() => void detail.refetch()} />;
  return <ElectionView e={detail.data} />;
}

/** Saves a step of the workflow: calls, refreshes, shows success or the server's message. */
function useAct() {
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  return async (run: () => Promise<unknown>, done: string, form?: Parameters<typeof showError>[1]) => {
    try {
      await run();
      message.success(done);
      await refreshCadreData(client);
      return true;
    } catch (err) {
      showError(err, form);
      return false;
    }
  };
}

function ElectionView({ e }: { e: Detail }) {
  const [doc, setDoc] = useState<DocKind | null>(null);
  const [cancel, setCancel] = useState(false);
  const steps = electionStepsFor(e.kind, e.assessmentComponents);
  const done = steps.indexOf(e.stage);
  const recorded = new Map(e.steps.map((s) => [s.step, s]));
  const current = e.status === 'completed' ? steps.length : done + 1;

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/cadres/elections?tab=elections">换届选举</Link> }, { title: e.title }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="tj-page-title" style={{ margin: 0 }}>
          {e.title} <Tag color={ELECTION_STATUS_COLORS[e.status]}>{ELECTION_STATUS_LABELS[e.status]}</Tag>
        </h1>
        <Space wrap>
          {(['notice', 'ballot', 'minutes'] as const).map((k) => (
            <Button key={k} icon={<FileTextOutlined />} onClick={() => setDoc(k)} data-testid={`doc-${k}`}>
              {DOC_LABELS[k]}
            </Button>
          ))}
          {e.can.cancel && e.status === 'in_progress' && (
            <Button danger icon={<StopOutlined />} onClick={() => setCancel(true)}>
              取消
            </Button>
          )}
        </Space>
      </Space>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="组织">{e.orgName}</Descriptions.Item>
          <Descriptions.Item label="类别">{ELECTION_KIND_LABELS[e.kind]}</Descriptions.Item>
          <Descriptions.Item label="方案日期">{e.plannedOn}</Descriptions.Item>
          <Descriptions.Item label="职务及名额">
            {e.seats.map((s) => `${CADRE_TITLE_LABELS[s.title]}（${CADRE_EMPLOYMENT_LABELS[s.employment]}）${s.seats}名`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="应选">{e.seatsTotal}名</Descriptions.Item>
          {e.differentialMinimum !== null && <Descriptions.Item label="差额候选人至少">{e.differentialMinimum}名</Descriptions.Item>}
          <Descriptions.Item label="民主推荐和自荐占比">{percentText(e.democraticShare)}</Descriptions.Item>
          <Descriptions.Item label="正式人选">{e.finalCount}名</Descriptions.Item>
          <Descriptions.Item label="公示期">{e.noticeFrom ? `${e.noticeFrom} 至 ${e.noticeTo}` : `${e.publicNoticeDays}天（未公示）`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={e.status === 'cancelled' ? 'error' : undefined}
          items={steps.map((s, i) => {
            const r = recorded.get(s);
            return {
              title: ELECTION_STEP_LABELS[s],
              content: r ? `${r.actedOn} ${r.actor}` : i === done + 1 && e.status === 'in_progress' ? '下一步' : undefined,
            };
          })}
        />
      </Card>
      <CandidatesCard e={e} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <NextStepCard e={e} />
        </Col>
        <Col xs={24} xl={10}>
          <HistoryCard e={e} />
        </Col>
      </Row>
      {doc && <DocumentModal id={e.id} kind={doc} onClose={() => setDoc(null)} />}
      {cancel && <CancelModal e={e} onClose={() => setCancel(false)} />}
    </div>
  );
}

function CandidatesCard({ e }: { e: Detail }) {
  const [qualifying, setQualifying] = useState<Candidate | null>(null);
  const [objecting, setObjecting] = useState<Candidate | null>(null);
  const [resolving, setResolving] = useState<Candidate | null>(null);
  const inQualification = e.status === 'in_progress' && e.stage === 'recommendation' && e.can.qualify;
  const inNotice = e.status === 'in_progress' && e.stage === 'notice' && e.can.objections;
  return (
    <Card size="small" title={`人选（${e.candidateList.length}）`} style={{ marginBottom: 16 }}>
      {e.can.addCandidates && e.status === 'in_progress' && e.stage === 'plan' && <AddCandidate e={e} />}
      <Table<Candidate>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={e.candidateList}
        scroll={{ x: 1000 }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (v: string, c) => <span data-testid={`candidate-${c.id}`}>{v}</span> },
          { title: '性别', dataIndex: 'gender', render: (g) => (g === 'male' ? '男' : '女') },
          { title: '年龄', dataIndex: 'age' },
          { title: '政治面貌', dataIndex: 'politicalStatus', render: (v) => politicalStatusName(v) ?? v },
          { title: '学历', dataIndex: 'education', render: (v) => educationName(v) ?? '—' },
          { title: '拟任职务', dataIndex: 'postTitle', render: (t: Candidate['postTitle']) => CADRE_TITLE_LABELS[t] },
          { title: '推荐方式', dataIndex: 'source', render: (s: Candidate['source']) => CANDIDATE_SOURCE_LABELS[s] },
          {
            title: '资格',
            dataIndex: 'qualified',
            width: 200,
            render: (q: boolean | null, c) => (
              <Space orientation="vertical" size={0}>
                {q === null ? <Tag>待审查</Tag> : q ? <Tag color="success">符合</Tag> : <Tag color="error">不符合</Tag>}
                {c.qualificationNote && <Typography.Text type="secondary">{c.qualificationNote}</Typography.Text>}
                {q === null && c.eligibility.length > 0 && <Typography.Text type="warning">{c.eligibility.join('；')}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '异议',
            dataIndex: 'objectionState',
            render: (s: Candidate['objectionState'], c) =>
              s === 'none' ? '—' : (
                <span title={c.objection ?? ''}>
                  <Tag color={s === 'pending' ? 'warning' : s === 'upheld' ? 'error' : 'default'}>{OBJECTION_STATE_LABELS[s]}</Tag>
                </span>
              ),
          },
          ...(e.assessmentComponents.length ? [{ title: '考试考察', key: 'assessment', width: 200, render: (_: unknown, c: Candidate) => <AssessmentCell c={c} /> }] : []),
          { title: '得票', dataIndex: 'votes', render: (v) => v ?? '—' },
          { title: '当选', dataIndex: 'elected', render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="success">当选</Tag> : '未当选') },
          {
            title: '操作',
            fixed: 'right',
            render: (_, c) => (
              <Space size="small">
                {inQualification && <a onClick={() => setQualifying(c)} data-testid={`qualify-${c.id}`}>资格审查</a>}
                {inNotice && c.objectionState === 'none' && c.qualified && <a onClick={() => setObjecting(c)}>登记异议</a>}
                {inNotice && c.objectionState === 'pending' && <a onClick={() => setResolving(c)}>核实异议</a>}
              </Space>
            ),
          },
        ]}
      />
      {qualifying && <QualifyModal c={qualifying} onClose={() => setQualifying(null)} />}
      {objecting && <ObjectionModal e={e} c={objecting} onClose={() => setObjecting(null)} />}
      {resolving && <ResolveModal c={resolving} onClose={() => setResolving(null)} />}
    </Card>
  );
}

/** 推荐人选: a cadre record of the organization's subtree (current holders or records without a post). */
function AddCandidate({ e }: { e: Detail }) {
  const [form] = Form.useForm<{ cadreId: number; source: Candidate['source']; postTitle: Candidate['postTitle'] }>();
  const [q, setQ] = useState('');
  // The server is asked when the typing pauses; the last answer's options stay until the next one comes (no empty flash under the pointer).
  const search = useDebounced(q.trim()) || undefined;
  const holders = useApi(api.cadres.listCadres, { query: { under: e.orgId, q: search, pageSize: 50 } }, { placeholderData: keepPreviousData });
  const others = useApi(api.cadres.listCadres, { query: { under: e.orgId, q: search, withoutPost: 'true', pageSize: 50 } }, { placeholderData: keepPreviousData });
  const taken = new Set(e.candidateList.map((c) => `${c.cadreId}:${c.postTitle}`));
  const options = [...(holders.data?.items ?? []), ...(others.data?.items ?? [])].map((c) => ({
    value: c.id,
    label: `${c.name}（${c.age}岁，${c.posts.map((p) => `${p.orgName}${cadreTitleLabel(p.title)}`).join('、') || c.orgName}）`,
  }));
  const act = useAct();
  const submit = async (v: { cadreId: number; source: Candidate['source']; postTitle: Candidate['postTitle'] }) => {
    if (taken.has(`${v.cadreId}:${v.postTitle}`)) return;
    const ok = await act(() => call(api.cadres.addCandidate, { params: { id: e.id }, body: v }), '已推荐人选', form);
    if (ok) form.resetFields(['cadreId']);
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} initialValues={{ source: 'democratic', postTitle: e.seats[0]?.title }} style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item name="cadreId" rules={[{ required: true, message: '请选择人选' }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder="搜索姓名或身份证号"
          style={{ width: 300 }}
          options={options}
          loading={holders.isFetching || others.isFetching}
          data-testid="candidate-select"
        />
      </Form.Item>
      <Form.Item name="postTitle" rules={[{ required: true, message: '请选择职务' }]}>
        <Select style={{ width: 120 }} options={[...new Set(e.seats.map((s) => s.title))].map((t) => ({ value: t, label: CADRE_TITLE_LABELS[t] }))} data-testid="candidate-title" />
      </Form.Item>
      <Form.Item name="source">
        <Select style={{ width: 120 }} options={CANDIDATE_SOURCES.map((s) => ({ value: s, label: CANDIDATE_SOURCE_LABELS[s] }))} />
      </Form.Item>
      <Button htmlType="submit" type="primary" data-testid="add-candidate">
        推荐
      </Button>
    </Form>
  );
}

function QualifyModal({ c, onClose }: { c: Candidate; onClose: () => void }) {
  const [form] = Form.useForm<{ qualified: boolean; note?: string; ageExceptionReason?: string }>();
  const act = useAct();
  const qualified = Form.useWatch('qualified', form);
  const submit = async (v: { qualified: boolean; note?: string; ageExceptionReason?: string }) => {
    const ok = await act(
      () => call(api.cadres.qualifyCandidate, { params: { id: c.id }, body: { qualified: v.qualified, note: v.note || null, ageExceptionReason: v.ageExceptionReason || null } }),
      '已登记资格审查结果',
      form,
    );
    if (ok) onClose();
  };
  return (
    <Modal open title={`资格审查：${c.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存">
      {c.eligibility.length > 0 && <Alert type="warning" showIcon title={c.eligibility.join('；')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ qualified: c.eligibility.length === 0 || c.needsAgeException }}>
        <Form.Item name="qualified" label="审查结论">
          <Radio.Group
            options={[
              { value: true, label: '符合资格' },
              { value: false, label: '不符合资格' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="审查意见" rules={[{ required: qualified === false, message: '不符合资格的，请填写理由' }]}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
        {c.needsAgeException && qualified && (
          <Form.Item name="ageExceptionReason" label="超龄特殊情况说明" rules={[{ required: true, message: '请说明超龄特殊情况' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ObjectionModal({ e, c, onClose }: { e: Detail; c: Candidate; onClose: () => void }) {
  const [form] = Form.useForm<{ receivedOn: Dayjs; text: string }>();
  const act = useAct();
  const submit = async (v: { receivedOn: Dayjs; text: string }) => {
    if (await act(() => call(api.cadres.recordObjection, { params: { id: c.id }, body: { receivedOn: fmt(v.receivedOn), text: v.text } }), '已登记异议', form)) onClose();
  };
  return (
    <Modal open title={`登记异议：${c.name}`} onCancel={onClose} onOk={() => form.submit()} okText="登记">
      <Typography.Paragraph type="secondary">
        公示期 {e.noticeFrom} 至 {e.noticeTo}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ receivedOn: dayjs() }}>
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="text" label="异议内容" rules={[{ required: true, message: '请填写异议内容' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResolveModal({ c, onClose }: { c: Candidate; onClose: () => void }) {
  const account = useAccount();
  const [form] = Form.useForm<{ actedOn: Dayjs; upheld: boolean; finding: string; actor: string }>();
  const act = useAct();
  const submit = async (v: { actedOn: Dayjs; upheld: boolean; finding: string; actor: string }) => {
    const ok = await act(
      () => call(api.cadres.resolveObjection, { params: { id: c.id }, body: { actedOn: fmt(v.actedOn), upheld: v.upheld, finding: v.finding, actor: v.actor } }),
      '已登记核实结论',
      form,
    );
    if (ok) onClose();
  };
  return (
    <Modal open title={`核实异议：${c.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存">
      <Typography.Paragraph>异议内容：{c.objection}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ actedOn: dayjs(), upheld: false, actor: account.displayName }}>
        <Form.Item name="upheld" label="核实结论">
          <Radio.Group
            options={[
              { value: false, label: '经核实无问题' },
              { value: true, label: '反映属实（取消人选资格）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="finding" label="核实情况" rules={[{ required: true, message: '请填写核实情况' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Space>
          <Form.Item name="actedOn" label="核实日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="actor" label="经办人" rules={[{ required: true, message: '请填写经办人' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

interface StepValues {
  actedOn: Dayjs;
  actor: string;
  note?: string;
  noticeFrom?: Dayjs;
  entitled?: number;
  present?: number;
  ballotsIssued?: number;
  ballotsReturned?: number;
  invalidBallots?: number;
  votes?: Record<string, number>;
  assess?: AssessmentValues;
}

const STEP_ACTION: Record<ElectionStep, string> = {
  plan: '制定方案',
  recommendation: '结束人选推荐',
  qualification: '结束资格审查',
  assessment: '登记考试考察结果',
  party_decision: '登记党委研究意见',
  notice: '发布公示',
  vote: '登记选举结果',
  approval: '上级团委批准',
};

/** The form of the next step as the contract defines it, with the blockers from the API above it. */
function NextStepCard({ e }: { e: Detail }) {
  const account = useAccount();
  const [form] = Form.useForm<StepValues>();
  const act = useAct();
  const step = e.next.step;
  if (e.status !== 'in_progress' || !step) {
    return (
      <Card size="small" title="下一步" style={{ marginBottom: 16 }} data-testid="next-step">
        {e.status === 'completed' ? '已完成，当选（选配）人员已任职。' : '已取消。'}
      </Card>
    );
  }
  const allowed = step === 'approval' ? e.can.approve : e.can.record;
  const final = e.candidateList.filter((c) => c.qualified === true && c.objectionState !== 'upheld');

  const defaultOn = dayjs();
  const submit = async (v: StepValues) => {
    if (step === 'approval') {
      if (await act(() => call(api.cadres.approveElection, { params: { id: e.id }, body: { actedOn: fmt(v.actedOn), actor: v.actor, note: v.note || null } }), '已批准，当选人员已任职', form))
        form.resetFields();
      return;
    }
    const body: StepBody = { step: step as StepBody['step'], actedOn: fmt(v.actedOn), actor: v.actor, note: v.note || null };
    if (step === 'notice' && v.noticeFrom) body.noticeFrom = fmt(v.noticeFrom);
    if (step === 'vote') {
      Object.assign(body, { entitled: v.entitled, present: v.present, ballotsIssued: v.ballotsIssued, ballotsReturned: v.ballotsReturned, invalidBallots: v.invalidBallots });
      body.candidateIds = final.map((c) => c.id);
      body.votes = final.map((c) => v.votes?.[String(c.id)] ?? 0);
    }
    if (step === 'assessment') Object.assign(body, assessmentBody(final, v.assess));
    if (await act(() => call(api.cadres.recordElectionStep, { params: { id: e.id }, body }), `已办理：${ELECTION_STEP_LABELS[step]}`, form)) form.resetFields();
  };
  return (
    <Card size="small" title={`下一步：${ELECTION_STEP_LABELS[step]}`} style={{ marginBottom: 16 }} data-testid="next-step">
      {e.next.blockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="暂不能办理"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="blockers">
              {e.next.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          }
        />
      )}
      {e.next.earliestOn && <Typography.Paragraph type="secondary">最早可在 {e.next.earliestOn} 办理</Typography.Paragraph>}
      {step === 'recommendation' && <Typography.Paragraph type="secondary">在左侧推荐人选；推荐完成后结束推荐，进入资格审查。</Typography.Paragraph>}
      {step === 'qualification' && <Typography.Paragraph type="secondary">逐一登记人选的资格审查结论后，结束资格审查。</Typography.Paragraph>}
      {!allowed ? (
        <Typography.Text type="secondary">{step === 'approval' ? '须由上级团委审批。' : '您没有办理此步的权限。'}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ actedOn: defaultOn, actor: account.displayName, noticeFrom: dayjs() }} key={step}>
          <Space wrap>
            <Form.Item name="actedOn" label={step === 'approval' ? '批准日期' : '办理日期'} rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker data-testid="acted-on" allowClear={false} />
            </Form.Item>
            <Form.Item name="actor" label="经办人" rules={[{ required: true, message: '请填写经办人' }, { min: 2, message: '经办人至少2个字' }]}>
              <Input maxLength={30} style={{ width: 140 }} />
            </Form.Item>
          </Space>
          {step === 'notice' && (
            <Form.Item name="noticeFrom" label={`公示开始日期（公示${e.publicNoticeDays}天）`} rules={[{ required: true, message: '请选择公示开始日期' }]}>
              <DatePicker data-testid="notice-from" allowClear={false} />
            </Form.Item>
          )}
          {step === 'vote' && (
            <>
              <Space wrap>
                {(
                  [
                    ['entitled', '应到会人数'],
                    ['present', '实到会人数'],
                    ['ballotsIssued', '发出选票'],
                    ['ballotsReturned', '收回选票'],
                    ['invalidBallots', '无效票'],
                  ] as const
                ).map(([name, label]) => (
                  <Form.Item key={name} name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
                    <InputNumber min={0} max={100000} precision={0} style={{ width: 110 }} data-testid={`vote-${name}`} />
                  </Form.Item>
                ))}
              </Space>
              <div style={{ marginBottom: 8 }}>正式候选人得票</div>
              {final.map((c) => (
                <Form.Item key={c.id} name={['votes', String(c.id)]} label={`${c.name}（${CADRE_TITLE_LABELS[c.postTitle]}）`} rules={[{ required: true, message: '请填写得票数' }]}>
                  <InputNumber min={0} max={100000} precision={0} suffix="票" style={{ width: 140 }} data-testid={`votes-${c.id}`} />
                </Form.Item>
              ))}
            </>
          )}
          {step === 'assessment' && <AssessmentFields e={e} final={final} />}
          <Form.Item name="note" label={step === 'approval' ? '批复意见' : step === 'party_decision' ? '党委研究意见' : '说明'}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="record-step">
            {STEP_ACTION[step]}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Events recorded between the steps (per candidate). */
const EVENT_LABELS: Record<string, string> = {
  candidate: '推荐人选',
  qualification_decision: '资格审查结论',
  objection: '登记异议',
  objection_resolved: '异议核实',
  cancel: '取消',
};

function HistoryCard({ e }: { e: Detail }) {
  if (!e.steps.length) return null;
  return (
    <Card size="small" title="办理记录">
      <Steps
        orientation="vertical"
        size="small"
        current={e.steps.length}
        items={e.steps.map((s) => ({
          title: ELECTION_STEP_LABELS[s.step as ElectionStep] ?? EVENT_LABELS[s.step] ?? s.step,
          content: `${s.actedOn} · ${s.actor}${typeof s.data.name === 'string' ? ` · ${s.data.name}` : ''}${typeof s.data.note === 'string' && s.data.note ? ` · ${s.data.note}` : ''}`,
        }))}
      />
    </Card>
  );
}

/** A generated document (公示, 选票, 选举结果记录) in a printable frame. */
function DocumentModal({ id, kind, onClose }: { id: number; kind: DocKind; onClose: () => void }) {
  const doc = useApi(api.cadres.getElectionDocument, { params: { id }, query: { kind } });
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal
      open
      width={860}
      title={doc.data?.title ?? DOC_LABELS[kind]}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <PdfButton key="pdf" contract={api.documents.electionPdf} input={{ params: { id }, query: { kind } }} fileName={`${DOC_LABELS[kind]}.pdf`} data-testid="election-pdf">
          下载PDF
        </PdfButton>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!doc.data} onClick={() => frame.current?.contentWindow?.print()}>
          打印
        </Button>,
      ]}
    >
      {doc.isLoading ? (
        <PageLoading />
      ) : doc.error || !doc.data ? (
        <LoadError error={doc.error} />
      ) : (
        <iframe ref={frame} title={doc.data.title} srcDoc={doc.data.html} style={{ width: '100%', height: '65vh', border: '1px solid #eceef2', background: '#fff' }} data-testid="document-frame" />
      )}
    </Modal>
  );
}

function CancelModal({ e, onClose }: { e: Detail; onClose: () => void }) {
  const account = useAccount();
  const [form] = Form.useForm<{ reason: string; actor: string }>();
  const act = useAct();
  const submit = async (v: { reason: string; actor: string }) => {
    if (await act(() => call(api.cadres.cancelElection, { params: { id: e.id }, body: v }), '已取消', form)) onClose();
  };
  return (
    <Modal open title="取消换届选举（选配）" onCancel={onClose} onOk={() => form.submit()} okText="确定取消" okButtonProps={{ danger: true }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ actor: account.displayName }}>
        <Form.Item name="reason" label="取消原因" rules={[{ required: true, message: '请填写取消原因' }]}>
          <Input.TextArea rows={3} maxLength={300} />
        </Form.Item>
        <Form.Item name="actor" label="经办人" rules={[{ required: true, message: '请填写经办人' }]}>
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
