/**
 * A listing's suggestions (GET /listings/{id}/suggestions), best first, and one suggestion opened
 * (GET /suggestions/{id}): its score terms as a bar chart, the distance, the impact, the other
 * listing as far as its confidentiality lets the business see it, both sites on the map, and the
 * answer (POST /suggestions/{id}/responses): interested, or not with a reason.
 */
import { useState } from 'preact/hooks';
import { type Api, dataOf, type Schemas } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { engineTextOf } from '../../i18n/engine-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { NorwayMap } from '../../map/norway-map.tsx';
import { EconomicsFacts } from '../../ui/economics.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { ErrorSummary, Field, problemsOf, useFormErrors } from './fields.tsx';

type Suggestion = Schemas['Suggestion'];
type Listing = Schemas['VisibleListing'];
type Review = Schemas['SuggestionReview'];
type ReasonCode = Schemas['Reason']['code'];

export const REASON_CODES = [
  'distance',
  'quality',
  'quantity',
  'timing',
  'regulation',
  'price',
  'trust',
  'other',
] as const satisfies readonly ReasonCode[];

const SUGGESTIONS_SHOWN = 20;

/** The other side of a suggestion, seen from one of its listings. */
const otherOf = (s: Suggestion, listingId: string): Listing => (s.offer.id === listingId ? s.need : s.offer);

const termKey = (name: string): MessageKey | null =>
  ['resource', 'quantity', 'distance', 'temporal', 'quality', 'feedback'].includes(name)
    ? (`business.term.${name}` as MessageKey)
    : null;

export function SuggestionList({
  api,
  listing,
  onOpen,
}: {
  api: Api;
  listing: Listing;
  onOpen: (suggestion: Suggestion) => void;
}) {
  const { t, quantity, number, decimal } = useI18n();
  const [page, retry] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/listings/{id}/suggestions', {
          params: { path: { id: listing.id }, query: { limit: SUGGESTIONS_SHOWN } },
          signal,
        }),
      ),
    [api, listing.id],
  );
  return (
    <ResourceView resource={page} retry={retry}>
      {(data) =>
        data.items.length === 0 ? (
          <p>{t('business.suggestions.none')}</p>
        ) : (
          <ol class="suggestions">
            {data.items.map((s) => {
              const other = otherOf(s, listing.id);
              return (
                <li key={s.id} class="suggestion-card">
                  <h3>
                    <span lang={other.anonymised ? undefined : 'nb'}>{other.title}</span>
                  </h3>
                  <p class="meta">
                    {t(`direction.${other.direction}`)} · {t(`kind.${s.kind}`)} ·{' '}
                    {t(`state.${s.reviewState}`)}
                  </p>
                  <dl class="facts">
                    <div>
                      <dt>{t('business.suggestion.score')}</dt>
                      <dd>{decimal(s.score, 2)}</dd>
                    </div>
                    <div>
                      <dt>{t('business.suggestion.distance')}</dt>
                      <dd>{t('business.km', { km: number(s.distanceKm) })}</dd>
                    </div>
                    <div>
                      <dt>{t('business.suggestion.quantity')}</dt>
                      <dd>{quantity(s.maxQuantity, s.unit)}</dd>
                    </div>
                    <div>
                      <dt>{t('business.suggestion.co2e')}</dt>
                      <dd>
                        {s.co2eAvoidedT === null
                          ? t('impact.notQuantified')
                          : t('business.tonnesPerYear', { t: number(s.co2eAvoidedT) })}
                      </dd>
                    </div>
                  </dl>
                  <button
                    type="button"
                    onClick={() => onOpen(s)}
                    aria-label={t('business.suggestion.openNamed', { title: other.title })}
                  >
                    {t('business.suggestion.open')}
                  </button>
                </li>
              );
            })}
          </ol>
        )
      }
    </ResourceView>
  );
}

