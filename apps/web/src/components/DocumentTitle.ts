import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The browser tab's title: "<page> - Crossgate 单一窗口" in the UI language, the app's name alone without a
 * page. The frames (signed-in layout, public layout, login) set it from the page the route shows, so a tab
 * list or the history says which page is which.
 */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.short');
  useEffect(() => {
    document.title = page ? `${page} - ${app}` : app;
  }, [page, app]);
}
