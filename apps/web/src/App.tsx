import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { HomePage } from './pages/Home.tsx';
import { LoginPage } from './pages/Login.tsx';
import { ChangePasswordPage } from './pages/ChangePassword.tsx';
import { Loading, NotFound } from './pages/States.tsx';
import { agencyArea, area as customs, zoneArea } from './areas/customs/index.tsx';
import { area as dashboard } from './areas/dashboard/index.tsx';
import { area as enterprise } from './areas/enterprise/index.tsx';
import { area as publicArea } from './areas/public/index.tsx';
import { area as risk } from './areas/risk/index.tsx';
import { area as statistics } from './areas/statistics/index.tsx';

const AREAS = [enterprise, customs, risk, zoneArea, agencyArea, statistics, dashboard, publicArea];

export const CHANGE_PASSWORD_PATH = '/account/password';

/**
 * Signed-in pages. A user an administrator asked to change their password sees only the change form until they
 * do (the server answers everything else with PASSWORD_CHANGE_REQUIRED, decision 0022).
 */
function RequireLogin() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.user?.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH)
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
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
          { path: '/', element: <HomePage areas={AREAS} /> },
          { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
          ...AREAS.flatMap((a) => a.routes),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

/**
 * An administrator may require a new password while the user is signed in: the first refusal for it
 * (PASSWORD_CHANGE_REQUIRED) refreshes who-am-I, and RequireLogin then shows the change form.
 */
const passwordChangeRequired = (error: unknown) => {
  if (error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED')
    void client.invalidateQueries({ queryKey: ['me'] });
};
const client: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED') && failures < 1,
    },
  },
  queryCache: new QueryCache({ onError: passwordChangeRequired }),
  mutationCache: new MutationCache({ onError: passwordChangeRequired }),
});

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
