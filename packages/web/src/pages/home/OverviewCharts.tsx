import { ORG_TYPE_LABELS, SECTOR_LABELS, api } from '@tuanjian/domain';
import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/EChart';
import { CHART_COLORS } from '../../theme';

type Overview = api.ResponseOf<typeof api.stats.getOrgOverview>;

/** Organizations by sector (pie) and by type (bar). */
export function OverviewCharts({ data }: { data: Overview }) {
  const sectorOption = useMemo<EChartOption>(
    () => ({
      color: CHART_COLORS,
      tooltip: { trigger: 'item', formatter: '{b}：{c}个（{d}%）' },
      legend: { orient: 'vertical', right: 8, top: 'middle' },
      series: [
        {
          name: '所属领域',
          type: 'pie',
          radius: ['40%', '70%'],
          minShowLabelAngle: 6,
          avoidLabelOverlap: true,
          center: ['38%', '50%'],
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{b}\n{c}个' },
          data: data.bySector.map((s) => ({ name: SECTOR_LABELS[s.sector], value: s.count })),
        },
      ],
    }),
    [data.bySector],
  );

  const typeOption = useMemo<EChartOption>(() => {
    const rows = [...data.byType].sort((a, b) => b.count - a.count);
    return {
      color: ['#1f5fae'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => ORG_TYPE_LABELS[r.type]), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '组织数', type: 'bar', barMaxWidth: 40, label: { show: true, position: 'top' }, data: rows.map((r) => r.count) }],
    };
  }, [data.byType]);

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title="按所属领域" size="small">
          {data.bySector.length ? <EChart option={sectorOption} height={280} /> : <Empty description="暂无组织" />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按组织类型" size="small">
          {data.byType.length ? <EChart option={typeOption} height={280} /> : <Empty description="暂无组织" />}
        </Card>
      </Col>
    </Row>
  );
}
