/**
 * What a facilitator does with a suggestion: move it to a state it allows (with a reason where one
 * is needed, with the realised exchange when it is implemented), change the realised exchange
 * later (pre-filled with what is recorded), assign it to one of those who may take it (GET
 * /suggestions/{id}/assignable; the caller first), record its readiness and add a note. Every act
 * but the note names the version shown; a newer one on the server is a 409, shown as "changed by
 * someone else, reload". What the API refuses is shown next to the field it names.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Api, Me, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { parseNumber } from './field-errors.ts';
import { type Act, ActStatus, Field, useAct } from './forms.tsx';
import { type BenefitKey, fieldsOf, type OutcomeFields, outcomeChange } from './outcome-change.ts';

type Review = Schemas['SuggestionReview'];
type ReviewState = Review['state'];
type ReasonCode = Schemas['Reason']['code'];
type Basis = 'measured' | 'estimated';
type Assignee = Schemas['Assignee'];

/** More than any suggestion's regions have facilitators and admins; a longer list says so. */
const ASSIGNABLE_PAGE = 500;

const REASON_CODES: readonly ReasonCode[] = [
  'distance',
  'quality',
  'quantity',
  'timing',
  'regulation',
  'price',
  'trust',
  'other',
];
const NEEDS_REASON: ReadonlySet<ReviewState> = new Set(['rejected', 'declined']);
const TAKES_REASON: ReadonlySet<ReviewState> = new Set(['rejected', 'declined', 'withdrawn', 'expired']);
const READINESS_STATES: ReadonlySet<ReviewState> = new Set([
  'introduced',
  'negotiating',
  'agreed',
  'implemented',
]);
const DIMENSIONS = [
  'technical',
  'economic',
  'regulatory',
  'organisational',
  'social',
  'environmental',
] as const;
const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const BENEFITS = [
  ['costSavedNokPerYear', 'facilitator.outcome.costSaved'],
  ['revenueNokPerYear', 'facilitator.outcome.revenue'],
  ['jobs', 'facilitator.outcome.jobs'],
] as const;

interface Props {
  api: Api;
  me?: Me;
  review: Review;
  onWritten: (review: Review) => void;
  onReload: () => void;
  /** Says what an act did, in the section's live region (the form may be gone once it is done). */
  announce: (message: string) => void;
}

export function Actions(outer: Omit<Props, 'announce'>) {
  const { t, language } = useI18n();
  const [said, setSaid] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const props: Props = { ...outer, announce: setSaid };
  // A form that is redrawn for the new version (or gone, once implemented) takes the focus with
  // it: the keyboard then continues from what was said rather than from the top of the page.
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (said !== '' && lost) status.current?.focus();
  }, [said, outer.review.version]);
  const { review } = props;
  const acts = review.nextStates.length > 0;
  return (
    <section aria-labelledby="act-h" class="fac-actions">
      <h2 id="act-h">{t('facilitator.act')}</h2>
      <p ref={status} class="act-done" role="status" tabIndex={-1}>
        {said}
      </p>
      {acts ? (
        <TransitionForm key={`t${review.version}`} {...props} />
      ) : review.state === 'implemented' ? (
        review.outcome && (
          // Pre-filled with what is recorded, written as the language writes numbers.
          <OutcomeForm key={`o${review.version}${language}`} {...props} recorded={review.outcome} />
        )
      ) : (
        <p class="note">{t('facilitator.act.closed')}</p>
      )}
      <AssignmentForm {...props} />
      {READINESS_STATES.has(review.state) ? (
        <ReadinessForm key={`r${review.version}`} {...props} />
      ) : (
        <p class="note">{t('facilitator.readiness.notYet')}</p>
      )}
      <NoteForm {...props} />
    </section>
  );
}

/** Where an outcome's fields stand in the body: under `outcome.` in a transition, at the top in a change. */
type OutcomePrefix = 'outcome.' | '';

/** The paths of an outcome's fields under `prefix`, in the order they stand (the start date if asked). */
const outcomePaths = (prefix: OutcomePrefix, startDate: boolean): string[] =>
  [
    'quantityPerYear',
    'quantityBasis',
    ...(startDate ? ['startDate'] : []),
    'endDate',
    ...BENEFITS.flatMap(([b]) => [`benefits.${b}.value`, `benefits.${b}.basis`]),
  ].map((path) => `${prefix}${path}`);

const OUTCOME_FIELDS = outcomePaths('outcome.', true);

