import type { ReactNode } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZCodeEntry, ZPage, type CODE_TABLES } from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { statusColor } from '../format.ts';
import { unitNameEn } from '../../../i18n/locales/units-en.ts';

/** A returnStatus as a coloured tag with its name: `800 放行`. */
export function StatusTag({ status, name }: { status: string; name?: string }) {
  const { t, i18n } = useTranslation('enterprise');
  const known = i18n.exists(`enterprise:status.${status}`);
  const label = known
    ? t(`status.${status}`)
    : status.startsWith('-')
      ? t('status.negative')
      : (name ?? status);
  return (
    <Tag color={statusColor(status)} data-testid="status-tag" data-status={status}>
      {status} {label}
    </Tag>
  );
}

/** A document kind (order, payment, waybill, inventory …) as a neutral tag. */
export function DocTypeTag({ docType }: { docType: string }) {
  const { t, i18n } = useTranslation('enterprise');
  return (
    <Tag variant="filled" color="geekblue">
      {i18n.exists(`enterprise:docType.${docType}`) ? t(`docType.${docType}`) : docType}
    </Tag>
  );
}

type CodeTable = (typeof CODE_TABLES)[number];
export interface CodeName {
  nameZh: string;
  nameEn: string | null;
}

/** A whole customs code table (countries, currencies, units), read once per session. */
export function useCodeTable(table: CodeTable) {
  return useQuery({
    queryKey: ['reference', 'codes', table],
    staleTime: Infinity,
    queryFn: async () => {
      const out = new Map<string, CodeName>();
      for (let page = 1; page < 50; page++) {
        const res = await api(`/api/v1/reference/codes/${table}${qs({ page, pageSize: 200 })}`, {
          schema: ZPage(ZCodeEntry),
        });
        for (const c of res.items)
          out.set(c.code, { nameZh: c.nameZh, nameEn: c.nameEn ?? unitNameEn(table, c.code) ?? null });
        if (page * res.pageSize >= res.total) break;
      }
      return out;
    },
  });
}

/** `122 罐` / `502 USD`: a code with its name in the UI language when the table knows it. */
export function codeLabel(
  codes: Map<string, CodeName> | undefined,
  code: string | null | undefined,
  language: string,
): string {
  if (!code) return '—';
  const entry = codes?.get(code);
  if (!entry) return code;
  return `${code} ${language === 'en' && entry.nameEn ? entry.nameEn : entry.nameZh}`;
}

/** A searchable select over a code table (type the code or part of the name; Enter picks). */
export function CodeSelect({
  table,
  value,
  onChange,
  id,
  allowClear,
  placeholder,
  testId,
}: {
  table: CodeTable;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation('enterprise');
  const codes = useCodeTable(table);
  const options = [...(codes.data?.entries() ?? [])].map(([code, n]) => ({
    value: code,
    label: `${code} ${i18n.language === 'en' && n.nameEn ? n.nameEn : n.nameZh}`,
  }));
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={{
        filterOption: (input, option) => {
          const q = input.trim().toLowerCase();
          const o = option as { value: string; label: string } | undefined;
          return !!o && (o.value.startsWith(q) || o.label.toLowerCase().includes(q));
        },
      }}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      loading={codes.isLoading}
      placeholder={codes.isLoading ? t('common.loadingCodes') : (placeholder ?? t('common.select'))}
      options={options}
    />
  );
}

/** Text that must not wrap (dates, codes, numbers). */
export const NoWrap = ({ children }: { children: ReactNode }) => (
  <span style={{ whiteSpace: 'nowrap' }}>{children}</span>
);
