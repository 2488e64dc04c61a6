/**
 * Numbers, dates and units for a language, through Intl: `1 234,5 t/år` in bokmål, `1,234.5 t/yr`
 * in English. Pure, so it is tested without a browser.
 */
import { en, type MessageKey, nb } from './messages.ts';

export const LANGUAGES = ['en', 'nb'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LOCALE: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

const DICTIONARY = { en, nb } as const;

export type Vars = Record<string, string | number>;

export interface Format {
  language: Language;
  /** The text of `key`, its `{name}` marks filled in (numbers formatted). */
  t(key: MessageKey, vars?: Vars): string;
  /** At most `maximumFractionDigits` decimals (1 unless told). */
  number(value: number, maximumFractionDigits?: number): string;
  /** Exactly `digits` decimals: scores and other figures read down a column. */
  decimal(value: number, digits: number): string;
  /** A value and its unit as the API names it (t/yr, MWh/yr, m3/yr, m2, …), written for the language. */
  quantity(value: number, unit: string): string;
  /** An ISO date or timestamp as a date. */
  date(iso: string): string;
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export function unitLabel(unit: string, language: Language): string {
  const written = unit.replace(/\bm3\b/g, 'm³').replace(/\bm2\b/g, 'm²');
  return language === 'nb'
    ? written
        .replace(/\/yr\b/, '/år')
        .replace(/\/month\b/, '/mnd')
        .replace(/\/day\b/, '/døgn')
    : written;
}

export function createFormat(language: Language): Format {
  const locale = LOCALE[language];
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (digits: number, exact: boolean) => {
    const key = `${digits}${exact ? '=' : '<'}`;
    let f = numbers.get(key);
    if (f === undefined) {
      f = new Intl.NumberFormat(locale, {
        maximumFractionDigits: digits,
        ...(exact && { minimumFractionDigits: digits }),
      });
      numbers.set(key, f);
    }
    return f;
  };
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Oslo' });
  const number = (value: number, digits = 1) => numberFormat(digits, false).format(value);
  return {
    language,
    t(key, vars) {
      const text: string = DICTIONARY[language][key];
      if (vars === undefined) return text;
      return text.replace(/\{(\w+)\}/g, (mark, name: string) => {
        const value = vars[name];
        return value === undefined ? mark : typeof value === 'number' ? number(value) : value;
      });
    },
    number,
    decimal: (value, digits) => numberFormat(digits, true).format(value),
    quantity: (value, unit) => `${number(value)} ${unitLabel(unit, language)}`,
    date: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dates.format(d);
    },
  };
}
