import { FileExcelOutlined } from '@ant-design/icons';
import { STAT_TABLES, api, percentText, type Metrics, type Rules } from '@tuanjian/domain';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { download } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgName } from '../../components/OrgName';
import { LoadError, PageLoading } from '../../components/PageState';
import { PageHeader, useScopeOrg } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { chinaToday } from '../../lib/people';
import { monthEndText } from './TablesPage';


const RED = '#b81c22';
const BLUE = '#1f5fae';
const GREEN = '#3f8f5a';
const ORANGE = '#d4622b';

/** One point of a trend: a month-end snapshot, or now. */
interface Point {
  label: string;
  /** Short label on the chart's axis. */
  axis: string;
  month: string;
  members: number;
  youth: number;
  ratio: number | null;
  studentMembers: number;
  orgs: number;
  branches: number;
  inProgress: number;
  approved: number;
}

const column = (table: string, key: string) => STAT_TABLES.find((t) => t.key === table)!.columns.find((c) => c.key === key)!;

/** The figures of a metrics map (a snapshot) as the statistical tables compute them. */
function pointOf(label: string, month: string, m: Metrics, rules: Rules): Point {
  const ctx = { year: Number(month.slice(0, 4)), rules };
  const get = (k: string) => m[k] ?? 0;
  const members = get('members:total');
  const youth = column('members', 'youth').value(m, ctx);
  const inProgress = STAT_TABLES.find((t) => t.key === 'development')!
    .columns.filter((c) => c.group === '在培养考察中')
    .reduce((s, c) => s + c.value(m, ctx), 0);
  return {
    label,
    axis: month,
    month,
    members,
    youth,
    ratio: youth ? members / youth : null,
    studentMembers: get('members:students'),
    orgs: get('orgs:total'),
    branches: get('orgs:type:branch') + get('orgs:type:joint_branch'),
    inProgress,
    approved: column('development', 'approved').value(m, ctx),
  };
}

type Grain = 'month' | 'year';

/** 趋势与对比: the subtree's figures over months and years (month-end snapshots), and its child organizations side by side. */
export default function TrendsPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  // Drilling down is a step in the browser's history: “back” returns to the parent organization.
  const drill = (id: number) => {
    const next = new URLSearchParams(search);
    next.set('org', String(id));
    setSearch(next);
  };
  return (
    <div>
      <PageHeader title="趋势与对比" orgId={orgId} onOrg={setOrg} />
      {orgId ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Trends orgId={orgId} />
          <Comparison orgId={orgId} onDrill={drill} />
        </Space>
      ) : (
        <Empty description="请选择组织" />
      )}
    </div>
  );
}

