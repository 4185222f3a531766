import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ASSESSMENT_DIRECTION_LABELS,
  ASSESSMENT_DIRECTIONS,
  DEFAULT_INDICATORS,
  FIGURES,
  MANUAL_METRIC,
  MANUAL_METRIC_LABEL,
  SCHEME_STATUS_LABELS,
  figureDef,
  schemeProblems,
  type Indicator,
  api,
  shortOrgName,
  SCORING_RULES,
  SCORING_RULE_LABELS,
  scoreStepsFromText,
  scoreStepsText,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { EChart } from '../../components/EChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { Problems, Refusal, YearSelect, isRefusal, useYearParam } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { ManualScores } from '../registries/ManualScores';

const R = api.reports;
type Scheme = api.reports.SchemeItem;
type ScoreRow = api.reports.SchemeScores['rows'][number];
type IndicatorRow = ScoreRow['indicators'][number];

const refresh = (qc: ReturnType<typeof useQueryClient>) => invalidate(qc, R.listSchemes, R.getScores);

/** 党建带团建 / 县域改革 考核: the year's schemes, each child's score and ranking, drill-down to each indicator. ?scheme= picks one. */
export default function AssessmentPage() {
  const [year, setYear] = useYearParam();
  const [search, setSearch] = useSearchParams();
  const [editing, setEditing] = useState<Scheme | 'new' | null>(null);
  const canManage = useCan('org:manage');
  const list = useApi(R.listSchemes, { query: { year } });
  const schemes = list.data ?? [];
  const picked = schemes.find((s) => s.id === Number(search.get('scheme'))) ?? schemes.find((s) => s.status === 'published') ?? schemes[0];
  const pick = (id: number) => {
    const next = new URLSearchParams(search);
    next.set('scheme', String(id));
    setSearch(next, { replace: true });
  };
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="tj-page-title" style={{ margin: 0 }}>
          改革考核
        </h1>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} forward={1} />
          {schemes.length > 0 && (
            <Select
              aria-label="考核方案"
              style={{ width: 360, maxWidth: '100%' }}
              value={picked?.id}
              onChange={pick}
              options={schemes.map((s) => ({ value: s.id, label: `${s.title}（${s.org.name}，${SCHEME_STATUS_LABELS[s.status]}）` }))}
            />
          )}
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              制定考核方案
            </Button>
          )}
        </Space>
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isLoading ? (
        <PageLoading />
      ) : !picked ? (
        <Card>
          <Empty description={`${year}年度还没有考核方案${canManage ? '，可点击“制定考核方案”' : ''}`} />
        </Card>
      ) : (
        <SchemeView scheme={picked} onEdit={() => setEditing(picked)} />
      )}
      {editing && <SchemeModal year={year} scheme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={pick} />}
    </div>
  );
}

