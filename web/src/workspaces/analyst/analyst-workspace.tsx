/**
 * The analyst workspace: the key figures of GET /indicators (realised and potential apart, and
 * the funnel) and a map of the sites and exchanges of GET /network. Filters by region, kind and
 * period, the network view, charts and the export and report buttons come here next (issue 12).
 */
import { useMemo } from 'preact/hooks';
import type { Api, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { type MapLine, type MapPoint, NorwayMap } from '../../map/norway-map.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';

export function AnalystWorkspace({ api }: { api: Api }) {
  const { t } = useI18n();
  const [indicators, retryIndicators] = useResource(
    async (signal) => dataOf(await api.GET('/indicators', { signal })),
    [api],
  );
  const [network, retryNetwork] = useResource(
    async (signal) => dataOf(await api.GET('/network', { params: { query: { nodes: 'site' } }, signal })),
    [api],
  );
  return (
    <Page title={t('analyst.title')} intro={t('analyst.intro')}>
      <ResourceView resource={indicators} retry={retryIndicators}>
        {(data) => <KeyFigures indicators={data} />}
      </ResourceView>
      <section aria-labelledby="network-map">
        <h2 id="network-map">{t('analyst.map')}</h2>
        <ResourceView resource={network} retry={retryNetwork}>
          {(data) => <NetworkMap network={data} />}
        </ResourceView>
      </section>
    </Page>
  );
}

function KeyFigures({ indicators }: { indicators: Schemas['Indicators'] }) {
  const { t, number } = useI18n();
  const { realised, potential, funnel } = indicators;
  return (
    <>
      <div class="figures">
        <section class="figure-group" aria-labelledby="realised">
          <h2 id="realised">{t('analyst.realised')}</h2>
          <dl>
            <dt>{t('analyst.activeSymbioses')}</dt>
            <dd>{number(realised.activeSymbioses.value, 0)}</dd>
            <dt>{t('analyst.realisedCompanies')}</dt>
            <dd>{number(realised.companies.value, 0)}</dd>
          </dl>
        </section>
        <section class="figure-group" aria-labelledby="potential">
          <h2 id="potential">{t('analyst.potential')}</h2>
          <dl>
            <dt>{t('analyst.suggestions')}</dt>
            <dd>{number(potential.suggestions.value, 0)}</dd>
            <dt>{t('analyst.potentialCompanies')}</dt>
            <dd>{number(potential.companies.value, 0)}</dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="funnel">
        <h2 id="funnel">{t('analyst.funnel')}</h2>
        <table class="funnel" aria-labelledby="funnel">
          <thead>
            <tr>
              <th scope="col">{t('analyst.funnelStage')}</th>
              <th scope="col" class="number">
                {t('analyst.funnelCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {funnel.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{t(`funnel.${s.stage}`)}</th>
                <td class="number">{number(s.count, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

type NetworkNode = Schemas['Network']['nodes'][number];

const located = (n: NetworkNode): n is NetworkNode & { lat: number; lon: number } =>
  typeof n.lat === 'number' && Number.isFinite(n.lat) && typeof n.lon === 'number' && Number.isFinite(n.lon);

function NetworkMap({ network }: { network: Schemas['Network'] }) {
  const { t } = useI18n();
  const { points, lines, realised } = useMemo(() => {
    const tone = new Map<string, MapPoint['tone']>();
    for (const e of network.edges) {
      for (const end of [e.source, e.target]) {
        if (e.realised) tone.set(end, 'realised');
        else if (!tone.has(end)) tone.set(end, 'potential');
      }
    }
    const points: MapPoint[] = network.nodes.filter(located).map((n) => ({
      id: n.id,
      lat: n.lat,
      lon: n.lon,
      label: n.anonymised ? t('map.anonymous') : (n.label ?? n.id),
      tone: tone.get(n.id) ?? 'idle',
    }));
    const lines: MapLine[] = network.edges.map((e) => ({
      id: e.id,
      from: e.source,
      to: e.target,
      realised: e.realised,
    }));
    return { points, lines, realised: network.edges.filter((e) => e.realised).length };
  }, [network, t]);
  const description = t('analyst.mapSummary', {
    sites: points.length,
    exchanges: lines.length,
    realised,
  });
  return (
    <>
      <p>{description}</p>
      <NorwayMap title={t('analyst.map')} description={description} points={points} lines={lines} />
    </>
  );
}
