import { useState, type ReactNode } from 'react';
import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPage } from '@crossgate/contract';
import { EmptyState, ErrorState } from '../pages/States.tsx';

/** What a list's query gives (TanStack Query's result): a page of items, or why there is none. */
export interface PageQuery<T> {
  data?: TPage<T> | undefined;
  error: unknown;
  isLoading: boolean;
  refetch: () => unknown;
}

/** The page shown and what a click on the pager or the page-size changer does. */
export interface Paging {
  page: number;
  pageSize: number;
  onChange: (page: number, pageSize: number) => void;
}

/**
 * Page and page size of a list kept in the component. `restartOnResize`: a new page size starts again at the
 * first page (else the pager's own choice of page stands).
 */
export function usePaging(initialPageSize = 20, restartOnResize = false) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return {
    page,
    pageSize,
    setPage,
    onChange: (p: number, size: number) => {
      setPage(restartOnResize && size !== pageSize ? 1 : p);
      setPageSize(size);
    },
    /** A filter's setter that also goes back to the first page. */
    filter:
      <V,>(set: (value: V) => void) =>
      (value: V) => {
        set(value);
        setPage(1);
      },
  };
}

export type PagedTableProps<T> = Omit<TableProps<T>, 'loading' | 'pagination' | 'dataSource'> & {
  query: PageQuery<T>;
  paging: Paging;
  /** the pager's count of all rows: `true` for the common "n in all", or the list's own words */
  showTotal?: true | ((total: number) => ReactNode);
  /** what an empty page says (default: the common "no data") */
  empty?: string;
  /** the rows when they are not the query's items as they came */
  dataSource?: readonly T[];
};

/**
 * A server-paginated list: the error with a retry when the query failed, else the table with its pager
 * (page-size changer, total) and an empty state. Rows are keyed by `id` unless told otherwise.
 */
export function PagedTable<T extends object>({
  query,
  paging,
  showTotal,
  empty,
  dataSource,
  ...table
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      loading={query.isLoading}
      dataSource={dataSource ?? query.data?.items ?? []}
      locale={{ emptyText: <EmptyState description={empty} /> }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: showTotal === true ? (total) => t('list.total', { total }) : showTotal,
        onChange: paging.onChange,
      }}
      {...table}
    />
  );
}
