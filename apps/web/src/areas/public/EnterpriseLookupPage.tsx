import { Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ROLE_LABELS, ZPublicEnterprise } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { FilingStatusTag } from '../../components/StatusTag.tsx';
import { EmptyState, ErrorState } from '../../pages/States.tsx';
import { LookupSearch } from './LookupSearch.tsx';

const LEVEL_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** /public/enterprises?q=…: an enterprise's filing status and public credit level. */
export function EnterpriseLookupPage() {
  const { t, i18n } = useTranslation('public');
  const en = i18n.language === 'en';
  // The API names the roles and the filing status in Chinese (and the status by its key): the page says them
  // in the UI language (decision 0039).
  const roleLabel = (zh: string) =>
    en ? (Object.values(ROLE_LABELS).find((l) => l.zh === zh)?.en ?? zh) : zh;
  const [params, setParams] = useSearchParams();
  const text = (params.get('q') ?? '').trim();
  const q = useQuery({
    queryKey: ['public-enterprises', text],
    queryFn: () => api(`/api/v1/public/enterprises${qs({ q: text })}`, { schema: ZPublicEnterprise.array() }),
    enabled: text !== '',
    retry: false,
  });
  return (
    <Card title={t('enterprises.title')}>
      <LookupSearch
        key={text}
        value={text}
        label={t('enterprises.placeholder')}
        testId="enterprise-input"
        loading={q.isFetching}
        onSearch={(v) => setParams(v ? { q: v } : {})}
        maxWidth={620}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('enterprises.credit')}：{t('enterprises.levels')}
      </Typography.Paragraph>
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.length === 0 && <EmptyState description={t('enterprises.none')} />}
      {q.data && q.data.length > 0 && (
        <Table
          rowKey="code"
          size="middle"
          pagination={false}
          dataSource={q.data}
          scroll={{ x: 900 }}
          columns={[
            { title: t('enterprises.name'), dataIndex: 'nameZh' },
            { title: t('enterprises.code'), dataIndex: 'code', width: 120 },
            {
              title: t('enterprises.uscc'),
              dataIndex: 'uscc',
              width: 190,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('enterprises.filing'),
              dataIndex: 'filingStatusZh',
              width: 100,
              render: (v: string, r) => (
                <FilingStatusTag status={r.filingStatus}>
                  {t(`enterprises.statuses.${r.filingStatus}`, { defaultValue: v })}
                </FilingStatusTag>
              ),
            },
            {
              title: t('enterprises.roles'),
              dataIndex: 'roles',
              render: (roles: string[]) => (
                <Space size={[0, 4]} wrap>
                  {roles.map((r) => (
                    <Tag key={r}>{roleLabel(r)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('enterprises.credit'),
              dataIndex: 'creditLevel',
              width: 100,
              render: (v: string | null) =>
                v ? (
                  <Tag color={LEVEL_COLOR[v]} style={{ fontWeight: 600 }}>
                    {v}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">{t('enterprises.noLevel')}</Typography.Text>
                ),
            },
            {
              title: t('enterprises.negative'),
              dataIndex: 'negativeListed',
              width: 120,
              render: (v: boolean) =>
                v ? (
                  <Tag color="red">{t('enterprises.listed')}</Tag>
                ) : (
                  <Tag>{t('enterprises.notListed')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
