import { ReloadOutlined } from '@ant-design/icons';
import { APPRAISAL_GRADES, APPRAISAL_GRADE_LABELS, GENDER_LABELS, UNAPPRAISED_LABEL, api, appraisalProblems, appraisalYearProblem, type AppraisalGrade } from '@tuanjian/domain';
import { App, Button, Card, Col, Input, Modal, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { EChart, type EChartOption } from '../../components/EChart';
import { LoadError } from '../../components/PageState';
import { keyColumnsFirst, useIsPhone } from '../../components/PhoneNav';
import { useDialogSubmit } from '../../components/page';
import { chinaToday } from '../../lib/people';
import { IdAndMemberNo, PageHeader, PersonName, Problems, Refusal, YearSelect, crossPageSelection, peoplePagination, useRefreshMembership, useScopeOrg, useYearParam } from './shared';

type AppraisalItem = api.ResponseOf<typeof api.membership.listAppraisals>['items'][number];
type Summary = api.ResponseOf<typeof api.membership.appraisalSummary>;
type Filter = AppraisalGrade | 'none' | 'all';

const GRADE_COLORS: Record<AppraisalGrade, { tag: string; chart: string }> = {
  excellent: { tag: 'red', chart: '#b81c22' },
  qualified: { tag: 'blue', chart: '#1f5fae' },
  basically_qualified: { tag: 'gold', chart: '#e8a33d' },
  unqualified: { tag: 'default', chart: '#5b6b82' },
};
/** Summary fields by grade. */
const COUNT_KEY: Record<AppraisalGrade | 'none', 'excellent' | 'qualified' | 'basicallyQualified' | 'unqualified' | 'none'> = {
  excellent: 'excellent',
  qualified: 'qualified',
  basically_qualified: 'basicallyQualified',
  unqualified: 'unqualified',
  none: 'none',
};
const FILTERS: Filter[] = ['all', 'none', ...APPRAISAL_GRADES];
const FILTER_LABELS: Record<Filter, string> = { all: '全部', none: UNAPPRAISED_LABEL, ...APPRAISAL_GRADE_LABELS };

/** 团员教育评议: one grade per member and year, recorded in batches, with the counts per grade here and in each child organization. */
export default function AppraisalsPage() {
  const phone = useIsPhone();
  const { orgId, setOrg } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const canWrite = useCan('membership:write');
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<Map<number, AppraisalItem>>(new Map());
  const [grading, setGrading] = useState<AppraisalGrade | null>(null);

  const summary = useApi(api.membership.appraisalSummary, orgId ? { query: { orgId, year } } : undefined, { enabled: !!orgId });
  const list = useApi(
    api.membership.listAppraisals,
    { query: { year, under: orgId ?? undefined, grade: filter === 'all' ? undefined : filter, q: q || undefined, page, pageSize } },
    { enabled: !!orgId },
  );
  const reset = () => {
    setPage(1);
    setSelected(new Map());
  };
  const s = summary.data;
  const yearProblem = appraisalYearProblem(year, chinaToday());

  return (
    <div>
      <PageHeader title="团员教育评议" orgId={orgId} onOrg={(id) => (setOrg(id), reset())}>
        <YearSelect value={year} onChange={(y) => (setYear(y), reset())} />
      </PageHeader>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={s && !s.children.length ? 24 : 9}>
          <Card title={`${year}年度评议结果`} style={{ height: '100%' }} loading={summary.isLoading}>
            {summary.error ? <LoadError error={summary.error} onRetry={() => void summary.refetch()} /> : s && <GradeFigures s={s} />}
          </Card>
        </Col>
        <Col span={15} style={s && !s.children.length ? { display: 'none' } : undefined}>
          <Card title="各下级组织评议情况" style={{ height: '100%' }}>
            {s && s.children.length ? <ChildrenChart s={s} onPick={(id) => (setOrg(id), reset())} /> : <Typography.Text type="secondary">没有下级组织</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Card title="团员名单">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => (setFilter(v), reset())}
            options={FILTERS.map((f) => {
              const n = s ? (f === 'all' ? s.total : s[COUNT_KEY[f]]) : undefined;
              return { value: f, label: n === undefined ? FILTER_LABELS[f] : `${FILTER_LABELS[f]} ${n}` };
            })}
          />
          <Space wrap>
            <Input.Search allowClear placeholder="姓名" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), reset())} />
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), summary.refetch()])}>
              刷新
            </Button>
          </Space>
        </Space>
        {canWrite && (
          <Space style={{ marginBottom: 12 }} wrap data-testid="batch-bar">
            <Typography.Text type={selected.size ? undefined : 'secondary'}>{selected.size ? `已选 ${selected.size} 人，评为：` : '勾选团员后批量评定：'}</Typography.Text>
            {APPRAISAL_GRADES.map((g) => (
              <Button key={g} disabled={!selected.size || !!yearProblem} danger={g === 'unqualified'} type={g === 'excellent' ? 'primary' : 'default'} onClick={() => setGrading(g)}>
                {APPRAISAL_GRADE_LABELS[g]}
              </Button>
            ))}
            {yearProblem && <Typography.Text type="warning">{yearProblem}</Typography.Text>}
          </Space>
        )}
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<AppraisalItem>
            rowKey="personId"
            data-testid="appraisals-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowSelection={canWrite ? crossPageSelection(list.data?.items ?? [], selected, setSelected) : undefined}
            pagination={peoplePagination(page, pageSize, list.data?.total ?? 0, (pg, size) => { setPage(pg); setPageSize(size); })}
            columns={keyColumnsFirst(phone, [
              { title: '姓名', dataIndex: 'name', width: 110, render: (n: string, r) => <PersonName id={r.personId} name={n} /> },
              { title: '性别', dataIndex: 'gender', width: 60, render: (g: 'male' | 'female') => GENDER_LABELS[g] },
              { title: '身份证号 / 团员编号', key: 'ids', width: 190, render: (_: unknown, r) => <IdAndMemberNo masked={r.idNumberMasked} memberNo={r.memberNo} /> },
              { title: '入团日期', dataIndex: 'joinedOn', width: 110, render: (v: string | null) => v ?? '—' },
              { title: '所在团组织', dataIndex: 'orgName', ellipsis: true },
              {
                title: '评议等次',
                dataIndex: 'grade',
                width: 110,
                render: (g: AppraisalGrade | null) => (g ? <Tag color={GRADE_COLORS[g].tag}>{APPRAISAL_GRADE_LABELS[g]}</Tag> : <Tag>{UNAPPRAISED_LABEL}</Tag>),
              },
            ], ['grade'])}
          />
        )}
      </Card>
      {grading && (
        <GradeModal
          year={year}
          grade={grading}
          people={[...selected.values()]}
          onClose={() => setGrading(null)}
          onDone={() => (setGrading(null), setSelected(new Map()))}
        />
      )}
    </div>
  );
}

