import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { registerTexts } from '../../i18n/index.ts';
import { guarded, isAgency, isZone, type Area } from '../types.ts';
import type { TMe } from '@crossgate/contract';

const seesDashboard = (me: TMe) => isZone(me) || isAgency(me);
import { DashboardPage } from './DashboardPage.tsx';
import texts from './texts.ts';

registerTexts('dashboard', texts);

/** The zone dashboard (综试区大屏): the zone office and the regulating agencies. */
export const area: Area = {
  key: 'dashboard',
  title: 'nav.dashboard',
  icon: <FundProjectionScreenOutlined />,
  menu: [
    {
      path: '/dashboard',
      label: 'dashboard:menu.screen',
      icon: <FundProjectionScreenOutlined />,
      visible: seesDashboard,
    },
  ],
  routes: [guarded({ path: '/dashboard', element: <DashboardPage /> }, seesDashboard)],
};
