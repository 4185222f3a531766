import type { EChartsOption } from 'echarts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';
import { CHART_COLORS } from '../theme';

// Only the chart kinds the pages draw, to keep the bundle small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);


/**
 * One theme for every chart: the palette of the red theme (a chart that names its own colours keeps them),
 * and no animation: a chart is drawn once, at its final state. ECharts' entry animation redraws every
 * canvas of the page for a second, on the same thread that is still building the page (the county home
 * draws five charts while its figures arrive), on a county office's PC and a secretary's phone alike.
 */
const THEME = 'tuanjian';
echarts.registerTheme(THEME, {
  animation: false,
  color: CHART_COLORS,
  textStyle: { fontFamily: 'inherit' },
  categoryAxis: { axisLine: { lineStyle: { color: '#c9ccd3' } }, axisLabel: { color: '#595959' } },
  valueAxis: { splitLine: { lineStyle: { color: '#eceef2' } }, axisLabel: { color: '#595959' } },
});

export interface EChartProps {
  option: EChartsOption;
  style?: CSSProperties;
  height?: number;
  onClick?: (params: echarts.ECElementEvent) => void;
}

/**
 * A chart drawn by ECharts, resized with its container. Loaded on demand through EChart
 * (components/EChart.tsx), so ECharts never delays a page's first paint.
 */
export default function EChartCanvas({ option, style, height = 300, onClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, THEME, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.(p as echarts.ECElementEvent));
    // Resized when the container's size changes (not at the observer's first report: the chart was just drawn at that size).
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now !== size) instance.resize();
      size = now;
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height, ...style }} />;
}