function SchemeView({ scheme, onEdit }: { scheme: Scheme; onEdit(): void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const canManage = useCan('org:manage');
  const publish = async () => {
    try {
      await call(R.publishScheme, { params: { id: scheme.id }, body: {} });
      message.success('考核方案已发布');
      await refresh(qc);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <Space>
            {scheme.title}
            <Tag color={scheme.status === 'published' ? 'green' : 'default'}>{SCHEME_STATUS_LABELS[scheme.status]}</Tag>
          </Space>
        }
        extra={
          <Space>
            {scheme.isOwner && canManage && scheme.status === 'draft' && (
              <>
                <Button size="small" onClick={onEdit}>
                  修改
                </Button>
                <Popconfirm title="发布后方案不能再修改，下级单位可以看到自己的得分。确定发布？" onConfirm={publish}>
                  <Button size="small" type="primary">
                    发布
                  </Button>
                </Popconfirm>
              </>
            )}
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download(R.exportScores, { params: { id: scheme.id } }).catch(showError)}>
              导出得分
            </Button>
          </Space>
        }
      >
        <Table<Indicator>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={scheme.indicators}
          columns={[
            { title: '考核指标', dataIndex: 'label' },
            { title: '数据来源', dataIndex: 'metric', render: (m: Indicator['metric'], r) => <Tooltip title={figureDef(m)?.how ?? r.rule}>{figureDef(m)?.label ?? (m === MANUAL_METRIC ? MANUAL_METRIC_LABEL : m)}</Tooltip> },
            { title: '权重（分）', dataIndex: 'weight', width: 100 },
            { title: '目标值', dataIndex: 'target', width: 100, render: (v: number, r) => `${v}${figureDef(r.metric)?.unit ?? ''}` },
            { title: '方向', dataIndex: 'direction', width: 100, render: (d: Indicator['direction']) => ASSESSMENT_DIRECTION_LABELS[d] },
            { title: '计分方式', dataIndex: 'scoring', width: 160, render: (x: Indicator['scoring'], r) => (x === 'threshold' ? `分档（${scoreStepsText(r.steps)}）` : SCORING_RULE_LABELS[x ?? 'linear']) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          计分：按目标值折算的指标，越高越好时得分 = 权重 × 实际值 ÷ 目标值，越低越好时得分 = 权重 × 目标值 ÷ 实际值，达到目标即得满分（不超过权重）；分档计分取达到的最高一档的分数；按名次计分时第 r 名（共 n 个有数据的单位，同值同名次）得 权重 × (n − r + 1) ÷ n；不得为负，无数据的指标不得分；总分为各项之和，按总分排名，同分同名次。
        </Typography.Paragraph>
      </Card>
      <Scores scheme={scheme} />
    </>
  );
}

function Scores({ scheme }: { scheme: Scheme }) {
  const q = useApi(R.getScores, { params: { id: scheme.id } });
  const [expanded, setExpanded] = useState<number[]>([]);
  const option = useMemo(() => {
    const rows = [...(q.data?.rows ?? [])].reverse();
    return {
      grid: { left: 150, right: 40, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' as const },
      xAxis: { type: 'value' as const, max: q.data?.maxScore ?? 100 },
      yAxis: { type: 'category' as const, data: rows.map((r) => shortOrgName(r.orgName)) },
      series: [{ type: 'bar' as const, name: '总分', data: rows.map((r) => r.total), label: { show: true, position: 'right' as const } }],
    };
  }, [q.data]);
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const s = q.data;
  return (
    <Card
      size="small"
      title="得分与排名"
      extra={
        <Typography.Text type="secondary">
          数据截至 {s.asOf}（{s.basis}），满分 {s.maxScore}
        </Typography.Text>
      }
    >
      {!scheme.isOwner && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`本方案由${scheme.org.name}制定，这里只显示本单位的得分；排名由上级查看。`} />}
      {s.rows.length === 0 ? (
        <Empty description="没有可考核的下级组织" />
      ) : (
        <>
          {s.rows.length > 1 && (
            <EChart
              option={option}
              height={Math.max(200, s.rows.length * 28 + 40)}
              onClick={(p) => {
                const row = s.rows.find((r) => r.orgName.replace(/^共青团余庆县|委员会$/g, '') === p.name);
                if (row) setExpanded([row.orgId]);
              }}
            />
          )}
          <Table<ScoreRow>
            rowKey="orgId"
            size="small"
            pagination={false}
            dataSource={s.rows}
            data-testid="scores"
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (keys) => setExpanded(keys as number[]),
              expandedRowRender: (r) => <Drill row={r} />,
            }}
            columns={[
              ...(scheme.isOwner ? [{ title: '排名', dataIndex: 'rank', width: 60, render: (v: number) => <Typography.Text strong>{v}</Typography.Text> }] : []),
              { title: '单位', dataIndex: 'orgName' },
              { title: '总分', dataIndex: 'total', width: 80, render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
              ...scheme.indicators.map((ind) => ({
                title: (
                  <Tooltip title={`权重 ${ind.weight}，目标 ${ind.target}${figureDef(ind.metric)?.unit ?? ''}`}>
                    {ind.label}
                  </Tooltip>
                ),
                key: ind.key,
                width: 110,
                render: (_: unknown, r: ScoreRow) => {
                  const x = r.indicators.find((i) => i.key === ind.key)!;
                  return (
                    <Tooltip title={x.actual === null ? x.note : `实际值 ${x.actual}${figureDef(x.metric)?.unit ?? ''}`}>
                      <Typography.Text type={x.met ? 'success' : x.actual === null ? 'secondary' : undefined}>{x.score}</Typography.Text>
                    </Tooltip>
                  );
                },
              })),
            ]}
          />
          <ManualScores scheme={scheme} orgs={s.rows} />
        </>
      )}
    </Card>
  );
}

/** One organization's indicators: actual value with its parts, target, score and how it was computed. */
function Drill({ row }: { row: ScoreRow }) {
  return (
    <Table<IndicatorRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={row.indicators}
      columns={[
        { title: '指标', dataIndex: 'label' },
        {
          title: '实际值',
          render: (_: unknown, x) => {
            const unit = figureDef(x.metric)?.unit ?? '';
            if (x.actual === null) return <Typography.Text type="secondary">{x.note}</Typography.Text>;
            const parts = x.denominator !== null && x.numerator !== null ? `（${x.metric === 'new_sector_growth' ? `增加 ${x.numerator}，上年末 ${x.denominator}` : `${x.numerator}/${x.denominator}`}）` : '';
            return `${x.actual}${unit}${parts}`;
          },
        },
        { title: '目标值', render: (_: unknown, x) => `${x.target}${figureDef(x.metric)?.unit ?? ''}` },
        { title: '权重', dataIndex: 'weight', width: 70 },
        {
          title: '得分',
          width: 160,
          render: (_: unknown, x) =>
            x.actual === null ? (
              0
            ) : (
              <Tooltip title={x.direction === 'higher' ? `${x.weight} × ${x.actual} ÷ ${x.target}（最高 ${x.weight} 分）` : `${x.weight} × ${x.target} ÷ ${x.actual}（最高 ${x.weight} 分）`}>
                <Space size={4}>
                  <Typography.Text strong>{x.score}</Typography.Text>
                  {x.met ? <Tag color="green">达标</Tag> : <Tag color="orange">未达标</Tag>}
                </Space>
              </Tooltip>
            ),
        },
        { title: '计算口径', render: (_: unknown, x) => <Typography.Text type="secondary">{figureDef(x.metric)?.how}</Typography.Text> },
      ]}
    />
  );
}

interface SchemeForm {
  orgId: number;
  title: string;
  indicators: (Indicator & { stepsText?: string })[];
}

/** The editor's indicator as the API takes it: threshold steps from their text. */
const fromForm = ({ stepsText, ...i }: SchemeForm['indicators'][number]): Indicator =>
  i.scoring === 'threshold' ? { ...i, steps: scoreStepsFromText(stepsText ?? '').steps } : { ...i, steps: undefined };

function SchemeModal({ year, scheme, onClose, onSaved }: { year: number; scheme: Scheme | null; onClose(): void; onSaved(id: number): void }) {
  const account = useAccount();
  const [form] = Form.useForm<SchemeForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const watched = Form.useWatch('indicators', form) as SchemeForm['indicators'] | undefined;
  const stepProblems = (watched ?? []).filter((i) => i?.scoring === 'threshold').map((i) => scoreStepsFromText(i.stepsText ?? '').problem).filter((p): p is string => !!p);
  const problems = watched ? [...stepProblems, ...schemeProblems(watched.filter(Boolean).map((i) => ({ ...fromForm(i), weight: Number(i.weight ?? 0), target: Number(i.target ?? 0) })))] : [];
  const total = (watched ?? []).reduce((s, i) => s + Number(i?.weight ?? 0), 0);
  const submit = async () => {
    const v = await form.validateFields();
    const indicators = v.indicators.map((i, n) => ({ ...fromForm(i), key: i.key || `k${n + 1}` }));
    setBusy(true);
    setError(null);
    try {
      if (scheme) {
        await call(R.updateScheme, { params: { id: scheme.id }, body: { title: v.title, indicators } });
        onSaved(scheme.id);
      } else {
        const res = await call(R.createScheme, { body: { orgId: v.orgId, year, title: v.title, indicators } });
        onSaved(res.id);
      }
      message.success('考核方案已保存（草稿），核对后请发布');
      await refresh(qc);
      onClose();
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={1000} title={scheme ? '修改考核方案' : `制定${year}年度考核方案`} okText="保存" okButtonProps={{ loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Refusal error={error} />
      <Form<SchemeForm>
        form={form}
        layout="vertical"
        initialValues={{
          orgId: scheme?.org.id ?? account.scopeOrgId ?? undefined,
          title: scheme?.title ?? `${year}年度党建带团建工作考核方案`,
          indicators: (scheme?.indicators ?? DEFAULT_INDICATORS).map((i) => ({ ...i, scoring: i.scoring ?? 'linear', stepsText: scoreStepsText(i.steps) })),
        }}
      >
        {!scheme && (
          <Form.Item name="orgId" label="考核单位（对其直属下级组织考核）" rules={[{ required: true, message: '请选择考核单位' }]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" size={6}>
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'label']} rules={[{ required: true, message: '请填写指标名称' }]}>
                    <Input placeholder="指标名称" style={{ width: 210 }} aria-label="指标名称" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'metric']} rules={[{ required: true, message: '请选择数据来源' }]}>
                    <Select placeholder="数据来源" style={{ width: 220 }} aria-label="数据来源" options={[...FIGURES.map((x) => ({ value: x.key, label: x.label, title: x.how })), { value: MANUAL_METRIC, label: MANUAL_METRIC_LABEL, title: '考核单位按评分细则评分，附佐证' }]} />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'rule']}>
                    <Input placeholder="评分细则（人工评分必填）" style={{ width: 220 }} aria-label="评分细则" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                    <InputNumber min={0.5} max={100} addonBefore="权重" style={{ width: 130 }} aria-label="权重" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'target']} rules={[{ required: true, message: '请填写目标值' }]}>
                    <InputNumber min={0} max={10000} addonBefore="目标" style={{ width: 140 }} aria-label="目标值" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'direction']} initialValue="higher">
                    <Select style={{ width: 110 }} options={ASSESSMENT_DIRECTIONS.map((d) => ({ value: d, label: ASSESSMENT_DIRECTION_LABELS[d] }))} />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'scoring']} initialValue="linear">
                    <Select style={{ width: 130 }} aria-label="计分方式" options={SCORING_RULES.map((x) => ({ value: x, label: SCORING_RULE_LABELS[x] }))} />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'stepsText']}>
                    <Input placeholder="分档 95:15, 80:10" style={{ width: 150 }} aria-label="分档" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除指标" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ direction: 'higher' })} style={{ marginBottom: 12 }}>
                添加指标
              </Button>
            </>
          )}
        </Form.List>
        <Alert type={Math.abs(total - 100) < 1e-9 ? 'success' : 'info'} showIcon style={{ marginBottom: 12 }} title={`权重合计 ${total}（应为100）；比率类指标的目标值按百分数填写，如覆盖率 100、年增幅 20。`} />
        <Problems problems={problems} title="方案还需调整" />
      </Form>
    </Modal>
  );
}
