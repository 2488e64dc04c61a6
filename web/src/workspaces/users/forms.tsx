/**
 * What the users workspace's forms share, as the facilitator's do: an act that is busy while it
 * runs; the API's own schema checked in the page first (its problems placed like a 400's); the
 * API's answer placed on the form (400 and 403 details next to the fields they name, anything
 * else, a 409 among them, as the service's message); the first field named takes the focus; a
 * live region that announces it; labelled fields that point at their hint and error; and the
 * view's line that says what an act did, which keeps the focus when the act's button goes away.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { type FieldControl, LabelledField } from '../../forms/field.tsx';
import type { SchemaProblem } from '../../forms/schema-check.ts';
import { ApiMessage } from '../../i18n/api-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { type Detail, fieldId, type PlacedErrors, placeErrors } from '../facilitator/field-errors.ts';

export type ActState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; message: string }
  /** The API's own schema refused the input in the page; nothing was sent. */
  | { kind: 'invalid'; placed: PlacedErrors }
  | { kind: 'refused'; code: string; message: string; placed: PlacedErrors }
  | { kind: 'network' };

export interface Act {
  state: ActState;
  /**
   * The problems the API's schema finds in what the form would send: none, and the act may run
   * (true); some, and they are placed on the fields as the API's 400 would be (false).
   */
  check(problems: readonly SchemaProblem[]): boolean;
  /** Runs `send`; its resolved value is the message to announce. */
  run(send: () => Promise<string>): Promise<void>;
  errorsOf(path: string): string[];
  form: RefObject<HTMLFormElement | null>;
}

export function useAct(announce: (message: string) => void, fields: readonly string[]): Act {
  const [state, setState] = useState<ActState>({ kind: 'idle' });
  const form = useRef<HTMLFormElement>(null);
  // The first field named takes the focus in the same commit as the messages (a layout effect,
  // not an effect after the paint): a user who clicks elsewhere as they appear keeps that focus.
  useLayoutEffect(() => {
    if (state.kind !== 'refused' && state.kind !== 'invalid') return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return {
    state,
    form,
    check(problems) {
      if (problems.length === 0) return true;
      announce('');
      setState({ kind: 'invalid', placed: placeErrors(problems as Detail[], fields) });
      return false;
    },
    async run(send) {
      setState({ kind: 'busy' });
      announce('');
      try {
        const message = await send();
        setState({ kind: 'done', message });
        announce(message);
      } catch (e) {
        if (e instanceof ApiError)
          setState({
            kind: 'refused',
            code: e.code,
            message: e.body?.error.message ?? e.message,
            placed: placeErrors((e.body?.error.details ?? []) as Detail[], fields),
          });
        else setState({ kind: 'network' });
      }
    },
    errorsOf: (path) =>
      state.kind === 'refused' || state.kind === 'invalid' ? (state.placed.byField[path] ?? []) : [],
  };
}

/**
 * The form's live region: always in the page (empty when there is nothing to say) so that what
 * appears in it is read out at once; "saving" politely beside it.
 */
export function ActStatus({ act }: { act: Act }) {
  const { t } = useI18n();
  const s = act.state;
  const problem = s.kind === 'invalid' || s.kind === 'refused' || s.kind === 'network';
  const rest = s.kind === 'invalid' || s.kind === 'refused' ? s.placed.rest : [];
  const marked = (s.kind === 'invalid' || s.kind === 'refused') && Object.keys(s.placed.byField).length > 0;
  return (
    <div class="users-status">
      <div class={problem ? 'act-status problem' : 'act-status'} role="alert" aria-atomic="true">
        {s.kind === 'network' && <p>{t('error.network')}</p>}
        {s.kind === 'refused' && (
          <p>
            {t('users.act.refused', { code: s.code })} <ApiMessage text={s.message} />
          </p>
        )}
        {marked && <p>{t('users.act.fieldErrors')}</p>}
        {rest.length > 0 && (
          <ul>
            {rest.map((d) => (
              <li key={`${d.path}:${d.message}`}>
                {d.path && `${d.path}: `}
                <ApiMessage text={d.message} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <p class="act-busy" role="status">
        {s.kind === 'busy' ? t('users.act.busy') : ''}
      </p>
    </div>
  );
}

/** What the view's last act did, said at the top of the view (ActDone). */
export interface Done {
  said: string;
  say: (message: string) => void;
  status: RefObject<HTMLParagraphElement | null>;
}

/**
 * An act whose button goes away (a revoked token, a disabled account, a hidden token) takes the
 * focus with it: the keyboard then goes on from what was said, not from the top of the page.
 * `redrawn` is what such acts draw anew (the account, the tokens, the token shown).
 */
export function useDone(redrawn: readonly unknown[]): Done {
  const [said, say] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (said !== '' && lost) status.current?.focus();
  }, [said, ...redrawn]);
  return { said, say, status };
}

/** The line that says what the view's last act did: a live region, focusable for the above. */
export function ActDone({ done }: { done: Done }) {
  return (
    <p ref={done.status} class="act-done" role="status" tabIndex={-1}>
      {done.said}
    </p>
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
  /** Shown under the messages (a list of what was chosen, results of a search). */
  after?: ComponentChildren;
}) {
  return <LabelledField id={fieldId(form, path)} prefix="users" errors={act.errorsOf(path)} {...rest} />;
}
