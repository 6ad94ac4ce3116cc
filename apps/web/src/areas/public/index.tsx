import { GlobalOutlined, SearchOutlined } from '@ant-design/icons';
import { registerTexts } from '../../i18n/index.ts';
import type { Area } from '../types.ts';
import { CertificatePage } from './CertificatePage.tsx';
import { EnterpriseLookupPage } from './EnterpriseLookupPage.tsx';
import { ParcelStatusPage } from './ParcelStatusPage.tsx';
import { ProductLookupPage } from './ProductLookupPage.tsx';
import { PublicHome } from './PublicHome.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { TracePage } from './TracePage.tsx';
import texts from './texts.ts';

registerTexts('public', texts);

/**
 * The public pages (no login) in their own frame: parcel status by waybill number, enterprise filing and
 * credit, product traceability, declaration certificate verification.
 */
export const area: Area = {
  key: 'public',
  title: 'nav.public',
  icon: <GlobalOutlined />,
  // Signed-in users reach the public pages too (they open in the public frame, with a way back).
  menu: [{ path: '/public', label: 'public:menuEntry', icon: <SearchOutlined />, visible: () => true }],
  routes: [],
  publicRoutes: [
    {
      path: '/public',
      element: <PublicLayout />,
      children: [
        { index: true, element: <PublicHome /> },
        { path: 'parcels', element: <ParcelStatusPage /> },
        { path: 'enterprises', element: <EnterpriseLookupPage /> },
        { path: 'products', element: <ProductLookupPage /> },
        { path: 'certificates', element: <CertificatePage /> },
        { path: 'trace', element: <TracePage /> },
      ],
    },
    // What a 云关码 label's QR code opens (decision 0049): short, so the code fits a small QR.
    { path: '/t', element: <PublicLayout />, children: [{ path: ':code', element: <TracePage /> }] },
  ],
};
