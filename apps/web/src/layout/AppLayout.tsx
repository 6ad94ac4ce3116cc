import { Avatar, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useMatches, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { switchLanguage } from '../i18n/index.ts';
import type { Area, RouteGuard } from '../areas/types.ts';
import { useDocumentTitle } from '../components/DocumentTitle.ts';
import { Forbidden } from '../pages/States.tsx';

/** The signed-in frame: the role-aware menu (only what the actor may do), the header with language and user. */
export function AppLayout({ areas }: { areas: Area[] }) {
  const { t, i18n } = useTranslation();
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  // The tab's title: the menu entry of the page (the longest path that prefixes it), or home.
  const entry = areas
    .flatMap((a) => a.menu)
    .filter((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  useDocumentTitle(
    location.pathname === '/'
      ? t('nav.home')
      : location.pathname === '/account/password'
        ? t('user.changePassword')
        : entry && t(entry.label),
  );
  const matches = useMatches();
  if (!me) return null;
  // A page of another role opened by its address: the 无权访问 page, not an empty page or a raw error.
  const refused = matches.some((m) => {
    const guard = m.handle as RouteGuard | undefined;
    return typeof guard?.allow === 'function' && !guard.allow(me);
  });
  // While an administrator requires a new password, there is nothing else to go to (decision 0022).
  const forced = me.user?.mustChangePassword === true;
  const groups = (forced ? [] : areas)
    .map((a) => ({ area: a, entries: a.menu.filter((m) => m.visible(me)) }))
    .filter((g) => g.entries.length > 0);
  const items = [
    ...(forced ? [] : [{ key: '/', label: t('nav.home') }]),
    ...groups.map(({ area, entries }) => ({
      key: area.key,
      label: t(area.title),
      icon: area.icon,
      children: entries.map((e) => ({ key: e.path, label: t(e.label), icon: e.icon })),
    })),
  ];
  const selected = [...groups.flatMap((g) => g.entries.map((e) => e.path))]
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} breakpoint="lg" collapsedWidth={0} theme="dark">
        <div
          style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 15 }}
          data-testid="brand"
        >
          {t('app.short')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected.length ? selected : [location.pathname]}
          defaultOpenKeys={groups.map((g) => g.area.key)}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
          }}
        >
          <Typography.Text strong>{t('app.zone')}</Typography.Text>
          <Space size="middle">
            <Button
              icon={<GlobalOutlined />}
              data-testid="switch-language"
              onClick={() => switchLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
            >
              {t('user.language')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  ...(me.user
                    ? [
                        {
                          key: 'password',
                          icon: <KeyOutlined />,
                          label: <span data-testid="menu-change-password">{t('user.changePassword')}</span>,
                        },
                      ]
                    : []),
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="menu-logout">{t('user.logout')}</span>,
                  },
                ],
                onClick: ({ key }) => {
                  if (key === 'password') navigate('/account/password');
                  else void logout().then(() => navigate('/login'));
                },
              }}
            >
              <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                <span>{me.user?.displayName ?? me.organisation.nameZh}</span>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          {refused ? (
            <Forbidden org={`${me.organisation.nameZh} · ${t(`roles.${me.organisation.kind}`)}`} />
          ) : (
            <Outlet />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
