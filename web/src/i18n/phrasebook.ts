/**
 * What the app's phrasebooks share (api-text.ts for the API's refusals, engine-text.ts for the
 * engine's and the service's texts): English templates as the source writes them, each with its
 * bokmål; placeholders such as `{n}` or `{w}` compiled into an anchored regular expression; the
 * first template that matches a text as a whole and whose rendering knows its words wins; numbers
 * the bokmål way; and the fallback to English, marked so that the page can say so (lang="en").
 * Pure, so the phrasebooks are tested without a browser.
 */
import { LOCALE } from './format.ts';

/** The placeholders both phrasebooks write: `{n}` a number as JavaScript writes it, `{w}` one word. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '{n}': String.raw`(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`,
  '{w}': String.raw`(\S+)`,
};

/** A rendering: the bokmål of the values a template caught, or null when it does not know them. */
export type Render<C = void> = (values: string[], context: C) => string | null;

/** A template with its expression and its rendering. */
export interface Phrase<C = void> {
  template: string;
  pattern: RegExp;
  render: Render<C>;
}

/** The phrase that translated a text, what it made of it, and the context its rendering had. */
export interface Found<C = void> {
  template: string;
  text: string;
  context: C;
}

/**
 * A template as the source writes it, into an anchored expression: each `{…}` that `placeholders`
 * names stands for its group, everything else for itself.
 */
export function compile(template: string, placeholders: Readonly<Record<string, string>>): RegExp {
  const source = template
    .split(/(\{[^{}]*\})/)
    .map((part) =>
      Object.hasOwn(placeholders, part) ? placeholders[part]! : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 's');
}

/** [template, rendering] pairs, in the order they are tried, compiled. */
export function phrasesOf<C = void>(
  list: readonly (readonly [string, Render<C>])[],
  placeholders: Readonly<Record<string, string>>,
): readonly Phrase<C>[] {
  return list.map(([template, render]) => ({ template, pattern: compile(template, placeholders), render }));
}

/**
 * The first phrase whose template matches `text` as a whole and whose rendering gives a text, or
 * null. Each attempt renders with a fresh context (`context()`), so that what a rendering gathers
 * on the way (the templates it used inside) comes back from the phrase that won only.
 */
export function findPhrase<C = void>(
  phrases: readonly Phrase<C>[],
  text: string,
  context: () => C = () => undefined as C,
): Found<C> | null {
  for (const phrase of phrases) {
    const m = phrase.pattern.exec(text);
    if (!m) continue;
    const used = context();
    const out = phrase.render(m.slice(1), used);
    if (out) return { template: phrase.template, text: out, context: used };
  }
  return null;
}

/** A word looked up in a dictionary of bokmål words; null when the dictionary does not have it. */
export const wordOf = (
  dictionary: Readonly<Record<string, string>>,
  key: string | undefined,
): string | null => (key !== undefined && Object.hasOwn(dictionary, key) ? dictionary[key]! : null);

/** A text in the language: bokmål when `translate` knows it, else as it was written. */
export function inLanguage(
  translate: (text: string) => string | null,
  text: string,
  lang: 'nb' | 'en',
): string {
  return lang === 'nb' ? (translate(text) ?? text) : text;
}

/** inLanguage with the language of what it returns: `lang: 'en'` when bokmål fell back to English. */
export function withLanguage(
  translate: (text: string) => string | null,
  text: string,
  lang: 'nb' | 'en',
): { text: string; lang?: 'en' } {
  if (lang !== 'nb') return { text };
  const translated = translate(text);
  return translated === null ? { text, lang: 'en' } : { text: translated };
}

// ---- Numbers -------------------------------------------------------------------------------

const numberFormats = new Map<number, Intl.NumberFormat>();

/** How nbNumber reads a number. */
export interface NumberReading {
  /**
   * For the API's messages, which may hold any number a request held: only a number as JavaScript
   * writes it is formatted; an exponent form keeps its form with a decimal comma (`1.50e+9` →
   * `1,50e+9`), and a number of more than 15 digits (too long to hold exactly) or anything else
   * stays as written. Without it (the engine's texts, whose numbers the engine wrote), any text
   * JavaScript reads as a finite number is formatted in full, the minus sign U+2212 read as `-`.
   */
  asWritten?: boolean;
}

/**
 * A number as JavaScript writes it (`1234.5`, `-3`, `−0.11`) in bokmål, with as many decimals as
 * it was written with: `1 234,5`.
 */
export function nbNumber(text: string, { asWritten = false }: NumberReading = {}): string {
  if (asWritten) {
    if (/^-?\d+(?:\.\d+)?e[-+]?\d+$/.test(text)) return text.replace('.', ',');
    if (!/^-?\d+(?:\.\d+)?$/.test(text) || text.replace(/\D/g, '').length > 15) return text;
  }
  const value = Number(text.replace('\u2212', '-'));
  if (!Number.isFinite(value)) return text;
  const decimals = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
  let format = numberFormats.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat(LOCALE.nb, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(decimals, format);
  }
  return format.format(value);
}
