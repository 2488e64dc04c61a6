/**
 * How an account's parts read, the same on the list and on the account: who did something (the
 * operator's command line, a user, or nobody known) and what the account covers (its companies,
 * or its regions by name); and one fact of a list of facts, as an account and My account show them.
 */
import type { ComponentChildren } from 'preact';
import type { Schemas } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { regionLabel } from './user-input.ts';
import type { Regions } from './users-workspace.tsx';

type Account = Schemas['Account'];
type Actor = Schemas['Actor'] | null | undefined;

/** The name of who did it: `system` is the operator's command line. */
export function useWho(): (who: Actor) => string {
  const { t } = useI18n();
  return (who) =>
    who === null || who === undefined
      ? t('users.byUnknown')
      : who.id === 'system'
        ? t('users.bySystem')
        : who.name;
}

/** `12 Mar 2026, by Kari Nordmann`: a date and who. */
export function When({ at, by }: { at: string | undefined; by: Actor }) {
  const { t, date } = useI18n();
  const who = useWho();
  if (at === undefined) return <>{t('users.none')}</>;
  return <>{t('users.dateBy', { date: date(at), who: who(by) })}</>;
}

/** The companies of a business user, the regions of a facilitator; a dash for the others. */
export function Scope({ account, regions }: { account: Account; regions: Regions }) {
  const { t } = useI18n();
  if (account.companies.length > 0) return <>{account.companies.map((c) => c.name).join(', ')}</>;
  if (account.regions.length > 0)
    return <>{account.regions.map((r) => regionLabel(r, regions.names, t('users.allRegions'))).join(', ')}</>;
  return <>{t('users.none')}</>;
}

/** Enabled or disabled, as a badge. */
export function StateBadge({ state }: { state: Account['state'] }) {
  const { t } = useI18n();
  return <span class={`users-badge ${state}`}>{t(`users.state.${state}`)}</span>;
}

/** One fact of a `dl.users-facts`: what it is (`term`) and its value. */
export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
