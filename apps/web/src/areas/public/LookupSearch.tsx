import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../../components/SearchInput.tsx';

/**
 * The search box of a lookup page: large, filled with what the address asks for (give the element a `key` of
 * it, so a new address refills it), searched with 查询.
 */
export function LookupSearch({
  value,
  label,
  loading,
  testId,
  maxWidth,
  prefix,
  onSearch,
}: {
  value: string;
  label: string;
  loading: boolean;
  testId: string;
  maxWidth: number;
  prefix?: ReactNode;
  onSearch: (text: string) => void;
}) {
  const { t } = useTranslation('public');
  return (
    <SearchInput
      size="large"
      defaultValue={value}
      label={label}
      prefix={prefix}
      enterButton={t('home.go')}
      loading={loading}
      data-testid={testId}
      onSearch={onSearch}
      style={{ maxWidth }}
    />
  );
}
