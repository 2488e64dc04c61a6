/**
 * The API's 400 details ({path, message}) placed on the fields of a form: a detail goes to the
 * field whose path it names, or to the first field inside the path it names (`reason` → the
 * `reason.code` field, `outcome` → the first outcome field), or to the field that holds the
 * path it names (`outcome.benefits.jobs` → a `outcome.benefits.jobs.value` field is inside, a
 * `outcome.benefits` field would hold it); what no field takes stays with the form. Pure, so it
 * is tested without a browser.
 */
export interface Detail {
  path: string;
  message: string;
}

export interface PlacedErrors {
  /** Messages by the path of the field that shows them. */
  byField: Record<string, string[]>;
  /** Details no field of the form names (version, the body as a whole, …). */
  rest: Detail[];
}

const inside = (path: string, parent: string) =>
  path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);

export function placeErrors(details: readonly Detail[], fields: readonly string[]): PlacedErrors {
  const byField: Record<string, string[]> = {};
  const rest: Detail[] = [];
  for (const detail of details) {
    const field =
      fields.find((f) => f === detail.path) ??
      fields.find((f) => inside(f, detail.path)) ??
      [...fields].sort((a, b) => b.length - a.length).find((f) => inside(detail.path, f));
    if (field === undefined) rest.push(detail);
    else byField[field] = [...(byField[field] ?? []), detail.message];
  }
  return { byField, rest };
}

/** A form field's element id from its API path: `outcome.quantityPerYear` → `f-outcome-quantityPerYear`. */
export const fieldId = (form: string, path: string) => `${form}-${path.replace(/[^\w-]+/g, '-')}`;

/**
 * A number as the language writes it (`1 234,5` in bokmål, `1,234.5` in English → 1234.5). Empty
 * text is absent (undefined); text that is not a number is sent as typed, so the API names what
 * is wrong with it next to the field.
 */
export function parseNumber(text: string, language: 'en' | 'nb'): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const compact = trimmed.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  const normalised = language === 'nb' ? compact.replace(',', '.') : compact.replace(/,/g, '');
  const value = Number(normalised);
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised) && Number.isFinite(value) ? value : trimmed;
}
