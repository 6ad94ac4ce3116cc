import type { HTMLAttributes, ReactNode } from 'react';
import { Badge, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { oneLanguage, ZCodeEntry, ZOrganisation, ZPage, type TMe, type TParcel } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { beijingTime } from '../../format.ts';
import { isAgency, isZone, may, mayAll } from '../types.ts';
import { unitNameEn } from '../../i18n/locales/units-en.ts';

/** Who may do what in the workbench (the server decides anyway; this only hides what would be refused). */
export const canOperate = (me: TMe) =>
  me.via === 'session' && (me.user?.roles ?? []).some((r) => r === 'admin' || r === 'operator');
export const isCustomsOfficer = (me: TMe) => isAgency(me, 'customs') && canOperate(me);
export const isCustomsAdmin = (me: TMe) =>
  isAgency(me, 'customs') && me.via === 'session' && (me.user?.roles ?? []).includes('admin');
// What each page needs, from the server's access policy (domain scopeFor through the contract, decision 0038).
/** Every parcel: customs, inspection and the zone office. */
export const seesParcels = (me: TMe) => mayAll(me, 'import_document', 'read');
/** Every filing: customs reviews them; market supervision and the zone office read them. */
export const seesFilings = (me: TMe) => mayAll(me, 'filing', 'read');
export const seesNegativeList = (me: TMe) => may(me, 'negative_list', 'read');
/** 代理申报授权 between enterprises (decision 0018): customs and the zone office read them all. */
export const seesAuthorisations = (me: TMe) => mayAll(me, 'authorisation', 'read');
export const keepsNegativeList = (me: TMe) => isAgency(me, 'customs', 'market_supervision') && canOperate(me);
/** Every export summary declaration: customs, tax, forex, commerce, statistics and the zone office. */
export const seesDeclarations = (me: TMe) => mayAll(me, 'export_summary', 'read');
/** The working rules of customs offices: customs (its administrators change them). */
export const seesSettings = (me: TMe) => isAgency(me, 'customs');
export const formsSummaries = (me: TMe) =>
  (isAgency(me, 'customs') && canOperate(me)) ||
  (isZone(me) && me.via === 'session' && (me.user?.roles ?? []).includes('admin'));

/** The current month and the eleven before it, newest first, as YYYY-MM in Beijing time. */
export function recentMonths(count = 12): string[] {
  const now = beijingTime(new Date().toISOString());
  let y = Number(now.slice(0, 4));
  let m = Number(now.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** Colour of an inventory status by what it means to the officer. */
export function statusColor(status: string): string {
  if (status === '800' || status === '899') return 'success';
  if (status === '500') return 'orange';
  if (status === '300') return 'gold';
  if (['501', '502', '503', '599'].includes(status)) return 'volcano';
  if (status === '100' || status.startsWith('-')) return 'error';
  if (status === '700') return 'magenta';
  if (status === '120' || status === '399') return 'processing';
  return 'default';
}

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation('customs');
  return (
    <Tag color={statusColor(status)} data-testid={testId}>
      {status} {t(`status.${status}`, { defaultValue: '' })}
    </Tag>
  );
}

/** The red/green channel choice as the clearance stores it (validated here, never cast). */
export const ZChannel = z.object({
  lane: z.string(),
  reasons: z
    .array(
      z.object({
        code: z.string(),
        zh: z.string(),
        en: z.string(),
        party: z.string().optional(),
      }),
    )
    .default([]),
  sampling: z.object({ zh: z.string(), en: z.string() }).optional(),
});
export type TChannel = z.infer<typeof ZChannel>;

export const ZIssue = z.object({
  code: z.string().optional(),
  field: z.string().default(''),
  rule: z.string().default(''),
  expected: z.string().optional(),
  actual: z.string().optional(),
  severity: z.enum(['refuse', 'warn']).optional(),
});
export type TIssue = z.infer<typeof ZIssue>;

export function channelOf(parcel: TParcel | undefined): TChannel | null {
  const parsed = ZChannel.safeParse(parcel?.clearance.channel);
  return parsed.success ? parsed.data : null;
}

/** Drops the keyed hashes that stand for a buyer's ID number in reasons and receipts (`订购人[3f51…]`). */
export const scrubKeys = (text: string) => text.replace(/\s?\[(?:p1:)?[0-9a-f]{32,}\]/g, '');

export interface Reason {
  code: string;
  text: string;
}

/** Why the parcel is before an officer: the channel's reasons, or the manual-review note of the timeline. */
export function reasonsOf(parcel: TParcel | undefined, language: string): Reason[] {
  if (!parcel) return [];
  const en = language === 'en';
  const channel = channelOf(parcel);
  const out: Reason[] =
    channel?.lane === 'inspection'
      ? channel.reasons.map((r) => ({
          code: r.code,
          // A listed buyer is named by the keyed hash of their ID number: not worth showing.
          text: scrubKeys(en ? r.en : r.zh),
        }))
      : [];
  const review = [...parcel.timeline].reverse().find((e) => e.docType === 'inventory' && e.status === '300');
  if (review) {
    // The server's note is `人工审核：中文 (English)`: one language of it, as the UI speaks (decision 0039).
    const note = review.returnInfo.replace(/^人工审核[:：]\s*/, '');
    out.push({ code: 'MANUAL_REVIEW', text: oneLanguage(note, en ? 'en' : 'zh-CN') ?? note });
  }
  return out;
}

export const reasonColor = (code: string) =>
  code === 'NEGATIVE_LIST' ? 'red' : code === 'RANDOM_SAMPLING' ? 'orange' : 'gold';

export function ReasonTags({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation('customs');
  if (reasons.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {reasons.map((r, i) => (
        <div key={i} data-testid="reason" style={{ display: 'flex', alignItems: 'baseline', gap: 4 }}>
          <Tag color={reasonColor(r.code)} style={{ flex: 'none' }}>
            {t(`reason.${r.code}`, { defaultValue: r.code })}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.text}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

/**
 * A personal value as the server sends it: already masked (domain `maskBody`); in clear only through the
 * audited reveal.
 */
export const personal = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : '—');

/** Enterprise names by id and by customs code, from the registry of parties. */
export function useEnterprises() {
  const q = useQuery({
    queryKey: ['customs', 'enterprises'],
    queryFn: () =>
      api(`/api/v1/organisations${qs({ kind: 'enterprise', pageSize: 200 })}`, {
        schema: ZPage(ZOrganisation),
      }),
    staleTime: 5 * 60_000,
  });
  const byId = new Map<string, string>();
  const byCode = new Map<string, string>();
  for (const o of q.data?.items ?? []) {
    byId.set(o.id, o.nameZh);
    byCode.set(o.code, o.nameZh);
  }
  return { byId, byCode };
}

/** Names of a customs code table (countries, currencies, units, customs-offices), code → name. */
export function useCodeNames(table: 'countries' | 'currencies' | 'units' | 'customs-offices') {
  const { i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['customs', 'codes', table],
    queryFn: async () => {
      const all: z.infer<typeof ZCodeEntry>[] = [];
      for (let page = 1; page <= 5; page++) {
        const res = await api(`/api/v1/reference/codes/${table}${qs({ page, pageSize: 200 })}`, {
          schema: ZPage(ZCodeEntry),
        });
        all.push(...res.items);
        if (all.length >= res.total || res.items.length === 0) break;
      }
      return all;
    },
    staleTime: Infinity,
  });
  const en = i18n.language === 'en';
  const names = new Map(
    (q.data ?? []).map((c) => [c.code, en ? (c.nameEn ?? unitNameEn(table, c.code) ?? c.nameZh) : c.nameZh]),
  );
  return (code: unknown) => {
    const c = typeof code === 'string' ? code : '';
    if (!c) return '—';
    const name = names.get(c);
    return name ? `${name} (${c})` : c;
  };
}

/** Two names of a row (a name and its code …), the second smaller and grey. */
export const TwoLines = ({ first, second }: { first: ReactNode; second: ReactNode }) => (
  <div>
    <div>{first}</div>
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {second}
    </Typography.Text>
  </div>
);

/** A tab's name with the count of what waits in it (orange while any does). */
export function TabCount({
  label,
  count,
  testId,
  countTestId,
}: {
  label: string;
  count: number | undefined;
  testId: string;
  countTestId?: string;
}) {
  return (
    <Space size={6} data-testid={testId}>
      {label}
      <Badge
        count={count ?? 0}
        showZero
        overflowCount={9999}
        color={count ? '#fa541c' : '#d9d9d9'}
        data-testid={countTestId}
      />
    </Space>
  );
}

/** Table `onRow` props that give a row a test id (data-* attributes are not in React's typed props). */
export const rowTestId = (id: string) => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;

/** A string field of a document body, or undefined. */
export const field = (body: Record<string, unknown> | undefined, key: string): string | undefined => {
  const v = body?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** 企业信用管理: every enterprise's credit record — customs, the zone office and every other regulator. */
export const seesCredit = (me: TMe) => mayAll(me, 'credit', 'read');
/** Customs officers set an enterprise's customs credit level (the route's agencyTypes: customs only). */
export const setsCustomsLevel = (me: TMe) =>
  isAgency(me, 'customs') && me.via === 'session' && may(me, 'credit', 'update');
