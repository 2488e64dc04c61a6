/**
 * A token's lifetime in days, as the add form, an account's "New token" and My account's token for
 * another device ask for it; and the form that makes a token with it: the lifetime checked with
 * the API's own schema first (a bad one is named at the field, nothing sent), then sent.
 */
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { schemaProblems } from '../../forms/schema-check.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { type Act, ActStatus, Field } from './forms.tsx';
import { DEFAULT_DAYS, tokenBody } from './user-input.ts';

/** The lifetime field (path `expiresInDays`, so the API's messages about it land here). */
export function DaysField({
  form,
  label,
  hint,
  act,
  value,
  onInput,
}: {
  form: string;
  label: string;
  hint: string;
  act: Act;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <Field form={form} path="expiresInDays" label={label} hint={hint} act={act}>
      {(c) => (
        <input
          {...c}
          class="users-short"
          type="text"
          inputMode="numeric"
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/**
 * A form that makes a token: a heading (`id` names it), a hint, the lifetime (the API's default to
 * begin with), the act's status and the submit button. `send` posts the body and answers what to
 * announce.
 */
export function TokenForm({
  act,
  id,
  form,
  schema,
  labels,
  submit,
  send,
}: {
  act: Act;
  id: string;
  /** The form's name in its fields' ids (`${form}-expiresInDays`). */
  form: string;
  /** The API's schema of the request body. */
  schema: z.ZodType;
  labels: { title: string; hint: string; days: string; daysHint: string; submit: string };
  /** The submit button, for a caller that gives it the focus back. */
  submit?: RefObject<HTMLButtonElement | null>;
  send: (body: { expiresInDays?: number }) => Promise<string>;
}) {
  const { language } = useI18n();
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  return (
    <form
      ref={act.form}
      class="users-form users-act"
      aria-labelledby={id}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = tokenBody(days, language);
        if (!act.check(schemaProblems(schema, body))) return;
        void act.run(() => send(body));
      }}
    >
      <h2 id={id}>{labels.title}</h2>
      <p class="users-hint">{labels.hint}</p>
      <DaysField
        form={form}
        label={labels.days}
        hint={labels.daysHint}
        act={act}
        value={days}
        onInput={setDays}
      />
      <ActStatus act={act} />
      <div class="users-buttons">
        <button ref={submit} type="submit" disabled={act.state.kind === 'busy'}>
          {labels.submit}
        </button>
      </div>
    </form>
  );
}
