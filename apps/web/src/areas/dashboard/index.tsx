import { lazy, Suspense } from 'react';
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { registerTexts } from '../../i18n/index.ts';
import type { TMe } from '@crossgate/contract';
import { Loading } from '../../pages/States.tsx';
import { guarded, isAgency, isZone, type Area } from '../types.ts';
import texts from './texts.ts';

registerTexts('dashboard', texts);

const seesDashboard = (me: TMe) => isZone(me) || isAgency(me);

// The dashboard, its charts and the world map load on first visit (decision 0036).
const DashboardPage = lazy(() => import('./DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));

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
  routes: [
    guarded(
      {
        path: '/dashboard',
        element: (
          <Suspense fallback={<Loading />}>
            <DashboardPage />
          </Suspense>
        ),
      },
      seesDashboard,
    ),
  ],
};
