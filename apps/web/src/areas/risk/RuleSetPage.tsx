import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  ZPage,
  ZRiskRuleSetDiff,
  ZRiskRuleSetSummary,
  ZRiskRuleSetVersion,
  type TRiskRuleSetDiff,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { beijingTime } from '../../format.ts';
import { ActionError, ErrorState, Loading } from '../../pages/States.tsx';
import {
  conditionText,
  ruleSetQuery,
  RuleSetStatus,
  useFeatures,
  writesRisk,
  ZBodyView,
  type TBodyView,
} from './shared.tsx';
import './live-texts.ts';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** One version: its rules, conditions, typologies and decision bands in words; publish, retire, diff, copy. */
export function RuleSetPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('risk');
  const en = i18n.language === 'en';
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const features = useFeatures();
  const set = useQuery(ruleSetQuery(id));
  const [actionError, setActionError] = useState<unknown>(null);
  if (set.isLoading) return <Loading />;
  if (set.error || !set.data) return <ErrorState error={set.error} onRetry={() => void set.refetch()} />;
  const v = set.data;
  const parsed = ZBodyView.safeParse(v.body);
  const body: TBodyView = parsed.success
    ? parsed.data
    : { rules: [], typologies: [], decision: { bands: [] } };
  const writes = me ? writesRisk(me) : false;
  const text = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  const act = (action: 'publish' | 'retire') =>
    modal.confirm({
      title: t(`set.${action}Confirm`, { version: v.version }),
      content: t(`set.${action}Help`),
      okText: t('set.ok'),
      cancelText: t('set.cancel'),
      okButtonProps: { danger: action === 'retire' },
      onOk: async () => {
        setActionError(null);
        try {
          await api(`/api/v1/risk/rule-sets/${v.id}/${action}`, {
            method: 'POST',
            schema: ZRiskRuleSetVersion,
          });
          void message.success(
            t(action === 'publish' ? 'set.published' : 'set.retired', { version: v.version }),
          );
          await client.invalidateQueries({ queryKey: ['risk'] });
        } catch (e) {
          setActionError(e);
        }
      },
    });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="risk-rule-set-page">
      <Card
        title={<CardTitle title={t('set.title', { version: v.version, name: v.name })} />}
        extra={
          <Space wrap>
            <Link to="/risk/rule-sets">
              <ArrowLeftOutlined /> {t('set.back')}
            </Link>
            {writes && (
              <Button data-testid="risk-copy" onClick={() => navigate(`/risk/draft${qs({ from: v.id })}`)}>
                {t('set.copy')}
              </Button>
            )}
            {v.shadow && <Tag color="purple">{t('shadow.running')}</Tag>}
            {writes && v.status === 'draft' && (
              <Button
                data-testid="risk-shadow"
                title={t('shadow.help')}
                onClick={() => {
                  setActionError(null);
                  api(`/api/v1/risk/rule-sets/${v.id}/shadow`, {
                    method: 'POST',
                    body: { on: !v.shadow },
                    schema: ZRiskRuleSetVersion,
                  })
                    .then(async () => {
                      void message.success(
                        t(v.shadow ? 'shadow.stopped' : 'shadow.started', { version: v.version }),
                      );
                      await client.invalidateQueries({ queryKey: ['risk'] });
                    })
                    .catch(setActionError);
                }}
              >
                {t(v.shadow ? 'shadow.stop' : 'shadow.start')}
              </Button>
            )}
            {writes && v.status === 'draft' && (
              <Button type="primary" data-testid="risk-publish" onClick={() => act('publish')}>
                {t('set.publish')}
              </Button>
            )}
            {writes && v.status !== 'retired' && (
              <Button danger data-testid="risk-retire" onClick={() => act('retire')}>
                {t('set.retire')}
              </Button>
            )}
          </Space>
        }
      >
        <ActionError error={actionError} />
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('list.status')}>
            <RuleSetStatus status={v.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('list.effectiveFrom')}>
            {beijingTime(v.effectiveFrom ?? v.publishedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('list.createdAt')}>{beijingTime(v.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('set.rules')} size="small">
        <Table
          data-testid="risk-rules"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={body.rules}
          columns={[
            { title: t('set.ruleId'), dataIndex: 'id', width: 170 },
            { title: t('set.ruleName'), key: 'name', width: 220, render: (_, r) => text(r.name) },
            {
              title: t('set.conditions'),
              key: 'conditions',
              render: (_, r) => (
                <div>
                  {r.conditions.length > 1 && (
                    <Typography.Text type="secondary">
                      {t(r.when === 'any' ? 'set.any' : 'set.all')}
                    </Typography.Text>
                  )}
                  {r.conditions.map((c, i) => (
                    <div key={i} data-testid="risk-condition">
                      {conditionText(c, features, en)}
                    </div>
                  ))}
                </div>
              ),
            },
            { title: t('set.score'), dataIndex: 'score', width: 70 },
            {
              title: t('set.ruleLane'),
              key: 'lane',
              width: 110,
              render: (_, r) => (r.lane ? <Tag color="volcano">{t(`lane.${r.lane}`)}</Tag> : '—'),
            },
            {
              title: t('set.warning'),
              key: 'warning',
              width: 160,
              render: (_, r) => (r.warning ? text(r.warning) : '—'),
            },
          ]}
          expandable={{
            rowExpandable: (r) => r.source !== undefined,
            expandedRowRender: (r) => `${t('set.source')}：${r.source ?? ''}`,
          }}
        />
      </Card>
      <Card title={t('set.typologies')} size="small">
        <Table
          data-testid="risk-typologies"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={body.typologies}
          columns={[
            { title: t('set.ruleId'), dataIndex: 'id', width: 170 },
            { title: t('set.ruleName'), key: 'name', width: 220, render: (_, r) => text(r.name) },
            {
              title: t('set.combine'),
              key: 'combine',
              width: 110,
              render: (_, r) => t(`set.${r.combine}`),
            },
            {
              title: t('set.terms'),
              key: 'terms',
              render: (_, r) =>
                r.terms
                  .map((x) => `${x.weight} × ${x.rule ?? x.typology ?? ''}`)
                  .join(r.combine === 'sum' ? ' + ' : ', '),
            },
          ]}
        />
      </Card>
      <Card title={t('set.bands')} size="small">
        {body.decision.bands.length === 0 ? (
          <Empty description={t('set.noBands')} />
        ) : (
          <Table
            data-testid="risk-bands"
            rowKey={(b) => `${b.minScore}-${b.lane}`}
            size="small"
            pagination={false}
            dataSource={body.decision.bands}
            columns={[
              { title: t('set.minScore'), dataIndex: 'minScore' },
              { title: t('set.toLane'), key: 'lane', render: (_, b) => t(`lane.${b.lane}`) },
            ]}
          />
        )}
      </Card>
      <DiffCard id={v.id} version={v.version} />
    </Space>
  );
}

