import { Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ZHome, type THome } from '@crossgate/contract';
import { api } from '../api/client.ts';
import type { Area } from '../areas/types.ts';
import { useAuth } from '../auth.tsx';
import { beijingTime } from '../format.ts';
import { registerTexts } from '../i18n/index.ts';
import texts from './home-texts.ts';
import { ErrorState } from './States.tsx';

registerTexts('home', texts);

type Recent = THome['recent'][number];

/**
 * The signed-in home page (issue 17): the role's to-do counts (one small API, GET /api/v1/home, counted over the
 * actor's scope), shortcuts to the pages its menu offers, and the parcels changed last.
 */
export function HomePage({ areas = [] }: { areas?: Area[] }) {
  const { t } = useTranslation();
  const { t: th } = useTranslation('home');
  const { me } = useAuth();
  const navigate = useNavigate();
  const home = useQuery({
    queryKey: ['home'],
    queryFn: () => api('/api/v1/home', { schema: ZHome }),
    enabled: !!me,
  });
  if (!me) return null;
  const shortcuts = areas
    .filter((a) => a.key !== 'public')
    .flatMap((a) => a.menu.filter((m) => m.visible(me)))
    .slice(0, 8);
  const parcelPath = (r: Recent) =>
    me.organisation.kind === 'enterprise'
      ? `/enterprise/${r.direction}/${r.id}`
      : r.direction === 'import'
        ? `/customs/parcels/${r.id}`
        : null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} data-testid="welcome" style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.user?.displayName ?? me.organisation.nameZh })}
        </Typography.Title>
        <Descriptions column={1}>
          <Descriptions.Item label={t('home.org', { org: '' }).replace(/[:：]\s*$/, '')}>
            {me.organisation.nameZh} ({me.organisation.code}) · {t(`roles.${me.organisation.kind}`)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {home.error ? <ErrorState error={home.error} onRetry={() => void home.refetch()} /> : null}
      {(home.data?.todos.length ?? 0) > 0 && (
        <Card title={th('todos')} data-testid="home-todos">
          <Row gutter={[16, 16]}>
            {home.data?.todos.map((todo) => (
              <Col key={todo.key} xs={24} sm={12} lg={8} xxl={6}>
                <Card
                  size="small"
                  hoverable
                  data-testid={`todo-${todo.key}`}
                  onClick={() => navigate(todo.path)}
                >
                  <Statistic
                    title={th(`todo.${todo.key}`)}
                    value={todo.count}
                    styles={{ content: { color: todo.count > 0 ? '#d4380d' : undefined } }}
                    valueRender={(node) => <span data-testid={`todo-${todo.key}-count`}>{node}</span>}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {shortcuts.length > 0 && (
        <Card title={th('shortcuts')} data-testid="home-shortcuts">
          <Space wrap size={[12, 12]}>
            {shortcuts.map((m) => (
              <Link key={`${m.path}-${m.label}`} to={m.path}>
                <Tag icon={m.icon} style={{ padding: '6px 12px', fontSize: 14, cursor: 'pointer' }}>
                  {t(m.label)}
                </Tag>
              </Link>
            ))}
          </Space>
        </Card>
      )}
      {home.data && home.data.recent.length + home.data.todos.length > 0 && (
        <Card title={th('recent')} data-testid="home-recent">
          <Table<Recent>
            size="small"
            rowKey="id"
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: 720 }}
            dataSource={home.data.recent}
            locale={{ emptyText: th('noRecent') }}
            columns={[
              {
                title: th('col.direction'),
                key: 'direction',
                width: 90,
                render: (_, r) => <Tag>{th(`direction.${r.direction}`)}</Tag>,
              },
              {
                title: th('col.number'),
                key: 'number',
                ellipsis: true,
                render: (_, r) => {
                  const label = r.invtNo ?? r.orderNo ?? '—';
                  const path = parcelPath(r);
                  return path ? <Link to={path}>{label}</Link> : label;
                },
              },
              { title: th('col.logisticsNo'), dataIndex: 'logisticsNo', ellipsis: true },
              { title: th('col.status'), dataIndex: 'status', width: 100 },
              {
                title: th('col.updatedAt'),
                key: 'updatedAt',
                width: 180,
                render: (_, r) => beijingTime(r.updatedAt),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
