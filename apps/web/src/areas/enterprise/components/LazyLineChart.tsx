import { lazy, Suspense, type ComponentProps } from 'react';
import type { LineChart as Chart } from './LineChart.tsx';

const Lazy = lazy(() => import('./LineChart.tsx').then((m) => ({ default: m.LineChart })));

/** The LineChart, with ECharts loaded on first use (decision 0036); an empty box of its height until then. */
export function LineChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense fallback={<div style={{ width: '100%', height: props.height ?? 260 }} />}>
      <Lazy {...props} />
    </Suspense>
  );
}
