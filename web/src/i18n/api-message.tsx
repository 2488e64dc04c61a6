/**
 * A text the API wrote (an error's message or a detail's), in the user's language: bokmål through
 * the phrasebook of api-text.ts; a text it does not know stays English and is marked so.
 */
import { apiTextOf } from './api-text.ts';
import { useI18n } from './i18n.tsx';

export function ApiMessage({ text }: { text: string | undefined }) {
  const { language } = useI18n();
  if (text === undefined || text === '') return null;
  const shown = apiTextOf(text, language);
  return <span lang={shown.lang}>{shown.text}</span>;
}