function GradeFigures({ s }: { s: Summary }) {
  const done = s.total - s.none;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {s.org.name}：在册团员 {s.total} 人，已评议 {done} 人
      </Typography.Text>
      <Row gutter={[8, 8]}>
        {APPRAISAL_GRADES.map((g) => (
          <Col span={8} key={g}>
            <Statistic title={APPRAISAL_GRADE_LABELS[g]} value={s[COUNT_KEY[g]]} styles={{ content: { color: GRADE_COLORS[g].chart } }} data-testid={`grade-${g}`} />
          </Col>
        ))}
        <Col span={8}>
          <Statistic title={UNAPPRAISED_LABEL} value={s.none} data-testid="grade-none" />
        </Col>
        <Col span={8}>
          <Statistic title="优秀比例" value={done ? ((s.excellent / done) * 100).toFixed(1) : '—'} suffix={done ? '%' : undefined} />
        </Col>
      </Row>
    </Space>
  );
}

/** Members per grade in each child organization, stacked (click a bar to look at that organization). */
function ChildrenChart({ s, onPick }: { s: Summary; onPick(id: number): void }) {
  const children = useMemo(() => s.children.filter((c) => c.total > 0), [s]);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: children.map((c) => c.name),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        ...APPRAISAL_GRADES.map((g) => ({
          name: APPRAISAL_GRADE_LABELS[g],
          type: 'bar' as const,
          stack: 'grade',
          itemStyle: { color: GRADE_COLORS[g].chart },
          data: children.map((c) => c[COUNT_KEY[g]]),
        })),
        { name: UNAPPRAISED_LABEL, type: 'bar' as const, stack: 'grade', itemStyle: { color: '#d9d9d9' }, data: children.map((c) => c.none) },
      ],
    }),
    [children],
  );
  if (!children.length) return <Typography.Text type="secondary">下级组织暂无团员</Typography.Text>;
  return (
    <EChart
      option={option}
      height={Math.min(420, Math.max(200, 40 + children.length * 24))}
      onClick={(p) => {
        const c = children[p.dataIndex];
        if (c) onPick(c.id);
      }}
    />
  );
}

function GradeModal({ year, grade, people, onClose, onDone }: { year: number; grade: AppraisalGrade; people: AppraisalItem[]; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit();
  const problems = people.flatMap((p) => appraisalProblems({ name: p.name, memberStatus: 'active', birthDate: '', joinedOn: p.joinedOn }, year));
  const changed = people.filter((p) => p.grade && p.grade !== grade);

  async function submit() {
    await run(async () => {
      const result = await call(api.membership.recordAppraisals, { body: { year, grade, personIds: people.map((p) => p.personId) } });
      await refresh();
      message.success(`已将 ${result.count} 名团员评为“${APPRAISAL_GRADE_LABELS[grade]}”`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title={`${year}年度教育评议：评为“${APPRAISAL_GRADE_LABELS[grade]}”`}
      okText="确认评定"
      okButtonProps={{ danger: grade === 'unqualified', disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph>
        将以下 {people.length} 名团员评为“{APPRAISAL_GRADE_LABELS[grade]}”：{people.slice(0, 15).map((p) => p.name).join('、')}
        {people.length > 15 && ` 等${people.length}人`}
      </Typography.Paragraph>
      {changed.length > 0 && <Typography.Paragraph type="warning">其中 {changed.length} 人已有本年度评议等次，将更正为新的等次。</Typography.Paragraph>}
      {grade === 'unqualified' && (
        <Typography.Paragraph type="secondary">评为“不合格”的团员，应由团支部进行帮助教育，限期改正。</Typography.Paragraph>
      )}
      <Refusal error={refusal} />
      <Problems problems={problems} />
    </Modal>
  );
}
