/**
 * Norway's counties or municipalities as SVG, from the boundaries bundled at build time
 * (virtual:norway-boundaries, loaded on first use), with points (sites) and lines (exchanges
 * between them, realised solid, potential dashed). No tiles, no request beyond the app's own
 * files. Fitted to the points when there are any, else to the whole country.
 */
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.tsx';
import { areaPath } from './area-path.ts';
import type { CompactBoundaries } from './compact-boundaries.ts';
import { boxAround, fitProjection, NORWAY_BOX } from './projection.ts';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  /** Whether the point takes part in a realised exchange, only potential ones, or none. */
  tone: 'realised' | 'potential' | 'idle';
}

export interface MapLine {
  id: string;
  /** Ids of two points. */
  from: string;
  to: string;
  realised: boolean;
}

export const MAP_DEFAULTS = {
  width: 640,
  maxHeight: 560,
  padding: 12,
  minSpanDegrees: 0.6,
  pointRadius: 4.5,
};

interface Props {
  title: string;
  /** What the map shows, in words: read out instead of the picture. */
  description: string;
  points: readonly MapPoint[];
  lines?: readonly MapLine[];
  areas?: 'counties' | 'municipalities';
  /** Fit the view to the points (the default) or always show the whole country (a place picker). */
  fitTo?: 'points' | 'country';
  /** Show the legend of exchanges (the default); a place picker has none. */
  legend?: boolean;
  /** Makes the map a place picker: a click gives the clicked place in degrees (inverse projection). */
  onPick?: (place: { lat: number; lon: number }) => void;
}

let boundariesLoad: Promise<CompactBoundaries> | undefined;

function useBoundaries(): CompactBoundaries | 'loading' | 'failed' {
  const [state, setState] = useState<CompactBoundaries | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    boundariesLoad ??= import('virtual:norway-boundaries').then((m) => m.default);
    boundariesLoad.then(
      (b) => live && setState(b),
      () => {
        boundariesLoad = undefined;
        if (live) setState('failed');
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function NorwayMap({
  title,
  description,
  points,
  lines = [],
  areas = 'municipalities',
  fitTo = 'points',
  legend = true,
  onPick,
}: Props) {
  const { t } = useI18n();
  const id = useId();
  const boundaries = useBoundaries();
  const o = MAP_DEFAULTS;
  const projection = useMemo(
    () =>
      fitProjection(
        (fitTo === 'points' ? boxAround(points, o.minSpanDegrees) : null) ?? NORWAY_BOX,
        o.width,
        o.maxHeight,
        o.padding,
      ),
    [points, o, fitTo],
  );
  const outlines = useMemo(
    () =>
      typeof boundaries === 'object'
        ? boundaries[areas]
            .map((area) => ({
              code: area.code,
              name: area.name,
              d: areaPath(area, boundaries.grid, projection),
            }))
            .filter((outline) => outline.d !== '')
        : [],
    [boundaries, areas, projection],
  );
  const byId = useMemo(() => new Map(points.map((p) => [p.id, p])), [points]);
  const width = Math.round(projection.width);
  const height = Math.round(projection.height);
  // A click in screen pixels, back through the SVG's own transform to the view, then to degrees.
  const pick = (event: MouseEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const matrix = svg.getScreenCTM();
    if (onPick === undefined || matrix === null) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    onPick({ lat: projection.lat(at.y), lon: projection.lon(at.x) });
  };
  return (
    <figure class="map">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a picker map is a shortcut for the mouse; keyboard users type the coordinates in the labelled fields that go with it */}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
        class={onPick ? 'pickable' : undefined}
        onClick={onPick ? pick : undefined}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <rect class="sea" width={width} height={height} />
        <g class="areas">
          {outlines.map((outline) => (
            <path key={outline.code} class="area" d={outline.d} data-code={outline.code}>
              <title>{outline.name}</title>
            </path>
          ))}
        </g>
        <g class="lines">
          {lines.map((line) => {
            const a = byId.get(line.from);
            const b = byId.get(line.to);
            if (a === undefined || b === undefined) return null;
            return (
              <line
                key={line.id}
                class={line.realised ? 'realised' : 'potential'}
                x1={projection.x(a.lon)}
                y1={projection.y(a.lat)}
                x2={projection.x(b.lon)}
                y2={projection.y(b.lat)}
              />
            );
          })}
        </g>
        <g class="points">
          {points.map((p) => (
            <circle
              key={p.id}
              class={`point ${p.tone}`}
              cx={projection.x(p.lon)}
              cy={projection.y(p.lat)}
              r={o.pointRadius}
            >
              <title>{p.label}</title>
            </circle>
          ))}
        </g>
      </svg>
      <figcaption>
        {boundaries === 'loading' && <span class="map-note">{t('map.loading')} </span>}
        {boundaries === 'failed' && <span class="map-note">{t('map.failed')} </span>}
        {legend && (
          <span class="legend">
            <span class="key realised">{t('map.realised')}</span>
            <span class="key potential">{t('map.potential')}</span>
            <span class="key site">{t('map.site')}</span>
          </span>
        )}
        <small class="attribution">{t('map.attribution')}</small>
      </figcaption>
    </figure>
  );
}
