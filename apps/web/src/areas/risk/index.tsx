import {
  AlertOutlined,
  BarChartOutlined,
  ExperimentOutlined,
  NotificationOutlined,
  SafetyOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import type { Area } from '../types.ts';
import { guarded } from '../types.ts';
import './texts.ts';
import './live-texts.ts';
import './warning-texts.ts';
import { DraftPage } from './DraftPage.tsx';
import { ReplayPage } from './ReplayPage.tsx';
import { RuleSetPage } from './RuleSetPage.tsx';
import { RuleSetsPage } from './RuleSetsPage.tsx';
import { RuleStatsPage } from './RuleStatsPage.tsx';
import { WarningPage } from './WarningPage.tsx';
import { WarningsPage } from './WarningsPage.tsx';
import { ShadowPage } from './ShadowPage.tsx';
import { seesRisk, writesRisk } from './shared.tsx';

/**
 * 风险防控 (issue 19, decision 0043): the rule-set versions, one version in words with publish / retire and a diff,
 * a draft editor whose refusals name the field, and the replay over past parcels — for whom the access policy
 * lets read `risk_rule` (customs); drafting for whom it lets update it.
 */
export const area: Area = {
  key: 'risk',
  title: 'risk:nav',
  icon: <AlertOutlined />,
  menu: [
    { path: '/risk/rule-sets', label: 'risk:menu.ruleSets', icon: <SafetyOutlined />, visible: seesRisk },
    { path: '/risk/replay', label: 'risk:menu.replay', icon: <ExperimentOutlined />, visible: seesRisk },
    {
      path: '/risk/warnings',
      label: 'risk:menu.warnings',
      icon: <NotificationOutlined />,
      visible: seesRisk,
    },
    { path: '/risk/rule-stats', label: 'risk:menu.ruleStats', icon: <BarChartOutlined />, visible: seesRisk },
    { path: '/risk/shadow', label: 'risk:menu.shadow', icon: <SwapOutlined />, visible: seesRisk },
  ],
  routes: [
    guarded({ path: '/risk/rule-sets', element: <RuleSetsPage /> }, seesRisk),
    guarded({ path: '/risk/rule-sets/:id', element: <RuleSetPage /> }, seesRisk),
    guarded({ path: '/risk/draft', element: <DraftPage /> }, writesRisk),
    guarded({ path: '/risk/replay', element: <ReplayPage /> }, seesRisk),
    guarded({ path: '/risk/warnings', element: <WarningsPage /> }, seesRisk),
    guarded({ path: '/risk/warnings/:id', element: <WarningPage /> }, seesRisk),
    guarded({ path: '/risk/rule-stats', element: <RuleStatsPage /> }, seesRisk),
    guarded({ path: '/risk/shadow', element: <ShadowPage /> }, seesRisk),
  ],
};
