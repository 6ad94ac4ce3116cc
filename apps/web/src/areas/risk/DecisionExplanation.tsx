import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TRiskDecisionView } from '@crossgate/contract';
import './texts.ts';
import './live-texts.ts';

const OPS: Record<string, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥', eq: '=', neq: '≠' };
const LANE_COLOUR: Record<string, string> = {
  green: 'green',
  document_review: 'gold',
  inspection: 'orange',
  hold: 'red',
  manual_review: 'purple',
};

/**
 * The live risk decision on a parcel, for customs (decision 0046): the rule-set version that judged it, the lane,
 * each fired rule with every condition's feature, actual value and threshold, and the typology scores.
 */
export function DecisionExplanation({ decision }: { decision: TRiskDecisionView }) {
  const { t, i18n } = useTranslation('risk');
  const en = i18n.language === 'en';
  const say = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  const value = (v: number | boolean | null) =>
    v === null ? t('live.na') : typeof v === 'boolean' ? t(v ? 'live.yes' : 'live.no') : String(v);
  return (
    <Card title={t('live.title')} size="small" data-testid="risk-decision">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('live.version')}>
          <span data-testid="risk-decision-version">
            {decision.ruleSet.version === 0 ? t('live.baseline') : `v${decision.ruleSet.version}`}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('live.lane')}>
          <Tag color={LANE_COLOUR[decision.lane]} data-testid="risk-decision-lane">
            {t(`lane.${decision.lane}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('live.decidedAt')}>
          {new Date(decision.decidedAt).toLocaleString(en ? 'en-GB' : 'zh-CN')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph data-testid="risk-decision-text">{say(decision)}</Typography.Paragraph>
      {decision.error && <Alert type="error" showIcon title={`${t('live.error')}: ${say(decision.error)}`} />}
      {decision.fired.length === 0 ? (
        <Typography.Text type="secondary">{t('live.none')}</Typography.Text>
      ) : (
        decision.fired.map((f) => (
          <div key={f.rule} style={{ marginTop: 8 }} data-testid="risk-fired-rule" data-rule={f.rule}>
            <Typography.Text strong>{say(f.name)}</Typography.Text>{' '}
            <Typography.Text type="secondary" code>
              {f.rule}
            </Typography.Text>
            {f.lane && <Tag style={{ marginLeft: 8 }}>{t(`lane.${f.lane}`)}</Tag>}
            <Table
              size="small"
              pagination={false}
              rowKey={(c) => `${c.feature}${c.op}`}
              dataSource={f.conditions}
              columns={[
                { title: t('live.feature'), render: (_, c) => say(c.name) },
                {
                  title: t('live.actual'),
                  render: (_, c) => <span data-testid="risk-condition-actual">{value(c.actual)}</span>,
                },
                {
                  title: t('live.threshold'),
                  render: (_, c) => (
                    <span data-testid="risk-condition-threshold">
                      {OPS[c.op] ?? c.op} {value(c.threshold)}
                    </span>
                  ),
                },
                { title: t('live.met'), render: (_, c) => (c.met ? '✓' : '—') },
              ]}
            />
          </div>
        ))
      )}
      {decision.typologies.some((x) => x.score > 0) && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('live.typologies')}</Typography.Text>
          <div>
            {decision.typologies
              .filter((x) => x.score > 0)
              .map((x) => (
                <Tag key={x.typology} color={x.lane ? LANE_COLOUR[x.lane] : undefined}>
                  {say(x.name)} · {t('live.score')} {x.score}
                  {x.lane ? ` → ${t(`lane.${x.lane}`)}` : ''}
                </Tag>
              ))}
          </div>
        </div>
      )}
    </Card>
  );
}
