/**
 * A labelled field as the workspaces' forms draw it: the label, the control (given its id and the
 * aria attributes that point at its hint and its errors), the hint, the API's messages for the
 * field (in the reader's language), and what goes under them. `prefix` names the workspace's
 * classes (`fac-field`, `users-hint`).
 */
import { type ComponentChildren, Fragment } from 'preact';
import { ApiMessage } from '../i18n/api-message.tsx';

/** What a control needs to be labelled by its field and described by its hint and error. */
export interface FieldControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

export function LabelledField({
  id,
  prefix,
  label,
  hint,
  errors,
  children,
  after,
}: {
  id: string;
  prefix: 'fac' | 'users';
  label: string;
  hint?: string;
  errors: readonly string[];
  children: (control: FieldControl) => ComponentChildren;
  /** Shown under the messages (a list of what was chosen, results of a search). */
  after?: ComponentChildren;
}) {
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`${prefix}-field`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': errors.length > 0, 'aria-describedby': described || undefined })}
      {hint && (
        <p id={`${id}-hint`} class={`${prefix}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p id={`${id}-error`} class="field-error">
          {errors.map((e, i) => (
            <Fragment key={`${i}:${e}`}>
              {i > 0 && '; '}
              <ApiMessage text={e} />
            </Fragment>
          ))}
        </p>
      )}
      {after}
    </div>
  );
}
