import { lazy, Suspense, type ComponentProps } from 'react';
import type EChartCanvas from './EChartCanvas.tsx';

const Canvas = lazy(() => import('./EChartCanvas.tsx'));

/**
 * One ECharts chart (see EChartCanvas). ECharts is loaded on first use, in a chunk of its own: the login and the
 * public pages never download it (decision 0036). Until it arrives, an empty box of the chart's size holds the
 * layout still.
 */
export function EChart(props: ComponentProps<typeof EChartCanvas>) {
  const { height = 280, style, testId } = props;
  return (
    <Suspense fallback={<div data-testid={testId} style={{ width: '100%', height, ...style }} />}>
      <Canvas {...props} />
    </Suspense>
  );
}
