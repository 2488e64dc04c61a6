/**
 * Heat networks of the chosen region (GET /heat-clusters, decision 0017): each cluster of heat
 * sources and sinks with its members, the length and cost of its tree of pipes, the heat it
 * delivers and at what cost per MWh, beside what the linked pairs would deliver on pipes of their
 * own; the months' supply, demand and delivered heat as columns with their table; the tree on the
 * map. Only for a county or a municipality: the whole country is not computed on every visit, and
 * a facilitator may only ask for its regions.
 */
import { useMemo } from 'preact/hooks';
import type { Api, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { NorwayMap } from '../../map/norway-map.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { ColumnChart, Scroll, SeriesLegend } from './charts.tsx';
import { clusterMap, eurPerMWh, money, monthNames } from './heat-figures.ts';

type HeatCluster = Schemas['HeatClusters']['clusters'][number];
type Assumptions = Schemas['HeatClusters']['assumptions'];

export function HeatNetworks({
  api,
  region,
  regionName,
}: {
  api: Api;
  region: string | undefined;
  regionName: string;
}) {
  const { t } = useI18n();
  return (
    <section class="heat-networks" aria-labelledby="analyst-heat">
      <h2 id="analyst-heat">{t('analyst.heat')}</h2>
      <p class="note">{t('analyst.heatIntro')}</p>
      {region === undefined ? (
        <p class="notice">{t('analyst.heatChooseRegion')}</p>
      ) : (
        <HeatClustersOf key={region} api={api} region={region} regionName={regionName} />
      )}
    </section>
  );
}

function HeatClustersOf({ api, region, regionName }: { api: Api; region: string; regionName: string }) {
  const { t, decimal } = useI18n();
  const [clusters, retry] = useResource(
    async (signal) => dataOf(await api.GET('/heat-clusters', { params: { query: { region } }, signal })),
    [api, region],
  );
  return (
    <ResourceView resource={clusters} retry={retry}>
      {(data) => (
        <>
          <p class="heat-summary">
            {t('analyst.heatSummary', {
              region: regionName,
              sources: data.sources,
              sinks: data.sinks,
              links: data.links,
            })}
          </p>
          {data.clusters.length === 0 ? (
            <p class="heat-none">{t('analyst.heatNone')}</p>
          ) : (
            data.clusters.map((cluster, i) => (
              <HeatClusterView key={cluster.id} cluster={cluster} n={i + 1} assumptions={data.assumptions} />
            ))
          )}
          <p class="note">
            {t('analyst.heatBasis', {
              annuity: decimal(data.assumptions.annuity, 4),
              rate: decimal(data.assumptions.eurToNok, 2),
            })}
          </p>
        </>
      )}
    </ResourceView>
  );
}

function HeatClusterView({
  cluster: c,
  n,
  assumptions,
}: {
  cluster: HeatCluster;
  n: number;
  assumptions: Assumptions;
}) {
  const i18n = useI18n();
  const { t, number, quantity, language } = i18n;
  const id = `heat-${c.id}`;
  const mwh = (value: number) => quantity(Math.round(value), 'MWh/yr');
  const km = (value: number) => `${number(value, 1)} km`;
  const nok = (eur: number) => money(i18n, eur * assumptions.eurToNok, 'NOK');
  const eur = (value: number) => money(i18n, value, 'EUR');
  const members = t('analyst.heatMembersValue', { sources: c.sources, sinks: c.sinks });
  const costPerMWh =
    c.costEurPerMWh === null
      ? t('analyst.heatNoCost')
      : `${eurPerMWh(i18n, c.costEurPerMWh)}, ${t(
          c.withinThreshold ? 'analyst.heatWithin' : 'analyst.heatAbove',
          {
            threshold: eurPerMWh(i18n, assumptions.thresholdEurPerMWh),
          },
        )}`;
  const saved = c.pairwise.capitalEur - c.capitalEur;

  const short = monthNames(language, 'short');
  const long = monthNames(language, 'long');
  const series = [t('analyst.heatSupply'), t('analyst.heatDemand'), t('analyst.heatDeliveredMonth')];
  const buckets = c.months.map((m) => ({
    label: short[m.month - 1] ?? String(m.month),
    values: [m.supplyMWh, m.demandMWh, m.deliveredMWh],
  }));

  const { points, lines } = useMemo(
    () =>
      clusterMap(c, (m) => {
        const name = m.anonymised ? t('map.anonymous') : m.title;
        return t(m.role === 'source' ? 'analyst.heatPointSource' : 'analyst.heatPointSink', { name });
      }),
    [c, t],
  );
  const mapDescription = t('analyst.heatMapSummary', {
    sources: c.sources,
    sinks: c.sinks,
    pipes: c.pipes.length,
    km: number(c.lengthKm, 1),
  });

  return (
    <article class="heat-cluster" aria-labelledby={id} data-cluster={c.id}>
      <h3 id={id}>{t('analyst.heatCluster', { n: String(n) })}</h3>
      <dl class="heat-figures">
        <div>
          <dt>{t('analyst.heatMembers')}</dt>
          <dd data-figure="members">{members}</dd>
        </div>
        <div>
          <dt>{t('analyst.heatLength')}</dt>
          <dd data-figure="lengthKm">{km(c.lengthKm)}</dd>
        </div>
        <div>
          <dt>{t('analyst.heatCapital')}</dt>
          <dd data-figure="capital">
            {money(i18n, c.capitalNok, 'NOK')} ({eur(c.capitalEur)})
          </dd>
        </div>
        <div>
          <dt>{t('analyst.heatAnnualised')}</dt>
          <dd data-figure="annualised">
            {t('analyst.heatPerYear', { amount: nok(c.annualisedEur) })} ({eur(c.annualisedEur)})
          </dd>
        </div>
        <div>
          <dt>{t('analyst.heatDelivered')}</dt>
          <dd data-figure="deliveredMWh">{mwh(c.deliveredMWh)}</dd>
        </div>
        <div>
          <dt>{t('analyst.heatCostPerMWh')}</dt>
          <dd data-figure="costPerMWh">{costPerMWh}</dd>
        </div>
      </dl>
      <div class="chart-pair">
        <div>
          <h4>{t('analyst.heatBeside')}</h4>
          <Scroll label={t('analyst.heatCompare', { n: String(n) })}>
            <table class="heat-compare">
              <caption>{t('analyst.heatCompare', { n: String(n) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analyst.heatFigure')}</th>
                  <th scope="col" class="number">
                    {t('analyst.heatShared')}
                  </th>
                  <th scope="col" class="number">
                    {t('analyst.heatPairs', { pairs: c.pairwise.pairs })}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('analyst.heatDelivered')}</th>
                  <td class="number">{mwh(c.deliveredMWh)}</td>
                  <td class="number">{mwh(c.pairwise.deliveredMWh)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('analyst.heatLength')}</th>
                  <td class="number">{km(c.lengthKm)}</td>
                  <td class="number">{km(c.pairwise.lengthKm)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('analyst.heatCapital')}</th>
                  <td class="number">{eur(c.capitalEur)}</td>
                  <td class="number">{eur(c.pairwise.capitalEur)}</td>
                </tr>
              </tbody>
            </table>
          </Scroll>
          <p class="heat-beside">
            {c.addedMWh >= 0.5 ? t('analyst.heatAdds', { mwh: mwh(c.addedMWh) }) : t('analyst.heatSameHeat')}{' '}
            {saved > 0 && t('analyst.heatSaves', { amount: eur(saved) })}
            {saved < 0 && t('analyst.heatCostsMore', { amount: eur(-saved) })}
          </p>
          <h4>{t('analyst.heatMonths')}</h4>
          <Scroll label={t('analyst.heatMonthsChart', { n: String(n) })} kind="chart-scroll">
            <ColumnChart
              title={t('analyst.heatMonthsChart', { n: String(n) })}
              description={c.months
                .map(
                  (m) =>
                    `${long[m.month - 1] ?? m.month}: ${[m.supplyMWh, m.demandMWh, m.deliveredMWh]
                      .map((v, s) => `${series[s]} ${number(v, 0)}`)
                      .join(', ')}`,
                )
                .join('. ')}
              buckets={buckets}
              series={3}
              format={(v) => number(v, 0)}
            />
          </Scroll>
          <SeriesLegend names={series} of="columns" />
          <details>
            <summary>{t('analyst.seriesTable')}</summary>
            <Scroll label={t('analyst.heatMonthsTable', { n: String(n) })}>
              <table class="heat-months">
                <caption>{t('analyst.heatMonthsTable', { n: String(n) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('analyst.interval.month')}</th>
                    {series.map((name) => (
                      <th scope="col" class="number" key={name}>
                        {name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {c.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{long[m.month - 1] ?? m.month}</th>
                      <td class="number">{number(m.supplyMWh, 0)}</td>
                      <td class="number">{number(m.demandMWh, 0)}</td>
                      <td class="number">{number(m.deliveredMWh, 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </details>
        </div>
        <div>
          <h4>{t('analyst.heatMap')}</h4>
          <NorwayMap
            title={t('analyst.heatMapTitle', { n: String(n) })}
            description={mapDescription}
            points={points}
            lines={lines}
            legend={false}
          />
          <p class="legend heat-legend">
            <span class="key heat-source">{t('analyst.heatSourceKey')}</span>
            <span class="key heat-sink">{t('analyst.heatSinkKey')}</span>
            <span class="key potential">{t('analyst.heatPipeKey')}</span>
          </p>
          <p class="note">{mapDescription}</p>
        </div>
      </div>
    </article>
  );
}