/** 版本比较: what changed from another version to this one (rules and typologies by id, the bands by field). */
function DiffCard({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('risk');
  const [against, setAgainst] = useState<string | undefined>();
  const versions = useQuery({
    queryKey: ['risk', 'rule-sets', 'all-for-diff'],
    queryFn: () =>
      api(`/api/v1/risk/rule-sets${qs({ page: 1, pageSize: 100 })}`, { schema: ZPage(ZRiskRuleSetSummary) }),
  });
  const diff = useQuery({
    queryKey: ['risk', 'diff', id, against],
    queryFn: () => api(`/api/v1/risk/rule-sets/${id}/diff${qs({ against })}`, { schema: ZRiskRuleSetDiff }),
    enabled: against !== undefined,
  });
  return (
    <Card title={t('set.diff')} size="small" data-testid="risk-diff">
      <Space style={{ marginBottom: 12 }}>
        <span>{t('set.diffAgainst')}</span>
        <Select
          style={{ width: 260 }}
          data-testid="risk-diff-against"
          value={against}
          onChange={setAgainst}
          options={(versions.data?.items ?? [])
            .filter((x) => x.id !== id)
            .map((x) => ({ value: x.id, label: `v${x.version} · ${x.name}` }))}
        />
      </Space>
      {diff.error ? <ErrorState error={diff.error} /> : null}
      {diff.data && <DiffView diff={diff.data} version={version} />}
    </Card>
  );
}

function DiffView({ diff }: { diff: TRiskRuleSetDiff; version: number }) {
  const { t } = useTranslation('risk');
  const rows = [
    ...(['rules', 'typologies'] as const).flatMap((part) => [
      ...diff[part].added.map((x) => ({
        key: `${part}+${x}`,
        what: t('set.diffAdded'),
        path: `${part}: ${x}`,
      })),
      ...diff[part].removed.map((x) => ({
        key: `${part}-${x}`,
        what: t('set.diffRemoved'),
        path: `${part}: ${x}`,
      })),
      ...diff[part].changed.flatMap((c) =>
        c.changes.map((ch) => ({
          key: `${part}~${c.id}~${ch.path}`,
          what: t('set.diffChanged'),
          path: `${part}: ${c.id} · ${ch.path}`,
          before: show(ch.before),
          after: show(ch.after),
        })),
      ),
    ]),
    ...diff.decision.map((ch) => ({
      key: `decision~${ch.path}`,
      what: t('set.diffChanged'),
      path: `${t('set.diffDecision')} · ${ch.path}`,
      before: show(ch.before),
      after: show(ch.after),
    })),
  ];
  if (rows.length === 0) return <Empty description={t('set.diffNone')} />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        v{diff.from.version} → v{diff.to.version}
      </Typography.Paragraph>
      <Table
        data-testid="risk-diff-table"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '', dataIndex: 'what', width: 80 },
          { title: t('set.diffPath'), dataIndex: 'path' },
          { title: t('set.diffBefore'), dataIndex: 'before', render: (x?: string) => x ?? '—' },
          { title: t('set.diffAfter'), dataIndex: 'after', render: (x?: string) => x ?? '—' },
        ]}
      />
    </>
  );
}
