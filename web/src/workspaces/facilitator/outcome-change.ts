/**
 * A later change of a realised exchange (POST /suggestions/{id}/outcome), worked out without a
 * browser: the form starts from what is recorded, and the change holds only what differs from it
 * (benefits go whole: the API replaces them).
 */
// The generated types, not the client: this module is also type-checked (and tested) under Node.
import type { components } from '../../api/schema.d.ts';
import { parseNumber } from './field-errors.ts';

type Schemas = components['schemas'];
type Outcome = Schemas['Outcome'];
type Basis = Outcome['quantityBasis'];
export const BENEFIT_KEYS = ['costSavedNokPerYear', 'revenueNokPerYear', 'jobs'] as const;
export type BenefitKey = (typeof BENEFIT_KEYS)[number];

/** The outcome form's fields as typed. */
export interface OutcomeFields {
  quantity: string;
  basis: Basis;
  /** '' when none is given. */
  endDate: string;
  benefits: Record<BenefitKey, { value: string; basis: Basis }>;
}

/** A recorded number as the field shows it: no grouping, the language's decimal mark. */
export const writtenNumber = (value: number, language: 'en' | 'nb'): string =>
  language === 'nb' ? String(value).replace('.', ',') : String(value);

/** The fields pre-filled with what is recorded. */
export function fieldsOf(recorded: Outcome, language: 'en' | 'nb'): OutcomeFields {
  const benefit = (key: BenefitKey) => {
    const b = recorded.benefits?.[key];
    return { value: b ? writtenNumber(b.value, language) : '', basis: b?.basis ?? ('estimated' as Basis) };
  };
  return {
    quantity: writtenNumber(recorded.quantityPerYear, language),
    basis: recorded.quantityBasis,
    endDate: recorded.endDate ?? '',
    benefits: {
      costSavedNokPerYear: benefit('costSavedNokPerYear'),
      revenueNokPerYear: benefit('revenueNokPerYear'),
      jobs: benefit('jobs'),
    },
  };
}

/** What the change sends beside its version. */
export type OutcomeChange = Omit<Schemas['OutcomeChange'], 'version'>;

/**
 * The change from `recorded` to the fields, or null when nothing differs. A number that is not one
 * goes as typed, and a missing quantity as null, so that the API names what is wrong next to the
 * field. An emptied end date is no change: the API keeps a recorded end date (it may be moved, not
 * removed). Benefits go whole when any of them differs; an empty one is left out (removed).
 */
export function outcomeChange(
  recorded: Outcome,
  fields: OutcomeFields,
  language: 'en' | 'nb',
): OutcomeChange | null {
  const change: Record<string, unknown> = {};
  const quantity = parseNumber(fields.quantity, language);
  if (quantity !== recorded.quantityPerYear) change['quantityPerYear'] = quantity ?? null;
  if (fields.basis !== recorded.quantityBasis) change['quantityBasis'] = fields.basis;
  if (fields.endDate !== '' && fields.endDate !== recorded.endDate) change['endDate'] = fields.endDate;
  const benefits: Record<string, { value: number | string; basis: Basis }> = {};
  for (const key of BENEFIT_KEYS) {
    const value = parseNumber(fields.benefits[key].value, language);
    if (value !== undefined) benefits[key] = { value, basis: fields.benefits[key].basis };
  }
  const before = recorded.benefits ?? {};
  const same = BENEFIT_KEYS.every((key) => {
    const a = benefits[key];
    const b = before[key];
    return a === undefined ? b === undefined : b !== undefined && a.value === b.value && a.basis === b.basis;
  });
  if (!same) change['benefits'] = benefits;
  return Object.keys(change).length > 0 ? (change as OutcomeChange) : null;
}
