import { useRef, useState, type Key, type ReactNode } from 'react';
import {
  App,
  Button,
  Checkbox,
  Dropdown,
  Modal,
  Popover,
  Progress,
  Space,
  Table,
  Tooltip,
  type TableProps,
} from 'antd';
import { ColumnHeightOutlined, FileExcelOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TPage } from '@crossgate/contract';
import { EmptyState, ErrorState } from '../pages/States.tsx';
import { saveBlob, workbookOf, type ExcelColumn } from './excel.ts';
import './table-texts.ts';

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

/** A list's Excel export: every page of what is filtered, fetched from the list's own API (decision 0034). */
export interface ExcelExport<T> {
  /** the file's name without the date and `.xlsx` */
  fileName: string;
  sheet?: string;
  /** one page of the filtered rows, as the list reads them */
  fetchPage: (page: number, pageSize: number) => Promise<TPage<T>>;
  columns: readonly ExcelColumn<T>[];
}

/** At most this many rows go into one export; the pages are fetched 200 at a time. */
export const EXPORT_CAP = 20_000;
const EXPORT_PAGE = 200;

type Density = 'large' | 'middle' | 'small';

export type PagedTableProps<T> = Omit<TableProps<T>, 'loading' | 'pagination' | 'dataSource'> & {
  query: PageQuery<T>;
  paging: Paging;
  /** the pager's count of all rows: `true` for the common "n in all", or the list's own words */
  showTotal?: true | ((total: number) => ReactNode);
  /** what an empty page says (default: the common "no data") */
  empty?: string;
  /** the rows when they are not the query's items as they came */
  dataSource?: readonly T[];
  /** the Excel export of this list (a button in the list's tool bar) */
  excel?: ExcelExport<T>;
  /** where the list keeps the reader's hidden columns and density (browser storage); none: not kept */
  settingsKey?: string;
  /** what goes on the left of the tool bar (batch actions) */
  toolbar?: ReactNode;
  /** false: no tool bar (column settings, density, export) */
  tools?: boolean;
};

const columnKey = (c: { key?: Key; dataIndex?: unknown }, i: number): string =>
  String(c.key ?? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : c.dataIndex) ?? i);

const stored = (key: string | undefined): { hidden?: string[]; density?: Density } => {
  if (!key) return {};
  try {
    return JSON.parse(localStorage.getItem(`cg.table.${key}`) ?? '{}') as {
      hidden?: string[];
      density?: Density;
    };
  } catch {
    return {};
  }
};

const today = () => {
  const d = new Date(Date.now() + 8 * 3_600_000); // Beijing date in the file name
  return d.toISOString().slice(0, 10).replaceAll('-', '');
};

/**
 * A server-paginated list: the error with a retry when the query failed, else the table with its pager
 * (page-size changer, total) and an empty state. Rows are keyed by `id` unless told otherwise. The header stays
 * on screen while the page scrolls; a tool bar lets the reader hide columns, choose the density and export
 * every page of what is filtered to Excel (with its progress).
 */
