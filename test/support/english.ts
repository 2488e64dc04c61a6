/**
 * What the bokmål tests of the browser look for: the app's English texts left on a page where
 * bokmål is chosen, and texts the phrasebooks left in English (marked lang="en").
 */
import type { Page } from 'playwright-core';
import { en, nb } from '../../web/src/i18n/messages.ts';

/** The app's texts whose English differs from their bokmål (those without values in them). */
export const ENGLISH_ONLY: ReadonlySet<string> = new Set(
  (Object.keys(en) as (keyof typeof en)[])
    .filter((k) => en[k] !== nb[k] && !en[k].includes('{'))
    .map((k): string => en[k]),
);

/** The English of texts with values in them whose key starts with `prefix`, as patterns. */
export function englishPatterns(prefix: string): RegExp[] {
  return (Object.keys(en) as (keyof typeof en)[])
    .filter((k) => k.startsWith(prefix) && en[k].includes('{') && en[k] !== nb[k])
    .map(
      (k) =>
        new RegExp(
          en[k]
            .split(/\{\w+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.+'),
        ),
    );
}

/**
 * The English texts shown, once each: the whole text of each element `selector` finds that is
 * one of ENGLISH_ONLY or matches one of `patterns`.
 */
export async function englishShown(
  page: Page,
  selector: string,
  patterns: readonly RegExp[] = [],
): Promise<string[]> {
  const texts = (await page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent.trim())`,
  )) as string[];
  return [...new Set(texts.filter((text) => ENGLISH_ONLY.has(text) || patterns.some((p) => p.test(text))))];
}

/** Texts in the page's main part that a phrasebook left in English (marked lang="en"). */
export const markedEnglish = (page: Page) =>
  page.evaluate(
    `[...document.querySelectorAll('main [lang="en"]')].map((e) => e.textContent.trim()).filter(Boolean)`,
  ) as Promise<string[]>;
