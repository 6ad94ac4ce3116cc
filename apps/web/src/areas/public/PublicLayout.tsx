import { useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, LoginOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { useDocumentTitle } from '../../components/DocumentTitle.ts';
import { switchLanguage } from '../../i18n/index.ts';

export const SERVICES = ['parcels', 'enterprises', 'products', 'certificates', 'trace'] as const;

/**
 * The frame of the public pages (no login): zone name, the services, language switch, sign-in link. On a
 * phone (narrower than 768 px) the header keeps the name, the language switch and a menu button; the services
 * and the sign-in link open in a drawer, so nothing is wider than the screen (decision 0036).
 */
export function PublicLayout() {
  const { t, i18n } = useTranslation('public');
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a wide screen only when md says so.
  const phone = screens.md !== true;
  const [drawer, setDrawer] = useState(false);
  const service = location.pathname.startsWith('/t/')
    ? 'trace'
    : SERVICES.find((s) => location.pathname.startsWith(`/public/${s}`));
  useDocumentTitle(service ? t(`nav.${service}`) : t('title'));
  const selected = service ? [`/public/${service}`] : [];
  const items = SERVICES.map((s) => ({ key: `/public/${s}`, label: t(`nav.${s}`) }));
  const language = (
    <Button
      ghost
      size="small"
      icon={<GlobalOutlined />}
      data-testid="switch-language"
      onClick={() => switchLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
      style={{ flex: 'none' }}
    >
      {t('common:user.language')}
    </Button>
  );
  const signIn = (
    <Link to={me ? '/' : '/login'}>
      <Button type="primary" size="small" icon={<LoginOutlined />} data-testid="public-sign-in">
        {me ? t('workbench') : t('signIn')}
      </Button>
    </Link>
  );
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: phone ? 8 : 24,
          padding: phone ? '0 12px' : '0 24px',
          background: 'linear-gradient(90deg,#001529,#1d39c4)',
        }}
      >
        <Link
          to="/public"
          data-testid="public-brand"
          style={{
            color: '#fff',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            minWidth: 0,
            flex: phone ? 1 : 'none',
          }}
        >
          <span style={{ fontWeight: 600, fontSize: phone ? 15 : 16 }}>{t('common:app.zone')}</span>
          {!phone && <span style={{ opacity: 0.75, marginLeft: 10 }}>{t('title')}</span>}
        </Link>
        {phone ? (
          <>
            {language}
            <Button
              type="text"
              aria-label={t('menu')}
              data-testid="public-menu"
              icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
              onClick={() => setDrawer(true)}
              style={{ flex: 'none' }}
            />
          </>
        ) : (
          <>
            <Menu
              theme="dark"
              mode="horizontal"
              style={{ flex: 1, minWidth: 0, background: 'transparent', borderBottom: 'none' }}
              selectedKeys={selected}
              items={items}
              onClick={({ key }) => navigate(key)}
            />
            <Space>
              {language}
              {signIn}
            </Space>
          </>
        )}
      </Layout.Header>
      {phone && (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="right"
          size={280}
          title={t('title')}
          data-testid="public-drawer"
          extra={signIn}
        >
          <Menu
            mode="inline"
            style={{ borderInlineEnd: 'none' }}
            selectedKeys={selected}
            items={[{ key: '/public', label: t('nav.home') }, ...items]}
            onClick={({ key }) => {
              setDrawer(false);
              navigate(key);
            }}
          />
        </Drawer>
      )}
      <Layout.Content style={{ padding: phone ? '12px 8px' : '24px 16px' }}>
        <div style={{ maxWidth: 1120, margin: '0 auto' }}>
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer
        style={{ textAlign: 'center', background: 'transparent', padding: phone ? 16 : undefined }}
      >
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('footer')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
