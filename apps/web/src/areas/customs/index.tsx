import {
  AuditOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { AuthorisationsPage } from '../../components/Authorisations.tsx';
import type { Area } from '../types.ts';
import { isAgency } from '../types.ts';
import './texts.ts';
import { DeclarationsPage } from './DeclarationsPage.tsx';
import { FilingsPage } from './FilingsPage.tsx';
import { NegativeListPage } from './NegativeListPage.tsx';
import { ParcelPage } from './ParcelPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { ExportParcelPage } from '../enterprise/pages/ExportParcel.tsx';
import './search-texts.ts';
import { SettingsPage } from './SettingsPage.tsx';
import {
  seesAuthorisations,
  seesDeclarations,
  seesFilings,
  seesNegativeList,
  seesParcels,
} from './shared.tsx';

/**
 * The customs workbench (海关作业): inspection and review queues with the parcel review page and its decision,
 * filing approvals, the credit negative list, export summary declarations and office settings. Customs
 * officers decide; the zone office and other regulators see what the server lets them read.
 */
export const area: Area = {
  key: 'customs',
  title: 'nav.customs',
  icon: <AuditOutlined />,
  menu: [
    { path: '/customs/queue', label: 'customs:menu.queue', icon: <AuditOutlined />, visible: seesParcels },
    { path: '/customs/search', label: 'search:menu', icon: <FileSearchOutlined />, visible: seesParcels },
    {
      path: '/customs/filings',
      label: 'customs:menu.filings',
      icon: <SafetyCertificateOutlined />,
      visible: seesFilings,
    },
    {
      path: '/customs/authorisations',
      label: 'customs:menu.authorisations',
      icon: <TeamOutlined />,
      visible: seesAuthorisations,
    },
    {
      path: '/customs/negative-list',
      label: 'customs:menu.negative',
      icon: <StopOutlined />,
      visible: seesNegativeList,
    },
    {
      path: '/customs/declarations',
      label: 'customs:menu.declarations',
      icon: <FileDoneOutlined />,
      visible: seesDeclarations,
    },
    {
      path: '/customs/settings',
      label: 'customs:menu.settings',
      icon: <SettingOutlined />,
      visible: (me) => isAgency(me, 'customs'),
    },
  ],
  routes: [
    { path: '/customs/queue', element: <QueuePage /> },
    { path: '/customs/parcels/:id', element: <ParcelPage /> },
    { path: '/customs/search', element: <SearchPage /> },
    { path: '/customs/export-parcels/:id', element: <ExportParcelPage back="/customs/search" /> },
    { path: '/customs/filings', element: <FilingsPage /> },
    { path: '/customs/authorisations', element: <AuthorisationsPage mode="regulator" /> },
    { path: '/customs/negative-list', element: <NegativeListPage /> },
    { path: '/customs/declarations', element: <DeclarationsPage /> },
    { path: '/customs/settings', element: <SettingsPage /> },
  ],
};
