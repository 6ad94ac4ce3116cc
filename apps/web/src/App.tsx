import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { HomePage } from './pages/Home.tsx';
import { LoginPage } from './pages/Login.tsx';
import { Loading, NotFound } from './pages/States.tsx';
import { area as customs } from './areas/customs/index.tsx';
import { area as dashboard } from './areas/dashboard/index.tsx';
import { area as enterprise } from './areas/enterprise/index.tsx';
import { area as publicArea } from './areas/public/index.tsx';

const AREAS = [enterprise, customs, dashboard, publicArea];

function RequireLogin() {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace />;
  return <Outlet />;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  ...AREAS.flatMap((a) => a.publicRoutes ?? []),
  {
    element: <RequireLogin />,
    children: [
      {
        element: <AppLayout areas={AREAS} />,
        children: [
          { path: '/', element: <HomePage /> },
          ...AREAS.flatMap((a) => a.routes),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

const client = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

/** Ant Design in the UI language, the query client, the session, the routes. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1d39c4' } }}
    >
      <AntApp>
        <QueryClientProvider client={client}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
