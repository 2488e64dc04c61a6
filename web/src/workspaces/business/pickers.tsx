/**
 * The material pickers of the listing form: List of Waste codes found by code or words of either
 * language (with "did you mean" when nothing matches), and a material category that says what it
 * covers. Texts are shown in the UI language.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import { LOCALE } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldError, type FormErrors, Hint } from './fields.tsx';
import { inputId } from './form-errors.ts';
import { inLanguage, loadCategories, loadWasteCodes, type MaterialCategory } from './taxonomy.ts';
import { searchWasteCodes, type WasteCode } from './waste-search.ts';

function useLoaded<T>(load: () => Promise<T>): T | 'loading' | 'failed' {
  const [state, setState] = useState<T | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setState(v),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function WasteCodePicker({
  api,
  errors,
  codes,
  onChange,
  allowPrefixes,
}: {
  api: Api;
  errors: FormErrors;
  codes: readonly string[];
  onChange: (codes: string[]) => void;
  /** A need may name chapters (2 digits) and sub-chapters (4 digits); an offer only whole codes. */
  allowPrefixes: boolean;
}) {
  const { t, language } = useI18n();
  const path = 'material.wasteCodes';
  const list = useLoaded(() => loadWasteCodes(api));
  const [query, setQuery] = useState('');
  const byCode = useMemo(() => new Map(typeof list === 'object' ? list.map((w) => [w.code, w]) : []), [list]);
  const found = useMemo(
    () =>
      typeof list === 'object'
        ? searchWasteCodes(list, query, 15, language)
        : { matches: [], didYouMean: [] },
    [list, query, language],
  );
  const digits = query.replace(/[\s*]/g, '');
  const prefix = allowPrefixes && /^(\d{2}|\d{4})$/.test(digits) && !codes.includes(digits) ? digits : null;
  const add = (code: string) => {
    if (!codes.includes(code)) onChange([...codes, code]);
    setQuery('');
    document.getElementById(inputId(errors.form, path))?.focus();
  };
  const text = (w: WasteCode) => inLanguage(language, w.description, w.descriptionNb);
  const describe = (code: string) => {
    const w = byCode.get(code);
    return w ? text(w) : undefined;
  };
  const statusId = `${inputId(errors.form, path)}-status`;
  return (
    <div class="field picker">
      <label for={inputId(errors.form, path)}>{t('business.waste.search')}</label>
      {codes.length > 0 && (
        <ul class="chosen" aria-label={t('business.waste.chosen')}>
          {codes.map((code) => (
            <li key={code}>
              <span>
                <strong>{code}</strong> <span>{describe(code) ?? ''}</span>
                {byCode.get(code)?.hazardous && <span class="badge">{t('business.waste.hazardous')}</span>}
              </span>
              <button
                type="button"
                class="secondary"
                aria-label={t('business.waste.remove', { code })}
                onClick={() => onChange(codes.filter((c) => c !== code))}
              >
                {t('business.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        {...errors.attrs(path, true)}
        type="search"
        autocomplete="off"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter adds the only match rather than submitting the form.
          if (e.key === 'Enter') {
            e.preventDefault();
            if (found.matches.length === 1) add(found.matches[0]!.code);
            else if (prefix) add(prefix);
          }
        }}
      />
      <Hint errors={errors} path={path}>
        {allowPrefixes ? t('business.waste.hintNeed') : t('business.waste.hintOffer')}
      </Hint>
      <FieldError errors={errors} path={path} />
      <p id={statusId} class="status" role="status">
        {list === 'loading' && query !== '' && t('app.loading')}
        {list === 'failed' && t('business.waste.failed')}
        {typeof list === 'object' &&
          query.trim() !== '' &&
          (found.matches.length > 0
            ? found.matches.length === 1
              ? t('business.waste.foundOne')
              : t('business.waste.found', { count: found.matches.length })
            : t('business.waste.none'))}
      </p>
      {found.didYouMean.length > 0 && (
        <p class="did-you-mean">
          {t('business.waste.didYouMean')}{' '}
          {found.didYouMean.map((s) => (
            <button key={s} type="button" class="link" onClick={() => setQuery(s)}>
              {s}
            </button>
          ))}
        </p>
      )}
      {(found.matches.length > 0 || prefix) && (
        <ul class="results" aria-label={t('business.waste.results')}>
          {prefix && (
            <li>
              <button type="button" class="result" onClick={() => add(prefix)}>
                {t('business.waste.addPrefix', { prefix })}
              </button>
            </li>
          )}
          {found.matches.map((w: WasteCode) => (
            <li key={w.code}>
              <button
                type="button"
                class="result"
                disabled={codes.includes(w.code)}
                onClick={() => add(w.code)}
              >
                <strong>{w.code}</strong> <span>{text(w)}</span>
                {w.hazardous && <span class="badge">{t('business.waste.hazardous')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CategoryPicker({
  api,
  errors,
  value,
  onChange,
}: {
  api: Api;
  errors: FormErrors;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t, language } = useI18n();
  const path = 'material.category';
  const list = useLoaded(() => loadCategories(api));
  const name = (c: MaterialCategory) => inLanguage(language, c.name, c.nameNb);
  const description = (c: MaterialCategory) => inLanguage(language, c.description, c.descriptionNb);
  const categories: MaterialCategory[] = useMemo(
    () =>
      typeof list === 'object'
        ? [...list].sort((a, b) => name(a).localeCompare(name(b), LOCALE[language]))
        : [],
    [list, language],
  );
  const chosen = categories.find((c) => c.id === value);
  return (
    <div class="field">
      <label for={inputId(errors.form, path)}>{t('business.material.category')}</label>
      <select {...errors.attrs(path, true)} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('business.material.noCategory')}</option>
        {value !== '' && chosen === undefined && <option value={value}>{value}</option>}
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {name(c)}
          </option>
        ))}
      </select>
      <Hint errors={errors} path={path}>
        {chosen ? (
          <>
            <span>{description(chosen)}</span>{' '}
            {t('business.material.covers', { codes: chosen.wasteCodePrefixes.join(', ') })}
          </>
        ) : (
          t('business.material.categoryHint')
        )}
      </Hint>
      <FieldError errors={errors} path={path} />
      {categories.length > 0 && (
        <details class="categories">
          <summary>{t('business.material.allCategories')}</summary>
          <dl>
            {categories.map((c) => (
              <div key={c.id}>
                <dt>{name(c)}</dt>
                <dd>
                  <span>{description(c)}</span>{' '}
                  {t('business.material.covers', { codes: c.wasteCodePrefixes.join(', ') })}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}
