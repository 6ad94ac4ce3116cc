import { useState } from 'react';
import { AutoComplete, Input, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZHsCode, ZPage, ZTariffLine } from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';

/**
 * 商品编码 with a lookup (issue 17): typing a code prefix or words of a name offers the 10-digit tariff lines
 * (Chinese names) and the HS 2022 subheadings (six digits, English descriptions) that match; picking one fills the
 * code in. A Form.Item control (value / onChange).
 */
export function HsCodeLookup({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const { t } = useTranslation('enterprise');
  const [q, setQ] = useState('');
  const term = q.trim();
  const lookup = useQuery({
    queryKey: ['hs-lookup', term],
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const [lines, hs] = await Promise.all([
        api(`/api/v1/reference/tariff-lines${qs({ q: term, pageSize: 10 })}`, { schema: ZPage(ZTariffLine) }),
        api(`/api/v1/reference/hs${qs({ q: term.slice(0, 100), level: 6, pageSize: 10 })}`, {
          schema: ZPage(ZHsCode),
        }),
      ]);
      return { lines: lines.items, hs: hs.items };
    },
  });
  const options = [
    ...(lookup.data?.lines.length
      ? [
          {
            label: t('products.hsLines'),
            options: lookup.data.lines.map((l) => ({
              value: l.hsCode,
              label: (
                <span data-testid={`hs-option-${l.hsCode}`}>
                  <b>{l.hsCode}</b> {l.nameZh}
                </span>
              ),
            })),
          },
        ]
      : []),
    ...(lookup.data?.hs.length
      ? [
          {
            label: t('products.hsSubheadings'),
            options: lookup.data.hs.map((h) => ({
              value: h.code,
              label: (
                <span data-testid={`hs-option-${h.code}`}>
                  <b>{h.code}</b>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {h.descriptionEn}
                  </Typography.Text>
                </span>
              ),
            })),
          },
        ]
      : []),
  ];
  return (
    <AutoComplete
      value={value}
      options={options}
      onSearch={setQ}
      onChange={(v: string) => onChange?.(v)}
      popupMatchSelectWidth={520}
      notFoundContent={term.length >= 2 && !lookup.isFetching ? t('products.hsNone') : null}
    >
      <Input
        id={id}
        inputMode="text"
        placeholder={t('products.hsPlaceholder')}
        data-testid="pf-hs"
        aria-label={t('products.hsCode')}
      />
    </AutoComplete>
  );
}
