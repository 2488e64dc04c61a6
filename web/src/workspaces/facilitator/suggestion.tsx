/**
 * A suggestion's full picture for its facilitator (GET /suggestions/{id} and its events): where
 * it stands, both listings as far as the facilitator may see them, why it was suggested (the
 * score terms as bars), its impact under each factor set, both sites on a map, what may be done
 * with it now, and its audit trail with the notes.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Api, Me, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { type Resource, useResource } from '../../api/use-resource.ts';
import { engineText, engineTextOf } from '../../i18n/engine-text.ts';
import { LOCALE } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { type MapPoint, NorwayMap } from '../../map/norway-map.tsx';
import { EconomicsFacts } from '../../ui/economics.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { Actions } from './actions.tsx';
import { impactFigures } from './impact.ts';
import { QUEUE_HREF } from './routes.ts';

type Review = Schemas['SuggestionReview'];
type Listing = Schemas['VisibleListing'];
type ReviewEvent = Schemas['ReviewEvent'];

const EVENT_PAGE = 200;
const TERM_NAMES = new Set(['resource', 'quantity', 'distance', 'temporal', 'quality', 'feedback', 'chain']);

export function SuggestionView({ api, me, id }: { api: Api; me?: Me; id: string }) {
  const [loaded, reload] = useResource(
    async (signal) => dataOf(await api.GET('/suggestions/{id}', { params: { path: { id } }, signal })),
    [api, id],
  );
  // An act answers with the suggestion as now written: shown without reading it again.
  const [written, setWritten] = useState<Review | null>(null);
  const [events, reloadEvents] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/suggestions/{id}/events', {
          params: { path: { id }, query: { limit: EVENT_PAGE } },
          signal,
        }),
      ),
    [api, id],
  );
  const { t } = useI18n();
  const resource =
    loaded.state === 'ready' && written !== null ? { state: 'ready' as const, data: written } : loaded;
  return (
    <div class="suggestion-view">
      <p class="fac-back">
        <a href={QUEUE_HREF}>← {t('facilitator.back')}</a>
      </p>
      <ResourceView resource={resource} retry={reload}>
        {(review) => (
          <Picture
            api={api}
            me={me}
            review={review}
            events={events}
            onWritten={(next) => {
              setWritten(next);
              reloadEvents();
            }}
            onReload={() => {
              setWritten(null);
              reload();
              reloadEvents();
            }}
            retryEvents={reloadEvents}
          />
        )}
      </ResourceView>
    </div>
  );
}

function Picture({
  api,
  me,
  review,
  events,
  onWritten,
  onReload,
  retryEvents,
}: {
  api: Api;
  me?: Me;
  review: Review;
  events: Resource<{ items: ReviewEvent[]; limit: number }>;
  onWritten: (review: Review) => void;
  onReload: () => void;
  retryEvents: () => void;
}) {
  const { t } = useI18n();
  const s = review.suggestion;
  const name = (l: Listing | undefined) => l?.title ?? t('facilitator.queue.untitled');
  return (
    <Page title={t('facilitator.suggestion.title', { offer: name(s?.offer), need: name(s?.need) })}>
      <Summary review={review} me={me} />
      {s ? (
        <>
          <section aria-labelledby="listings-h">
            <h2 id="listings-h">{t('facilitator.listings')}</h2>
            <div class="pair">
              <ListingCard listing={s.offer} party={review.parties.offer} side="offer" />
              <ListingCard listing={s.need} party={review.parties.need} side="need" />
            </div>
          </section>
          <div class="columns">
            <Terms terms={s.terms} />
            <ImpactView suggestion={s} />
          </div>
          {s.economics && (
            <section aria-labelledby="economics-h">
              <h2 id="economics-h">{t('economics.title')}</h2>
              <EconomicsFacts economics={s.economics} />
            </section>
          )}
          {s.chain && s.processor && (
            <ChainView suggestion={s} processorParty={review.parties.processor ?? null} />
          )}
        </>
      ) : (
        <p class="note">{t('facilitator.suggestion.gone')}</p>
      )}
      <div class="columns">
        <Actions api={api} me={me} review={review} onWritten={onWritten} onReload={onReload} />
        {s && <SitesMap suggestion={s} review={review} />}
      </div>
      <section aria-labelledby="trail-h">
        <h2 id="trail-h">{t('facilitator.trail')}</h2>
        <ResourceView resource={events} retry={retryEvents}>
          {(page) => <Trail events={page.items} hasMore={page.items.length >= page.limit} me={me} />}
        </ResourceView>
      </section>
    </Page>
  );
}

function Summary({ review, me }: { review: Review; me?: Me }) {
  const { t, decimal, number, quantity, date, language } = useI18n();
  const s = review.suggestion;
  const answer = (a: string | null): string =>
    a === 'interested' || a === 'not-interested'
      ? t(`facilitator.answer.${a}`)
      : t('facilitator.answer.none');
  const basis = review.outcome ? t(`facilitator.basis.${review.outcome.quantityBasis}`) : '';
  return (
    <section aria-labelledby="summary-h" class="summary">
      <h2 id="summary-h" class="visually-hidden">
        {t('facilitator.suggestion.summary')}
      </h2>
      <dl class="fac-facts">
        <div>
          <dt>{t('facilitator.suggestion.state')}</dt>
          <dd>
            <span class={`fac-badge state-${review.state}`}>{t(`state.${review.state}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('facilitator.suggestion.score')}</dt>
          <dd>{decimal(review.score, 2)}</dd>
        </div>
        <div>
          <dt>{t('facilitator.co2e')}</dt>
          <dd>{review.co2eAvoidedT === null ? t('impact.notQuantified') : number(review.co2eAvoidedT, 1)}</dd>
        </div>
        {s && (
          <div>
            <dt>{t('allocation.label')}</dt>
            <dd>
              {s.allocatedQuantity !== null && s.allocatedQuantity > 0
                ? t('allocation.ofMax', {
                    allocated: quantity(s.allocatedQuantity, s.unit),
                    max: quantity(s.maxQuantity, s.unit),
                  })
                : review.unallocated
                  ? t(`allocation.${review.unallocated}`)
                  : quantity(0, s.unit)}
            </dd>
          </div>
        )}
        {s && (
          <div>
            <dt>{t('facilitator.suggestion.distance')}</dt>
            <dd>{t('facilitator.suggestion.distanceKm', { km: s.distanceKm })}</dd>
          </div>
        )}
        {s && (
          <div>
            <dt>{t('facilitator.suggestion.route')}</dt>
            <dd>{t(`facilitator.route.${s.route.type}`)}</dd>
          </div>
        )}
        <div>
          <dt>{t('facilitator.suggestion.assignee')}</dt>
          <dd>
            {review.assigneeId === null
              ? t('facilitator.suggestion.nobody')
              : review.assigneeId === me?.id
                ? t('facilitator.suggestion.you')
                : t('facilitator.suggestion.someoneElse', { id: review.assigneeId })}
          </dd>
        </div>
        <div>
          <dt>{t('facilitator.suggestion.interest')}</dt>
          <dd>
            {t('facilitator.suggestion.interestOf', {
              offer: answer(review.interest.offer),
              need: answer(review.interest.need),
            })}
            {review.revealed && <> {t('facilitator.suggestion.revealed')}</>}
          </dd>
        </div>
        <div>
          <dt>{t('facilitator.suggestion.readiness')}</dt>
          <dd>{review.readiness ? review.readiness.level : t('facilitator.never')}</dd>
        </div>
        <div>
          <dt>{t('facilitator.suggestion.version')}</dt>
          <dd>{review.version}</dd>
        </div>
      </dl>
      {review.outcome && (
        <p class="outcome-line">
          {t('facilitator.outcome.recorded', {
            quantity: quantity(review.outcome.quantityPerYear, s?.unit ?? ''),
            basis: basis.toLocaleLowerCase(),
            date: date(review.outcome.startDate),
          })}
        </p>
      )}
      {review.reason && (
        <p>
          <strong>{t('facilitator.suggestion.reason')}:</strong>{' '}
          {t(`facilitator.reason.${review.reason.code}`)}
          {review.reason.text && <> – {review.reason.text}</>}
        </p>
      )}
      {review.matchStatus !== 'active' && <p class="note">{t('facilitator.suggestion.matchWithdrawn')}</p>}
      {review.flags.length > 0 && (
        <div class="flags" role="note">
          <strong>{t('facilitator.suggestion.flags')}</strong>
          <ul>
            {review.flags.map((f) => {
              const flag = engineTextOf(f, language);
              return (
                <li key={f} lang={flag.lang}>
                  {flag.text}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

/**
 * A chain through a processor (decision 0016): the processor's two listings, its yield, and each
 * link's own explanation.
 */
