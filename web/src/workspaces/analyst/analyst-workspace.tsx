/**
 * The analyst workspace over the analytics API, for one scope (region, kind, period) kept in the
 * URL's fragment: the key figures of GET /indicators (realised and potential apart), CO2e under
 * each factor set, the funnel, the series, a breakdown and the barriers; the regional map and
 * the network (sigma.js) of GET /network; the heat networks of a region (GET /heat-clusters); and
 * the export and report buttons.
 */
import './analyst.css';
import { useCallback, useMemo } from 'preact/hooks';
import type { Api, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { type MapLine, type MapPoint, NorwayMap } from '../../map/norway-map.tsx';
import { useHash } from '../../shell/workspaces.ts';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { Barriers, Breakdown, Co2eBySet, Funnel, KeyFigures, Series } from './dashboard.tsx';
import { Exports } from './exports.tsx';
import { HeatNetworks } from './heat-networks.tsx';
import { NetworkView } from './network-view.tsx';
import { type AnalystView, type BreakdownKey, hashOf, scopeKey, scopeQuery, viewOf } from './scope.ts';
import { type Regions, ScopeFilters } from './scope-filters.tsx';

export function AnalystWorkspace({ api }: { api: Api }) {
  const { t, date } = useI18n();
  const hash = useHash();
  const view = useMemo(() => viewOf(hash), [hash]);
  const scope = useMemo(() => scopeQuery(view), [view]);
  const key = scopeKey(view);
  const setView = useCallback((next: AnalystView) => {
    const target = hashOf(next);
    if (target !== window.location.hash) window.location.hash = target;
  }, []);

  const [regions] = useResource(
    async (signal) => dataOf(await api.GET('/taxonomy/regions', { signal })) as Regions,
    [api],
  );
  const regionList = regions.state === 'ready' ? regions.data : null;
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of regionList?.counties ?? []) map.set(c.code, c.name);
    for (const m of regionList?.municipalities ?? []) map.set(m.code, m.name);
    return map;
  }, [regionList]);
  const groupName = useCallback(
    (by: BreakdownKey, k: string) => {
      if (by === 'county' || by === 'municipality') return names.get(k) ?? k;
      if (by === 'kind' && ['material', 'energy', 'water', 'land'].includes(k))
        return t(`kind.${k}` as MessageKey);
      return k;
    },
    [names, t],
  );

  const [indicators, retryIndicators] = useResource(
    async (signal) => dataOf(await api.GET('/indicators', { params: { query: scope }, signal })),
    [api, key],
  );
  const [network, retryNetwork] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/network', { params: { query: { ...scope, nodes: 'site', layout: true } }, signal }),
      ),
    [api, key],
  );

  const period =
    view.from && view.to
      ? t('analyst.scopePeriod', { from: date(view.from), to: date(view.to) })
      : view.from
        ? t('analyst.scopeSince', { from: date(view.from) })
        : view.to
          ? t('analyst.scopeUntil', { to: date(view.to) })
          : t('analyst.scopeAllTime');
  const showing = t('analyst.scopeShowing', {
    region: view.region ? (names.get(view.region) ?? view.region) : t('analyst.scopeAllRegions'),
    kind: view.kind ? t(`kind.${view.kind}`) : t('analyst.scopeAllKinds'),
    period,
  });

  return (
    <Page title={t('analyst.title')} intro={t('analyst.intro')}>
      <div class="analyst">
        <ScopeFilters view={view} regions={regionList} onChange={setView} />
        <p class="scope-summary" role="status">
          {showing}
        </p>
        <ResourceView resource={indicators} retry={retryIndicators}>
          {(data) => (
            <>
              <KeyFigures indicators={data} />
              <Co2eBySet indicators={data} />
              <Funnel indicators={data} />
            </>
          )}
        </ResourceView>
        <div class="analyst-maps">
          <section aria-labelledby="network-map">
            <h2 id="network-map">{t('analyst.map')}</h2>
            <ResourceView resource={network} retry={retryNetwork}>
              {(data) => <NetworkMap network={data} />}
            </ResourceView>
          </section>
          <section aria-labelledby="analyst-network">
            <h2 id="analyst-network">{t('analyst.network')}</h2>
            <ResourceView resource={network} retry={retryNetwork}>
              {(data) => <NetworkView network={data} />}
            </ResourceView>
          </section>
        </div>
        <HeatNetworks
          api={api}
          region={view.region}
          regionName={view.region ? (names.get(view.region) ?? view.region) : ''}
        />
        <Series
          api={api}
          scope={scope}
          scopeKey={key}
          interval={view.interval}
          onInterval={(interval) => setView({ ...view, interval })}
        />
        <Breakdown
          api={api}
          scope={scope}
          scopeKey={key}
          by={view.by}
          onBy={(by) => setView({ ...view, by })}
          groupName={groupName}
        />
        <Barriers api={api} scope={scope} scopeKey={key} />
        <Exports api={api} scope={scope} by={view.by} />
      </div>
    </Page>
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
