import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZRiskFeature, ZRiskRuleSetVersion, type TMe, type TRiskFeature } from '@crossgate/contract';
import { api } from '../../api/client.ts';
import { may } from '../types.ts';

/** Who sees the area and who drafts, publishes and retires, from the access policy (decision 0038). */
export const seesRisk = (me: TMe) => may(me, 'risk_rule', 'read');
export const writesRisk = (me: TMe) => me.via === 'session' && may(me, 'risk_rule', 'update');

export const ruleSetQuery = (id: string) => ({
  queryKey: ['risk', 'rule-set', id],
  queryFn: () => api(`/api/v1/risk/rule-sets/${id}`, { schema: ZRiskRuleSetVersion }),
  enabled: id !== '',
});

/** The feature catalogue by name, for showing conditions in the UI language. */
export function useFeatures(): Map<string, TRiskFeature> {
  const q = useQuery({
    queryKey: ['risk', 'features'],
    queryFn: () => api('/api/v1/risk/features', { schema: z.array(ZRiskFeature) }),
    staleTime: Infinity,
  });
  return new Map((q.data ?? []).map((f) => [f.name, f]));
}

const STATUS_COLOUR = { draft: 'gold', published: 'green', retired: 'default' } as const;

export function RuleSetStatus({ status }: { status: 'draft' | 'published' | 'retired' }) {
  const { t } = useTranslation('risk');
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="risk-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/**
 * The body of a version as the domain's schema shapes it (rules, typologies, decision bands), read leniently: the
 * page shows what is there and never casts.
 */
const ZText = z.object({ zh: z.string(), en: z.string() });
export const ZBodyView = z.object({
  rules: z
    .array(
      z.object({
        id: z.string(),
        name: ZText,
        when: z.enum(['all', 'any']).optional(),
        conditions: z.array(
          z.object({
            feature: z.string(),
            op: z.string(),
            value: z.union([z.number(), z.boolean()]).optional(),
            ref: z.string().optional(),
          }),
        ),
        score: z.number(),
        lane: z.string().optional(),
        warning: ZText.optional(),
        source: z.string().optional(),
      }),
    )
    .default([]),
  typologies: z
    .array(
      z.object({
        id: z.string(),
        name: ZText,
        combine: z.enum(['sum', 'max']),
        terms: z.array(
          z.object({ rule: z.string().optional(), typology: z.string().optional(), weight: z.number() }),
        ),
        source: z.string().optional(),
      }),
    )
    .default([]),
  decision: z
    .object({ bands: z.array(z.object({ minScore: z.number(), lane: z.string() })) })
    .default({ bands: [] }),
});
export type TBodyView = z.infer<typeof ZBodyView>;

const OPS: Record<string, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥', eq: '=', neq: '≠' };

/** A condition in words: 「订购人24小时订单数」 ≥ 2 (the feature's name in the UI language, its unit). */
export function conditionText(
  c: TBodyView['rules'][number]['conditions'][number],
  features: Map<string, TRiskFeature>,
  en: boolean,
): string {
  const name = (n: string) => {
    const f = features.get(n);
    return f ? (en ? f.en : f.zh) : n;
  };
  const unit = features.get(c.feature)?.unit;
  const rhs =
    c.ref !== undefined
      ? name(c.ref)
      : typeof c.value === 'boolean'
        ? en
          ? c.value
            ? 'yes'
            : 'no'
          : c.value
            ? '是'
            : '否'
        : `${String(c.value ?? '—')}${unit && unit !== 'count' ? ` ${unit}` : ''}`;
  return `${name(c.feature)} ${OPS[c.op] ?? c.op} ${rhs}`;
}

/**
 * A refusal's reason as the server words it (`CODE: 中文 (English)`, decision 0042) in the UI language; anything
 * else as it came.
 */
export function reasonIn(rule: string, en: boolean): string {
  const m = /^[A-Z_]+: ([\s\S]*?) \(([\s\S]*)\)$/.exec(rule);
  if (!m) return rule;
  return en ? (m[2] ?? rule) : (m[1] ?? rule);
}
