/**
 * What the facilitator's forms share: sending an act (busy while it runs), the answer placed on
 * the form (the API's 400 details next to the fields they name, a 409 as "changed by someone
 * else, reload", anything else as the service's message), a live region that announces it, and
 * labelled fields that point at their error.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { type FieldControl, LabelledField } from '../../forms/field.tsx';
import { ApiMessage } from '../../i18n/api-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { type Detail, fieldId, type PlacedErrors, placeErrors } from './field-errors.ts';

export type ActState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; message: string }
  | { kind: 'stale' }
  | { kind: 'refused'; code: string; message: string; placed: PlacedErrors }
  | { kind: 'network' };

export interface Act {
  state: ActState;
  /** Runs `send`; its resolved value is the message to announce. */
  run(send: () => Promise<string>): Promise<void>;
  errorsOf(path: string): string[];
  form: RefObject<HTMLFormElement | null>;
}

export function useAct(announce: (message: string) => void, fields: readonly string[]): Act {
  const [state, setState] = useState<ActState>({ kind: 'idle' });
  const form = useRef<HTMLFormElement>(null);
  // After a refusal the first field it names takes the focus, so the keyboard lands where to fix it.
  // In the same commit as the refusal's messages (a layout effect, not an effect run after the
  // paint): a user who clicks into another field as the messages appear keeps that focus.
  useLayoutEffect(() => {
    if (state.kind !== 'refused') return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [state]);
  return {
    state,
    form,
    async run(send) {
      setState({ kind: 'busy' });
      announce('');
      try {
        const message = await send();
        setState({ kind: 'done', message });
        announce(message);
      } catch (e) {
        if (
          e instanceof ApiError &&
          e.status === 409 &&
          e.body?.error.details.some((d) => d.path === 'version')
        )
          setState({ kind: 'stale' });
        else if (e instanceof ApiError && e.body)
          setState({
            kind: 'refused',
            code: e.code,
            message: e.body.error.message,
            placed: placeErrors(e.body.error.details as Detail[], fields),
          });
        else if (e instanceof ApiError)
          setState({ kind: 'refused', code: e.code, message: e.message, placed: placeErrors([], fields) });
        else setState({ kind: 'network' });
      }
    },
    errorsOf: (path) => (state.kind === 'refused' ? (state.placed.byField[path] ?? []) : []),
  };
}

/**
 * The form's live region: always in the page (empty when there is nothing to say) so that what
 * appears in it is read out: errors at once (assertive), success politely.
 */
export function ActStatus({ act, onReload }: { act: Act; onReload: () => void }) {
  const { t } = useI18n();
  const s = act.state;
  const problem = s.kind === 'stale' || s.kind === 'refused' || s.kind === 'network';
  return (
    <>
      <div class={problem ? 'act-status problem' : 'act-status'} aria-live="assertive" aria-atomic="true">
        {s.kind === 'stale' && <p>{t('facilitator.act.stale')}</p>}
        {s.kind === 'network' && <p>{t('error.network')}</p>}
        {s.kind === 'refused' && (
          <>
            <p>
              {t('facilitator.act.refused', { code: s.code })} <ApiMessage text={s.message} />
            </p>
            {Object.keys(s.placed.byField).length > 0 && <p>{t('facilitator.act.fieldErrors')}</p>}
            {s.placed.rest.length > 0 && (
              <ul>
                {s.placed.rest.map((d) => (
                  <li key={`${d.path}:${d.message}`}>
                    {d.path}: <ApiMessage text={d.message} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {s.kind === 'stale' && (
        <button type="button" class="fac-secondary" onClick={onReload}>
          {t('facilitator.act.reload')}
        </button>
      )}
      <p class="act-busy" role="status">
        {s.kind === 'busy' ? t('facilitator.act.busy') : ''}
      </p>
    </>
  );
}

/** A labelled field (forms/field.tsx) with the act's messages for its path under it. */
export function Field({
  form,
  path,
  act,
  ...rest
}: {
  form: string;
  path: string;
  label: string;
  hint?: string;
  act: Act;
  children: (control: FieldControl) => ComponentChildren;
}) {
  return <LabelledField id={fieldId(form, path)} prefix="fac" errors={act.errorsOf(path)} {...rest} />;
}