function Trends({ orgId }: { orgId: number }) {
  const rules = useRules();
  const [grain, setGrain] = useState<Grain>('month');
  const snapshots = useApi(api.dashboard.listSnapshots, { query: { orgId } });
  const dash = useApi(api.dashboard.getDashboard, { query: { orgId } });
  const points = useMemo<Point[]>(() => {
    if (!rules || !snapshots.data || !dash.data) return [];
    const d = dash.data;
    const today = chinaToday();
    const now: Point = {
      label: '当前',
      axis: '当前',
      month: today.slice(0, 7),
      members: d.people.members,
      youth: d.people.youth,
      ratio: d.people.memberYouthRatio,
      studentMembers: d.people.studentMembers,
      orgs: d.orgs.total,
      branches: d.orgs.byType.filter((t) => t.type === 'branch' || t.type === 'joint_branch').reduce((s, t) => s + t.count, 0),
      inProgress: d.development.stages.filter((s) => s.stage !== 'oath').reduce((s, x) => s + x.count, 0),
      approved: d.development.approvedThisYear,
    };
    const months = [...snapshots.data].sort((a, b) => a.month.localeCompare(b.month));
    let list = months.map((s) => pointOf(monthEndText(s.month), s.month, s.metrics, rules));
    if (grain === 'year') {
      // The last snapshot of each year (its year-end when taken); this year: now.
      const byYear = new Map<string, Point>();
      for (const p of list) byYear.set(p.month.slice(0, 4), { ...p, axis: `${p.month.slice(0, 4)}年`, label: p.month.endsWith('-12') ? `${p.month.slice(0, 4)}年末` : p.label });
      byYear.delete(today.slice(0, 4));
      list = [...byYear.values()];
      return [...list, { ...now, axis: `${today.slice(0, 4)}年`, label: `${today.slice(0, 4)}年（当前）` }];
    }
    return [...list, now];
  }, [rules, snapshots.data, dash.data, grain]);

  const error = snapshots.error ?? dash.error;
  if (error) return <LoadError error={error} onRetry={() => void Promise.all([snapshots.refetch(), dash.refetch()])} />;
  if (!points.length) return <PageLoading />;

  const x = points.map((p) => p.axis);
  const base = (series: EChartOption['series'], percentAxis = false): EChartOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: percentAxis ? 8 : 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: x, boundaryGap: false, axisLabel: { rotate: x.length > 8 ? 30 : 0 } },
    yAxis: percentAxis
      ? [
          { type: 'value', minInterval: 1, scale: true },
          { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false }, scale: true },
        ]
      : { type: 'value', minInterval: 1, scale: true },
    series,
  });
  const line = (name: string, color: string, data: (number | null)[], extra: object = {}) => ({ name, type: 'line' as const, color, symbolSize: 7, data, ...extra });

  return (
    <Card
      title="趋势"
      size="small"
      extra={
        <Segmented<Grain>
          value={grain}
          onChange={setGrain}
          options={[
            { value: 'month', label: '按月' },
            { value: 'year', label: '按年' },
          ]}
          data-testid="trend-grain"
        />
      }
    >
      {points.length < 3 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`目前有 ${points.length - 1} 个月末快照`}
          description="系统在每月1日自动冻结上月末的数字；快照越多，趋势越完整。历史数字不随后来的记录变化。"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Typography.Text strong>团员和青年</Typography.Text>
          <EChart
            height={260}
            option={base(
              [
                line('团员', RED, points.map((p) => p.members)),
                line('青年', BLUE, points.map((p) => p.youth)),
                line('团青比例', ORANGE, points.map((p) => (p.ratio === null ? null : Math.round(p.ratio * 1000) / 10)), { yAxisIndex: 1, lineStyle: { type: 'dashed' } }),
              ],
              true,
            )}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Text strong>团组织</Typography.Text>
          <EChart height={260} option={base([line('团组织', RED, points.map((p) => p.orgs)), line('团支部（含联合）', GREEN, points.map((p) => p.branches))])} />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Text strong>团员发展</Typography.Text>
          <EChart height={260} option={base([line('在培养考察中', BLUE, points.map((p) => p.inProgress)), line('当年已批准入团（累计）', RED, points.map((p) => p.approved))])} />
        </Col>
      </Row>
      <Table<Point>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="label"
        pagination={points.length > 13 ? { pageSize: 13, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: true }}
        dataSource={[...points].reverse()}
        data-testid="trend-table"
        columns={[
          { title: '时点', dataIndex: 'label', width: 140 },
          { title: '团员（人）', dataIndex: 'members', align: 'right' },
          { title: '青年（人）', dataIndex: 'youth', align: 'right' },
          { title: '团青比例', dataIndex: 'ratio', align: 'right', render: (r: number | null) => percentText(r) },
          { title: '学生团员（人）', dataIndex: 'studentMembers', align: 'right' },
          { title: '团组织（个）', dataIndex: 'orgs', align: 'right' },
          { title: '团支部（个）', dataIndex: 'branches', align: 'right' },
          { title: '在培养考察中（人）', dataIndex: 'inProgress', align: 'right' },
          { title: '当年已批准入团（人）', dataIndex: 'approved', align: 'right' },
        ]}
      />
    </Card>
  );
}

/* ------------------------------------------------------------- comparison */

/** What children can be compared by: every column of the statistical tables, and the cadres' rates. */
type MetricKey = string; // `${table}:${column}` or `cadres:staffing` / `cadres:onDuty`
const METRIC_GROUPS = [
  ...STAT_TABLES.map((t) => ({
    label: t.title.replace(/统计表$/, ''),
    options: t.columns.map((c) => ({ value: `${t.key}:${c.key}`, label: `${c.group ? `${c.group}·` : ''}${c.label}（${c.unit}）` })),
  })),
  { label: '团干部', options: [{ value: 'cadres:staffing', label: '配备率（%）' }, { value: 'cadres:onDuty', label: '在岗率（%）' }] },
];
const metricLabel = (k: MetricKey) => METRIC_GROUPS.flatMap((g) => g.options).find((o) => o.value === k)?.label ?? k;

interface Ranked {
  orgId: number;
  orgName: string;
  /** 简称 for the narrow axis and column (the 统计表's rows carry it). */
  orgShortName?: string | null;
  value: number | null;
  detail?: string;
  rank?: number;
}

