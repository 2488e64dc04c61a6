/**
 * "Companies like yours usually have…" for a company with no listings (GET /companies/{id}/prompts):
 * each prompt with its basis, written in the reader's language from the answer's structured fields,
 * and a button that opens the listing form filled in from the prompt's draft.
 */
import { type Api, dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Draft } from './listing-input.ts';
import { type Prompt, promptText } from './prompt-text.ts';

/** A prompt's key: what it is about, which the answer names once. */
const keyOf = (p: Prompt) =>
  p.type === 'excess-heat' ? 'heat' : `${p.direction}-${p.by}-${p.category?.id ?? p.wasteCode?.code}`;

export function CompanyPrompts({
  api,
  companyId,
  canStart,
  noSite,
  onStart,
}: {
  api: Api;
  companyId: string;
  /** Whether a listing can be started: the company's sites are read and there is one. */
  canStart: boolean;
  /** The company's sites are read and there is none: say why the buttons are off. */
  noSite: boolean;
  onStart: (draft: Draft, title: string) => void;
}) {
  const format = useI18n();
  const { t, language } = format;
  const [prompts] = useResource(
    async (signal) =>
      dataOf(await api.GET('/companies/{id}/prompts', { params: { path: { id: companyId } }, signal })),
    [api, companyId],
  );
  // Prompts are a help, not the page: while they load or if they cannot be read, nothing shows.
  if (prompts.state !== 'ready' || prompts.data.prompts.length === 0) return null;
  const { division, prompts: items } = prompts.data;
  const headingId = `prompts-${companyId}`;
  const hintId = `prompts-no-site-${companyId}`;
  return (
    <section class="prompts" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('business.prompts.title')}</h3>
      <p>
        {t('business.prompts.intro', {
          division: division.code,
          title: language === 'nb' && division.titleNb ? division.titleNb : division.title,
        })}
      </p>
      {noSite && (
        <p id={hintId} class="hint">
          {t('business.listing.needsSite')}
        </p>
      )}
      <ul class="prompt-list">
        {items.map((p) => {
          const text = promptText(p, format);
          return (
            <li key={keyOf(p)} class="prompt-card">
              <h4>{text.line}</h4>
              <p class="meta">{text.basis}</p>
              <button
                type="button"
                class="secondary"
                aria-label={t('business.prompts.useOf', { title: text.draftTitle })}
                aria-describedby={noSite ? hintId : undefined}
                disabled={!canStart}
                onClick={() => onStart(p.draft, text.draftTitle)}
              >
                {t('business.prompts.use')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
