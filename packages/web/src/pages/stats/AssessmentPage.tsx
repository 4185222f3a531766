import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ASSESSMENT_DIRECTION_LABELS,
  MANUAL_METRIC,
  MANUAL_METRIC_LABEL,
  SCHEME_STATUS_LABELS,
  figureDef,
  type Indicator,
  api,
  shortOrgName,
  SCORING_RULE_LABELS,
  scoreStepsText,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { EChart } from '../../components/EChart';
import { LoadError, PageLoading } from '../../components/PageState';
import { YearSelect, useYearParam } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { ManualScores } from '../registries/ManualScores';
import { SchemeModal } from './SchemeModal';

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
