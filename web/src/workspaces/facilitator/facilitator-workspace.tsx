/**
 * The facilitator workspace: the review queue (GET /review-queue, filtered and paged) and, at
 * `#/facilitator/suggestions/<id>`, a suggestion's full picture with what the facilitator may do
 * with it. The queue's filters live here, so they are kept while a suggestion is open.
 */
import { useState } from 'preact/hooks';
import type { Api, Me } from '../../api/client.ts';
import { useHash } from '../../shell/workspaces.ts';
import { EMPTY_QUERY, type QueueQuery, ReviewQueue } from './queue.tsx';
import { suggestionIdIn } from './routes.ts';
import { SuggestionView } from './suggestion.tsx';
import './facilitator.css';

export function FacilitatorWorkspace({ api, me }: { api: Api; me?: Me }) {
  const hash = useHash();
  const [query, setQuery] = useState<QueueQuery>(EMPTY_QUERY);
  const id = suggestionIdIn(hash);
  return (
    <div class="facilitator">
      {id !== null ? (
        <SuggestionView key={id} api={api} me={me} id={id} />
      ) : (
        <ReviewQueue api={api} me={me} query={query} onQuery={setQuery} />
      )}
    </div>
  );
}
