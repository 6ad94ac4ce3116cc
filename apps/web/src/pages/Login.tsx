import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { switchLanguage } from '../i18n/index.ts';
import { useDocumentTitle } from '../components/DocumentTitle.ts';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('login.title'));
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(135deg,#001529,#1d39c4)',
      }}
    >
      <Card
        style={{ width: 400 }}
        title={<span data-testid="login-title">{t('login.title')}</span>}
        extra={
          <Button
            size="small"
            type="link"
            data-testid="switch-language"
            onClick={() => switchLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
          >
            {t('user.language')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('app.zone')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            message={t('login.failed')}
            description={error}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form
          layout="vertical"
          onFinish={async (v: { username: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              await login(v.username, v.password);
              navigate('/');
            } catch (e) {
              setError(e instanceof ApiError ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('login.demo')}
        </Typography.Paragraph>
        <Space wrap size={4} style={{ fontSize: 12 }}>
          <span>{t('login.publicLinks')}</span>
          <Link to="/public">{t('nav.public')}</Link>
        </Space>
      </Card>
    </div>
  );
}