function TransitionForm({ api, review, onWritten, onReload, announce }: Props) {
  const { t, language } = useI18n();
  const act = useAct(announce, ['to', 'reason.code', 'reason.text', 'note', ...OUTCOME_FIELDS, 'outcome']);
  const [to, setTo] = useState<ReviewState>(review.nextStates[0]!);
  const [reasonCode, setReasonCode] = useState<'' | ReasonCode>('');
  const [reasonText, setReasonText] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState({
    quantity: '',
    basis: 'measured' as Basis,
    startDate: '',
    endDate: '',
    benefits: Object.fromEntries(
      BENEFITS.map(([b]) => [b, { value: '', basis: 'estimated' as Basis }]),
    ) as Record<(typeof BENEFITS)[number][0], { value: string; basis: Basis }>,
  });
  const unit = review.suggestion?.unit ?? '';

  function body(): Schemas['Transition'] {
    // Without a code the API says that the state needs one, next to the reason field.
    const reason =
      TAKES_REASON.has(to) && reasonCode !== ''
        ? { code: reasonCode, ...(reasonText.trim() && { text: reasonText.trim() }) }
        : undefined;
    const benefits = Object.fromEntries(
      BENEFITS.flatMap(([b]) => {
        const v = outcome.benefits[b];
        const value = parseNumber(v.value, language);
        return value === undefined ? [] : [[b, { value, basis: v.basis }]];
      }),
    );
    // A number that is not one (or is missing) goes as typed: the API names what is wrong with it.
    const quantity = parseNumber(outcome.quantity, language);
    return {
      to,
      version: review.version,
      ...(note.trim() && { note: note.trim() }),
      ...(reason && { reason }),
      ...(to === 'implemented' && {
        outcome: {
          ...(quantity !== undefined && { quantityPerYear: quantity as number }),
          quantityBasis: outcome.basis,
          ...(outcome.startDate && { startDate: outcome.startDate }),
          ...(outcome.endDate && { endDate: outcome.endDate }),
          ...(Object.keys(benefits).length > 0 && { benefits }),
        } as Schemas['Outcome'],
      }),
    };
  }

  return (
    <form
      ref={act.form}
      class="act-form"
      aria-labelledby="transition-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const next = dataOf(
            await api.POST('/suggestions/{id}/transitions', {
              params: { path: { id: review.id } },
              body: body(),
            }),
          );
          onWritten(next);
          return t('facilitator.act.moved', { state: t(`state.${next.state}`) });
        });
      }}
    >
      <h3 id="transition-h">{t('facilitator.transition')}</h3>
      <Field form="transition" path="to" label={t('facilitator.transition.to')} act={act}>
        {(c) => (
          <select {...c} value={to} onChange={(e) => setTo(e.currentTarget.value as ReviewState)}>
            {review.nextStates.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {TAKES_REASON.has(to) && (
        <>
          <Field
            form="transition"
            path="reason.code"
            label={
              NEEDS_REASON.has(to)
                ? t('facilitator.transition.reasonRequired')
                : t('facilitator.transition.reasonCode')
            }
            act={act}
          >
            {(c) => (
              <select
                {...c}
                value={reasonCode}
                onChange={(e) => setReasonCode(e.currentTarget.value as '' | ReasonCode)}
              >
                <option value="">
                  {NEEDS_REASON.has(to)
                    ? t('facilitator.transition.chooseReason')
                    : t('facilitator.transition.noReason')}
                </option>
                {REASON_CODES.map((r) => (
                  <option key={r} value={r}>
                    {t(`facilitator.reason.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            form="transition"
            path="reason.text"
            label={t('facilitator.transition.reasonText')}
            act={act}
          >
            {(c) => <input {...c} value={reasonText} onInput={(e) => setReasonText(e.currentTarget.value)} />}
          </Field>
        </>
      )}
      {to === 'implemented' && (
        <fieldset class="outcome">
          <legend>{t('facilitator.outcome')}</legend>
          <OutcomeInputs
            form="transition"
            prefix="outcome."
            values={outcome}
            onChange={setOutcome}
            act={act}
            unit={unit}
            benefitsLegend={t('facilitator.outcome.benefits')}
          />
        </fieldset>
      )}
      <Field form="transition" path="note" label={t('facilitator.transition.note')} act={act}>
        {(c) => <textarea {...c} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={act.state.kind === 'busy'}>
        {t('facilitator.transition.submit')}
      </button>
      <ActStatus act={act} onReload={onReload} />
    </form>
  );
}

/**
 * The fields of a realised exchange, shared by the move to implemented and the later change: the
 * quantity a year and its basis, the dates, and the benefits with theirs. The start date is asked
 * when the values hold one (a new outcome), in a row with the end date; a change moves the end
 * date only. Each field's path is `prefix` and its name in the body, so the API's messages land
 * next to it.
 */
function OutcomeInputs<V extends OutcomeFields & { startDate?: string }>({
  form,
  prefix,
  values,
  onChange,
  act,
  unit,
  endDateHint,
  benefitsLegend,
}: {
  form: string;
  prefix: OutcomePrefix;
  values: V;
  onChange: (values: V) => void;
  act: Act;
  unit: string;
  endDateHint?: string;
  benefitsLegend: string;
}) {
  const { t } = useI18n();
  const setBenefit = (b: BenefitKey, part: Partial<OutcomeFields['benefits'][BenefitKey]>) =>
    onChange({ ...values, benefits: { ...values.benefits, [b]: { ...values.benefits[b], ...part } } });
  const endDate = (
    <Field
      form={form}
      path={`${prefix}endDate`}
      label={t('facilitator.outcome.endDate')}
      hint={endDateHint}
      act={act}
    >
      {(c) => (
        <input
          {...c}
          type="date"
          value={values.endDate}
          onInput={(e) => onChange({ ...values, endDate: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  return (
    <>
      <div class="field-row">
        <Field
          form={form}
          path={`${prefix}quantityPerYear`}
          label={t('facilitator.outcome.quantity', { unit })}
          act={act}
        >
          {(c) => (
            <input
              {...c}
              inputMode="decimal"
              autoComplete="off"
              value={values.quantity}
              onInput={(e) => onChange({ ...values, quantity: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field form={form} path={`${prefix}quantityBasis`} label={t('facilitator.outcome.basis')} act={act}>
          {(c) => (
            <BasisSelect
              control={c}
              value={values.basis}
              onChange={(basis) => onChange({ ...values, basis })}
            />
          )}
        </Field>
      </div>
      {values.startDate === undefined ? (
        endDate
      ) : (
        <div class="field-row">
          <Field form={form} path={`${prefix}startDate`} label={t('facilitator.outcome.startDate')} act={act}>
            {(c) => (
              <input
                {...c}
                type="date"
                value={values.startDate}
                onInput={(e) => onChange({ ...values, startDate: e.currentTarget.value })}
              />
            )}
          </Field>
          {endDate}
        </div>
      )}
      <fieldset class="benefits">
        <legend>{benefitsLegend}</legend>
        {BENEFITS.map(([b, label]) => (
          <div class="field-row" key={b}>
            <Field form={form} path={`${prefix}benefits.${b}.value`} label={t(label)} act={act}>
              {(c) => (
                <input
                  {...c}
                  inputMode="decimal"
                  autoComplete="off"
                  value={values.benefits[b].value}
                  onInput={(e) => setBenefit(b, { value: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field
              form={form}
              path={`${prefix}benefits.${b}.basis`}
              label={t('facilitator.outcome.benefitBasis', { benefit: t(label) })}
              act={act}
            >
              {(c) => (
                <BasisSelect
                  control={c}
                  value={values.benefits[b].basis}
                  onChange={(basis) => setBenefit(b, { basis })}
                />
              )}
            </Field>
          </div>
        ))}
      </fieldset>
    </>
  );
}

function BasisSelect({
  control,
  value,
  onChange,
}: {
  control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
  value: Basis;
  onChange: (basis: Basis) => void;
}) {
  const { t } = useI18n();
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.currentTarget.value as Basis)}>
      <option value="measured">{t('facilitator.basis.measured')}</option>
      <option value="estimated">{t('facilitator.basis.estimated')}</option>
    </select>
  );
}

/**
 * The choice of assignee among those the API lists for this suggestion (the caller first, "me"
 * one click away), or no one. The list is read once per suggestion; the choice starts from the
 * current assignee at every version.
 */
function AssignmentForm(props: Props) {
  const { api, review } = props;
  const { t } = useI18n();
  const [listed, retry] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/suggestions/{id}/assignable', {
          params: { path: { id: review.id }, query: { limit: ASSIGNABLE_PAGE } },
          signal,
        }),
      ),
    [api, review.id],
  );
  return (
    <div class="act-form">
      <h3 id="assign-h">{t('facilitator.assign')}</h3>
      <ResourceView resource={listed} retry={retry}>
        {(page) => (
          <AssignmentChoice key={`a${review.version}`} {...props} listed={page.items} more={page.hasMore} />
        )}
      </ResourceView>
    </div>
  );
}

function AssignmentChoice({
  api,
  me,
  review,
  onWritten,
  onReload,
  announce,
  listed,
  more,
}: Props & { listed: Assignee[]; more: boolean }) {
  const { t } = useI18n();
  const act = useAct(announce, ['assigneeId']);
  const [choice, setChoice] = useState(review.assigneeId ?? '');
  const mine = listed.find((a) => a.id === me?.id);
  const others = listed.filter((a) => a.id !== me?.id);
  const gone = review.assigneeId !== null && !listed.some((a) => a.id === review.assigneeId);
  const nameOf = (id: string) => listed.find((a) => a.id === id)?.name ?? id;
  const labelOf = (a: Assignee) =>
    a.role === 'admin'
      ? t('facilitator.assign.admin', { name: a.name })
      : t('facilitator.assign.facilitator', {
          name: a.name,
          regions:
            a.regions === 'all'
              ? t('facilitator.assign.allRegions')
              : a.regions.map((r) => r.name).join(', '),
        });
  const assign = (assigneeId: string | null) =>
    act.run(async () => {
      if (assigneeId === review.assigneeId) return t('facilitator.assign.unchanged');
      const next = dataOf(
        await api.POST('/suggestions/{id}/assignment', {
          params: { path: { id: review.id } },
          body: { version: review.version, assigneeId },
        }),
      );
      onWritten(next);
      return next.assigneeId === null
        ? t('facilitator.assign.doneNone')
        : t('facilitator.assign.done', { name: nameOf(next.assigneeId) });
    });
  return (
    <form
      ref={act.form}
      class="assign-form"
      aria-labelledby="assign-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void assign(choice === '' ? null : choice);
      }}
    >
      <Field
        form="assign"
        path="assigneeId"
        label={t('facilitator.assign.to')}
        hint={more ? t('facilitator.assign.more', { count: listed.length }) : t('facilitator.assign.hint')}
        act={act}
      >
        {(c) => (
          <select {...c} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">{t('facilitator.assign.nobody')}</option>
            {mine && <option value={mine.id}>{t('facilitator.assign.me', { name: mine.name })}</option>}
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {labelOf(a)}
              </option>
            ))}
            {gone && (
              <option value={review.assigneeId ?? ''}>
                {t('facilitator.assign.notListed', { id: review.assigneeId ?? '' })}
              </option>
            )}
          </select>
        )}
      </Field>
      <div class="fac-buttons">
        <button type="submit" disabled={act.state.kind === 'busy'}>
          {t('facilitator.assign.submit')}
        </button>
        {mine && review.assigneeId !== mine.id && (
          <button
            type="button"
            class="fac-secondary"
            disabled={act.state.kind === 'busy'}
            onClick={() => void assign(mine.id)}
          >
            {t('facilitator.assign.toMe')}
          </button>
        )}
      </div>
      <ActStatus act={act} onReload={onReload} />
    </form>
  );
}

const OUTCOME_CHANGE_FIELDS = outcomePaths('', false);

/**
 * A later change of the realised exchange (POST /suggestions/{id}/outcome), pre-filled with what is
 * recorded: the quantity and its basis, the end date, the benefits. Only what differs is sent;
 * the start date stays as recorded.
 */
function OutcomeForm({
  api,
  review,
  recorded,
  onWritten,
  onReload,
  announce,
}: Props & { recorded: Schemas['Outcome'] }) {
  const { t, language, date } = useI18n();
  const act = useAct(announce, OUTCOME_CHANGE_FIELDS);
  const [fields, setFields] = useState<OutcomeFields>(() => fieldsOf(recorded, language));
  const unit = review.suggestion?.unit ?? '';
  return (
    <form
      ref={act.form}
      class="act-form"
      aria-labelledby="outcome-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const change = outcomeChange(recorded, fields, language);
          if (change === null) return t('facilitator.outcomeChange.unchanged');
          onWritten(
            dataOf(
              await api.POST('/suggestions/{id}/outcome', {
                params: { path: { id: review.id } },
                body: { version: review.version, ...change },
              }),
            ),
          );
          return t('facilitator.outcomeChange.done');
        });
      }}
    >
      <h3 id="outcome-h">{t('facilitator.outcomeChange')}</h3>
      <p class="fac-hint">{t('facilitator.outcomeChange.hint', { date: date(recorded.startDate) })}</p>
      <OutcomeInputs
        form="outcome"
        prefix=""
        values={fields}
        onChange={setFields}
        act={act}
        unit={unit}
        endDateHint={recorded.endDate ? t('facilitator.outcomeChange.endDateKept') : undefined}
        benefitsLegend={t('facilitator.outcomeChange.benefits')}
      />
      <button type="submit" disabled={act.state.kind === 'busy'}>
        {t('facilitator.outcomeChange.submit')}
      </button>
      <ActStatus act={act} onReload={onReload} />
    </form>
  );
}

function ReadinessForm({ api, review, onWritten, onReload, announce }: Props) {
  const { t } = useI18n();
  const act = useAct(announce, ['level', ...DIMENSIONS.map((d) => `dimensions.${d}`), 'note']);
  const [level, setLevel] = useState(review.readiness?.level ?? 1);
  const [dimensions, setDimensions] = useState<Partial<Record<(typeof DIMENSIONS)[number], number>>>(
    review.readiness?.dimensions ?? {},
  );
  const [note, setNote] = useState('');
  return (
    <form
      ref={act.form}
      class="act-form"
      aria-labelledby="readiness-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const next = dataOf(
            await api.POST('/suggestions/{id}/readiness', {
              params: { path: { id: review.id } },
              body: {
                version: review.version,
                level,
                ...(Object.keys(dimensions).length > 0 && { dimensions }),
                ...(note.trim() && { note: note.trim() }),
              },
            }),
          );
          onWritten(next);
          return t('facilitator.readiness.done', { level: next.readiness?.level ?? level });
        });
      }}
    >
      <h3 id="readiness-h">{t('facilitator.readiness')}</h3>
      <p class="fac-hint">{t('facilitator.readiness.hint')}</p>
      <Field form="readiness" path="level" label={t('facilitator.readiness.level')} act={act}>
        {(c) => (
          <select {...c} value={String(level)} onChange={(e) => setLevel(Number(e.currentTarget.value))}>
            {LEVELS.map((l) => (
              <option key={l} value={String(l)}>
                {l}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset class="dimensions">
        <legend>{t('facilitator.readiness.dimensions')}</legend>
        <div class="dimension-grid">
          {DIMENSIONS.map((d) => (
            <Field
              key={d}
              form="readiness"
              path={`dimensions.${d}`}
              label={t(`facilitator.dimension.${d}`)}
              act={act}
            >
              {(c) => (
                <select
                  {...c}
                  value={dimensions[d] === undefined ? '' : String(dimensions[d])}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    const next = { ...dimensions };
                    if (v === '') delete next[d];
                    else next[d] = Number(v);
                    setDimensions(next);
                  }}
                >
                  <option value="">{t('facilitator.readiness.notGiven')}</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={String(l)}>
                      {l}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field form="readiness" path="note" label={t('facilitator.readiness.note')} act={act}>
        {(c) => <textarea {...c} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={act.state.kind === 'busy'}>
        {t('facilitator.readiness.submit')}
      </button>
      <ActStatus act={act} onReload={onReload} />
    </form>
  );
}

function NoteForm({ api, review, onWritten, onReload, announce }: Props) {
  const { t } = useI18n();
  const act: Act = useAct(announce, ['text', 'resolvesFlags']);
  const [text, setText] = useState('');
  const [resolves, setResolves] = useState(false);
  return (
    <form
      ref={act.form}
      class="act-form"
      aria-labelledby="note-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const next = dataOf(
            await api.POST('/suggestions/{id}/notes', {
              params: { path: { id: review.id } },
              body: { text, ...(resolves && { resolvesFlags: true }) },
            }),
          );
          setText('');
          setResolves(false);
          onWritten(next);
          return t('facilitator.note.added');
        });
      }}
    >
      <h3 id="note-h">{t('facilitator.note')}</h3>
      <Field form="note" path="text" label={t('facilitator.note.text')} act={act}>
        {(c) => <textarea {...c} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      {review.flags.length > 0 && (
        <div class="fac-field fac-check">
          <input
            id="note-resolves"
            type="checkbox"
            checked={resolves}
            onChange={(e) => setResolves(e.currentTarget.checked)}
          />
          <label for="note-resolves">{t('facilitator.note.resolves')}</label>
        </div>
      )}
      <button type="submit" disabled={act.state.kind === 'busy'}>
        {t('facilitator.note.submit')}
      </button>
      <ActStatus act={act} onReload={onReload} />
    </form>
  );
}
