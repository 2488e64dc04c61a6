/**
 * Why a listing has no suggestion, or only a few: the listings on the other side closest to it,
 * each with what became of the pair (suggested, outranked, below the minimum, or stopped by a rule)
 * and every rule that stopped or lowered it, in the engine's words in the reader's language
 * (GET /listings/{id}/diagnostics). Shown under a listing's suggestions, read only when opened.
 */
import { useState } from 'preact/hooks';
import type { Api, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { engineTextOf } from '../../i18n/engine-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { ResourceView } from '../../ui/resource-view.tsx';

type Listing = Schemas['VisibleListing'];
type Diagnosis = Schemas['ListingDiagnosis'];
type Rule = Schemas['DiagnosticRule'];

/** Counterparts described, closest first. */
const DESCRIBED = 5;

export function ListingDiagnostics({ api, listing }: { api: Api; listing: Listing }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details class="diagnostics" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('business.diagnostics.title')}</summary>
      <p>{t('business.diagnostics.intro')}</p>
      {open && <DiagnosisView api={api} listing={listing} />}
    </details>
  );
}

function DiagnosisView({ api, listing }: { api: Api; listing: Listing }) {
  const [diagnosis, retry] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/listings/{id}/diagnostics', {
          params: { path: { id: listing.id }, query: { limit: DESCRIBED } },
          signal,
        }),
      ),
    [api, listing.id],
  );
  return (
    <ResourceView resource={diagnosis} retry={retry}>
      {(d) => <Diagnosed diagnosis={d} />}
    </ResourceView>
  );
}

function Diagnosed({ diagnosis: d }: { diagnosis: Diagnosis }) {
  const { t, number, decimal } = useI18n();
  const km = number(d.searchedKm);
  if (d.counterparts === 0) return <p>{t('business.diagnostics.none', { km })}</p>;
  const blocked = Object.entries(d.blockedBy)
    .filter((e): e is [Rule['code'], number] => typeof e[1] === 'number' && e[1] > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <>
      <p>
        {t('business.diagnostics.summary', {
          km,
          counterparts: number(d.counterparts),
          compatible: number(d.compatible),
        })}
      </p>
      {blocked.length > 0 && (
        <>
          <h3>{t('business.diagnostics.blockedBy')}</h3>
          <ul class="blocked-by">
            {blocked.map(([code, count]) => (
              <li key={code}>
                {ruleName(t, code)}: {number(count)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('business.diagnostics.closest')}</h3>
      <ol class="closest">
        {d.closest.map((c) => (
          <li key={c.counterpart.id} class="suggestion-card">
            <h4>
              <span lang={c.counterpart.anonymised ? undefined : 'nb'}>{c.counterpart.title}</span>
            </h4>
            <p class="meta">
              {[
                t(`direction.${c.counterpart.direction}`),
                t(`business.diagnostics.status.${c.status}`),
                t('business.diagnostics.distance', { km: number(c.distanceKm), limit: number(c.limitKm) }),
                c.score === null
                  ? t('business.diagnostics.noScore')
                  : t('business.diagnostics.score', { score: decimal(c.score, 2) }),
              ].join(' · ')}
            </p>
            {c.rules.length > 0 && (
              <ul class="rules">
                {c.rules.map((r, i) => (
                  <RuleItem key={`${r.code}-${i}`} rule={r} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function RuleItem({ rule }: { rule: Rule }) {
  const { t, language } = useI18n();
  const reason = engineTextOf(rule.reason, language);
  return (
    <li class={`rule ${rule.effect}`}>
      <strong>
        {ruleName(t, rule.code)} ({t(`business.diagnostics.${rule.effect}`)}):
      </strong>{' '}
      <span lang={reason.lang}>{reason.text}</span>
    </li>
  );
}

function ruleName(t: (key: MessageKey) => string, code: Rule['code']): string {
  return t(`business.diagnostics.rule.${code}`);
}
