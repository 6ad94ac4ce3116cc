import { Button, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { switchLanguage } from '../../i18n/index.ts';

export const SERVICES = ['parcels', 'enterprises', 'products', 'certificates'] as const;

/** The frame of the public pages (no login): zone name, the services, language switch, sign-in link. */
export function PublicLayout() {
  const { t, i18n } = useTranslation('public');
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const selected = SERVICES.filter((s) => location.pathname.startsWith(`/public/${s}`)).map(
    (s) => `/public/${s}`,
  );
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          padding: '0 24px',
          background: 'linear-gradient(90deg,#001529,#1d39c4)',
        }}
      >
        <Link to="/public" style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="public-brand">
          <span style={{ fontWeight: 600, fontSize: 16 }}>{t('common:app.zone')}</span>
          <span style={{ opacity: 0.75, marginLeft: 10 }}>{t('title')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          style={{ flex: 1, minWidth: 0, background: 'transparent', borderBottom: 'none' }}
          selectedKeys={selected}
          items={SERVICES.map((s) => ({ key: `/public/${s}`, label: t(`nav.${s}`) }))}
          onClick={({ key }) => navigate(key)}
        />
        <Space>
          <Button
            ghost
            size="small"
            icon={<GlobalOutlined />}
            data-testid="switch-language"
            onClick={() => switchLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
          >
            {t('common:user.language')}
          </Button>
          <Link to={me ? '/' : '/login'}>
            <Button type="primary" size="small" icon={<LoginOutlined />} data-testid="public-sign-in">
              {me ? t('workbench') : t('signIn')}
            </Button>
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 16px' }}>
        <div style={{ maxWidth: 1120, margin: '0 auto' }}>
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('footer')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
