/** Number formatting of the dashboard: 万 / 亿 for large Chinese amounts (grouped digits: ../../format.ts). */
import { localeOf } from '../../format.ts';

/** An amount (decimal string or number) shortened for a big screen: 3.00亿 / 2.5万 / 1,234.5; 3.0bn / 2.5m. */
export function fmtAmount(value: string | number, lang: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  const abs = Math.abs(n);
  if (lang === 'en') {
    if (abs >= 1e9) return `${trim(n / 1e9)}bn`;
    if (abs >= 1e6) return `${trim(n / 1e6)}m`;
    return n.toLocaleString(localeOf(lang), { maximumFractionDigits: 2 });
  }
  if (abs >= 1e8) return `${trim(n / 1e8)}亿`;
  if (abs >= 1e4) return `${trim(n / 1e4)}万`;
  return n.toLocaleString(localeOf(lang), { maximumFractionDigits: 2 });
}

const trim = (n: number) => n.toFixed(2).replace(/\.?0+$/, '');

/** A duration in seconds as seconds, minutes or hours with one decimal. */
export function durationParts(seconds: number): { value: string; unit: 'seconds' | 'minutes' | 'hours' } {
  if (seconds < 60) return { value: seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1), unit: 'seconds' };
  if (seconds < 3600) return { value: (seconds / 60).toFixed(1), unit: 'minutes' };
  return { value: (seconds / 3600).toFixed(1), unit: 'hours' };
}

/** Units of the zone targets as the English UI writes them. */
export const unitEn = (unit: string) => ({ 个: '', 家: '', 元: ' CNY' })[unit] ?? ` ${unit}`;
