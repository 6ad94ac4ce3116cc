import type { ReactNode } from 'react';
import { Space, Typography } from 'antd';

/** A page title with an optional line of help and actions on the right (in the page's first card). */
export function PageTitle({ title, help, extra }: { title: ReactNode; help?: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 16 }}>
      <div>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: help ? 4 : 16 }}>
          {title}
        </Typography.Title>
        {help && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
            {help}
          </Typography.Paragraph>
        )}
      </div>
      {extra && <Space>{extra}</Space>}
    </div>
  );
}

/** A page title as a card's `title`, with an optional line under it. */
export function CardTitle({ title, subtitle }: { title: ReactNode; subtitle?: ReactNode }) {
  if (!subtitle)
    return (
      <Typography.Title level={4} style={{ margin: '12px 0' }}>
        {title}
      </Typography.Title>
    );
  return (
    <div style={{ padding: '12px 0' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
        {subtitle}
      </Typography.Text>
    </div>
  );
}
