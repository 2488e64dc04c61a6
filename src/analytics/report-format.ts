/**
 * Text of the analytics report: HTML escaping of everything a caller passes, and numbers, units
 * and dates formatted the same way on every run (Intl with a fixed locale, en-GB or nb-NO; no
 * clock, no time zone but UTC).
 */
import type { Language } from './report-labels.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface Format {
  /** A measured or estimated amount: whole above 100, one decimal above 1, two significant digits below. */
  amount(value: number): string;
  /** A whole count. */
  count(value: number): string;
  /** A ratio as a percentage, one decimal at most. */
  percent(ratio: number): string;
  /** A plain number with exactly `digits` decimals. */
  fixed(value: number, digits: number): string;
  /** An ISO date-time as `YYYY-MM-DD HH:MM UTC` (a bare date as itself); text that is neither as given. */
  dateTime(iso: string): string;
  /** A unit as printed: `m3/yr` → `m³/yr`, and `/år` in Norwegian. */
  unit(unit: string): string;
}

const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

export function formatFor(language: Language): Format {
  const locale = LOCALES[language];
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
    let f = cache.get(key);
    if (f === undefined) {
      f = new Intl.NumberFormat(locale, options);
      cache.set(key, f);
    }
    return f;
  };
  const whole = nf('0', { maximumFractionDigits: 0 });
  const one = nf('1', { maximumFractionDigits: 1 });
  const small = nf('s', { maximumSignificantDigits: 2 });
  const percent = nf('%', { style: 'percent', maximumFractionDigits: 1 });
  return {
    amount(value) {
      if (!Number.isFinite(value)) return '–';
      const abs = Math.abs(value);
      return (abs >= 100 ? whole : abs >= 1 ? one : small).format(value);
    },
    count: (value) => (Number.isFinite(value) ? whole.format(value) : '–'),
    percent: (ratio) => (Number.isFinite(ratio) ? percent.format(ratio) : '–'),
    fixed: (value, digits) =>
      nf(`f${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    dateTime(iso) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return iso;
      const text = new Date(ms).toISOString();
      return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
    },
    unit(unit) {
      const pretty = unit.replace(/m3/g, 'm³').replace(/m2/g, 'm²').replace(/CO2e/g, 'CO₂e');
      return language === 'nb' ? pretty.replace(/\/yr\b/g, '/år') : pretty;
    },
  };
}
