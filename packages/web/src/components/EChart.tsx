import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';
import { useNearViewport } from '../lib/useNearViewport';
import type { EChartProps } from './EChartCanvas';

export type EChartOption = EChartsOption;

// ECharts (about 570 KB of script) is fetched only when a chart is about to be drawn: the page
// around it — figures, tables, buttons — is shown and usable before, on a phone's 4G too.
const EChartCanvas = lazy(() => import('./EChartCanvas'));

/**
 * A chart drawn by ECharts when it comes near the screen (or the page is printed); until then, and until
 * ECharts has arrived, an empty box of the chart's size holds its place. A page's first screen is not held
 * up by the charts below it: the county home's five charts all start below the first 900 px.
 */
export function EChart(props: EChartProps) {
  const { height = 300, style } = props;
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const box = <div className="tj-chart-placeholder" style={{ width: '100%', height, ...style }} />;
  return (
    <div ref={ref} className="tj-chart">
      {near ? (
        <Suspense fallback={box}>
          <EChartCanvas {...props} />
        </Suspense>
      ) : (
        box
      )}
    </div>
  );
}
