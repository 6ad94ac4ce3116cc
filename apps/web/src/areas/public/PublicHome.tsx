import { Card, Col, Input, Row, Typography } from 'antd';
import {
  BarcodeOutlined,
  FileProtectOutlined,
  QrcodeOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { SERVICES } from './PublicLayout.tsx';

const ICONS: Record<(typeof SERVICES)[number], { icon: ReactNode; color: string }> = {
  parcels: { icon: <SendOutlined />, color: '#1d39c4' },
  enterprises: { icon: <SafetyCertificateOutlined />, color: '#08979c' },
  products: { icon: <BarcodeOutlined />, color: '#d46b08' },
  certificates: { icon: <FileProtectOutlined />, color: '#531dab' },
  trace: { icon: <QrcodeOutlined />, color: '#389e0d' },
};

/** /public: what the public can look up without signing in, and a waybill search straight away. */
export function PublicHome() {
  const { t } = useTranslation('public');
  const navigate = useNavigate();
  return (
    <>
      <div
        style={{
          borderRadius: 8,
          padding: 'clamp(20px, 5vw, 36px) clamp(16px, 5vw, 40px)',
          marginBottom: 24,
          color: '#fff',
          background: 'linear-gradient(120deg,#1d39c4 0%,#2f54eb 55%,#13c2c2 100%)',
        }}
      >
        <Typography.Title level={2} style={{ color: '#fff', marginTop: 0 }} data-testid="public-title">
          {t('home.headline')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 15, maxWidth: 720 }}>
          {t('home.lead')}
        </Typography.Paragraph>
        <Input.Search
          size="large"
          enterButton={t('home.go')}
          placeholder={t('home.quick')}
          style={{ maxWidth: 560 }}
          data-testid="home-waybill"
          onSearch={(v) => {
            const no = v.trim();
            if (no) navigate(`/public/parcels?no=${encodeURIComponent(no)}`);
          }}
        />
      </div>
      <Row gutter={[16, 16]}>
        {SERVICES.map((s) => (
          <Col key={s} xs={24} sm={12} lg={6}>
            <Link to={`/public/${s}`} data-testid={`card-${s}`}>
              <Card hoverable style={{ height: '100%' }}>
                <div style={{ fontSize: 34, color: ICONS[s].color, marginBottom: 8 }}>{ICONS[s].icon}</div>
                <Typography.Title level={4} style={{ marginTop: 0 }}>
                  {t(`nav.${s}`)}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ minHeight: 66 }}>
                  {t(`cards.${s}`)}
                </Typography.Paragraph>
                <Typography.Link>
                  {t('home.go')} <RightOutlined />
                </Typography.Link>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
