/**
 * The API's answer to bad input (400, `error.details[{path, message}]`) placed on a form: each
 * message goes to the field whose path it names (`material.wasteCodes[2]` to the waste codes,
 * `quantity.value` to the quantity), or, when the form has no such field, to the nearest enclosing
 * one (`energy.monthlyProfile[3]` to the monthly profile); what names no field of the form stays
 * in the form's summary. Also how a typed number is read. Pure, so it is tested without a browser.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface PlacedErrors {
  /** Messages per field path of the form. */
  byField: Map<string, string[]>;
  /** Messages no field of the form takes (shown in the summary only). */
  unplaced: FieldProblem[];
}

/** `a.b[2].c` -> `a.b.c` (indexes dropped), then shortened from the end until a field takes it. */
export function fieldOf(path: string, fields: ReadonlySet<string>): string | null {
  let p = path.replace(/\[\d+\]/g, '');
  while (p !== '') {
    if (fields.has(p)) return p;
    const dot = p.lastIndexOf('.');
    if (dot < 0) return null;
    p = p.slice(0, dot);
  }
  return null;
}

export function placeErrors(problems: readonly FieldProblem[], fields: ReadonlySet<string>): PlacedErrors {
  const byField = new Map<string, string[]>();
  const unplaced: FieldProblem[] = [];
  for (const problem of problems) {
    const field = fieldOf(problem.path, fields);
    if (field === null) unplaced.push(problem);
    else byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  return { byField, unplaced };
}

/** A typed number: `1 234,5` and `1234.5` alike; blank is none; anything else NaN (the API says why). */
export function parseNumber(typed: string): number | undefined {
  const s = typed
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  return s === '' ? undefined : Number(s);
}

/** The DOM id of a field's input and of its error text, from its path. */
export const inputId = (form: string, path: string) => `${form}-${path.replace(/[^\w-]/g, '-')}`;
export const errorId = (form: string, path: string) => `${inputId(form, path)}-error`;
