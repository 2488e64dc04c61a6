/**
 * A question asked before an act that cannot be undone (revoking a token, disabling an account,
 * signing out everywhere else): a fieldset whose legend asks, with "Yes, …" and "Cancel". As the
 * question opens, its "Yes" takes the focus; cancelled, the focus goes back to what asked it. Both
 * happen in the same commit as the change (a layout effect), so the keyboard never lands on the
 * top of the page. Answered, the act that answers it says where the focus goes. A question asked
 * by a button of its own ("Disable the user…") stands in that button's place (AskFirst).
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Act } from './forms.tsx';

export interface Question<Q> {
  /** What the question asks about now, or null when none is open. */
  open: Q | null;
  /** The question's "Yes" button. */
  yes: RefObject<HTMLButtonElement | null>;
  ask(about: Q): void;
  /** Cancelled: the question goes, and the focus goes back to what asked it. */
  cancel(): void;
  /** Answered: the question goes. */
  close(): void;
}

/**
 * A question's state and focus. `returnTo` finds what asked (a token's own button, the button that
 * asks); `stands` says whether what was asked about still stands, as the page now has it (a token
 * revoked meanwhile closes its question), and in which form.
 */
export function useQuestion<Q>(
  returnTo: (asked: Q) => HTMLElement | null | undefined,
  stands: (asked: Q) => Q | null = (asked) => asked,
): Question<Q> {
  const [asked, setAsked] = useState<Q | null>(null);
  const open = asked === null ? null : stands(asked);
  // Cancelled, the question remembers what asked it until the next question.
  const [back, setBack] = useState<Q | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (open !== null) yes.current?.focus();
    else if (back !== null) returnTo(back)?.focus();
  }, [open, back]);
  return {
    open,
    yes,
    ask(about) {
      setBack(null);
      setAsked(about);
    },
    cancel() {
      setBack(open);
      setAsked(null);
    },
    close: () => setAsked(null),
  };
}

/** The question itself: the legend asks (`children`), "Yes" (`yesLabel`) acts, "Cancel" goes back. */
export function ConfirmBox({
  question,
  act,
  yesLabel,
  onYes,
  children,
}: {
  question: Question<unknown>;
  /** The act "Yes" starts: its button waits while it is busy. */
  act: Act;
  yesLabel: string;
  onYes: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="users-confirm">
      <legend>{children}</legend>
      <div class="users-buttons">
        <button
          ref={question.yes}
          type="button"
          class="users-danger"
          disabled={act.state.kind === 'busy'}
          onClick={onYes}
        >
          {yesLabel}
        </button>
        <button type="button" class="users-secondary" onClick={question.cancel}>
          {t('users.cancel')}
        </button>
      </div>
    </fieldset>
  );
}

/** A question asked by a button of its own: cancelled, the focus goes back to that button. */
export interface AskFirstQuestion extends Question<true> {
  button: RefObject<HTMLButtonElement | null>;
}

export function useAskFirst(): AskFirstQuestion {
  const button = useRef<HTMLButtonElement>(null);
  return { ...useQuestion<true>(() => button.current), button };
}

/** The button that asks (`label`) or, once it is pressed, the question in its place. */
export function AskFirst({
  question,
  act,
  label,
  yesLabel,
  onYes,
  children,
}: {
  question: AskFirstQuestion;
  act: Act;
  label: string;
  yesLabel: string;
  onYes: () => void;
  /** The question. */
  children: ComponentChildren;
}) {
  return question.open ? (
    <ConfirmBox question={question} act={act} yesLabel={yesLabel} onYes={onYes}>
      {children}
    </ConfirmBox>
  ) : (
    <button ref={question.button} type="button" class="users-danger" onClick={() => question.ask(true)}>
      {label}
    </button>
  );
}
