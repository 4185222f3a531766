import { api, type OrgType } from '@tuanjian/domain';
import { Card, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { percent } from '../../lib/format';

type Overview = api.ResponseOf<typeof api.stats.getOrgOverview>;
type Child = Overview['children'][number] & { members?: number; youth?: number };
type Mode = 'orgs' | 'people';

/** Direct subordinate organizations side by side (organizations, or members and youth); a click drills into one. */
export function ChildrenComparison({ data, people, onDrill }: { data: Overview; people?: api.PeopleOverview; onDrill: (id: number) => void }) {
  const [mode, setMode] = useState<Mode>('orgs');
  const rows = useMemo<Child[]>(() => {
    const byId = new Map((people?.children ?? []).map((c) => [c.id, c]));
    const merged = data.children.map((c) => ({ ...c, members: byId.get(c.id)?.members, youth: byId.get(c.id)?.youth }));
    // The table in the tree's order; the chart shows the largest.
    return merged;
  }, [data.children, people]);
  const top = useMemo(() => [...rows].sort((a, b) => (mode === 'people' ? (b.members ?? 0) - (a.members ?? 0) : b.total - a.total)).slice(0, 15), [rows, mode]);
  const option = useMemo<EChartOption>(
    () => ({
      color: ['#b81c22', '#1f5fae'],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const list = ps as { dataIndex: number; marker: string; seriesName: string; value: number }[];
          const c = top[list[0]?.dataIndex ?? -1];
          return [c?.name ?? '', ...list.map((p) => `${p.marker}${p.seriesName}：${p.value}`)].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        // 简称 on the axis, the full name in the tooltip.
        data: top.map((c) => c.shortName),
        axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series:
        mode === 'orgs'
          ? [
              { name: '组织数', type: 'bar', barMaxWidth: 28, data: top.map((c) => c.total) },
              { name: '团支部数', type: 'bar', barMaxWidth: 28, data: top.map((c) => c.branches) },
            ]
          : [
              { name: '团员', type: 'bar', barMaxWidth: 28, data: top.map((c) => c.members ?? 0) },
              { name: '青年', type: 'bar', barMaxWidth: 28, data: top.map((c) => c.youth ?? 0) },
            ],
    }),
    [top, mode],
  );

  return (
    <Card
      title="下级组织对比"
      size="small"
      extra={
        <Space>
          <Typography.Text type="secondary">点击一行查看该组织的概况</Typography.Text>
          {people && data.children.length > 0 && (
            <Segmented<Mode>
              size="small"
              value={mode}
              onChange={setMode}
              options={[
                { value: 'orgs', label: '组织' },
                { value: 'people', label: '团员青年' },
              ]}
            />
          )}
        </Space>
      }
    >
      {data.children.length === 0 ? (
        <Empty description="该组织没有下级组织" />
      ) : (
        <>
          <EChart
            option={option}
            height={top.length > 6 ? 300 : 240}
            onClick={(p) => {
              const child = top[p.dataIndex];
              if (child) onDrill(child.id);
            }}
          />
          {data.children.length > top.length && (
            <Typography.Text type="secondary">图中显示{mode === 'orgs' ? '组织数' : '团员'}最多的{top.length}个，全部见下表。</Typography.Text>
          )}
          <Table<Child>
            rowKey="id"
            size="small"
            style={{ marginTop: 12 }}
            dataSource={rows}
            pagination={data.children.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            rowClassName={() => 'tj-clickable-row'}
            onRow={(c) => ({ onClick: () => onDrill(c.id) })}
            columns={[
              { title: '名称', dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
              { title: '类型', dataIndex: 'type', width: 110, render: (t: OrgType) => <OrgTypeTag type={t} /> },
              { title: '组织数', dataIndex: 'total', width: 80, align: 'right', sorter: (a, b) => a.total - b.total },
              { title: '团支部数', dataIndex: 'branches', width: 90, align: 'right', sorter: (a, b) => a.branches - b.branches },
              ...(people
                ? [
                    { title: '团员', dataIndex: 'members', width: 70, align: 'right' as const, sorter: (a: Child, b: Child) => (a.members ?? 0) - (b.members ?? 0), render: (n?: number) => n ?? '—' },
                    { title: '青年', dataIndex: 'youth', width: 70, align: 'right' as const, sorter: (a: Child, b: Child) => (a.youth ?? 0) - (b.youth ?? 0), render: (n?: number) => n ?? '—' },
                    { title: '团青比例', key: 'ratio', width: 90, align: 'right' as const, render: (_: unknown, c: Child) => (c.youth ? percent(c.members ?? 0, c.youth) : '—') },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}
