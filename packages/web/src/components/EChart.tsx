import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';
import type { EChartProps } from './EChartCanvas';

export type EChartOption = EChartsOption;

// ECharts (about 570 KB of script) is fetched only when a chart is about to be drawn: the page
// around it — figures, tables, buttons — is shown and usable before, on a phone's 4G too.
const EChartCanvas = lazy(() => import('./EChartCanvas'));

/** A chart drawn by ECharts; until ECharts has arrived, an empty box of the chart's size holds its place. */
export function EChart(props: EChartProps) {
  const { height = 300, style } = props;
  return (
    <Suspense fallback={<div className="tj-chart-placeholder" style={{ width: '100%', height, ...style }} />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
