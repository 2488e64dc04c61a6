/**
 * The user's language: chosen in the header, remembered in localStorage, guessed from the
 * browser the first time (bokmål for any Norwegian, English otherwise). Components read the
 * formatter of the current language with useI18n().
 */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { readStored, writeStored } from '../session/storage.ts';
import { createFormat, type Format, isLanguage, type Language } from './format.ts';

const LANGUAGE_KEY = 'symbiosis.language';

interface I18n extends Format {
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = readStored(LANGUAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = navigator.languages?.[0] ?? navigator.language ?? '';
  return /^(nb|nn|no)\b/i.test(browser) ? 'nb' : 'en';
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  // In the same commit as the texts (a layout effect, not one after the paint): a screen reader never
  // reads the new language's words under the old language's name.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
    document.title = createFormat(language).t('app.name');
  }, [language]);
  const value = useMemo<I18n>(
    () => ({
      ...createFormat(language),
      setLanguage(next) {
        writeStored(LANGUAGE_KEY, next);
        setLanguage(next);
      },
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