function Comparison({ orgId, onDrill }: { orgId: number; onDrill: (id: number) => void }) {
  const [metric, setMetric] = useState<MetricKey>('members:members');
  const [table, col] = metric.split(':') as [string, string];
  const isCadres = table === 'cadres';
  const statTable = useApi(api.statTables.getStatTable, { params: { table }, query: { orgId } }, { enabled: !isCadres });
  const rates = useApi(api.cadres.getRates, { query: { orgId } }, { enabled: isCadres });
  const showError = useShowError();
  const source = isCadres ? rates : statTable;

  const rows = useMemo<Ranked[]>(() => {
    let list: Ranked[] = [];
    if (isCadres && rates.data) {
      list = rates.data.children.map((c) => {
        const f = col === 'staffing' ? c.staffing : c.onDuty;
        return { orgId: c.orgId, orgName: c.orgName, value: f.rate === null ? null : Math.round(f.rate * 1000) / 10, detail: `${f.numerator} / ${f.denominator}` };
      });
    } else if (!isCadres && statTable.data) {
      const at = statTable.data.columns.findIndex((c) => c.key === col);
      list = statTable.data.rows.filter((r) => r.orgId !== orgId).map((r) => ({ orgId: r.orgId, orgName: r.orgName, orgShortName: r.orgShortName, value: r.values[at] ?? null }));
    }
    const sorted = [...list].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    let rank = 0;
    let last: number | null | undefined;
    sorted.forEach((r, i) => {
      if (r.value !== last) rank = i + 1;
      last = r.value;
      r.rank = r.value === null ? undefined : rank;
    });
    return sorted;
  }, [isCadres, rates.data, statTable.data, col, orgId]);

  const unit = metricLabel(metric).match(/（(.+)）$/)?.[1] ?? '';
  const top = rows.slice(0, 20);
  const option = useMemo<EChartOption>(
    () => ({
      color: [RED],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v as number}${unit}` },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: unit === '%' ? undefined : 1, max: unit === '%' ? 100 : undefined },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.orgShortName ?? r.orgName), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ type: 'bar', name: metricLabel(metric), barMaxWidth: 16, label: { show: true, position: 'right' }, data: top.map((r) => r.value ?? 0) }],
    }),
    [top, unit, metric],
  );

  const exportTable = async () => {
    try {
      if (isCadres) await download(api.cadres.exportStaffing, { query: { orgId } }, '配备情况.xlsx');
      else await download(api.statTables.exportStatTable, { params: { table }, query: { orgId } }, '统计表.xlsx');
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card
      title="下级组织对比"
      size="small"
      extra={
        <Space wrap>
          <Typography.Text type="secondary">比较指标</Typography.Text>
          <Select aria-label="比较指标" data-testid="compare-metric" style={{ width: 260 }} value={metric} onChange={setMetric} options={METRIC_GROUPS} showSearch={{ optionFilterProp: 'label' }} />
          <Button icon={<FileExcelOutlined />} onClick={() => void exportTable()}>
            导出Excel
          </Button>
        </Space>
      }
    >
      {source.isLoading ? (
        <PageLoading />
      ) : source.error ? (
        <LoadError error={source.error} onRetry={() => void source.refetch()} />
      ) : rows.length === 0 ? (
        <Empty description="该组织没有下级组织" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={13}>
            <EChart
              height={Math.max(220, top.length * 26 + 24)}
              option={option}
              onClick={(p) => {
                const r = top[p.dataIndex];
                if (r) onDrill(r.orgId);
              }}
            />
            {rows.length > top.length && <Typography.Text type="secondary">图中显示前{top.length}名，全部见右表。</Typography.Text>}
          </Col>
          <Col xs={24} xl={11}>
            <Table<Ranked>
              size="small"
              rowKey="orgId"
              dataSource={rows}
              data-testid="ranking"
              pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
              rowClassName={() => 'tj-clickable-row'}
              onRow={(r) => ({ onClick: () => onDrill(r.orgId) })}
              columns={[
                { title: '名次', dataIndex: 'rank', width: 64, render: (r?: number) => (r ? r <= 3 ? <Tag color="red">{r}</Tag> : r : '—') },
                { title: '组织', dataIndex: 'orgName', render: (n: string, r) => <Typography.Link><OrgName name={n} shortName={r.orgShortName} /></Typography.Link> },
                {
                  title: metricLabel(metric),
                  dataIndex: 'value',
                  align: 'right',
                  width: 140,
                  render: (v: number | null, r) => (v === null ? '—' : `${unit === '%' ? v.toFixed(1) : v}${r.detail ? `（${r.detail}）` : ''}`),
                },
              ]}
            />
            <Typography.Text type="secondary">点击组织，以该组织为范围查看其下级的对比。</Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