export function PagedTable<T extends object>({
  query,
  paging,
  showTotal,
  empty,
  dataSource,
  excel,
  settingsKey,
  toolbar,
  tools = true,
  columns = [],
  size,
  ...table
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('table');
  const { message } = App.useApp();
  const initial = stored(settingsKey);
  const [hidden, setHidden] = useState<string[]>(initial.hidden ?? []);
  const [density, setDensity] = useState<Density>(
    initial.density ?? (size as Density | undefined) ?? 'middle',
  );
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const cancelled = useRef(false);

  const keep = (next: { hidden?: string[]; density?: Density }) => {
    if (!settingsKey) return;
    try {
      localStorage.setItem(`cg.table.${settingsKey}`, JSON.stringify({ hidden, density, ...next }));
    } catch {
      // private mode: the choice lasts for the page only
    }
  };

  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const all = columns.map((c, i) => ({ key: columnKey(c, i), title: c.title, column: c }));
  const hideable = all.filter((c) => typeof c.title === 'string' && c.title !== '');
  const shown = all.filter((c) => !hidden.includes(c.key)).map((c) => c.column);

  const runExport = async () => {
    if (!excel) return;
    cancelled.current = false;
    setProgress({ done: 0, total: query.data?.total ?? 0 });
    try {
      const rows: T[] = [];
      let total = Number.POSITIVE_INFINITY;
      for (let page = 1; rows.length < Math.min(total, EXPORT_CAP); page += 1) {
        const got = await excel.fetchPage(page, EXPORT_PAGE);
        if (cancelled.current) return;
        total = got.total;
        rows.push(...got.items);
        setProgress({ done: Math.min(rows.length, EXPORT_CAP), total: Math.min(total, EXPORT_CAP) });
        if (got.items.length < EXPORT_PAGE) break;
      }
      if (rows.length === 0) {
        void message.info(tt('exportEmpty'));
        return;
      }
      const kept = rows.slice(0, EXPORT_CAP);
      const blob = await workbookOf(excel.sheet ?? excel.fileName, excel.columns, kept);
      if (cancelled.current) return;
      saveBlob(blob, `${excel.fileName}-${today()}.xlsx`);
      if (total > EXPORT_CAP) void message.warning(tt('exportCapped', { total, cap: EXPORT_CAP }));
      else void message.success(tt('exportDone', { total: kept.length }));
    } catch {
      void message.error(tt('exportFailed'));
    } finally {
      setProgress(null);
    }
  };

  const bar = tools && (
    <div
      className="cg-table-toolbar"
      style={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        gap: 8,
        marginBottom: 8,
      }}
    >
      <div>{toolbar}</div>
      <Space size={4}>
        {excel && (
          <Button
            icon={<FileExcelOutlined />}
            data-testid="export-excel"
            onClick={() => void runExport()}
            disabled={progress !== null}
          >
            {tt('export')}
          </Button>
        )}
        <Dropdown
          trigger={['click']}
          menu={{
            selectable: true,
            selectedKeys: [density],
            items: (['large', 'middle', 'small'] as const).map((d) => ({ key: d, label: tt(d) })),
            onClick: ({ key }) => {
              setDensity(key as Density);
              keep({ density: key as Density });
            },
          }}
        >
          <Tooltip title={tt('density')}>
            <Button
              type="text"
              icon={<ColumnHeightOutlined />}
              aria-label={tt('density')}
              data-testid="table-density"
            />
          </Tooltip>
        </Dropdown>
        {hideable.length > 1 && (
          <Popover
            trigger="click"
            placement="bottomRight"
            title={
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                {tt('columns')}
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setHidden([]);
                    keep({ hidden: [] });
                  }}
                >
                  {tt('columnsReset')}
                </Button>
              </Space>
            }
            content={
              <Space direction="vertical" data-testid="table-columns-panel">
                {hideable.map((c) => (
                  <Checkbox
                    key={c.key}
                    checked={!hidden.includes(c.key)}
                    onChange={(e) => {
                      const next = e.target.checked ? hidden.filter((h) => h !== c.key) : [...hidden, c.key];
                      setHidden(next);
                      keep({ hidden: next });
                    }}
                  >
                    {c.title as string}
                  </Checkbox>
                ))}
              </Space>
            }
          >
            <Tooltip title={tt('columns')}>
              <Button
                type="text"
                icon={<SettingOutlined />}
                aria-label={tt('columns')}
                data-testid="table-columns"
              />
            </Tooltip>
          </Popover>
        )}
      </Space>
    </div>
  );

  return (
    <>
      {bar}
      <Table<T>
        rowKey="id"
        sticky
        size={density}
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
        columns={shown}
        {...table}
      />
      <Modal
        open={progress !== null}
        title={tt('exportTitle')}
        closable={false}
        maskClosable={false}
        footer={
          <Button
            onClick={() => {
              cancelled.current = true;
              setProgress(null);
            }}
          >
            {tt('cancel')}
          </Button>
        }
      >
        <div data-testid="export-progress">
          <Progress
            percent={progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0}
            status="active"
          />
          {progress && tt('exporting', { done: progress.done, total: progress.total })}
        </div>
      </Modal>
    </>
  );
}
