/**
 * The facilitator workspace's own routes inside the fragment: `#/facilitator` is the queue,
 * `#/facilitator/suggestions/<id>` one suggestion. Pure, so it is tested without a browser.
 */
export const QUEUE_HREF = '#/facilitator';

export const suggestionHref = (id: string) => `${QUEUE_HREF}/suggestions/${encodeURIComponent(id)}`;

/** The suggestion id the fragment names, or null on the queue. */
export function suggestionIdIn(hash: string): string | null {
  const encoded = /^#\/facilitator\/suggestions\/([^/?#]+)/.exec(hash)?.[1];
  if (encoded === undefined) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
