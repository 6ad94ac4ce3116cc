import { BarChartOutlined, LineChartOutlined } from '@ant-design/icons';
import type { TMe } from '@crossgate/contract';
import type { Area } from '../types.ts';
import { guarded, may } from '../types.ts';
import './texts.ts';
import { StatisticsPage } from './StatisticsPage.tsx';

/** Who reads the statistics: the access policy's `statistics` scope (decision 0048). */
export const seesStatistics = (me: TMe) => may(me, 'statistics', 'read');

/**
 * 统计监测 (issue 20, decision 0048): the query page for the zone office, customs, the commerce and statistics
 * bureaus (every figure) and enterprises (their own traffic).
 */
export const area: Area = {
  key: 'statistics',
  title: 'statistics:nav',
  icon: <LineChartOutlined />,
  menu: [
    {
      path: '/statistics/query',
      label: 'statistics:menu.query',
      icon: <BarChartOutlined />,
      visible: seesStatistics,
    },
  ],
  routes: [guarded({ path: '/statistics/query', element: <StatisticsPage /> }, seesStatistics)],
};
