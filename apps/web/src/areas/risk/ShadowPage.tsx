import { Card, Empty, Space, Statistic, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ZPage, ZRiskRuleSetSummary, ZRiskShadowComparison } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { CardTitle } from '../../components/PageTitle.tsx';
import { beijingTime } from '../../format.ts';
import { ErrorState, Loading } from '../../pages/States.tsx';
import './texts.ts';
import './live-texts.ts';

/**
 * 影子运行对比 (decision 0046): the draft running in shadow against the live version on the same parcels — how many
 * agree, the lanes per pair, and the parcels judged differently with the shadow's fired rules.
 */
export function ShadowPage() {
  const { t } = useTranslation('risk');
  const drafts = useQuery({
    queryKey: ['risk', 'rule-sets', 'draft', 'shadow'],
    queryFn: () =>
      api(`/api/v1/risk/rule-sets${qs({ status: 'draft', page: 1, pageSize: 100 })}`, {
        schema: ZPage(ZRiskRuleSetSummary),
      }),
  });
  const shadow = drafts.data?.items.find((d) => d.shadow);
  const cmp = useQuery({
    queryKey: ['risk', 'shadow', shadow?.id],
    queryFn: () =>
      api(`/api/v1/risk/rule-sets/${shadow?.id ?? ''}/shadow`, { schema: ZRiskShadowComparison }),
    enabled: shadow !== undefined,
  });
  if (drafts.isLoading || cmp.isLoading) return <Loading />;
  if (drafts.error) return <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} />;
  const c = cmp.data;
  return (
    <Card
      data-testid="risk-shadow-page"
      title={<CardTitle title={t('shadow.title')} subtitle={t('shadow.subtitle')} />}
    >
      {!shadow || !c ? (
        <Empty description={t('shadow.none')} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space size={32} wrap>
            <Statistic
              title={t('shadow.ruleSet')}
              valueRender={() => (
                <Link to={`/risk/rule-sets/${shadow.id}`}>
                  v{shadow.version} · {shadow.name}
                </Link>
              )}
            />
            <Statistic title={t('shadow.parcels')} value={c.parcels} />
            <div data-testid="risk-shadow-agree">
              <Statistic title={t('shadow.agree')} value={c.agree} />
            </div>
            <div data-testid="risk-shadow-disagree">
              <Statistic title={t('shadow.disagree')} value={c.disagree} />
            </div>
          </Space>
          <div>
            {t('shadow.pairs')}：
            {c.pairs.map((p) => (
              <Tag key={`${p.live}-${p.shadow}`} color={p.live === p.shadow ? 'green' : 'orange'}>
                {t(`lane.${p.live}`)} → {t(`lane.${p.shadow}`)} · {p.parcels}
              </Tag>
            ))}
          </div>
          <Table
            size="small"
            data-testid="risk-shadow-differences"
            title={() => t('shadow.differences')}
            rowKey="documentId"
            pagination={false}
            dataSource={c.differences}
            columns={[
              {
                title: t('shadow.invtNo'),
                render: (_, d) => (
                  <Link to={`/customs/parcels/${d.documentId}`}>{d.invtNo ?? d.documentId}</Link>
                ),
              },
              { title: t('shadow.live'), render: (_, d) => `${t(`lane.${d.live}`)} (v${d.liveVersion})` },
              { title: t('shadow.shadowLane'), render: (_, d) => t(`lane.${d.shadow}`) },
              { title: t('shadow.fired'), render: (_, d) => d.fired.join(', ') || '—' },
              { title: t('shadow.decidedAt'), render: (_, d) => beijingTime(d.decidedAt) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
