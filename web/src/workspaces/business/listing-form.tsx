/**
 * Registering (POST /listings) or changing (PATCH /listings/{id}) a listing of any of the four
 * kinds, with the fields of the API's ListingInput: units offered per kind (the domain's own unit
 * table), temperatures, power and a monthly and hourly profile for energy, waste codes and a
 * category for materials. The form sends what was typed (noValidate) and shows the API's answer:
 * each problem next to the field its path names.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ListingInputSchema } from '../../../../src/domain/listing.ts';
import {
  ANIMAL_BY_PRODUCT_CATEGORIES,
  CONFIDENTIALITIES,
  CONTINUITIES,
  ENERGY_CARRIERS,
  LAND_FACILITIES,
  LAND_USES,
  LISTING_KINDS,
  PHYSICAL_FORMS,
  WASTE_STATUSES,
  WATER_QUALITIES,
  WATER_TYPES,
} from '../../../../src/domain/listing-kinds.ts';
import { isRateUnit } from '../../../../src/domain/units.ts';
import { type Api, dataOf, type Schemas } from '../../api/client.ts';
import { schemaProblems } from '../../forms/schema-check.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { ErrorSummary, Field, FieldError, type FormErrors, problemsOf, useFormErrors } from './fields.tsx';
import {
  type Draft,
  draftState,
  HEAT_PUMP_SOURCE_CARRIERS,
  initialState,
  type Kind,
  type Listing,
  needsPeriod,
  PERIODS,
  type Site,
  type State,
  toInput,
  unitsFor,
  unreadable,
} from './listing-input.ts';
import { CategoryPicker, WasteCodePicker } from './pickers.tsx';
import { inLanguage, type LoadProfile, loadProfiles } from './taxonomy.ts';

export type Saved = Schemas['ListingWithSuggestions'];

const FIELDS = [
  'siteId',
  'direction',
  'kind',
  'title',
  'description',
  'quantity.value',
  'quantity.unit',
  'quantity.period',
  'quantity.operatingHours',
  'availableFrom',
  'availableTo',
  'continuity',
  'maxDistanceKm',
  'currentCost.nokPerUnit',
  'confidentiality',
  'material',
  'material.wasteCodes',
  'material.category',
  'material.form',
  'material.purityPct',
  'material.moisturePct',
  'material.contaminants',
  'material.acceptsHazardous',
  'material.formRequired',
  'energy.heatPumpSource',
  'water.treatsOnSite',
  'material.animalByProductCategory',
  'material.wasteStatus',
  'material.acceptsWaste',
  'energy',
  'energy.carrier',
  'energy.supplyTemperatureC',
  'energy.returnTemperatureC',
  'energy.powerKw',
  'energy.monthlyProfile',
  'energy.hourlyProfile',
  'water',
  'water.type',
  'water.quality',
  'water.temperatureC',
  'land',
  'land.landUse',
  'land.zoning',
  'land.facilities',
];

export function ListingForm({
  api,
  sites,
  listing,
  draft,
  onSaved,
  onCancel,
}: {
  api: Api;
  sites: readonly Site[];
  /** The listing to change; none for a new one. */
  listing?: Listing;
  /** A new listing's start from a prompt (GET /companies/{id}/prompts), titled in the reader's language. */
  draft?: { input: Draft; title: string };
  onSaved: (saved: Saved) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [s, setS] = useState<State>(() =>
    draft && !listing ? draftState(sites, draft.input, draft.title) : initialState(sites, listing),
  );
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors('listing', FIELDS);
  const set = <K extends keyof State>(key: K, value: State[K]) => setS((old) => ({ ...old, [key]: value }));
  const [profiles, setProfiles] = useState<LoadProfile[]>([]);
  useEffect(() => {
    loadProfiles(api).then(setProfiles, () => setProfiles([]));
  }, [api]);
  const months = useMemo(() => {
    const f = new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', { month: 'long' });
    return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2025, i, 15))));
  }, [language]);

  const labels: Record<string, string> = {
    siteId: t('business.listing.site'),
    direction: t('listing.direction'),
    kind: t('listing.kind'),
    title: t('listing.title'),
    description: t('business.listing.description'),
    'quantity.value': t('listing.quantity'),
    'quantity.unit': t('business.listing.unit'),
    'quantity.period': t('business.listing.period'),
    'quantity.operatingHours': t('business.listing.operatingHours'),
    availableFrom: t('listing.availableFrom'),
    availableTo: t('business.listing.availableTo'),
    continuity: t('business.listing.continuity'),
    maxDistanceKm: t('business.listing.maxDistance'),
    'currentCost.nokPerUnit': t('business.listing.currentCost'),
    confidentiality: t('listing.confidentiality'),
    material: t('kind.material'),
    'material.wasteCodes': t('business.waste.search'),
    'material.category': t('business.material.category'),
    'material.form': t('business.material.form'),
    'material.purityPct': t('business.material.purity'),
    'material.moisturePct': t('business.material.moisture'),
    'material.contaminants': t('business.material.contaminants'),
    'material.acceptsHazardous': t('business.material.acceptsHazardous'),
    'material.formRequired': t('business.material.formRequired'),
    'energy.heatPumpSource': t('business.energy.heatPumpSource'),
    'water.treatsOnSite': t('business.water.treatsOnSite'),
    'material.animalByProductCategory': t('business.material.abp'),
    'material.wasteStatus': t('business.material.wasteStatus'),
    'material.acceptsWaste': t('business.material.acceptsWaste'),
    energy: t('kind.energy'),
    'energy.carrier': t('business.energy.carrier'),
    'energy.supplyTemperatureC': t('business.energy.supply'),
    'energy.returnTemperatureC': t('business.energy.return'),
    'energy.powerKw': t('business.energy.power'),
    'energy.monthlyProfile': t('business.energy.monthly'),
    'energy.hourlyProfile': t('business.energy.hourly'),
    water: t('kind.water'),
    'water.type': t('business.water.type'),
    'water.quality': t('business.water.quality'),
    'water.temperatureC': t('business.water.temperature'),
    land: t('kind.land'),
    'land.landUse': t('business.land.use'),
    'land.zoning': t('business.land.zoning'),
    'land.facilities': t('business.land.facilities'),
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const local = unreadable(s);
    if (local.length > 0) {
      errors.setLocal(local.map((p) => ({ ...p, message: t('business.form.notANumber') })));
      return;
    }
    const input = toInput(s);
    // The API's own schema first (a changed listing is checked whole, as the API checks the merge).
    const problems = schemaProblems(ListingInputSchema, input);
    if (problems.length > 0) {
      errors.set(problems);
      return;
    }
    setBusy(true);
    try {
      let saved: Saved;
      if (listing) {
        const { kind: _kind, ...patch } = input;
        saved = dataOf(
          await api.PATCH('/listings/{id}', {
            params: { path: { id: listing.id } },
            body: patch,
            ...(listing.version !== undefined ? { headers: { 'If-Match': `"${listing.version}"` } } : {}),
          }),
        );
      } else {
        saved = dataOf(await api.POST('/listings', { body: input }));
      }
      errors.clear();
      onSaved(saved);
    } catch (error) {
      errors.set(problemsOf(error), error);
    } finally {
      setBusy(false);
    }
  };

  const input = (
    path: string,
    key: keyof State,
    {
      type = 'text',
      decimal = false,
      hint,
    }: { type?: 'text' | 'date'; decimal?: boolean; hint?: string } = {},
  ) => (
    <Field errors={errors} path={path} label={labels[path]!} hint={hint}>
      {(attrs) => (
        <input
          {...attrs}
          type={type as 'text'}
          inputMode={decimal ? 'decimal' : undefined}
          autocomplete="off"
          value={s[key] as string}
          onInput={(e) => set(key, e.currentTarget.value as never)}
        />
      )}
    </Field>
  );
  const numberInput = (path: string, key: keyof State, hint?: string) =>
    input(path, key, { decimal: true, ...(hint ? { hint } : {}) });
  const checkbox = (path: string, key: 'formRequired' | 'heatPumpSource' | 'treatsOnSite') => (
    <div class="field check">
      <input
        {...errors.attrs(path)}
        type="checkbox"
        checked={s[key]}
        onChange={(e) => set(key, e.currentTarget.checked)}
      />
      <label for={errors.attrs(path).id}>{labels[path]}</label>
      <FieldError errors={errors} path={path} />
    </div>
  );
  const select = (
    path: string,
    key: keyof State,
    options: readonly string[],
    label: (o: string) => string,
    opts: { empty?: string; disabled?: boolean; hint?: string } = {},
  ) => (
    <Field errors={errors} path={path} label={labels[path]!} hint={opts.hint}>
      {(attrs) => (
        <select
          {...attrs}
          value={s[key] as string}
          disabled={opts.disabled}
          onChange={(e) => set(key, e.currentTarget.value as never)}
        >
          {opts.empty !== undefined && <option value="">{opts.empty}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {label(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const option = (prefix: string) => (o: string) => t(`${prefix}.${o}` as MessageKey);
  const units = unitsFor(s.kind);
  // The listing's own profile stays choosable while the list loads (or if it is no longer shipped).
  const profileOptions = profiles.map((p) => p.id);
  if (s.hourlyProfile && !profileOptions.includes(s.hourlyProfile)) profileOptions.unshift(s.hourlyProfile);
  const profileLabel = (id: string) => {
    const p = profiles.find((x) => x.id === id);
    return p ? inLanguage(language, p.label, p.labelNb) : id;
  };
  const unitOptions = units.includes(s.unit) ? units : [s.unit, ...units];

  return (
    <form class="listing-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={labels} />
      <fieldset>
        <legend>{t('business.listing.what')}</legend>
        <div class="grid">
          {select('direction', 'direction', ['offer', 'need'], option('direction'))}
          <Field errors={errors} path="kind" label={labels['kind']!}>
            {(attrs) => (
              <select
                {...attrs}
                value={s.kind}
                disabled={listing !== undefined}
                onChange={(e) => {
                  const kind = e.currentTarget.value as Kind;
                  setS((old) => ({
                    ...old,
                    kind,
                    unit: unitsFor(kind)[0]!,
                    period: kind === 'land' ? '' : 'year',
                  }));
                }}
              >
                {LISTING_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {select(
            'siteId',
            'siteId',
            sites.map((site) => site.id),
            (id) => {
              const site = sites.find((x) => x.id === id);
              return site?.name ?? site?.address ?? id;
            },
          )}
        </div>
        {input('title', 'title', { hint: t('business.listing.titleHint') })}
        <Field errors={errors} path="description" label={labels['description']!}>
          {(attrs) => (
            <textarea
              {...attrs}
              rows={3}
              value={s.description}
              onInput={(e) => set('description', e.currentTarget.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('business.listing.howMuch')}</legend>
        <div class="grid">
          {numberInput('quantity.value', 'value')}
          <Field errors={errors} path="quantity.unit" label={labels['quantity.unit']!}>
            {(attrs) => (
              <select {...attrs} value={s.unit} onChange={(e) => set('unit', e.currentTarget.value)}>
                {unitOptions.map((u) => (
                  <option key={u} value={u}>
                    {u.replace('m3', 'm³').replace('m2', 'm²')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {needsPeriod(s.kind, s.unit) &&
            select('quantity.period', 'period', PERIODS, option('business.period'))}
          {isRateUnit(s.kind, s.unit) &&
            numberInput(
              'quantity.operatingHours',
              'operatingHours',
              t('business.listing.operatingHoursHint'),
            )}
        </div>
        <div class="grid">
          {input('availableFrom', 'availableFrom', { type: 'date' })}
          {input('availableTo', 'availableTo', { type: 'date' })}
          {select('continuity', 'continuity', CONTINUITIES, option('business.continuity'))}
          {numberInput('maxDistanceKm', 'maxDistanceKm', t('business.listing.maxDistanceHint'))}
          {numberInput(
            'currentCost.nokPerUnit',
            'currentCost',
            t(
              s.direction === 'need'
                ? 'business.listing.currentCostNeedHint'
                : 'business.listing.currentCostOfferHint',
            ),
          )}
        </div>
        {select('confidentiality', 'confidentiality', CONFIDENTIALITIES, option('confidentiality'), {
          hint: t(`business.confidentiality.${s.confidentiality}Hint` as MessageKey),
        })}
      </fieldset>

      {s.kind === 'material' && (
        <fieldset>
          <legend>{t('business.material.legend')}</legend>
          <FieldError errors={errors} path="material" />
          <WasteCodePicker
            api={api}
            errors={errors}
            codes={s.wasteCodes}
            onChange={(codes) => set('wasteCodes', codes)}
            allowPrefixes={s.direction === 'need'}
          />
          <CategoryPicker api={api} errors={errors} value={s.category} onChange={(c) => set('category', c)} />
          <div class="grid">
            {select('material.form', 'form', PHYSICAL_FORMS, option('business.physical'), {
              empty: t('business.notGiven'),
            })}
            {numberInput('material.purityPct', 'purityPct')}
            {numberInput('material.moisturePct', 'moisturePct')}
          </div>
          {input('material.contaminants', 'contaminants', { hint: t('business.material.contaminantsHint') })}
          {s.direction === 'need' && checkbox('material.formRequired', 'formRequired')}
          {s.direction === 'need' && (
            <div class="field check">
              <input
                {...errors.attrs('material.acceptsHazardous')}
                type="checkbox"
                checked={s.acceptsHazardous}
                onChange={(e) => set('acceptsHazardous', e.currentTarget.checked)}
              />
              <label for={errors.attrs('material.acceptsHazardous').id}>
                {labels['material.acceptsHazardous']}
              </label>
              <FieldError errors={errors} path="material.acceptsHazardous" />
            </div>
          )}
          {s.direction === 'need' &&
            select(
              'material.acceptsWaste',
              'acceptsWaste',
              ['true', 'false'],
              option('business.material.acceptsWaste'),
              {
                empty: t('business.notGiven'),
                hint: t('business.material.acceptsWasteHint'),
              },
            )}
          {s.direction === 'offer' && (
            <div class="grid">
              {select(
                'material.wasteStatus',
                'wasteStatus',
                WASTE_STATUSES,
                option('business.material.wasteStatus'),
                {
                  empty: t('business.notGiven'),
                  hint: t('business.material.wasteStatusHint'),
                },
              )}
              {select(
                'material.animalByProductCategory',
                'animalByProductCategory',
                ANIMAL_BY_PRODUCT_CATEGORIES.map(String),
                option('business.material.abp'),
                { empty: t('business.notGiven'), hint: t('business.material.abpHint') },
              )}
            </div>
          )}
        </fieldset>
      )}

      {s.kind === 'energy' && (
        <fieldset>
          <legend>{t('business.energy.legend')}</legend>
          <FieldError errors={errors} path="energy" />
          <div class="grid">
            {select('energy.carrier', 'carrier', ENERGY_CARRIERS, option('business.carrier'))}
            {numberInput('energy.supplyTemperatureC', 'supplyTemperatureC')}
            {numberInput('energy.returnTemperatureC', 'returnTemperatureC')}
            {numberInput('energy.powerKw', 'powerKw')}
          </div>
          {s.direction === 'need' &&
            HEAT_PUMP_SOURCE_CARRIERS.has(s.carrier) &&
            checkbox('energy.heatPumpSource', 'heatPumpSource')}
          {select('energy.hourlyProfile', 'hourlyProfile', profileOptions, profileLabel, {
            empty: t('business.notGiven'),
            hint: t('business.energy.hourlyHint'),
          })}
          <fieldset
            class="months"
            aria-describedby="listing-energy-monthlyProfile-hint listing-energy-monthlyProfile-error"
          >
            <legend>{labels['energy.monthlyProfile']}</legend>
            <p id="listing-energy-monthlyProfile-hint" class="hint">
              {t('business.energy.monthlyHint')}
            </p>
            <div class="month-grid">
              {months.map((month, i) => (
                <div key={month} class="field">
                  <label for={i === 0 ? 'listing-energy-monthlyProfile' : `listing-month-${i}`}>
                    {month}
                  </label>
                  <input
                    id={i === 0 ? 'listing-energy-monthlyProfile' : `listing-month-${i}`}
                    type="text"
                    inputMode="decimal"
                    autocomplete="off"
                    aria-invalid={errors.placed.byField.has('energy.monthlyProfile') || undefined}
                    aria-describedby="listing-energy-monthlyProfile-error"
                    value={s.monthly[i]}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setS((old) => ({ ...old, monthly: old.monthly.map((m, j) => (j === i ? value : m)) }));
                    }}
                  />
                </div>
              ))}
            </div>
            <FieldError errors={errors} path="energy.monthlyProfile" />
          </fieldset>
        </fieldset>
      )}

      {s.kind === 'water' && (
        <fieldset>
          <legend>{t('business.water.legend')}</legend>
          <FieldError errors={errors} path="water" />
          <div class="grid">
            {select('water.type', 'waterType', WATER_TYPES, option('business.waterType'))}
            {select('water.quality', 'quality', WATER_QUALITIES, option('business.quality'), {
              empty: t('business.notGiven'),
            })}
            {numberInput('water.temperatureC', 'temperatureC')}
          </div>
          {s.direction === 'need' && checkbox('water.treatsOnSite', 'treatsOnSite')}
        </fieldset>
      )}

      {s.kind === 'land' && (
        <fieldset>
          <legend>{t('business.land.legend')}</legend>
          <FieldError errors={errors} path="land" />
          <div class="grid">
            {select('land.landUse', 'landUse', LAND_USES, option('business.landUse'))}
            {input('land.zoning', 'zoning')}
          </div>
          <fieldset aria-describedby="listing-land-facilities-error">
            <legend>{labels['land.facilities']}</legend>
            <div class="checks">
              {LAND_FACILITIES.map((f, i) => (
                <div key={f} class="check">
                  <input
                    id={i === 0 ? 'listing-land-facilities' : `listing-facility-${f}`}
                    type="checkbox"
                    checked={s.facilities.includes(f)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setS((old) => ({
                        ...old,
                        facilities: on ? [...old.facilities, f] : old.facilities.filter((x) => x !== f),
                      }));
                    }}
                  />
                  <label for={i === 0 ? 'listing-land-facilities' : `listing-facility-${f}`}>
                    {t(`business.facility.${f}` as MessageKey)}
                  </label>
                </div>
              ))}
            </div>
            <FieldError errors={errors} path="land.facilities" />
          </fieldset>
        </fieldset>
      )}

      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('business.saving') : listing ? t('business.listing.save') : t('business.listing.create')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('business.cancel')}
        </button>
      </div>
    </form>
  );
}

export type { FormErrors };
