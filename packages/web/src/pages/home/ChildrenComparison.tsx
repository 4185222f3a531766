import { api, type OrgType } from '@tuanjian/domain';
import { Card, Empty, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgTypeTag } from '../../components/OrgTypeTag';

type Overview = api.ResponseOf<typeof api.stats.getOrgOverview>;
type Child = Overview['children'][number];

/** Direct subordinate organizations side by side; a click drills into one. */
export function ChildrenComparison({ data, onDrill }: { data: Overview; onDrill: (id: number) => void }) {
  const top = data.children.slice(0, 15);
  const option = useMemo<EChartOption>(
    () => ({
      color: ['#b81c22', '#1f5fae'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: top.map((c) => c.name),
        axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '组织数', type: 'bar', barMaxWidth: 28, data: top.map((c) => c.total) },
        { name: '团支部数', type: 'bar', barMaxWidth: 28, data: top.map((c) => c.branches) },
      ],
    }),
    [top],
  );

  return (
    <Card title="下级组织对比" size="small" extra={<Typography.Text type="secondary">点击一行查看该组织的概况</Typography.Text>}>
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
            <Typography.Text type="secondary">图中显示组织数最多的{top.length}个，全部见下表。</Typography.Text>
          )}
          <Table<Child>
            rowKey="id"
            size="small"
            style={{ marginTop: 12 }}
            dataSource={data.children}
            pagination={data.children.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            rowClassName={() => 'tj-clickable-row'}
            onRow={(c) => ({ onClick: () => onDrill(c.id) })}
            columns={[
              { title: '名称', dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
              { title: '类型', dataIndex: 'type', width: 130, render: (t: OrgType) => <OrgTypeTag type={t} /> },
              { title: '组织数', dataIndex: 'total', width: 90, align: 'right', sorter: (a, b) => a.total - b.total },
              { title: '团支部数', dataIndex: 'branches', width: 100, align: 'right', sorter: (a, b) => a.branches - b.branches },
            ]}
          />
        </>
      )}
    </Card>
  );
}
