import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  StopOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { TMe } from '@crossgate/contract';
import { AuthorisationsPage } from '../../components/Authorisations.tsx';
import type { Area, MenuEntry } from '../types.ts';
import { guarded, isAgency, isZone } from '../types.ts';
import './texts.ts';
import { CreditListPage, CreditRecordPage } from './CreditPage.tsx';
import './credit-texts.ts';
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
  seesCredit,
  seesDeclarations,
  seesFilings,
  seesNegativeList,
  seesParcels,
  seesSettings,
} from './shared.tsx';

/** The pages of the workbench, each as a menu entry for whoever the access policy lets use it. */
const ENTRIES = {
  queue: {
    path: '/customs/queue',
    label: 'customs:menu.queue',
    icon: <AuditOutlined />,
    visible: seesParcels,
  },
  search: {
    path: '/customs/search',
    label: 'search:menu',
    icon: <FileSearchOutlined />,
    visible: seesParcels,
  },
  filings: {
    path: '/customs/filings',
    label: 'customs:menu.filings',
    icon: <SafetyCertificateOutlined />,
    visible: seesFilings,
  },
  authorisations: {
    path: '/customs/authorisations',
    label: 'customs:menu.authorisations',
    icon: <TeamOutlined />,
    visible: seesAuthorisations,
  },
  credit: {
    path: '/customs/credit',
    label: 'credit:menu',
    icon: <TrophyOutlined />,
    visible: seesCredit,
  },
  negative: {
    path: '/customs/negative-list',
    label: 'customs:menu.negative',
    icon: <StopOutlined />,
    visible: seesNegativeList,
  },
  declarations: {
    path: '/customs/declarations',
    label: 'customs:menu.declarations',
    icon: <FileDoneOutlined />,
    visible: seesDeclarations,
  },
  settings: {
    path: '/customs/settings',
    label: 'customs:menu.settings',
    icon: <SettingOutlined />,
    visible: seesSettings,
  },
} satisfies Record<string, MenuEntry>;

/** The same entry, shown only to the actors `who` names as well. */
const only = (entry: MenuEntry, who: (me: TMe) => boolean, label = entry.label): MenuEntry => ({
  ...entry,
  label,
  visible: (me) => who(me) && entry.visible(me),
});
const isCustoms = (me: TMe) => isAgency(me, 'customs', 'inspection');
/** Commerce, tax, forex, market supervision and statistics: the agencies that are not customs. */
const isOtherAgency = (me: TMe) => isAgency(me) && !isCustoms(me);

/**
 * The customs workbench (海关作业): inspection and review queues with the parcel review page and its decision,
 * filing approvals, enterprises' credit records (企业信用管理, with customs' level adjustment), the credit
 * negative list, export summary declarations and office settings — for customs (and its inspection and
 * quarantine service) only. The zone office and the other agencies read some of the
 * same pages under their own menu groups (zoneArea, agencyArea); the server decides what each may do anyway.
 * Every page is guarded: another role opening its address sees the 无权访问 page.
 */
export const area: Area = {
  key: 'customs',
  title: 'nav.customs',
  icon: <AuditOutlined />,
  menu: Object.values(ENTRIES).map((e) => only(e, isCustoms)),
  routes: [
    guarded({ path: '/customs/queue', element: <QueuePage /> }, seesParcels),
    guarded({ path: '/customs/parcels/:id', element: <ParcelPage /> }, seesParcels),
    guarded({ path: '/customs/search', element: <SearchPage /> }, seesParcels),
    guarded(
      { path: '/customs/export-parcels/:id', element: <ExportParcelPage back="/customs/search" /> },
      seesParcels,
    ),
    guarded({ path: '/customs/filings', element: <FilingsPage /> }, seesFilings),
    guarded(
      { path: '/customs/authorisations', element: <AuthorisationsPage mode="regulator" /> },
      seesAuthorisations,
    ),
    guarded({ path: '/customs/credit', element: <CreditListPage /> }, seesCredit),
    guarded({ path: '/customs/credit/:orgId', element: <CreditRecordPage /> }, seesCredit),
    guarded({ path: '/customs/negative-list', element: <NegativeListPage /> }, seesNegativeList),
    guarded({ path: '/customs/declarations', element: <DeclarationsPage /> }, seesDeclarations),
    guarded({ path: '/customs/settings', element: <SettingsPage /> }, seesSettings),
  ],
};

/** 综试区管理: what the zone office follows (it reads; customs decides). */
export const zoneArea: Area = {
  key: 'zone',
  title: 'nav.zone',
  icon: <ApartmentOutlined />,
  menu: [
    only(ENTRIES.queue, isZone, 'customs:menu.parcels'),
    only(ENTRIES.search, isZone),
    only(ENTRIES.filings, isZone, 'customs:menu.filingsRead'),
    only(ENTRIES.authorisations, isZone),
    only(ENTRIES.credit, isZone),
    only(ENTRIES.negative, isZone),
    only(ENTRIES.declarations, isZone),
  ],
  routes: [],
};

/** 部门协同: the commerce, tax, forex, market supervision and statistics bureaus, each what it may read. */
export const agencyArea: Area = {
  key: 'agencies',
  title: 'nav.agencies',
  icon: <BankOutlined />,
  menu: [
    only(ENTRIES.filings, isOtherAgency, 'customs:menu.filingsRead'),
    only(ENTRIES.credit, isOtherAgency),
    only(ENTRIES.negative, isOtherAgency),
    only(ENTRIES.declarations, isOtherAgency),
  ],
  routes: [],
};
