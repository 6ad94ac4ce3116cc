import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import common from './locales/common.ts';

export type Language = 'zh-CN' | 'en';
const STORAGE = 'crossgate.lng';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE) : null;
export const initialLanguage: Language = saved === 'en' ? 'en' : 'zh-CN';
setApiLanguage(initialLanguage);

/**
 * react-i18next with Chinese by default and English second. Each area of the app brings its own namespace
 * (`registerTexts`), so areas can be developed without touching one shared file.
 */
void i18n.use(initReactI18next).init({
  lng: initialLanguage,
  fallbackLng: 'zh-CN',
  resources: { 'zh-CN': { common: common['zh-CN'] }, en: { common: common.en } },
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

export function registerTexts(
  ns: string,
  texts: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> },
) {
  i18n.addResourceBundle('zh-CN', ns, texts['zh-CN'], true, true);
  i18n.addResourceBundle('en', ns, texts.en, true, true);
}

export function switchLanguage(lng: Language) {
  localStorage.setItem(STORAGE, lng);
  setApiLanguage(lng);
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export default i18n;
