import { Input, type GetProps } from 'antd';
import { useTranslation } from 'react-i18next';

type SearchProps = GetProps<typeof Input.Search>;

/**
 * A search box: cleared with one click, searched with Enter or its button (the common "search" unless told
 * otherwise), the text trimmed. Its placeholder is its accessible name.
 */
export function SearchInput({
  label,
  onSearch,
  ...rest
}: Omit<SearchProps, 'onSearch' | 'placeholder'> & { label: string; onSearch: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <Input.Search
      allowClear
      aria-label={label}
      placeholder={label}
      enterButton={t('action.search')}
      {...rest}
      onSearch={(v) => onSearch(v.trim())}
    />
  );
}