/** The score terms as horizontal bars: each term's value (0–1) and its weight in the score. */
export function TermBars({ terms }: { terms: Suggestion['terms'] }) {
  const { t, decimal, language } = useI18n();
  return (
    <table class="terms">
      <caption>{t('business.suggestion.terms')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('business.suggestion.term')}</th>
          <th scope="col">{t('business.suggestion.value')}</th>
          <th scope="col" class="number">
            {t('business.suggestion.weight')}
          </th>
        </tr>
      </thead>
      <tbody>
        {terms.map((term) => {
          const key = termKey(term.name);
          const width = Math.max(0, Math.min(1, Math.abs(term.value))) * 100;
          const reason = engineTextOf(term.reason, language);
          return (
            <tr key={term.name}>
              <th scope="row">
                {key ? t(key) : term.name}
                <span class="reason" lang={reason.lang}>
                  {reason.text}
                </span>
              </th>
              <td>
                <span class="bar" aria-hidden="true">
                  <span class={term.value < 0 ? 'fill negative' : 'fill'} style={{ width: `${width}%` }} />
                </span>
                <span class="bar-value">{decimal(term.value, 2)}</span>
              </td>
              <td class="number">{decimal(term.weight, 2)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const IMPACT_FIELDS: [string, MessageKey, string][] = [
  ['tonnesDiverted', 'business.impact.diverted', 't/yr'],
  ['virginMaterialDisplacedT', 'business.impact.virgin', 't/yr'],
  ['mwhDelivered', 'business.impact.mwh', 'MWh/yr'],
  ['heatPumpElectricityMWh', 'business.impact.heatPump', 'MWh/yr'],
  ['m3Supplied', 'business.impact.m3', 'm3/yr'],
  ['m2Used', 'business.impact.m2', 'm2'],
];

/** The parts of an estimate a missing factor leaves unknown (Impact.notQuantified). */
const NOT_QUANTIFIED_PARTS = ['avoided-production', 'avoided-disposal', 'transport', 'electricity'] as const;

function Impact({ s, unallocated }: { s: Suggestion; unallocated?: Review['unallocated'] }) {
  const { t, number, quantity } = useI18n();
  const breakdown = s.impact['co2eBreakdown'] as Record<string, unknown> | undefined;
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  const listed = s.impact['notQuantified'];
  const unknown = NOT_QUANTIFIED_PARTS.filter((p) => Array.isArray(listed) && listed.includes(p));
  return (
    <dl class="facts">
      <div>
        <dt>{t('business.suggestion.co2e')}</dt>
        <dd>
          {s.co2eAvoidedT === null
            ? t('impact.notQuantifiedParts', {
                parts: unknown.map((p) => t(`impact.part.${p}`)).join(', '),
              })
            : t('business.tonnesPerYear', { t: number(s.co2eAvoidedT) })}
        </dd>
      </div>
      <div>
        <dt>{t('allocation.label')}</dt>
        <dd>
          {s.allocatedQuantity !== null && s.allocatedQuantity > 0
            ? t('allocation.ofMax', {
                allocated: quantity(s.allocatedQuantity, s.unit),
                max: quantity(s.maxQuantity, s.unit),
              })
            : unallocated
              ? t(`allocation.${unallocated}`)
              : quantity(0, s.unit)}
        </dd>
      </div>
      {breakdown && n(breakdown['transportT']) !== null && n(breakdown['transportT'])! > 0 && (
        <div>
          <dt>{t('business.impact.transport')}</dt>
          <dd>{t('business.tonnesPerYear', { t: number(n(breakdown['transportT'])!) })}</dd>
        </div>
      )}
      <div>
        <dt>{t('business.suggestion.quantity')}</dt>
        <dd>{quantity(s.maxQuantity, s.unit)}</dd>
      </div>
      {IMPACT_FIELDS.filter(([f]) => n(s.impact[f]) !== null && s.impact[f] !== s.maxQuantity).map(
        ([f, key, unit]) => (
          <div key={f}>
            <dt>{t(key)}</dt>
            <dd>{quantity(n(s.impact[f])!, unit)}</dd>
          </div>
        ),
      )}
      <div>
        <dt>{t('business.impact.factorSet')}</dt>
        <dd>{s.factorSet}</dd>
      </div>
    </dl>
  );
}

export function SuggestionDetail({ api, suggestionId }: { api: Api; suggestionId: string }) {
  const { t } = useI18n();
  const [review, retry] = useResource(
    async (signal) =>
      dataOf(await api.GET('/suggestions/{id}', { params: { path: { id: suggestionId } }, signal })),
    [api, suggestionId],
  );
  const [answered, setAnswered] = useState<Review | null>(null);
  return (
    <ResourceView resource={review} retry={retry}>
      {(loaded) => {
        const r = answered ?? loaded;
        const s = r.suggestion;
        if (s === null) return <p>{t('business.suggestion.gone')}</p>;
        return <SuggestionView api={api} review={r} s={s} onAnswered={setAnswered} />;
      }}
    </ResourceView>
  );
}

function SuggestionView({
  api,
  review,
  s,
  onAnswered,
}: {
  api: Api;
  review: Review;
  s: Suggestion;
  onAnswered: (r: Review) => void;
}) {
  const { t, number, quantity, date, language } = useI18n();
  const mine = review.yourSides[0] ?? 'offer';
  const routeDetail = s.route.detail ? engineTextOf(s.route.detail, language) : null;
  // A chain's processor takes the supplier's offer by its own need (decision 0016).
  const otherSide = mine === 'offer' ? 'need' : 'offer';
  const own = mine === 'processor' ? (s.processor?.need ?? s.need) : s[mine];
  const other = s[otherSide];
  const party = review.parties[otherSide];
  const [company] = useResource(
    async (signal) =>
      party === null && other.companyId !== undefined
        ? dataOf(await api.GET('/companies/{id}', { params: { path: { id: other.companyId } }, signal })).name
        : null,
    [api, other.companyId, party],
  );
  const otherName =
    party?.name ?? (company.state === 'ready' ? company.data : null) ?? t('business.counterpart.undisclosed');
  return (
    <>
      <section aria-labelledby="suggestion-summary">
        <h2 id="suggestion-summary">{t('business.suggestion.summary')}</h2>
        <p>
          {t('business.suggestion.between', { own: own.title, other: other.title })}{' '}
          <strong>{t(`state.${review.state}`)}</strong>
        </p>
        <dl class="facts">
          <div>
            <dt>{t('business.suggestion.score')}</dt>
            <dd>{number(s.score, 2)}</dd>
          </div>
          <div>
            <dt>{t('business.suggestion.distance')}</dt>
            <dd>{t('business.km', { km: number(s.distanceKm) })}</dd>
          </div>
          <div>
            <dt>{t('business.suggestion.route')}</dt>
            <dd>
              {t(`business.route.${s.route.type}` as MessageKey)}
              {routeDetail && <span lang={routeDetail.lang}> ({routeDetail.text})</span>}
            </dd>
          </div>
        </dl>
        <TermBars terms={s.terms} />
      </section>

      <section aria-labelledby="suggestion-impact">
        <h2 id="suggestion-impact">{t('business.suggestion.impact')}</h2>
        <Impact s={s} unallocated={review.unallocated} />
      </section>

      {s.economics && (
        <section aria-labelledby="suggestion-economics">
          <h2 id="suggestion-economics">{t('economics.title')}</h2>
          <EconomicsFacts economics={s.economics} />
        </section>
      )}

      <section aria-labelledby="suggestion-counterpart">
        <h2 id="suggestion-counterpart">{t('business.counterpart.title')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('business.counterpart.company')}</dt>
            <dd>{otherName}</dd>
          </div>
          <div>
            <dt>{t('listing.title')}</dt>
            <dd>{other.title}</dd>
          </div>
          <div>
            <dt>{t('listing.direction')}</dt>
            <dd>{t(`direction.${other.direction}`)}</dd>
          </div>
          <div>
            <dt>{t('listing.quantity')}</dt>
            <dd>{quantity(other.canonicalQuantity.value, other.canonicalQuantity.unit)}</dd>
          </div>
          <div>
            <dt>{t('listing.availableFrom')}</dt>
            <dd>{other.availableFrom ? date(other.availableFrom) : t('listing.always')}</dd>
          </div>
        </dl>
        {other.description && <p class="description">{other.description}</p>}
        <p class="note">
          {other.anonymised ? t('business.counterpart.anonymised') : t('business.counterpart.identified')}
          {!review.revealed && ` ${t('business.counterpart.reveal')}`}
        </p>
        <div class="suggestion-map">
          <NorwayMap
            title={t('business.suggestion.map')}
            description={t('business.suggestion.mapDescription', {
              km: number(s.distanceKm),
            })}
            legend={false}
            points={[
              { id: own.id, lat: own.lat, lon: own.lon, label: own.title, tone: 'potential' },
              { id: other.id, lat: other.lat, lon: other.lon, label: other.title, tone: 'idle' },
            ]}
            lines={[{ id: s.id, from: own.id, to: other.id, realised: false }]}
          />
        </div>
      </section>

      <Respond api={api} review={review} onAnswered={onAnswered} />
    </>
  );
}

function Respond({ api, review, onAnswered }: { api: Api; review: Review; onAnswered: (r: Review) => void }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<'interested' | 'not-interested'>('interested');
  const [reason, setReason] = useState<ReasonCode | ''>('');
  const [reasonText, setReasonText] = useState('');
  const [note, setNote] = useState('');
  const [side, setSide] = useState<Review['yourSides'][number]>(review.yourSides[0] ?? 'offer');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const errors = useFormErrors('response', ['answer', 'reason', 'reason.text', 'note', 'side']);
  const yours = review.interest[side];
  const labels = {
    answer: t('business.respond.answer'),
    reason: t('business.respond.reason'),
    'reason.text': t('business.respond.reasonText'),
    note: t('business.respond.note'),
    side: t('business.respond.side'),
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const body: Schemas['Response'] = {
        answer,
        ...(answer === 'not-interested' && reason !== ''
          ? { reason: { code: reason, ...(reasonText.trim() ? { text: reasonText } : {}) } }
          : {}),
        ...(note.trim() ? { note } : {}),
        ...(review.yourSides.length > 1 ? { side } : {}),
      };
      const r = dataOf(
        await api.POST('/suggestions/{id}/responses', { params: { path: { id: review.id } }, body }),
      );
      errors.clear();
      setDone(answer === 'interested' ? t('business.respond.doneInterested') : t('business.respond.doneNot'));
      onAnswered(r);
    } catch (error) {
      errors.set(problemsOf(error), error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="respond-title">
      <h2 id="respond-title">{t('business.respond.title')}</h2>
      <p>
        {yours === null
          ? t('business.respond.notYet')
          : t('business.respond.current', {
              answer: t(
                yours === 'interested' ? 'business.respond.interested' : 'business.respond.notInterested',
              ),
            })}
      </p>
      <form noValidate onSubmit={submit} class="respond">
        <ErrorSummary errors={errors} labels={labels} />
        {review.yourSides.length > 1 && (
          <Field errors={errors} path="side" label={labels.side}>
            {(attrs) => (
              <select
                {...attrs}
                value={side}
                onChange={(e) => setSide(e.currentTarget.value as Review['yourSides'][number])}
              >
                {review.yourSides.map((option) => (
                  <option key={option} value={option}>
                    {option === 'processor' ? t('business.respond.processor') : t(`direction.${option}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <fieldset aria-describedby="response-answer-error">
          <legend>{labels.answer}</legend>
          {(['interested', 'not-interested'] as const).map((a) => (
            <div class="check" key={a}>
              <input
                type="radio"
                name="answer"
                id={`response-answer-${a}`}
                value={a}
                checked={answer === a}
                onChange={() => setAnswer(a)}
              />
              <label for={`response-answer-${a}`}>
                {t(a === 'interested' ? 'business.respond.interested' : 'business.respond.notInterested')}
              </label>
            </div>
          ))}
          <p id="response-answer-error" class="field-error">
            {errors.placed.byField.get('answer')?.join(' · ')}
          </p>
        </fieldset>
        {answer === 'not-interested' && (
          <>
            <Field errors={errors} path="reason" label={labels.reason}>
              {(attrs) => (
                <select
                  {...attrs}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value as ReasonCode)}
                >
                  <option value="">{t('business.respond.chooseReason')}</option>
                  {REASON_CODES.map((code) => (
                    <option key={code} value={code}>
                      {t(`business.reason.${code}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field errors={errors} path="reason.text" label={labels['reason.text']}>
              {(attrs) => (
                <input
                  {...attrs}
                  type="text"
                  value={reasonText}
                  onInput={(e) => setReasonText(e.currentTarget.value)}
                />
              )}
            </Field>
          </>
        )}
        <Field errors={errors} path="note" label={labels.note}>
          {(attrs) => (
            <textarea {...attrs} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('business.saving') : t('business.respond.send')}
          </button>
        </div>
        <p class="status" role="status">
          {done}
        </p>
      </form>
    </section>
  );
}
