import { CheckCircleFilled, CloseCircleFilled, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  PARTY_OUTCOMES,
  PARTY_OUTCOME_LABELS,
  api,
  partyOutcomeProblems,
  partyRecommendationProblems,
  type OrgType,
  type PartyOutcome,
} from '@tuanjian/domain';
import { App, Button, Card, Col, DatePicker, Form, InputNumber, Modal, Radio, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { LoadError } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { chinaToday } from '../../lib/people';
import {
  MemberSelect,
  PageHeader,
  PersonName,
  Problems,
  Refusal,
  YearSelect,
  factsOf,
  notAfterToday,
  todayDayjs,
  useRefreshMembership,
  useScopeOrg,
  useYearParam,
  ymd,
  type PersonItem,
} from './shared';

type Recommendation = api.membership.PartyRecommendationItem;
type Summary = api.ResponseOf<typeof api.membership.partyRecommendationSummary>;
type ChildSummary = Summary['children'][number];
type RecordableOutcome = Exclude<PartyOutcome, 'pending'>;

export const OUTCOME_COLORS: Record<PartyOutcome, string> = {
  pending: 'processing',
  activist: 'gold',
  probationary: 'volcano',
  full: 'red',
  not_accepted: 'default',
};
/** Short names for the summary columns. */
const SHORT: Record<PartyOutcome, string> = { pending: '待党组织确定', activist: '入党积极分子', probationary: '预备党员', full: '正式党员', not_accepted: '未被接收' };
/** Shorter still, for the columns of the summary per organization. */
const COLUMN: Record<PartyOutcome, string> = { pending: '待定', activist: '积极分子', probationary: '预备党员', full: '正式党员', not_accepted: '未接收' };
const COUNT_KEY: Record<PartyOutcome, 'pending' | 'activist' | 'probationary' | 'full' | 'notAccepted'> = {
  pending: 'pending',
  activist: 'activist',
  probationary: 'probationary',
  full: 'full',
  not_accepted: 'notAccepted',
};

/** Least votes for that pass: more than half of those entitled to vote. */
export const votesNeeded = (entitled: number) => Math.floor(entitled / 2) + 1;

/** 推优入党: recommendations by branch meetings, the party side's outcomes, and the figures per organization and year. */
export default function PartyPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const canWrite = useCan('membership:write');
  const [outcome, setOutcome] = useState<PartyOutcome | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [recommending, setRecommending] = useState(false);
  const summary = useApi(api.membership.partyRecommendationSummary, orgId ? { query: { orgId, year } } : undefined, { enabled: !!orgId });
  const list = useApi(
    api.membership.listPartyRecommendations,
    { query: { under: orgId ?? undefined, year, outcome: outcome === 'all' ? undefined : outcome, page, pageSize } },
    { enabled: !!orgId },
  );
  const s = summary.data;

  return (
    <div>
      <PageHeader title="推优入党" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <YearSelect value={year} onChange={(y) => (setYear(y), setPage(1))} />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecommending(true)}>
            登记推优
          </Button>
        )}
      </PageHeader>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={s && !s.children.length ? 24 : 9}>
          <Card title={`${year}年度推优情况`} style={{ height: '100%' }} loading={summary.isLoading}>
            {summary.error ? (
              <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
            ) : (
              s && (
                <Row gutter={[8, 12]}>
                  <Col span={8}>
                    <Statistic title="推荐人数" value={s.total} data-testid="party-total" />
                  </Col>
                  {PARTY_OUTCOMES.map((o) => (
                    <Col span={8} key={o}>
                      <Statistic title={SHORT[o]} value={s[COUNT_KEY[o]]} />
                    </Col>
                  ))}
                </Row>
              )
            )}
          </Card>
        </Col>
        <Col span={15} style={s && !s.children.length ? { display: 'none' } : undefined}>
          <Card title="各下级组织" style={{ height: '100%' }} styles={{ body: { padding: 0 } }}>
            <Table<ChildSummary>
              rowKey="id"
              size="small"
              loading={summary.isFetching}
              dataSource={s?.children ?? []}
              pagination={false}
              scroll={{ y: 230 }}
              rowClassName="tj-clickable-row"
              onRow={(c) => ({ onClick: () => (setOrg(c.id), setPage(1)) })}
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
                { title: '推荐', dataIndex: 'total', width: 60, align: 'right', sorter: (a, b) => a.total - b.total },
                ...PARTY_OUTCOMES.map((o) => ({
                  title: <span title={PARTY_OUTCOME_LABELS[o]}>{COLUMN[o]}</span>,
                  dataIndex: COUNT_KEY[o],
                  width: o === 'pending' ? 60 : 82,
                  align: 'right' as const,
                  render: (n: number) => (n ? n : <Typography.Text type="secondary">0</Typography.Text>),
                })),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="推优记录">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Segmented<PartyOutcome | 'all'>
            value={outcome}
            onChange={(v) => (setOutcome(v), setPage(1))}
            options={[{ value: 'all', label: '全部' }, ...PARTY_OUTCOMES.map((o) => ({ value: o, label: SHORT[o] }))]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), summary.refetch()])}>
            刷新
          </Button>
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Recommendation>
            rowKey="id"
            data-testid="party-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 人次`,
              onChange: (p, sz) => {
                setPage(sz !== pageSize ? 1 : p);
                setPageSize(sz);
              },
            }}
            columns={[
              { title: '姓名', dataIndex: 'personName', width: 110, render: (n: string, r) => <PersonName id={r.personId} name={n} /> },
              { title: '所在团支部', dataIndex: 'orgName', ellipsis: true },
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '支部大会日期', dataIndex: 'meetingOn', width: 120 },
              {
                title: '表决（赞成/应到）',
                key: 'votes',
                width: 180,
                render: (_: unknown, r) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {r.votesFor} / {r.entitled}
                    {r.votesFor >= votesNeeded(r.entitled) ? (
                      <Tag color="success" style={{ marginInlineStart: 8 }}>
                        过半数
                      </Tag>
                    ) : (
                      <Tag color="error" style={{ marginInlineStart: 8 }}>
                        未过半
                      </Tag>
                    )}
                  </span>
                ),
              },
              { title: '党组织结果', dataIndex: 'outcome', width: 160, render: (o: PartyOutcome) => <Tag color={OUTCOME_COLORS[o]}>{PARTY_OUTCOME_LABELS[o]}</Tag> },
              { title: '结果日期', dataIndex: 'outcomeOn', width: 110, render: (v: string | null) => v ?? '—' },
              { title: '操作', key: 'actions', width: 110, render: (_: unknown, r) => <OutcomeAction rec={r} /> },
            ]}
          />
        )}
      </Card>
      {recommending && <RecommendModal orgId={orgId} onClose={() => setRecommending(false)} />}
    </div>
  );
}

