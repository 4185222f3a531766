import { listPagination } from '../../components/page';
import { ReloadOutlined } from '@ant-design/icons';
import { MEETING_KIND_LABELS, api, percentText, type MeetingKind } from '@tuanjian/domain';
import { Alert, Button, Card, Col, Empty, Progress, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { EChart, type EChartOption } from '../../components/EChart';
import { LoadError } from '../../components/PageState';
import { ExportButton } from '../../components/ExportButton';
import { Figure, PageHeader, PeriodPicker, usePeriodParam, useScopeOrg } from './shared';

type Compliance = api.ResponseOf<typeof api.orgLife.getCompliance>;
type Item = Compliance['items'][number];

const o = api.orgLife;
/** The whole subtree for the figures and the chart (a county has a few hundred branches). */
const ALL_BRANCHES = 500;
const rateColor = (rate: number | null) => (rate === null ? undefined : rate >= 1 ? '#3a9d5d' : rate >= 0.8 ? '#e8a33d' : '#b81c22');

/** 组织生活达标: each branch's meetings against the configured frequencies, who is behind (the list to chase), drill-down to a branch's meetings. */
export default function CompliancePage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const { from, to, setPeriod } = usePeriodParam(search, setSearch);
  const navigate = useNavigate();
  const [behindOnly, setBehindOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const filters = { orgId: orgId ?? 0, from, to };
  const all = useApi(o.getCompliance, { query: { ...filters, pageSize: ALL_BRANCHES } }, { enabled: !!orgId });
  const list = useApi(o.getCompliance, { query: { ...filters, behindOnly: behindOnly ? 'true' : undefined, page, pageSize } }, { enabled: !!orgId });
  const c = all.data;

  const meetingsOf = (branchId: number, kind?: MeetingKind) => {
    const q = new URLSearchParams({ org: String(branchId) });
    if (kind) q.set('kind', kind);
    if (c) (q.set('from', c.from), q.set('to', c.to));
    navigate(`/org-life/meetings?${q.toString()}`);
  };

  const byKind = useMemo(() => {
    if (!c) return [];
    return c.requirements.map((r) => {
      const kinds = c.items.flatMap((i) => i.kinds.filter((k) => k.kind === r.kind));
      const required = kinds.reduce((s, k) => s + k.required, 0);
      const met = kinds.reduce((s, k) => s + k.met, 0);
      const held = kinds.reduce((s, k) => s + k.held, 0);
      const behind = kinds.filter((k) => k.short > 0).length;
      return { kind: r.kind, text: r.text, required, met, held, behind };
    });
  }, [c]);
  const heldTotal = byKind.reduce((s, k) => s + k.held, 0);

  const chart: EChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['应开展', '已完成', '期间已召开'], top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: byKind.map((k) => MEETING_KIND_LABELS[k.kind]) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '应开展', type: 'bar', barMaxWidth: 48, data: byKind.map((k) => k.required), itemStyle: { color: '#c9ced6' } },
        {
          name: '已完成',
          type: 'bar', barMaxWidth: 48,
          data: byKind.map((k) => k.met),
          itemStyle: { color: '#b81c22' },
          label: { show: true, position: 'top', formatter: (p) => percentText(byKind[p.dataIndex]!.required ? byKind[p.dataIndex]!.met / byKind[p.dataIndex]!.required : null) },
        },
        { name: '期间已召开', type: 'bar', barMaxWidth: 48, data: byKind.map((k) => k.held), itemStyle: { color: '#1f5fae' } },
      ],
    }),
    [byKind],
  );

  const meetingColumnsKinds = c?.requirements ?? [];

  return (
    <div>
      <PageHeader title="组织生活达标" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <PeriodPicker from={from} to={to} onChange={(f, t) => (setPeriod(f, t), setPage(1))} placeholder={['开始（默认年初）', '结束（默认今天）']} />
      </PageHeader>
      {all.error && <LoadError error={all.error} onRetry={() => void all.refetch()} />}
      {c && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${c.from} 至 ${c.to}：规定频次 ${c.requirements.map((r) => r.text).join('、')}`}
          description="只统计已经结束的月份和季度（当月、当季度尚未结束，不计入应开展次数）；团支部成立当期及以前不计。频次由规则配置设定。"
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Figure title="团支部" value={c?.branches ?? '—'} suffix="个" testId="figure-branches" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title="达标率（已完成 ÷ 应开展）" value={c ? percentText(c.rate) : '—'} testId="figure-rate" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title="未达标团支部" value={c?.behind ?? '—'} suffix="个" testId="figure-behind" danger={!!c?.behind} />
        </Col>
        <Col xs={12} md={6}>
          <Figure title="期间已召开会议" value={c ? heldTotal : '—'} suffix="次" testId="figure-held" />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title="各类会议完成情况（点击柱形查看会议记录）" size="small" loading={all.isLoading}>
            {c && c.branches > 0 ? (
              <EChart option={chart} height={280} onClick={(p) => orgId && byKind[p.dataIndex] && meetingsOf(orgId, byKind[p.dataIndex]!.kind)} />
            ) : (
              <Empty description="范围内没有团支部" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="各类会议未达标的团支部" size="small" loading={all.isLoading} style={{ height: '100%' }}>
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={byKind}
              columns={[
                { title: '规定', dataIndex: 'text' },
                { title: '完成率', key: 'rate', width: 80, align: 'right', render: (_, k) => percentText(k.required ? k.met / k.required : null) },
                {
                  title: '未达标支部',
                  dataIndex: 'behind',
                  width: 96,
                  align: 'right',
                  render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
                },
              ]}
            />
            {c && all.data && all.data.total > ALL_BRANCHES && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                图表按前{ALL_BRANCHES}个团支部计算；总体数字为全部团支部。
              </Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title="各团支部达标情况"
        extra={
          <Space>
            <Segmented<'all' | 'behind'>
              value={behindOnly ? 'behind' : 'all'}
              onChange={(v) => (setBehindOnly(v === 'behind'), setPage(1))}
              options={[
                { value: 'all', label: `全部 ${c?.branches ?? ''}` },
                { value: 'behind', label: `未达标 ${c?.behind ?? ''}` },
              ]}
              data-testid="behind-filter"
            />
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([all.refetch(), list.refetch()])}>
              刷新
            </Button>
            <ExportButton contract={o.exportCompliance} input={{ query: { ...filters, behindOnly: behindOnly ? 'true' : undefined } }} fileName="三会两制一课达标情况.xlsx" announce data-testid="export">
              {behindOnly ? '导出未达标名单' : '导出Excel'}
            </ExportButton>
          </Space>
        }
      >
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Item>
            rowKey="orgId"
            size="small"
            data-testid="compliance-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowClassName={(i) => (i.behind ? 'tj-clickable-row tj-row-flagged' : 'tj-clickable-row')}
            onRow={(i) => ({ onClick: () => meetingsOf(i.orgId), title: `查看${i.orgName}的会议记录` })}
            locale={{ emptyText: <Empty description={behindOnly ? '没有未达标的团支部' : '范围内没有团支部'} /> }}
            scroll={{ x: 1000 }}
            expandable={{
              rowExpandable: (i) => i.shortfalls.length > 0,
              expandedRowRender: (i) => (
                <div data-testid="shortfalls">
                  <Typography.Text type="secondary">缺项（督促内容）：</Typography.Text>
                  <Space wrap size={[4, 4]}>
                    {i.shortfalls.map((s) => (
                      <Tag key={s} color="error">
                        {s}
                      </Tag>
                    ))}
                  </Space>
                </div>
              ),
            }}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个团支部')}
            columns={[
              {
                title: '团支部',
                dataIndex: 'orgName',
                width: 210,
                render: (n: string, i) => (
                  <div>
                    <a data-testid="branch-link">{n}</a>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {i.parentName ? `${i.parentName} · ` : ''}团员 {i.members} 人
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                title: '完成率',
                key: 'rate',
                width: 140,
                render: (_, i) =>
                  i.rate === null ? (
                    <Typography.Text type="secondary">尚无应开展的会议</Typography.Text>
                  ) : (
                    <Tooltip title={`已完成 ${i.met} / 应开展 ${i.required} 次`}>
                      <Progress percent={Math.round(i.rate * 1000) / 10} size="small" strokeColor={rateColor(i.rate)} format={() => `${i.met}/${i.required}`} style={{ margin: 0 }} />
                    </Tooltip>
                  ),
              },
              ...meetingColumnsKinds.map((r) => ({
                title: (
                  <Tooltip title={`${r.text}；“已开”为期间召开次数（含当期），“完成”为已结束各期的完成数/应开展数`}>
                    {MEETING_KIND_LABELS[r.kind]}
                  </Tooltip>
                ),
                key: r.kind,
                width: 96,
                render: (_: unknown, i: Item) => {
                  const k = i.kinds.find((x) => x.kind === r.kind);
                  if (!k) return '—';
                  return (
                    <a
                      onClick={(e) => (e.stopPropagation(), meetingsOf(i.orgId, r.kind))}
                      title={`查看${MEETING_KIND_LABELS[r.kind]}记录`}
                      style={{ color: k.short ? '#b81c22' : undefined, whiteSpace: 'nowrap', display: 'block' }}
                    >
                      <div>
                        已开 <span data-testid={`held-${r.kind}`}>{k.held}</span> 次
                      </div>
                      <div style={{ fontSize: 12 }}>
                        完成 {k.met}/{k.required}
                      </div>
                    </a>
                  );
                },
              })),
              { title: '最近召开', dataIndex: 'lastHeldOn', width: 104, render: (v: string | null) => v ?? <Typography.Text type="danger">无</Typography.Text> },
              {
                title: '状态',
                key: 'behind',
                width: 76,
                render: (_, i) => (i.rate === null ? <Tag>—</Tag> : i.behind ? <Tooltip title={`${i.shortfalls.length}项缺项，展开查看`}><Tag color="error">未达标</Tag></Tooltip> : <Tag color="success">达标</Tag>),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
