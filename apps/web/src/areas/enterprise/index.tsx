import {
  AuditOutlined,
  TeamOutlined,
  CodeOutlined,
  FormOutlined,
  ExportOutlined,
  FileDoneOutlined,
  ImportOutlined,
  KeyOutlined,
  QrcodeOutlined,
  ShopOutlined,
  SolutionOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { TMe } from '@crossgate/contract';
import { useAuth } from '../../auth.tsx';
import { AuthorisationsPage } from '../../components/Authorisations.tsx';
import { guarded, hasRole, isEnterprise, may, type Area } from '../types.ts';
import { CreditPage } from './pages/Credit.tsx';
import { EntryPage } from './entry/EntryPage.tsx';
import { DeclarationsPage } from './pages/Declarations.tsx';
import { EnterpriseFilingPage } from './pages/EnterpriseFiling.tsx';
import { ExportParcelPage } from './pages/ExportParcel.tsx';
import { ImportParcelPage } from './pages/ImportParcel.tsx';
import { KeysPage } from './pages/Keys.tsx';
import { ProductsPage } from './pages/Products.tsx';
import { SummariesPage } from './pages/Summaries.tsx';
import { WorkbenchPage } from './pages/Workbench.tsx';
import { TracePage } from './trace/TracePage.tsx';
import './texts.ts';

const isAdmin = (me: TMe) => isEnterprise(me) && (me.user?.roles ?? []).includes('admin');
/** The message workbench sends CEB messages: the enterprise's clerks (admin, operator), never a viewer. */
const declares = (me: TMe) => isEnterprise(me) && may(me, 'declaration', 'create');
/** Export summaries concern the consignor (电商企业) and its declaring agent. */
const seesSummaries = (me: TMe) =>
  isEnterprise(me) && (hasRole(me, 'ebc') || hasRole(me, 'declaration_agent'));

function Keys() {
  const { me } = useAuth();
  return <KeysPage admin={!!me && isAdmin(me)} />;
}

/** The enterprise portal (企业服务): declarations, parcels, the message workbench, filings, keys and credit. */
export const area: Area = {
  key: 'enterprise',
  title: 'nav.enterprise',
  icon: <ShopOutlined />,
  menu: [
    {
      path: '/enterprise/import',
      label: 'enterprise:menu.import',
      icon: <ImportOutlined />,
      visible: isEnterprise,
    },
    {
      path: '/enterprise/export',
      label: 'enterprise:menu.export',
      icon: <ExportOutlined />,
      visible: isEnterprise,
    },
    {
      path: '/enterprise/entry',
      label: 'entry:title',
      icon: <FormOutlined />,
      visible: declares,
    },
    {
      path: '/enterprise/workbench',
      label: 'enterprise:menu.workbench',
      icon: <CodeOutlined />,
      visible: declares,
    },
    {
      path: '/enterprise/filing',
      label: 'enterprise:menu.filing',
      icon: <SolutionOutlined />,
      visible: isEnterprise,
    },
    {
      path: '/enterprise/authorisations',
      label: 'enterprise:menu.authorisations',
      icon: <TeamOutlined />,
      visible: isEnterprise,
    },
    {
      path: '/enterprise/products',
      label: 'enterprise:menu.products',
      icon: <AuditOutlined />,
      visible: isEnterprise,
    },
    {
      path: '/enterprise/summaries',
      label: 'enterprise:menu.summaries',
      icon: <FileDoneOutlined />,
      visible: seesSummaries,
    },
    {
      path: '/enterprise/credit',
      label: 'enterprise:menu.credit',
      icon: <TrophyOutlined />,
      visible: isEnterprise,
    },
    {
      path: '/enterprise/trace',
      label: 'trace:menu',
      icon: <QrcodeOutlined />,
      visible: isEnterprise,
    },
    { path: '/enterprise/keys', label: 'enterprise:menu.keys', icon: <KeyOutlined />, visible: isAdmin },
  ],
  routes: [
    guarded(
      { path: '/enterprise/import', element: <DeclarationsPage key="import" direction="import" /> },
      isEnterprise,
    ),
    guarded({ path: '/enterprise/import/:id', element: <ImportParcelPage /> }, isEnterprise),
    guarded(
      { path: '/enterprise/export', element: <DeclarationsPage key="export" direction="export" /> },
      isEnterprise,
    ),
    guarded({ path: '/enterprise/export/:id', element: <ExportParcelPage /> }, isEnterprise),
    guarded({ path: '/enterprise/entry', element: <EntryPage /> }, declares),
    guarded({ path: '/enterprise/workbench', element: <WorkbenchPage /> }, declares),
    guarded({ path: '/enterprise/filing', element: <EnterpriseFilingPage /> }, isEnterprise),
    guarded(
      { path: '/enterprise/authorisations', element: <AuthorisationsPage mode="enterprise" /> },
      isEnterprise,
    ),
    guarded({ path: '/enterprise/products', element: <ProductsPage /> }, isEnterprise),
    guarded({ path: '/enterprise/summaries', element: <SummariesPage /> }, seesSummaries),
    guarded({ path: '/enterprise/credit', element: <CreditPage /> }, isEnterprise),
    guarded({ path: '/enterprise/trace', element: <TracePage /> }, isEnterprise),
    guarded({ path: '/enterprise/keys', element: <Keys /> }, isAdmin),
  ],
};
