/**
 * Labelled fields whose errors come from the API: each field's input names its error text and its
 * hint (aria-describedby) and says when it is invalid (aria-invalid); the form's summary, a live
 * region, announces every problem at once and moves the focus to a field on request.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { ApiMessage } from '../../i18n/api-message.tsx';
import { apiText } from '../../i18n/api-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorId, type FieldProblem, inputId, type PlacedErrors, placeErrors } from './form-errors.ts';

export interface FieldAttrs {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby': string;
}

export interface FormErrors {
  form: string;
  placed: PlacedErrors;
  /** Shown in the summary when the failure is not about fields (a 409, 412, 503, no answer). */
  failure: unknown;
  attrs(path: string, hint?: boolean): FieldAttrs;
  /** Problems in the API's words (its answer, or its schema run in the form): shown in the user's language. */
  set(problems: readonly FieldProblem[], failure?: unknown): void;
  /** Problems the form words itself, already in the user's language. */
  setLocal(problems: readonly FieldProblem[]): void;
  clear(): void;
}

const EMPTY: PlacedErrors = { byField: new Map(), unplaced: [] };

export function useFormErrors(form: string, fields: readonly string[]): FormErrors {
  const fieldSet = useMemo(() => new Set(fields), [fields.join(' ')]);
  const [state, setState] = useState<{ placed: PlacedErrors; failure: unknown }>({
    placed: EMPTY,
    failure: null,
  });
  const { language } = useI18n();
  const set = useCallback(
    (problems: readonly FieldProblem[], failure: unknown = null) =>
      setState({
        placed: placeErrors(
          problems.map((p) => ({ ...p, message: apiText(p.message, language) })),
          fieldSet,
        ),
        failure,
      }),
    [fieldSet, language],
  );
  const setLocal = useCallback(
    (problems: readonly FieldProblem[]) =>
      setState({ placed: placeErrors(problems, fieldSet), failure: null }),
    [fieldSet],
  );
  const clear = useCallback(() => setState({ placed: EMPTY, failure: null }), []);
  return {
    form,
    placed: state.placed,
    failure: state.failure,
    attrs(path, hint = false) {
      const invalid = state.placed.byField.has(path);
      return {
        id: inputId(form, path),
        ...(invalid ? { 'aria-invalid': true as const } : {}),
        'aria-describedby': [errorId(form, path), hint ? `${inputId(form, path)}-hint` : ''].join(' ').trim(),
      };
    },
    set,
    setLocal,
    clear,
  };
}

/** The messages the API gave for a field, next to it (empty, but present, when there are none). */
export function FieldError({ errors, path }: { errors: FormErrors; path: string }) {
  const messages = errors.placed.byField.get(path) ?? [];
  return (
    <p id={errorId(errors.form, path)} class="field-error">
      {messages.join(' · ')}
    </p>
  );
}

export function Hint({
  errors,
  path,
  children,
}: {
  errors: FormErrors;
  path: string;
  children: ComponentChildren;
}) {
  return (
    <p id={`${inputId(errors.form, path)}-hint`} class="hint">
      {children}
    </p>
  );
}

/** A label, the control (given its ids and states), an optional hint and the field's error. */
export function Field({
  errors,
  path,
  label,
  hint,
  children,
}: {
  errors: FormErrors;
  path: string;
  label: string;
  hint?: ComponentChildren;
  children: (attrs: FieldAttrs) => ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={inputId(errors.form, path)}>{label}</label>
      {children(errors.attrs(path, hint !== undefined))}
      {hint !== undefined && (
        <Hint errors={errors} path={path}>
          {hint}
        </Hint>
      )}
      <FieldError errors={errors} path={path} />
    </div>
  );
}

/**
 * The live region of a form: empty until a submit fails, then the number of problems, each with a
 * button that moves the focus to its field (a link would change the URL's fragment, the app's route).
 */
export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels: Record<string, string> }) {
  const { t } = useI18n();
  const entries = [...errors.placed.byField.entries()];
  const count = entries.reduce((n, [, m]) => n + m.length, 0) + errors.placed.unplaced.length;
  const failure = errors.failure;
  return (
    <div class="error-summary" role="alert" aria-live="assertive">
      {count > 0 && (
        <>
          <p class="field-error">
            {count === 1 ? t('business.form.problem') : t('business.form.problems', { count })}
          </p>
          <ul>
            {entries.map(([path, messages]) => (
              <li key={path}>
                <button
                  type="button"
                  class="link"
                  onClick={() => document.getElementById(inputId(errors.form, path))?.focus()}
                >
                  {labels[path] ?? path}
                </button>
                : <span>{messages.join(' · ')}</span>
              </li>
            ))}
            {errors.placed.unplaced.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path}</code>: <span>{p.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {count === 0 && failure !== null && (
        <p class="field-error">
          {failure instanceof ApiError ? (
            <>
              {t(failureKey(failure.status))} <ApiMessage text={failure.body?.error.message} />
            </>
          ) : (
            t('error.network')
          )}
        </p>
      )}
    </div>
  );
}

/** The details of a 400 from the API, or none. */
export function problemsOf(error: unknown): FieldProblem[] {
  if (error instanceof ApiError && error.status === 400 && error.body) return error.body.error.details;
  return [];
}

function failureKey(status: number) {
  if (status === 409) return 'business.form.conflict' as const;
  if (status === 412) return 'business.form.stale' as const;
  if (status === 403 || status === 404) return 'business.form.forbidden' as const;
  return 'business.form.failed' as const;
}
