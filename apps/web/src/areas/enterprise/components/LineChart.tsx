import { useEffect, useRef } from 'react';
import { LineChart as ELine } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([ELine, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

/** A small ECharts line chart (score over time) that follows its container's width. */
export function LineChart({
  points,
  name,
  height = 260,
  min,
  max,
  marks = [],
}: {
  points: { x: string; y: number; label?: string }[];
  name: string;
  height?: number;
  min?: number;
  max?: number;
  /** Dashed horizontal lines, e.g. the level thresholds. */
  marks?: { y: number; name: string }[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current);
    const option: Option = {
      animation: false,
      grid: { left: 40, right: 24, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const p = Array.isArray(params) ? params[0] : params;
          const point = points[p?.dataIndex ?? 0];
          return point
            ? `${point.x}<br/>${name}: <b>${point.y}</b>${point.label ? ` (${point.label})` : ''}`
            : '';
        },
      },
      xAxis: {
        type: 'category',
        data: points.map((p) => p.x),
        boundaryGap: false,
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', min, max },
      series: [
        {
          type: 'line',
          name,
          data: points.map((p) => p.y),
          smooth: true,
          symbolSize: 8,
          areaStyle: { opacity: 0.08 },
          lineStyle: { width: 3 },
          itemStyle: { color: '#1d39c4' },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#bbb' },
            label: { formatter: '{b}', position: 'insideEndTop', color: '#999' },
            data: marks.map((m) => ({ yAxis: m.y, name: m.name })),
          },
        },
      ],
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, name, min, max, marks]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height }}
      data-testid="line-chart"
      // the x axis as drawn, in order, for tests and assistive tools
      data-x-labels={JSON.stringify(points.map((p) => p.x))}
    />
  );
}
