import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/**
 * One ECharts chart: initialised on a div, resized with its container (ResizeObserver, so it follows a grid
 * column or the full-screen switch), disposed on unmount. New options merge into the chart, so a refresh
 * animates from the previous figures instead of redrawing from zero.
 */
export default function EChartCanvas({
  option,
  height = 280,
  theme,
  style,
  testId,
  pixelRatio,
}: {
  option: EChartsOption;
  height?: number | string;
  /** a registered theme name, e.g. 'dark' */
  theme?: string;
  style?: CSSProperties;
  testId?: string;
  /**
   * Canvas pixels per CSS pixel (default: the screen's). A chart drawn on a canvas that CSS scales up (the
   * dashboard's wall canvas) asks for more, so it stays sharp.
   */
  pixelRatio?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, theme, {
      renderer: 'canvas',
      ...(pixelRatio ? { devicePixelRatio: pixelRatio } : {}),
    });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme, pixelRatio]);

  useEffect(() => {
    chart.current?.setOption(option);
  }, [option, theme, pixelRatio]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, ...style }} />;
}
