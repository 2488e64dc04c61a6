/**
 * Small charts as inline SVG (no library, nothing fetched): horizontal bars with one or two
 * series, and grouped columns over time. Each is an image with a title and a description in
 * words; the figures themselves are in a table beside every chart, for screen readers and for
 * copying. Colours come from the stylesheet (analyst.css) by class, never from style attributes.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface Bar {
  label: string;
  /** One value per series (realised, potential …); a missing value draws nothing. */
  values: readonly (number | null)[];
}

const ROW = 22;
const GAP = 6;

/** Rows of bars, one per item, each series a bar of its own; values printed at the bar's end. */
export function BarChart({
  title,
  description,
  bars,
  format,
  series = 1,
  width = 560,
  labelWidth = 170,
}: {
  title: string;
  description: string;
  bars: readonly Bar[];
  format: (value: number) => string;
  series?: number;
  width?: number;
  labelWidth?: number;
}) {
  const id = useId();
  const max = Math.max(0, ...bars.flatMap((b) => b.values.map((v) => v ?? 0)));
  const valueSpace = 90;
  const span = width - labelWidth - valueSpace;
  const rowHeight = series * ROW + GAP;
  const height = Math.max(bars.length * rowHeight, ROW);
  return (
    <svg
      class="chart bars"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {bars.map((bar, row) => {
        const top = row * rowHeight;
        return (
          <g key={bar.label}>
            <text class="chart-label" x={labelWidth - 8} y={top + (series * ROW) / 2 + 4} text-anchor="end">
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
            </text>
            {bar.values.map((value, s) => {
              if (value === null) return null;
              const w = max > 0 ? Math.max((value / max) * span, value > 0 ? 2 : 0) : 0;
              const y = top + s * ROW + 3;
              return (
                <g key={s}>
                  <rect class={`chart-bar s${s}`} x={labelWidth} y={y} width={w} height={ROW - 6} />
                  <text class="chart-value" x={labelWidth + w + 5} y={y + ROW / 2 + 1}>
                    {format(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Columns per bucket (month or quarter), one per series, with the buckets' names below. */
export function ColumnChart({
  title,
  description,
  buckets,
  series,
  format = String,
}: {
  title: string;
  description: string;
  buckets: readonly { label: string; values: readonly number[] }[];
  series: number;
  /** How the axis writes a value (as is unless told). */
  format?: (value: number) => string;
}) {
  const id = useId();
  const max = Math.max(1, ...buckets.flatMap((b) => b.values));
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const column = 9;
  const group = series * column + 14;
  // Room for the longest value on the axis (about 7 px a character at 12 px).
  const left = Math.max(36, 10 + 7 * Math.max(...ticks.map((v) => format(v).length)));
  const plot = 160;
  const width = Math.max(360, left + buckets.length * group + 8);
  const height = plot + 34;
  return (
    <svg
      class="chart columns"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {ticks.map((v) => {
        const y = 8 + plot - (v / max) * plot;
        return (
          <g key={v}>
            <line class="grid" x1={left} x2={width - 4} y1={y} y2={y} />
            <text class="chart-value" x={left - 6} y={y + 4} text-anchor="end">
              {format(v)}
            </text>
          </g>
        );
      })}
      {buckets.map((bucket, i) => {
        const x0 = left + 8 + i * group;
        return (
          <g key={bucket.label}>
            {bucket.values.map((v, s) => {
              const h = (v / max) * plot;
              return (
                <rect
                  key={s}
                  class={`chart-bar s${s}`}
                  x={x0 + s * column}
                  y={8 + plot - h}
                  width={column - 1}
                  height={h}
                />
              );
            })}
            <text class="chart-label" x={x0 + (series * column) / 2} y={plot + 26} text-anchor="middle">
              {bucket.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The colour keys of a chart's series, in the chart's order. */
export function SeriesLegend({ names, of = 'bars' }: { names: readonly string[]; of?: 'bars' | 'columns' }) {
  return (
    <ul class={`chart-legend ${of}`}>
      {names.map((name, s) => (
        <li key={name}>
          <span class={`swatch s${s}`} aria-hidden="true" />
          {name}
        </li>
      ))}
    </ul>
  );
}

/** A box that scrolls sideways when its content is wider than the page: reachable by keyboard, named. */
export function Scroll({
  label,
  kind = 'table-scroll',
  children,
}: {
  label: string;
  kind?: 'table-scroll' | 'chart-scroll';
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus for keyboard scrolling (WCAG 2.1.1)
    <section class={kind} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
