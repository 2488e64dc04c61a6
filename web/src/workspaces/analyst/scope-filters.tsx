/**
 * The scope's controls: a region (the whole country, a county, or one of its municipalities, from
 * GET /taxonomy/regions), a resource kind and a period. Each change applies at once and lands in
 * the URL's fragment (scope.ts), so the back button and a shared link give the same view.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { type AnalystView, DEFAULT_VIEW, KINDS, type Kind, type Regions, regionTree } from './scope.ts';

export type { Regions };

export function ScopeFilters({
  view,
  regions,
  onChange,
}: {
  view: AnalystView;
  regions: Regions | null;
  onChange: (view: AnalystView) => void;
}) {
  const { t, language } = useI18n();
  const tree = regions ? regionTree(regions, language === 'nb' ? 'nb-NO' : 'en-GB') : [];
  const set = (patch: Partial<AnalystView>) => {
    const next: AnalystView = { ...view, ...patch };
    for (const key of ['region', 'kind', 'from', 'to'] as const) if (!next[key]) delete next[key];
    onChange(next);
  };
  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  return (
    <form class="scope" aria-labelledby="analyst-scope" onSubmit={(e) => e.preventDefault()}>
      <h2 id="analyst-scope">{t('analyst.scope')}</h2>
      <div class="scope-fields">
        <div class="field">
          <label for="analyst-region">{t('analyst.scopeRegion')}</label>
          <select
            id="analyst-region"
            value={view.region ?? ''}
            onChange={(e) => set({ region: value(e) || undefined })}
          >
            <option value="">{t('analyst.scopeAllRegions')}</option>
            {/* A region the list does not hold yet (still loading, or from a shared link) stays chosen. */}
            {view.region && !regions && <option value={view.region}>{view.region}</option>}
            {tree.map((county) => (
              <optgroup key={county.code} label={county.name}>
                <option value={county.code}>{t('analyst.scopeWholeCounty', { county: county.name })}</option>
                {county.municipalities.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="analyst-kind">{t('analyst.scopeKind')}</label>
          <select
            id="analyst-kind"
            value={view.kind ?? ''}
            onChange={(e) => set({ kind: (value(e) || undefined) as Kind | undefined })}
          >
            <option value="">{t('analyst.scopeAllKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="analyst-from">{t('analyst.scopeFrom')}</label>
          <input
            id="analyst-from"
            type="date"
            value={view.from ?? ''}
            max={view.to}
            onChange={(e) => set({ from: value(e) || undefined })}
          />
        </div>
        <div class="field">
          <label for="analyst-to">{t('analyst.scopeTo')}</label>
          <input
            id="analyst-to"
            type="date"
            value={view.to ?? ''}
            min={view.from}
            onChange={(e) => set({ to: value(e) || undefined })}
          />
        </div>
        <div class="field reset">
          <button type="button" class="secondary" onClick={() => onChange({ ...DEFAULT_VIEW })}>
            {t('analyst.scopeReset')}
          </button>
        </div>
      </div>
      <p class="note">{t('analyst.scopeShare')}</p>
    </form>
  );
}
