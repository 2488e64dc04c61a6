/**
 * The report's charts as inline SVG strings: horizontal bars (the funnel, the top groups of a
 * breakdown) and lines over time (the monthly or quarterly series). Colours come from classes
 * styled in the report's one <style> block, so a chart carries no paint of its own and no
 * reference to anything outside the document. Coordinates are rounded to 0.1 px: the same input
 * gives the same bytes.
 */
import { escapeHtml } from './report-format.ts';

/** The width of the report's text column, px: charts are drawn at it, so 1 unit is 1 px on screen. */
export const CHART_WIDTH = 864;

/** A coordinate as printed: 0.1 px is below what a screen or a printer shows. */
export const coord = (v: number): string => String(Math.round(v * 10) / 10);

/** Text cut to about `px` pixels of 12 px type, with an ellipsis when it was longer. */
export function clip(text: string, px: number): string {
  const chars = Math.max(4, Math.floor(px / 6.6));
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

export interface BarRow {
  label: string;
  /** Stacked left to right; `cls` picks the colour (`realised`, `potential`, `c1`…). */
  segments: { value: number; cls: string }[];
  /** Printed after the bar. */
  note: string;
}

export interface BarChartOptions {
  title: string;
  width?: number;
  labelWidth?: number;
  noteWidth?: number;
  rowHeight?: number;
}

const BAR_DEFAULTS = { width: CHART_WIDTH, labelWidth: 190, noteWidth: 190, rowHeight: 26 };

/** Horizontal bars on one scale (the largest row's total fills the width). */
export function barChart(rows: readonly BarRow[], options: BarChartOptions): string {
  const o = { ...BAR_DEFAULTS, ...options };
  const height = rows.length * o.rowHeight + 8;
  const span = o.width - o.labelWidth - o.noteWidth;
  const max = Math.max(0, ...rows.map((r) => r.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0)));
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = 4 + i * o.rowHeight;
    const mid = y + o.rowHeight / 2;
    parts.push(
      `<text x="${o.labelWidth - 10}" y="${coord(mid + 4)}" text-anchor="end" class="label"><title>${escapeHtml(row.label)}</title>${escapeHtml(clip(row.label, o.labelWidth - 14))}</text>`,
    );
    let x = o.labelWidth;
    for (const s of row.segments) {
      if (!(s.value > 0) || max === 0) continue;
      const w = Math.max(1, (s.value / max) * span);
      parts.push(
        `<rect x="${coord(x)}" y="${coord(y + 5)}" width="${coord(w)}" height="${o.rowHeight - 10}" class="bar ${s.cls}"/>`,
      );
      x += w;
    }
    parts.push(`<text x="${coord(x + 8)}" y="${coord(mid + 4)}" class="note">${escapeHtml(row.note)}</text>`);
  });
  parts.push(`<line x1="${o.labelWidth}" y1="2" x2="${o.labelWidth}" y2="${height - 2}" class="axis"/>`);
  return svg(o.width, height, o.title, parts);
}

export interface LineSeries {
  name: string;
  /** `c1`…`c6`: the series colour. */
  cls: string;
  values: number[];
}

export interface LineChartOptions {
  title: string;
  width?: number;
  height?: number;
  /** Formats a tick of the y axis. */
  tick?: (value: number) => string;
}

const LINE_DEFAULTS = { width: CHART_WIDTH, height: 260, tick: (v: number) => String(v) };
const MARGIN = { left: 48, right: 20, top: 14, bottom: 30 };

/** A step of 1, 2 or 5 × 10^k giving about `ticks` ticks up to `max` (whole numbers: at least 1). */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return Math.max(1, (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow);
}

/** Lines over ordered buckets, on a y axis from 0, with a legend below. */
export function lineChart(
  xLabels: readonly string[],
  series: readonly LineSeries[],
  options: LineChartOptions,
): string {
  const o = { ...LINE_DEFAULTS, ...options };
  const plotW = o.width - MARGIN.left - MARGIN.right;
  const plotH = o.height - MARGIN.top - MARGIN.bottom;
  const n = xLabels.length;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const x = (i: number) => MARGIN.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${coord(y(v))}" x2="${o.width - MARGIN.right}" y2="${coord(y(v))}" class="${v === 0 ? 'axis' : 'grid'}"/>`,
      `<text x="${MARGIN.left - 8}" y="${coord(y(v) + 4)}" text-anchor="end" class="tick">${escapeHtml(o.tick(v))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(n / Math.floor(plotW / 64)));
  xLabels.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    if (i === n - 1 && i % every !== 0 && (n - 1) % every < every / 2) return;
    const anchor = n > 1 && i === n - 1 ? 'end' : 'middle';
    parts.push(
      `<text x="${coord(x(i))}" y="${o.height - 10}" text-anchor="${anchor}" class="tick">${escapeHtml(label)}</text>`,
    );
  });
  for (const s of series) {
    const points = s.values.map((v, i) => `${coord(x(i))},${coord(y(v))}`);
    if (n > 1) parts.push(`<polyline points="${points.join(' ')}" class="line ${s.cls}"/>`);
    if (n <= 36) {
      s.values.forEach((v, i) => {
        parts.push(
          `<circle cx="${coord(x(i))}" cy="${coord(y(v))}" r="2.6" class="dot ${s.cls}"><title>${escapeHtml(`${s.name} ${xLabels[i]}: ${v}`)}</title></circle>`,
        );
      });
    }
  }
  const legend = series
    .map((s) => `<span class="key"><span class="swatch ${s.cls}"></span>${escapeHtml(s.name)}</span>`)
    .join('');
  return `${svg(o.width, o.height, o.title, parts)}<div class="legend">${legend}</div>`;
}

/** An SVG element that scales with the column and names itself for screen readers. */
export function svg(width: number, height: number, title: string, parts: readonly string[]): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${coord(height)}" width="${width}" height="${coord(height)}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}
