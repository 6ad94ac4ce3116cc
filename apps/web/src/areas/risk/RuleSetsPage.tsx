import { useState } from 'react';
import { Alert, Button, Card, Radio, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ZPage, ZRiskRuleSetSummary, type TRiskRuleSetSummary } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { beijingTime } from '../../format.ts';
import { RuleSetStatus, writesRisk } from './shared.tsx';

type Status = 'draft' | 'published' | 'retired' | '';

export const publishedQuery = {
  queryKey: ['risk', 'rule-sets', 'published'],
  queryFn: () =>
    api(`/api/v1/risk/rule-sets${qs({ status: 'published', page: 1, pageSize: 1 })}`, {
      schema: ZPage(ZRiskRuleSetSummary),
    }),
};

/** 风险规则集: the versions, newest first, with their status, author and effective time; a new draft. */
export function RuleSetsPage() {
  const { t } = useTranslation('risk');
  const { me } = useAuth();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status>('');
  const paging = usePaging();
  const { page, pageSize } = paging;
  const writes = me ? writesRisk(me) : false;
  const list = useQuery({
    queryKey: ['risk', 'rule-sets', status, page, pageSize],
    queryFn: () =>
      api(`/api/v1/risk/rule-sets${qs({ status: status || undefined, page, pageSize })}`, {
        schema: ZPage(ZRiskRuleSetSummary),
      }),
  });
  const published = useQuery(publishedQuery);
  const base = published.data?.items[0];
  return (
    <Card
      data-testid="risk-rule-sets-page"
      title={<CardTitle title={t('list.title')} subtitle={t('list.subtitle')} />}
      extra={
        writes && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="risk-new-draft"
            onClick={() => navigate(`/risk/draft${qs({ from: base?.id })}`)}
          >
            {t('list.newDraft')}
          </Button>
        )
      }
    >
      {!writes && <Alert style={{ marginBottom: 16 }} type="info" showIcon title={t('list.noRight')} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label={t('list.status')}
          optionType="button"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status);
            paging.setPage(1);
          }}
          options={[
            { value: '', label: t('list.allStatus') },
            { value: 'published', label: t('status.published') },
            { value: 'draft', label: t('status.draft') },
            { value: 'retired', label: t('status.retired') },
          ]}
        />
      </Space>
      <PagedTable<TRiskRuleSetSummary>
        data-testid="risk-rule-sets-table"
        query={list}
        paging={paging}
        showTotal
        columns={[
          {
            title: t('list.version'),
            key: 'version',
            width: 90,
            render: (_, r) => <Link to={`/risk/rule-sets/${r.id}`}>v{r.version}</Link>,
          },
          { title: t('list.name'), dataIndex: 'name' },
          {
            title: t('list.status'),
            key: 'status',
            width: 100,
            render: (_, r) => <RuleSetStatus status={r.status} />,
          },
          {
            title: t('list.author'),
            key: 'author',
            width: 140,
            render: (_, r) => (r.authorUserId ? r.authorUserId.slice(0, 8) : '—'),
          },
          {
            title: t('list.effectiveFrom'),
            key: 'effectiveFrom',
            width: 170,
            render: (_, r) => beijingTime(r.effectiveFrom ?? r.publishedAt),
          },
          {
            title: t('list.createdAt'),
            key: 'createdAt',
            width: 170,
            render: (_, r) => beijingTime(r.createdAt),
          },
          {
            title: '',
            key: 'open',
            width: 80,
            render: (_, r) => (
              <Link to={`/risk/rule-sets/${r.id}`} data-testid={`risk-open-v${r.version}`}>
                {t('list.open')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
