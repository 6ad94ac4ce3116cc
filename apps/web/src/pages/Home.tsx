import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <Card>
      <Typography.Title level={3} data-testid="welcome">
        {t('home.welcome', { name: me.user?.displayName ?? me.organisation.nameZh })}
      </Typography.Title>
      <Descriptions column={1}>
        <Descriptions.Item label={t('home.org', { org: '' }).replace(/[:：]\s*$/, '')}>
          {me.organisation.nameZh} ({me.organisation.code}) · {t(`roles.${me.organisation.kind}`)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('home.pick')}</Typography.Paragraph>
    </Card>
  );
}
