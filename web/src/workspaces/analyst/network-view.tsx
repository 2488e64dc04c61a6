/**
 * The network drawn with sigma.js over a graphology graph: sites placed by the API's seeded
 * ForceAtlas2 layout (GET /network?layout=true), coloured by Louvain community, sized by the
 * CO2e avoided at them (weighted degree); realised exchanges dark and thick, potential ones light
 * and thin. Pointing at or selecting a site tells its figures, and its name unless it is
 * anonymised (an anonymised node has no label in the graph at all). sigma needs WebGL: without
 * it the page says so and the hubs table below carries the figures; the table is always there,
 * as the keyboard's and screen reader's view of the same network.
 */
import Graph from 'graphology';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import Sigma from 'sigma';
import type { Schemas } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Scroll } from './charts.tsx';

type Network = Schemas['Network'];

/** What the view reads of a node (the API passes these through its schema). */
interface NodeFigures {
  id: string;
  label?: string;
  anonymised: boolean;
  x: number;
  y: number;
  exchanges: number;
  neighbours: number;
  co2e: number;
  community: number;
}

/** Eight community colours distinguishable on white (Okabe & Ito's palette, darkened where needed). */
export const COMMUNITY_COLOURS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#8a6d00',
  '#56b4e9',
  '#6a3d9a',
  '#b2182b',
];
const REALISED_EDGE = '#0a6b3d';
const POTENTIAL_EDGE = '#c9a98f';

const num = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export function figuresOf(network: Network): NodeFigures[] {
  return network.nodes.map((n, i) => ({
    id: n.id,
    ...(!n.anonymised && n.label !== undefined && { label: n.label }),
    anonymised: n.anonymised,
    // Without a layout, a circle keeps the drawing usable.
    x: num(n['x'], Math.cos((2 * Math.PI * i) / network.nodes.length)),
    y: num(n['y'], Math.sin((2 * Math.PI * i) / network.nodes.length)),
    exchanges: num(n['exchanges']),
    neighbours: num(n['neighbours']),
    co2e: num(n['co2eAvoidedT']),
    community: num(n['community']),
  }));
}

/** Whether this browser gives a WebGL context at all (sigma cannot draw without one). */
function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

type DrawState = 'drawing' | 'drawn' | 'no-webgl' | 'failed';

export function NetworkView({ network }: { network: Network }) {
  const { t, number } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<DrawState>('drawing');
  const [hovered, setHovered] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const nodes = useMemo(() => figuresOf(network), [network]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const realised = network.edges.filter((e) => e.realised).length;
  const communities = new Set(nodes.map((n) => n.community)).size;

  useEffect(() => {
    setSelected(null);
    setHovered(null);
    if (nodes.length === 0 || container.current === null) return;
    if (!webglAvailable()) {
      setState('no-webgl');
      return;
    }
    const maxCo2e = Math.max(1, ...nodes.map((n) => n.co2e));
    const graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: true });
    for (const n of nodes) {
      graph.addNode(n.id, {
        x: n.x,
        y: -n.y,
        size: 3 + 12 * Math.sqrt(n.co2e / maxCo2e),
        color: COMMUNITY_COLOURS[n.community % COMMUNITY_COLOURS.length],
        // Anonymised nodes carry no label, so sigma can never draw one.
        ...(n.label !== undefined && { label: n.label }),
      });
    }
    // Potential first, so the realised exchanges are drawn over them.
    const edges = [...network.edges].sort((a, b) => Number(a.realised) - Number(b.realised));
    for (const e of edges) {
      if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
      graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
        size: e.realised ? 3 : 0.8,
        color: e.realised ? REALISED_EDGE : POTENTIAL_EDGE,
      });
    }
    let renderer: Sigma | undefined;
    try {
      renderer = new Sigma(graph, container.current, {
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 10,
        labelFont: 'system-ui, sans-serif',
        defaultEdgeType: 'line',
        zIndex: true,
      });
    } catch {
      setState('failed');
      return;
    }
    renderer.on('enterNode', ({ node }) => setHovered(node));
    renderer.on('leaveNode', () => setHovered(null));
    renderer.on('clickNode', ({ node }) => setSelected(node));
    renderer.on('clickStage', () => setSelected(null));
    setState('drawn');
    return () => renderer?.kill();
  }, [nodes, network.edges]);

  const active = byId.get(hovered ?? selected ?? '');
  const summary = t('analyst.networkSummary', {
    nodes: nodes.length,
    edges: network.edges.length,
    realised,
    communities,
  });
  const hubs = [...nodes].sort((a, b) => b.co2e - a.co2e || b.exchanges - a.exchanges).slice(0, 15);
  const nameOf = (n: NodeFigures) => n.label ?? t('map.anonymous');

  if (nodes.length === 0) return <p>{t('analyst.networkEmpty')}</p>;
  return (
    <>
      <p class="note">{t('analyst.networkIntro')}</p>
      <p>{summary}</p>
      {state === 'no-webgl' && (
        <p class="notice" role="status">
          {t('analyst.networkNoWebgl')}
        </p>
      )}
      {state === 'failed' && (
        <p class="notice" role="status">
          {t('analyst.networkFailed')}
        </p>
      )}
      <div
        ref={container}
        class={state === 'no-webgl' || state === 'failed' ? 'network-canvas hidden' : 'network-canvas'}
        role="img"
        aria-label={summary}
        data-state={state}
      />
      <div class="network-legend">
        <span class="legend">
          <span class="key realised">{t('analyst.networkRealisedKey')}</span>
          <span class="key potential-light">{t('analyst.networkPotentialKey')}</span>
        </span>
        <p class="network-detail" aria-live="polite">
          {active
            ? t('analyst.networkNode', {
                name: nameOf(active),
                exchanges: number(active.exchanges, 0),
                neighbours: number(active.neighbours, 0),
                co2e: number(active.co2e, 0),
                community: String(active.community + 1),
              })
            : t('analyst.networkHint')}
        </p>
      </div>
      {network.hiddenExchanges > 0 && (
        <p class="note">{t('analyst.hidden', { count: network.hiddenExchanges })}</p>
      )}
      <Scroll label={t('analyst.hubs')}>
        <table class="hubs">
          <caption>{t('analyst.hubs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analyst.hubName')}</th>
              <th scope="col" class="number">
                {t('analyst.hubExchanges')}
              </th>
              <th scope="col" class="number">
                {t('analyst.hubNeighbours')}
              </th>
              <th scope="col" class="number">
                {t('analyst.hubCo2e')}
              </th>
            </tr>
          </thead>
          <tbody>
            {hubs.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  <span
                    class={`swatch community c${n.community % COMMUNITY_COLOURS.length}`}
                    aria-hidden="true"
                  />
                  {nameOf(n)}
                </th>
                <td class="number">{number(n.exchanges, 0)}</td>
                <td class="number">{number(n.neighbours, 0)}</td>
                <td class="number">{number(n.co2e, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </>
  );
}
