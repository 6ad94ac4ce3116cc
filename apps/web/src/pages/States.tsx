import { Alert, Button, Empty, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { clerkDetail, ERROR_CODES, type ErrorCode } from '@crossgate/contract';
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
  const { t, i18n } = useTranslation();
  const api = error instanceof ApiError ? error : undefined;
  const lng = i18n.language === 'en' ? 'en' : 'zh-CN';
  // Said for a clerk in one language (what, where, how to fix); codes, patterns and limits behind "technical detail".
  const details = (api?.details ?? []).map((d) => clerkDetail(d, lng));
  const technical = api
    ? [
        `code: ${api.code} (HTTP ${api.status})`,
        ...(api.requestId ? [`requestId: ${api.requestId}`] : []),
        ...(api?.details ?? []).flatMap((_, i) => (details[i]?.technical ?? []).map((x) => `#${i + 1} ${x}`)),
      ]
    : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-state"
      title={
        // The code's text in the UI language (the server's message is in the language of the request, which
        // may have been sent before the user switched), falling back to the server's message.
        api
          ? api.code in ERROR_CODES
            ? ERROR_CODES[api.code as ErrorCode][lng === 'en' ? 'en' : 'zh']
            : api.message
          : t('state.error')
      }
      description={
        <div>
          {!api && <div>{String(error)}</div>}
          {details.length > 0 && (
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} data-testid="error-details">
              {details.map((d, i) => (
                <li key={i} data-testid="error-detail">
                  {d.where !== undefined && (
                    <>
                      <strong>{d.where}</strong>
                      {lng === 'en' ? ': ' : '：'}
                    </>
                  )}
                  {d.text}
                </li>
              ))}
            </ul>
          )}
          {technical.length > 0 && (
            <details data-testid="error-technical" style={{ marginTop: 4 }}>
              <summary style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.45)' }}>
                {t('state.technical')}
              </summary>
              <pre
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12, margin: '4px 0 0' }}
              >
                {technical.join('\n')}
              </pre>
            </details>
          )}
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