function ChainView({
  suggestion,
  processorParty,
}: {
  suggestion: Schemas['Suggestion'];
  processorParty: { name: string } | null;
}) {
  const { t, decimal, number } = useI18n();
  const chain = suggestion.chain!;
  const processor = suggestion.processor!;
  const ends = [
    [suggestion.offer, processor.need],
    [processor.offer, suggestion.need],
  ] as const;
  return (
    <section aria-labelledby="chain-h">
      <h2 id="chain-h">{t('facilitator.chain')}</h2>
      <p>{t('facilitator.chain.yield', { yield: decimal(chain.yield, 2) })}</p>
      <div class="pair">
        <ListingCard listing={processor.need} party={processorParty} side="processor" id="processor-need" />
        <ListingCard listing={processor.offer} party={processorParty} side="processor" id="processor-offer" />
      </div>
      {chain.links.map((link, i) => (
        <Terms
          key={`${link.offerId}|${link.needId}`}
          id={`link-${i + 1}`}
          title={t('facilitator.chain.link', {
            n: i + 1,
            from: ends[i]![0].title,
            to: ends[i]![1].title,
            km: number(link.distanceKm),
          })}
          terms={link.terms}
        />
      ))}
    </section>
  );
}

function ListingCard({
  listing,
  party,
  side,
  id = side,
}: {
  listing: Listing;
  party: { name: string } | null;
  side: 'offer' | 'need' | 'processor';
  /** Names the card's heading when several cards share a side. */
  id?: string;
}) {
  const { t, quantity, date } = useI18n();
  const available = [
    listing.availableFrom ? t('facilitator.listing.from', { date: date(listing.availableFrom) }) : '',
    listing.availableTo ? t('facilitator.listing.until', { date: date(listing.availableTo) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const row = (label: MessageKey, value: string | number | undefined | null, lang?: string) =>
    value === undefined || value === null || value === '' ? null : (
      <div>
        <dt>{t(label)}</dt>
        <dd lang={lang}>{value}</dd>
      </div>
    );
  const temps = listing.energy
    ? [listing.energy.supplyTemperatureC, listing.energy.returnTemperatureC]
        .filter((x): x is number => typeof x === 'number')
        .map((x) => `${x} °C`)
        .join(' / ')
    : '';
  return (
    <article class={`listing-card ${side}`} aria-labelledby={`listing-${id}-h`}>
      <h3 id={`listing-${id}-h`}>
        <span class="side">{t(`facilitator.listing.${side}`)}:</span> {listing.title}
      </h3>
      <dl class="fac-facts">
        {row('facilitator.listing.company', party?.name ?? t('facilitator.notDisclosed'))}
        {row('listing.kind', t(`kind.${listing.kind}`))}
        {row('facilitator.listing.quantity', quantity(listing.quantity.value, listing.quantity.unit))}
        {row('facilitator.listing.available', available || t('facilitator.listing.now'))}
        {row('facilitator.listing.continuity', t(`facilitator.continuity.${listing.continuity}`))}
        {row('facilitator.listing.confidentiality', t(`confidentiality.${listing.confidentiality}`))}
        {row('facilitator.listing.wasteCodes', listing.material?.wasteCodes?.join(', '))}
        {row('facilitator.listing.category', listing.material?.category)}
        {listing.material &&
          row(
            'facilitator.listing.hazardous',
            listing.material.hazardous ? t('facilitator.listing.yes') : t('facilitator.listing.no'),
          )}
        {listing.energy &&
          row('facilitator.listing.carrier', t(`facilitator.carrier.${listing.energy.carrier}`))}
        {row('facilitator.listing.temperature', temps)}
        {listing.water && row('facilitator.listing.waterType', t(`facilitator.water.${listing.water.type}`))}
        {listing.land && row('facilitator.listing.landUse', t(`facilitator.land.${listing.land.landUse}`))}
      </dl>
      {listing.description && <p class="fac-description">{listing.description}</p>}
      {listing.anonymised && <p class="note">{t('facilitator.listing.anonymised')}</p>}
    </article>
  );
}

/** The score terms as a small bar chart, drawn as a table (read out as one) with bars beside the figures. */
function Terms({
  terms,
  id = 'terms',
  title,
}: {
  terms: Schemas['Suggestion']['terms'];
  /** A chain's link: its own heading (an h3 under the chain's). */
  id?: string;
  title?: string;
}) {
  const { t, decimal, language } = useI18n();
  return (
    <section aria-labelledby={`${id}-h`}>
      {title === undefined ? (
        <h2 id={`${id}-h`}>{t('facilitator.terms')}</h2>
      ) : (
        <h3 id={`${id}-h`}>{title}</h3>
      )}
      <table class="fac-terms">
        <caption>{t('facilitator.terms.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('facilitator.terms.term')}</th>
            <th scope="col">{t('facilitator.terms.value')}</th>
            <th scope="col" class="number">
              {t('facilitator.terms.weight')}
            </th>
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => {
            const width = Math.min(1, Math.abs(term.value)) * 100;
            const reason = engineTextOf(term.reason, language);
            return (
              <tr key={term.name}>
                <th scope="row">
                  {TERM_NAMES.has(term.name) ? t(`facilitator.term.${term.name}` as MessageKey) : term.name}
                  <span class="term-reason" lang={reason.lang}>
                    {reason.text}
                  </span>
                </th>
                <td class="bar-cell">
                  <span class="bar-figure">{decimal(term.value, 2)}</span>
                  <span class="bar-track" aria-hidden="true">
                    <span
                      class={term.value < 0 ? 'fac-bar fac-negative' : 'fac-bar'}
                      style={{ width: `${width}%` }}
                    />
                  </span>
                </td>
                <td class="number">{decimal(term.weight, 2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ImpactView({ suggestion }: { suggestion: Schemas['Suggestion'] }) {
  const { t, number, quantity } = useI18n();
  const figures = impactFigures(suggestion.impact, suggestion.factorSet);
  return (
    <section aria-labelledby="impact-h">
      <h2 id="impact-h">{t('facilitator.impact')}</h2>
      <dl class="fac-facts">
        {figures.quantity !== null && (
          <div>
            <dt>{t('facilitator.impact.quantity')}</dt>
            <dd>{quantity(figures.quantity, figures.unit ?? suggestion.unit)}</dd>
          </div>
        )}
        {figures.amounts.map((a) => (
          <div key={a.key}>
            <dt>{t(`facilitator.impact.${a.key}`)}</dt>
            <dd>{quantity(a.value, a.unit)}</dd>
          </div>
        ))}
      </dl>
      {figures.bySet.length === 0 ? (
        <p>{t('facilitator.impact.none')}</p>
      ) : (
        <table class="by-set">
          <caption>{t('facilitator.impact.bySet')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('facilitator.impact.set')}</th>
              <th scope="col" class="number">
                {t('facilitator.impact.co2e')}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.bySet.map((b) => (
              <tr key={b.set} class={b.own ? 'own' : undefined}>
                <th scope="row">
                  <code>{b.set}</code> {b.own && <span class="note">{t('facilitator.impact.own')}</span>}
                </th>
                <td class="number">
                  {b.co2eAvoidedT === null ? t('impact.notQuantified') : number(b.co2eAvoidedT, 1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {figures.notQuantified.length > 0 && (
        <p class="note">
          {t('impact.notQuantifiedParts', {
            parts: figures.notQuantified.map((p) => t(`impact.part.${p}`)).join(', '),
          })}
        </p>
      )}
    </section>
  );
}

function SitesMap({ suggestion, review }: { suggestion: Schemas['Suggestion']; review: Review }) {
  const { t, number } = useI18n();
  const realised = review.state === 'implemented';
  const tone = realised ? 'realised' : 'potential';
  const offerName = review.parties.offer?.name ?? t('map.anonymous');
  const needName = review.parties.need?.name ?? t('map.anonymous');
  const points = useMemo<MapPoint[]>(
    () => [
      {
        id: 'offer',
        lat: suggestion.offer.lat,
        lon: suggestion.offer.lon,
        label: t('facilitator.map.offer', { name: offerName }),
        tone,
      },
      {
        id: 'need',
        lat: suggestion.need.lat,
        lon: suggestion.need.lon,
        label: t('facilitator.map.need', { name: needName }),
        tone,
      },
    ],
    [suggestion, tone, offerName, needName, t],
  );
  const lines = useMemo(() => [{ id: 'pair', from: 'offer', to: 'need', realised }], [realised]);
  return (
    <section aria-labelledby="map-h">
      <h2 id="map-h">{t('facilitator.map')}</h2>
      <NorwayMap
        title={t('facilitator.map')}
        description={t('facilitator.map.description', {
          offer: offerName,
          need: needName,
          km: number(suggestion.distanceKm, 1),
        })}
        points={points}
        lines={lines}
      />
    </section>
  );
}

function Trail({ events, hasMore, me }: { events: ReviewEvent[]; hasMore: boolean; me?: Me }) {
  const { t, language } = useI18n();
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(LOCALE[language], {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Oslo',
      }),
    [language],
  );
  if (events.length === 0) return <p>{t('facilitator.trail.empty')}</p>;
  return (
    <>
      <ol class="trail">
        {[...events].reverse().map((e) => (
          <li key={e.id} class={`fac-event-${e.type}`}>
            <p class="event-head">
              <strong>{eventTitle(e, t)}</strong>
              {eventDetail(e, t, me)}
            </p>
            <p class="event-meta">
              <time dateTime={e.at}>{when.format(new Date(e.at))}</time> ·{' '}
              {t('facilitator.trail.by', { name: e.actorName, role: roleName(e.actorRole, t) })}
            </p>
            {e.reasonCode && (
              <p>
                {t('facilitator.suggestion.reason')}: {t(`facilitator.reason.${e.reasonCode}`)}
                {e.reasonText && <> – {e.reasonText}</>}
              </p>
            )}
            {/* The service's own notes (a flag, both businesses interested) are put into the language;
                a person's note is shown as written. */}
            {e.note && <p class="event-note">{engineText(e.note, language)}</p>}
          </li>
        ))}
      </ol>
      {hasMore && <p class="note">{t('facilitator.trail.more', { count: events.length })}</p>}
    </>
  );
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const ROLES = new Set(['business', 'facilitator', 'analyst', 'admin']);
const roleName = (role: string, t: T) =>
  ROLES.has(role) ? t(`role.${role as 'business' | 'facilitator' | 'analyst' | 'admin'}`) : role;

function eventTitle(e: ReviewEvent, t: T): string {
  if (e.type === 'transition' && e.from && e.to)
    return t('facilitator.event.transition', { from: t(`state.${e.from}`), to: t(`state.${e.to}`) });
  return t(`facilitator.event.${e.type}`);
}

/** What an event recorded beyond its type: the answer, the level, the assignee. */
function eventDetail(e: ReviewEvent, t: T, me?: Me): string {
  const data = e.data ?? {};
  if (e.type === 'response') {
    const answer = data['answer'];
    return answer === 'interested' || answer === 'not-interested'
      ? `: ${t(`facilitator.answer.${answer}`)}`
      : '';
  }
  if (e.type === 'readiness' && typeof data['level'] === 'number')
    return `: ${t('facilitator.event.level', { level: data['level'] })}`;
  if (e.type === 'assignment') {
    const to = data['to'];
    const who =
      to === null || to === undefined
        ? t('facilitator.suggestion.nobody')
        : to === me?.id
          ? t('facilitator.suggestion.you')
          : t('facilitator.suggestion.someoneElse', { id: String(to) });
    return ` ${t('facilitator.event.assignedTo', { who: who.toLocaleLowerCase() })}`;
  }
  return '';
}