/** The majority rule as the numbers are typed: more than half of those entitled to vote. */
export function VoteTally({ entitled, votesFor }: { entitled?: number | null; votesFor?: number | null }) {
  if (!entitled || entitled <= 0) {
    return (
      <Typography.Text type="secondary" data-testid="vote-tally">
        赞成票须超过有表决权团员人数的半数。
      </Typography.Text>
    );
  }
  const need = votesNeeded(entitled);
  const votes = votesFor ?? 0;
  const over = votes > entitled;
  const passed = !over && votes >= need;
  return (
    <Space size={6} data-testid="vote-tally" align="start">
      {passed ? <CheckCircleFilled style={{ color: '#3a9d5d', marginTop: 4 }} /> : <CloseCircleFilled style={{ color: '#b81c22', marginTop: 4 }} />}
      <span>
        有表决权 {entitled} 人，赞成票须超过半数，即至少 <b>{need}</b> 票；
        {votesFor === null || votesFor === undefined
          ? '请填写赞成票数。'
          : over
            ? `赞成票（${votes}）不能多于有表决权的人数。`
            : passed
              ? `现赞成 ${votes} 票，表决通过。`
              : `现赞成 ${votes} 票，还差 ${need - votes} 票，未获通过。`}
      </span>
    </Space>
  );
}

interface RecommendValues {
  personId: number;
  meetingOn: Dayjs;
  entitled: number;
  votesFor: number;
}

