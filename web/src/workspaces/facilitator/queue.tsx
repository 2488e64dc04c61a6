/**
 * The review queue (GET /review-queue): the suggestions in the facilitator's regions, filtered by
 * state, resource, municipality, assignee and changed listings, a page at a time. Each row links
 * to the suggestion's full picture.
 */
import { useState } from 'preact/hooks';
import type { Api, Me, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { suggestionHref } from './routes.ts';

export const QUEUE_PAGE = 25;

export type ReviewState = Schemas['SuggestionReview']['state'];
export type Kind = 'material' | 'energy' | 'water' | 'land';
export const KINDS: readonly Kind[] = ['material', 'energy', 'water', 'land'];
export const REVIEW_STATES: readonly ReviewState[] = [
  'suggested',
  'under-review',
  'introduced',
  'negotiating',
  'agreed',
  'implemented',
  'rejected',
  'declined',
  'withdrawn',
  'expired',
];

export interface QueueQuery {
  /** '' the open states (the API's default), 'all' every state, or one state. */
  state: '' | 'all' | ReviewState;
  kind: '' | Kind;
  municipality: string;
  assignee: '' | 'me' | 'none';
  flagged: boolean;
  offset: number;
}

export const EMPTY_QUERY: QueueQuery = {
  state: '',
  kind: '',
  municipality: '',
  assignee: '',
  flagged: false,
  offset: 0,
};

/** The query of GET /review-queue for a queue query of the form. */
export function apiQuery(q: QueueQuery) {
  return {
    limit: QUEUE_PAGE,
    offset: q.offset,
    ...(q.state === 'all' ? { state: REVIEW_STATES.join(',') } : q.state ? { state: q.state } : {}),
    ...(q.kind && { kind: q.kind }),
    ...(q.municipality && { municipality: q.municipality }),
    ...(q.assignee && { assignee: q.assignee }),
    ...(q.flagged && { flagged: 'true' as const }),
  };
}

const isKind = (kind: string): kind is Kind => (KINDS as readonly string[]).includes(kind);

export function ReviewQueue({
  api,
  me,
  query,
  onQuery,
}: {
  api: Api;
  me?: Me;
  query: QueueQuery;
  onQuery: (q: QueueQuery) => void;
}) {
  const { t, number, decimal, date } = useI18n();
  const [queue, retry] = useResource(
    async (signal) => dataOf(await api.GET('/review-queue', { params: { query: apiQuery(query) }, signal })),
    [api, query],
  );
  const party = (p: { name: string } | null) => p?.name ?? t('facilitator.notDisclosed');
  const filtered = JSON.stringify({ ...query, offset: 0 }) !== JSON.stringify(EMPTY_QUERY);
  return (
    <Page title={t('facilitator.title')} intro={t('facilitator.intro')}>
      <QueueFilters api={api} me={me} query={query} onQuery={onQuery} />
      <ResourceView resource={queue} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p role="status">{filtered ? t('facilitator.queue.noMatch') : t('facilitator.empty')}</p>
          ) : (
            <>
              <p class="note" role="status">
                {t('facilitator.queue.range', {
                  from: String(page.offset + 1),
                  to: String(page.offset + page.items.length),
                })}
              </p>
              <div class="table-scroll">
                <table class="queue">
                  <caption>{t('facilitator.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('facilitator.queue.suggestion')}</th>
                      <th scope="col">{t('facilitator.kind')}</th>
                      <th scope="col">{t('facilitator.offer')}</th>
                      <th scope="col">{t('facilitator.need')}</th>
                      <th scope="col">{t('facilitator.state')}</th>
                      <th scope="col" class="number">
                        {t('facilitator.score')}
                      </th>
                      <th scope="col" class="number">
                        {t('facilitator.co2e')}
                      </th>
                      <th scope="col">{t('facilitator.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => {
                      const s = item.suggestion;
                      return (
                        <tr key={item.id}>
                          <th scope="row">
                            <a href={suggestionHref(item.id)}>
                              {s ? `${s.offer.title} → ${s.need.title}` : t('facilitator.queue.untitled')}
                            </a>
                          </th>
                          <td>{isKind(item.kind) ? t(`kind.${item.kind}`) : item.kind}</td>
                          <td>{party(item.parties.offer)}</td>
                          <td>{party(item.parties.need)}</td>
                          <td>
                            {t(`state.${item.state}`)}
                            {item.assigneeId !== null && (
                              <span class="fac-assigned">
                                {t('facilitator.queue.assignedTo', {
                                  who:
                                    item.assigneeId === me?.id
                                      ? t('facilitator.queue.toMe')
                                      : t('facilitator.queue.toOther'),
                                })}
                              </span>
                            )}
                            {item.flags.length > 0 && (
                              <>
                                {' '}
                                <span class="fac-badge flag">{t('facilitator.queue.flags')}</span>
                              </>
                            )}
                          </td>
                          <td class="number">{decimal(item.score, 2)}</td>
                          <td class="number">
                            {item.co2eAvoidedT === null
                              ? t('impact.notQuantified')
                              : number(item.co2eAvoidedT, 1)}
                          </td>
                          <td>{item.updatedAt ? date(item.updatedAt) : t('facilitator.never')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {(page.offset > 0 || page.hasMore) && (
                <nav class="pager" aria-label={t('facilitator.queue.pages')}>
                  <button
                    type="button"
                    class="fac-secondary"
                    disabled={page.offset === 0}
                    onClick={() => onQuery({ ...query, offset: Math.max(0, page.offset - QUEUE_PAGE) })}
                  >
                    {t('facilitator.queue.previous')}
                  </button>
                  <button
                    type="button"
                    class="fac-secondary"
                    disabled={!page.hasMore}
                    onClick={() => onQuery({ ...query, offset: page.offset + QUEUE_PAGE })}
                  >
                    {t('facilitator.queue.next')}
                  </button>
                </nav>
              )}
            </>
          )
        }
      </ResourceView>
    </Page>
  );
}

/** The municipalities of the facilitator's regions (all of them for an admin or 'all'). */
function useMunicipalities(api: Api, me?: Me) {
  const [regions] = useResource(
    async (signal) => dataOf(await api.GET('/taxonomy/regions', { signal })),
    [api],
  );
  if (regions.state !== 'ready') return [];
  const mine = me?.regions;
  const codes = mine === undefined || mine === 'all' ? null : new Set(mine.map((r) => r.code));
  return regions.data.municipalities
    .filter((m) => codes === null || codes.has(m.code) || codes.has(m.countyCode))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

function QueueFilters({
  api,
  me,
  query,
  onQuery,
}: {
  api: Api;
  me?: Me;
  query: QueueQuery;
  onQuery: (q: QueueQuery) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(query);
  const municipalities = useMunicipalities(api, me);
  const set = (change: Partial<QueueQuery>) => setDraft({ ...draft, ...change });
  return (
    <form
      class="filters"
      aria-label={t('facilitator.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onQuery({ ...draft, offset: 0 });
      }}
    >
      <div class="fac-field">
        <label for="queue-state">{t('facilitator.filter.state')}</label>
        <select
          id="queue-state"
          value={draft.state}
          onChange={(e) => set({ state: e.currentTarget.value as QueueQuery['state'] })}
        >
          <option value="">{t('facilitator.filter.openStates')}</option>
          <option value="all">{t('facilitator.filter.allStates')}</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="fac-field">
        <label for="queue-kind">{t('facilitator.filter.kind')}</label>
        <select
          id="queue-kind"
          value={draft.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as QueueQuery['kind'] })}
        >
          <option value="">{t('facilitator.filter.anyKind')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="fac-field">
        <label for="queue-municipality">{t('facilitator.filter.municipality')}</label>
        <select
          id="queue-municipality"
          value={draft.municipality}
          onChange={(e) => set({ municipality: e.currentTarget.value })}
        >
          <option value="">{t('facilitator.filter.anyMunicipality')}</option>
          {municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name} ({m.code})
            </option>
          ))}
        </select>
      </div>
      <div class="fac-field">
        <label for="queue-assignee">{t('facilitator.filter.assignee')}</label>
        <select
          id="queue-assignee"
          value={draft.assignee}
          onChange={(e) => set({ assignee: e.currentTarget.value as QueueQuery['assignee'] })}
        >
          <option value="">{t('facilitator.filter.anyAssignee')}</option>
          <option value="me">{t('facilitator.filter.me')}</option>
          <option value="none">{t('facilitator.filter.none')}</option>
        </select>
      </div>
      <div class="fac-field fac-check">
        <input
          id="queue-flagged"
          type="checkbox"
          checked={draft.flagged}
          onChange={(e) => set({ flagged: e.currentTarget.checked })}
        />
        <label for="queue-flagged">{t('facilitator.filter.flagged')}</label>
      </div>
      <div class="filter-buttons">
        <button type="submit">{t('facilitator.filter.apply')}</button>
        <button
          type="button"
          class="fac-secondary"
          onClick={() => {
            setDraft(EMPTY_QUERY);
            onQuery(EMPTY_QUERY);
          }}
        >
          {t('facilitator.filter.reset')}
        </button>
      </div>
    </form>
  );
}
