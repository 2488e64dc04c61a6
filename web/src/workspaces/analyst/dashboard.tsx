/**
 * The indicator dashboard of a scope: key figures (realised and potential in separate groups,
 * never added together), CO2e avoided under every factor set side by side, the funnel with its
 * conversion rates and the median time to implementation, the series over months or quarters,
 * a breakdown by a chosen key and the barriers with examples. The API describes only some of
 * these fields in its schema and passes the rest through, so they are read with guards.
 */
import { Fragment } from 'preact';
import type { Api, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { ResourceView } from '../../ui/resource-view.tsx';
import { BarChart, ColumnChart, Scroll, SeriesLegend } from './charts.tsx';
import { BREAKDOWN_KEYS, type BreakdownKey, INTERVALS, type Interval, type Scope } from './scope.ts';

type Indicators = Schemas['Indicators'];

/** A figure's value, when the answer has one. */
export function figureValue(group: Record<string, unknown>, key: string): number | null {
  const figure = group[key];
  if (typeof figure !== 'object' || figure === null) return null;
  const value = (figure as { value?: unknown }).value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** CO2e avoided per factor set (`id@version`), as the API lists them. */
export function co2eBySet(group: Record<string, unknown>): Map<string, number> {
  const list = group['co2eAvoidedT'];
  const bySet = new Map<string, number>();
  if (!Array.isArray(list)) return bySet;
  for (const item of list as { factorSet?: unknown; value?: unknown }[]) {
    if (typeof item.factorSet === 'string' && typeof item.value === 'number')
      bySet.set(item.factorSet, item.value);
  }
  return bySet;
}

const REALISED_FIGURES: [string, MessageKey, number][] = [
  ['activeSymbioses', 'analyst.activeSymbioses', 0],
  ['companies', 'analyst.realisedCompanies', 0],
  ['materialsT', 'analyst.materials', 1],
  ['energyGWh', 'analyst.energy', 2],
  ['waterM3', 'analyst.water', 0],
  ['landM2', 'analyst.land', 0],
  ['tonnesDiverted', 'analyst.tonnesDiverted', 1],
  ['costSavedNokPerYear', 'analyst.costSaved', 0],
  ['revenueNokPerYear', 'analyst.revenue', 0],
  ['jobs', 'analyst.jobs', 1],
];

const POTENTIAL_FIGURES: [string, MessageKey, number][] = [
  ['suggestions', 'analyst.suggestions', 0],
  ['companies', 'analyst.potentialCompanies', 0],
  ['materialsT', 'analyst.materials', 1],
  ['energyGWh', 'analyst.energy', 2],
  ['waterM3', 'analyst.water', 0],
  ['landM2', 'analyst.land', 0],
  ['tonnesDiverted', 'analyst.tonnesDiverted', 1],
];

export function KeyFigures({ indicators }: { indicators: Indicators }) {
  const { t, number } = useI18n();
  const group = (
    id: string,
    heading: MessageKey,
    source: Record<string, unknown>,
    figures: [string, MessageKey, number][],
  ) => (
    <section class={`figure-group ${id}`} aria-labelledby={id}>
      <h2 id={id}>{t(heading)}</h2>
      <dl>
        {figures.map(([key, label, digits]) => {
          const value = figureValue(source, key);
          return value === null ? null : (
            <Fragment key={key}>
              <dt>{t(label)}</dt>
              <dd data-figure={key}>{number(value, digits)}</dd>
            </Fragment>
          );
        })}
      </dl>
    </section>
  );
  return (
    <>
      <div class="figures">
        {group('realised', 'analyst.realised', indicators.realised, REALISED_FIGURES)}
        {group('potential', 'analyst.potential', indicators.potential, POTENTIAL_FIGURES)}
      </div>
      <p class="note">{t('analyst.figuresUnits')}</p>
    </>
  );
}

export function Co2eBySet({ indicators }: { indicators: Indicators }) {
  const { t, number } = useI18n();
  const realised = co2eBySet(indicators.realised);
  const potential = co2eBySet(indicators.potential);
  const sets = indicators.factorSets;
  if (sets.length === 0) return null;
  const bars = sets.map((set) => ({
    label: set,
    values: [realised.get(set) ?? null, potential.get(set) ?? null],
  }));
  const description = sets
    .map(
      (set) =>
        `${set}: ${t('analyst.co2eRealised')} ${number(realised.get(set) ?? 0, 0)}; ${t('analyst.co2ePotential')} ${number(potential.get(set) ?? 0, 0)}`,
    )
    .join('. ');
  return (
    <section aria-labelledby="analyst-co2e">
      <h2 id="analyst-co2e">{t('analyst.co2e')}</h2>
      <p class="note">{t('analyst.co2eIntro')}</p>
      <div class="chart-pair">
        <Scroll label={t('analyst.co2e')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('analyst.co2eSet')}</th>
                <th scope="col" class="number">
                  {t('analyst.co2eRealised')}
                </th>
                <th scope="col" class="number">
                  {t('analyst.co2ePotential')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sets.map((set) => (
                <tr key={set}>
                  <th scope="row">
                    <code>{set}</code>
                  </th>
                  <td class="number">{number(realised.get(set) ?? 0, 0)}</td>
                  <td class="number">{number(potential.get(set) ?? 0, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
        <div>
          <BarChart
            title={t('analyst.co2eChart')}
            description={description}
            bars={bars}
            series={2}
            format={(v) => number(v, 0)}
            labelWidth={190}
          />
          <SeriesLegend names={[t('analyst.co2eRealised'), t('analyst.co2ePotential')]} />
        </div>
      </div>
    </section>
  );
}

export function Funnel({ indicators }: { indicators: Indicators }) {
  const { t, number, decimal } = useI18n();
  const { stages, conversions } = indicators.funnel;
  const median = indicators.funnel['medianDaysToImplemented'] as
    | { value?: number | null; suggestions?: number }
    | undefined;
  const rateInto = (stage: string) => conversions.find((c) => c.to === stage)?.rate;
  const bars = stages.map((s) => ({ label: t(`funnel.${s.stage}`), values: [s.count] }));
  return (
    <section aria-labelledby="analyst-funnel">
      <h2 id="analyst-funnel">{t('analyst.funnel')}</h2>
      <div class="chart-pair">
        <Scroll label={t('analyst.funnel')}>
          <table class="funnel">
            <thead>
              <tr>
                <th scope="col">{t('analyst.funnelStage')}</th>
                <th scope="col" class="number">
                  {t('analyst.funnelCount')}
                </th>
                <th scope="col" class="number">
                  {t('analyst.funnelRate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => {
                const rate = rateInto(s.stage);
                return (
                  <tr key={s.stage}>
                    <th scope="row">{t(`funnel.${s.stage}`)}</th>
                    <td class="number">{number(s.count, 0)}</td>
                    <td class="number">
                      {rate === undefined || rate === null ? '–' : `${decimal(rate * 100, 1)} %`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Scroll>
        <BarChart
          title={t('analyst.funnelChart')}
          description={stages.map((s) => `${t(`funnel.${s.stage}`)}: ${number(s.count, 0)}`).join(', ')}
          bars={bars}
          format={(v) => number(v, 0)}
          labelWidth={130}
        />
      </div>
      <p>
        {typeof median?.value === 'number'
          ? t('analyst.medianDays', { days: number(median.value, 1), count: median.suggestions ?? 0 })
          : t('analyst.medianNone')}
      </p>
    </section>
  );
}

const SERIES_STAGES = [
  'under-review',
  'introduced',
  'agreed',
  'implemented',
  'rejected',
  'declined',
] as const;

export function Series({
  api,
  scope,
  scopeKey,
  interval,
  onInterval,
}: {
  api: Api;
  scope: Scope;
  scopeKey: string;
  interval: Interval;
  onInterval: (interval: Interval) => void;
}) {
  const { t, number } = useI18n();
  const [series, retry] = useResource(
    async (signal) =>
      dataOf(await api.GET('/indicators/series', { params: { query: { ...scope, interval } }, signal })),
    [api, scopeKey, interval],
  );
  return (
    <section aria-labelledby="analyst-series">
      <h2 id="analyst-series">{t('analyst.series')}</h2>
      <div class="controls">
        <label for="analyst-interval">{t('analyst.seriesInterval')}</label>
        <select
          id="analyst-interval"
          value={interval}
          onChange={(e) => onInterval((e.currentTarget as HTMLSelectElement).value as Interval)}
        >
          {INTERVALS.map((i) => (
            <option key={i} value={i}>
              {t(`analyst.interval.${i}`)}
            </option>
          ))}
        </select>
      </div>
      <ResourceView resource={series} retry={retry}>
        {(data) => {
          const buckets = data.buckets.map((b) => ({
            label: b.bucket,
            values: SERIES_STAGES.map((s) => b.counts[s] ?? 0),
          }));
          if (buckets.every((b) => b.values.every((v) => v === 0)))
            return <p class="note">{t('analyst.seriesEmpty')}</p>;
          const names = SERIES_STAGES.map((s) => t(`analyst.stage.${s}`));
          return (
            <>
              <Scroll label={t('analyst.series')} kind="chart-scroll">
                <ColumnChart
                  title={t('analyst.seriesChart', { interval: t(`analyst.interval.${data.interval}`) })}
                  description={buckets
                    .map(
                      (b) =>
                        `${b.label}: ${b.values.map((v, i) => `${names[i]} ${number(v, 0)}`).join(', ')}`,
                    )
                    .join('. ')}
                  buckets={buckets}
                  series={SERIES_STAGES.length}
                />
              </Scroll>
              <SeriesLegend names={names} of="columns" />
              <details>
                <summary>{t('analyst.seriesTable')}</summary>
                <Scroll label={t('analyst.seriesTable')}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('analyst.seriesBucket')}</th>
                        {names.map((n) => (
                          <th scope="col" class="number" key={n}>
                            {n}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {buckets.map((b) => (
                        <tr key={b.label}>
                          <th scope="row">{b.label}</th>
                          {b.values.map((v, i) => (
                            <td class="number" key={SERIES_STAGES[i]}>
                              {number(v, 0)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </Scroll>
              </details>
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

export function Breakdown({
  api,
  scope,
  scopeKey,
  by,
  onBy,
  groupName,
}: {
  api: Api;
  scope: Scope;
  scopeKey: string;
  by: BreakdownKey;
  onBy: (by: BreakdownKey) => void;
  groupName: (by: BreakdownKey, key: string) => string;
}) {
  const { t, number } = useI18n();
  const [breakdown, retry] = useResource(
    async (signal) =>
      dataOf(await api.GET('/indicators/breakdown', { params: { query: { ...scope, by } }, signal })),
    [api, scopeKey, by],
  );
  return (
    <section aria-labelledby="analyst-breakdown">
      <h2 id="analyst-breakdown">{t('analyst.breakdown')}</h2>
      <div class="controls">
        <label for="analyst-by">{t('analyst.breakdownBy')}</label>
        <select
          id="analyst-by"
          value={by}
          onChange={(e) => onBy((e.currentTarget as HTMLSelectElement).value as BreakdownKey)}
        >
          {BREAKDOWN_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`analyst.by.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <ResourceView resource={breakdown} retry={retry}>
        {(data) => {
          if (data.groups.length === 0) return <p class="note">{t('analyst.breakdownEmpty')}</p>;
          const firstSet = [...co2eBySet(data.groups[0]!.potential).keys()][0];
          const rows = data.groups.map((g) => ({
            key: g.key,
            name: groupName(by, g.key),
            active: figureValue(g.realised, 'activeSymbioses') ?? 0,
            realisedCo2e: firstSet ? (co2eBySet(g.realised).get(firstSet) ?? 0) : null,
            suggestions: figureValue(g.potential, 'suggestions') ?? 0,
            potentialCo2e: firstSet ? (co2eBySet(g.potential).get(firstSet) ?? 0) : null,
          }));
          const top = [...rows].sort((a, b) => b.suggestions - a.suggestions).slice(0, 12);
          return (
            <>
              <p class="note">{t('analyst.breakdownNote')}</p>
              <div class="chart-stack">
                <Scroll label={t('analyst.breakdown')}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t(`analyst.by.${by}`)}</th>
                        <th scope="col" class="number">
                          {t('analyst.activeSymbioses')}
                        </th>
                        {firstSet && (
                          <th scope="col" class="number">
                            {t('analyst.realised')}: {t('analyst.co2eFirstSet', { set: firstSet })}
                          </th>
                        )}
                        <th scope="col" class="number">
                          {t('analyst.suggestions')}
                        </th>
                        {firstSet && (
                          <th scope="col" class="number">
                            {t('analyst.potential')}: {t('analyst.co2eFirstSet', { set: firstSet })}
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.key}>
                          <th scope="row">{r.name}</th>
                          <td class="number">{number(r.active, 0)}</td>
                          {r.realisedCo2e !== null && <td class="number">{number(r.realisedCo2e, 0)}</td>}
                          <td class="number">{number(r.suggestions, 0)}</td>
                          {r.potentialCo2e !== null && <td class="number">{number(r.potentialCo2e, 0)}</td>}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </Scroll>
                <BarChart
                  title={t('analyst.breakdownChart')}
                  description={top.map((r) => `${r.name}: ${number(r.suggestions, 0)}`).join(', ')}
                  bars={top.map((r) => ({ label: r.name, values: [r.suggestions] }))}
                  format={(v) => number(v, 0)}
                />
              </div>
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

const REASONS = [
  'distance',
  'quality',
  'quantity',
  'timing',
  'regulation',
  'price',
  'trust',
  'other',
  'unspecified',
] as const;
const reasonKey = (code: string): MessageKey =>
  `analyst.reason.${REASONS.find((r) => r === code) ?? 'other'}` as MessageKey;
const KIND_KEYS = ['material', 'energy', 'water', 'land'] as const;
const kindKey = (kind: string): MessageKey | null =>
  KIND_KEYS.some((k) => k === kind) ? (`kind.${kind}` as MessageKey) : null;

export function Barriers({ api, scope, scopeKey }: { api: Api; scope: Scope; scopeKey: string }) {
  const { t, number } = useI18n();
  const [report, retry] = useResource(
    async (signal) => dataOf(await api.GET('/indicators/barriers', { params: { query: scope }, signal })),
    [api, scopeKey],
  );
  return (
    <section aria-labelledby="analyst-barriers">
      <h2 id="analyst-barriers">{t('analyst.barriers')}</h2>
      <p class="note">{t('analyst.barriersIntro')}</p>
      <ResourceView resource={report} retry={retry}>
        {(data) => {
          if (data.barriers.total === 0) return <p>{t('analyst.barriersEmpty')}</p>;
          const examples = new Map(data.examples.map((e) => [e.suggestionId, e]));
          return (
            <Scroll label={t('analyst.barriers')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('analyst.barrierReason')}</th>
                    <th scope="col" class="number">
                      {t('analyst.barrierCount')}
                    </th>
                    <th scope="col" class="number">
                      {t('analyst.barrierRejected')}
                    </th>
                    <th scope="col" class="number">
                      {t('analyst.barrierDeclined')}
                    </th>
                    <th scope="col">{t('analyst.barrierExamples')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.barriers.byReason.map((b) => (
                    <tr key={b.reasonCode}>
                      <th scope="row">{t(reasonKey(b.reasonCode))}</th>
                      <td class="number">{number(b.count, 0)}</td>
                      <td class="number">
                        {number(typeof b['rejected'] === 'number' ? b['rejected'] : 0, 0)}
                      </td>
                      <td class="number">
                        {number(typeof b['declined'] === 'number' ? b['declined'] : 0, 0)}
                      </td>
                      <td>
                        <ul class="examples">
                          {b.examples.map((id) => {
                            const e = examples.get(id);
                            if (e === undefined) return null;
                            const kind = kindKey(e.kind);
                            return (
                              <li key={id}>
                                {t('analyst.barrierExample', {
                                  kind: kind ? t(kind) : e.kind,
                                  offered: e.offered ?? t('analyst.notGiven'),
                                  needed: e.needed ?? t('analyst.notGiven'),
                                  distance: number(e.distanceKm, 1),
                                })}
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          );
        }}
      </ResourceView>
    </section>
  );
}