function RecommendModal({ orgId, onClose }: { orgId: number | null; onClose(): void }) {
  const [form] = Form.useForm<RecommendValues>();
  const rules = useRules();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const [person, setPerson] = useState<PersonItem | undefined>();
  const meetingOn = Form.useWatch('meetingOn', form);
  const entitled = Form.useWatch('entitled', form) as number | null | undefined;
  const votesFor = Form.useWatch('votesFor', form) as number | null | undefined;
  // The vote itself is shown by the tally; the rest of the shared rules once the numbers are in.
  const problems =
    person && meetingOn && rules && entitled && votesFor !== null && votesFor !== undefined
      ? partyRecommendationProblems(
          factsOf(person),
          { meetingOn: ymd(meetingOn), entitled, votesFor },
          { today: chinaToday(), rules, openRecommendation: false, recommendedThisYear: false },
        ).filter((p) => !p.startsWith('赞成票'))
      : [];
  const passed = !!entitled && votesFor !== null && votesFor !== undefined && votesFor <= entitled && votesFor >= votesNeeded(entitled);

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const rec = await call(api.membership.recommendForParty, { body: { personId: v.personId, meetingOn: ymd(v.meetingOn), entitled: v.entitled, votesFor: v.votesFor } });
      await refresh();
      message.success(`已登记推优入党：${rec.personName}`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title="登记推优入党"
      okText="登记推荐"
      okButtonProps={{ disabled: problems.length > 0 || (!!entitled && votesFor !== undefined && votesFor !== null && !passed) }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      <Typography.Paragraph type="secondary">
        {rules ? `${rules.ages.memberMax}周岁及以下` : ''}的在册团员，经支部团员大会表决、赞成票超过有表决权团员半数的，推荐为入党积极分子人选。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ meetingOn: todayDayjs() }}>
        <Form.Item name="personId" label="推荐的团员" rules={[{ required: true, message: '请选择团员' }]}>
          <MemberSelect under={orgId} onChange={(_, p) => setPerson(p)} />
        </Form.Item>
        <Space size={16} align="start" wrap>
          <Form.Item name="meetingOn" label="支部团员大会日期" rules={[{ required: true, message: '请选择支部大会日期' }]}>
            <DatePicker allowClear={false} disabledDate={notAfterToday(person?.joinedOn)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="entitled" label="有表决权的团员人数" rules={[{ required: true, message: '请填写有表决权的团员人数' }]}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="votesFor" label="赞成票数" rules={[{ required: true, message: '请填写赞成票数' }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <VoteTally entitled={entitled} votesFor={votesFor} />
      </Form>
    </Modal>
  );
}

function OutcomeAction({ rec }: { rec: Recommendation }) {
  const canApprove = useCan('membership:approve');
  const [open, setOpen] = useState(false);
  if (!rec.next.length) return <Typography.Text type="secondary">已办结</Typography.Text>;
  if (!canApprove) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)}>
        登记结果
      </Button>
      {open && <OutcomeModal rec={rec} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The party side's next step: only those PARTY_OUTCOME_NEXT allows are offered. */
function OutcomeModal({ rec, onClose }: { rec: Recommendation; onClose(): void }) {
  const [form] = Form.useForm<{ outcome: RecordableOutcome; outcomeOn: Dayjs }>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const outcome = Form.useWatch('outcome', form) as RecordableOutcome | undefined;
  const outcomeOn = Form.useWatch('outcomeOn', form);
  const problems =
    outcome && outcomeOn ? partyOutcomeProblems({ outcome: rec.outcome, meetingOn: rec.meetingOn, outcomeOn: rec.outcomeOn }, outcome, ymd(outcomeOn), chinaToday()) : [];
  const next = rec.next.filter((o): o is RecordableOutcome => o !== 'pending');

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(api.membership.recordPartyOutcome, { params: { id: rec.id }, body: { outcome: v.outcome, outcomeOn: ymd(v.outcomeOn) } });
      await refresh();
      message.success(`已登记：${rec.personName} ${PARTY_OUTCOME_LABELS[v.outcome]}`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`登记党组织结果：${rec.personName}`}
      okText="登记"
      okButtonProps={{ disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph>
        当前：<Tag color={OUTCOME_COLORS[rec.outcome]}>{PARTY_OUTCOME_LABELS[rec.outcome]}</Tag>
        {rec.outcomeOn ? `（${rec.outcomeOn}）` : `（支部大会 ${rec.meetingOn}）`}
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ outcome: next[0], outcomeOn: todayDayjs() }}>
        <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]} extra="党组织的程序依次为：入党积极分子 → 预备党员 → 正式党员；任一环节可登记未被接收。">
          <Radio.Group optionType="button" options={next.map((o) => ({ value: o, label: PARTY_OUTCOME_LABELS[o] }))} />
        </Form.Item>
        <Form.Item name="outcomeOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} disabledDate={notAfterToday(rec.outcomeOn ?? rec.meetingOn)} style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
