import { Alert, Button, Empty, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client.ts';

/** Loading, error (with the server's reason and each field) and empty states, the same everywhere. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip={t('state.loading')} />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : undefined;
  return (
    <Alert
      type="error"
      showIcon
      message={`${t('state.error')}${api ? ` · ${api.code}` : ''}`}
      description={
        <div>
          <div>{api?.message ?? String(error)}</div>
          {api?.details.map((d, i) => (
            <div key={i}>
              <code>{d.field}</code>: {d.rule}
              {d.expected ? ` — ${d.expected}` : ''}
              {d.actual ? ` (${d.actual})` : ''}
            </div>
          ))}
        </div>
      }
      action={onRetry && <Button onClick={onRetry}>{t('state.retry')}</Button>}
    />
  );
}

/** A failed action's error with space below it (`gap`, px); nothing while there is none. */
export function ActionError({ error, gap = 16 }: { error: unknown; gap?: number }) {
  if (error === null || error === undefined) return null;
  return (
    <div style={{ marginBottom: gap }}>
      <ErrorState error={error} />
    </div>
  );
}

export function EmptyState({ description }: { description?: string }) {
  const { t } = useTranslation();
  return <Empty description={description ?? t('state.empty')} />;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('notFound')} />;
}

/** 无权访问: a page of another role, opened by its address (the server would refuse its data too). */
export function Forbidden({ org }: { org: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<span data-testid="forbidden-title">{t('forbidden.title')}</span>}
      subTitle={t('forbidden.body', { org })}
      extra={
        <Link to="/">
          <Button type="primary">{t('forbidden.home')}</Button>
        </Link>
      }
    />
  );
}
