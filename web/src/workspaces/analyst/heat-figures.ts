/**
 * The figures of GET /heat-clusters as the heat-network view writes them: money in kroner or
 * euro (whole units below a million, millions with one decimal from there), a cost per MWh, the
 * months by name, and a cluster's members and pipes as the map's points and lines. Pure: tested
 * without a browser.
 */
import { type Format, type Language, LOCALE } from '../../i18n/format.ts';

export type Currency = 'NOK' | 'EUR';

/** What the map needs of a cluster's member (GET /heat-clusters), and of a pipe. */
export interface HeatMember {
  listingId: string;
  role: 'source' | 'sink';
  title: string;
  anonymised: boolean;
  lat: number;
  lon: number;
}
export interface HeatPipe {
  from: string;
  to: string;
}

/** A point and a line as the map (NorwayMap) draws them. */
export interface HeatPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  tone: 'potential' | 'idle';
}
export interface HeatLine {
  id: string;
  from: string;
  to: string;
  realised: false;
}

type Formats = Pick<Format, 't' | 'number' | 'decimal'>;

/** `NOK 92.0 million`, `€458,765` in English; `92,0 mill. kr`, `458 765 euro` in bokmål. */
export function money(f: Formats, amount: number, currency: Currency): string {
  if (Math.abs(amount) >= 1_000_000) {
    return f.t(currency === 'NOK' ? 'analyst.heatMillionNok' : 'analyst.heatMillionEur', {
      amount: f.decimal(amount / 1_000_000, 1),
    });
  }
  return f.t(currency === 'NOK' ? 'analyst.heatNok' : 'analyst.heatEur', {
    amount: f.number(Math.round(amount), 0),
  });
}

/** A cost per MWh in euro with two decimals: `€2.70/MWh`, `2,70 euro/MWh`. */
export const eurPerMWh = (f: Formats, value: number): string =>
  f.t('analyst.heatEurPerMWh', { amount: f.decimal(value, 2) });

/** January to December, short (`Jan`, `jan`) or long (`January`, `januar`), as the language writes them. */
export function monthNames(language: Language, width: 'short' | 'long'): string[] {
  const format = new Intl.DateTimeFormat(LOCALE[language], { month: width, timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2026, m, 1))));
}

/**
 * A cluster on the map: each member a point (sources in the potential tone, sinks plain), named
 * by `label`; each pipe of the tree a dashed line between the two members it joins.
 */
export function clusterMap<M extends HeatMember>(
  cluster: { members: readonly M[]; pipes: readonly HeatPipe[] },
  label: (member: M) => string,
): { points: HeatPoint[]; lines: HeatLine[] } {
  const points: HeatPoint[] = cluster.members.map((m) => ({
    id: m.listingId,
    lat: m.lat,
    lon: m.lon,
    label: label(m),
    tone: m.role === 'source' ? 'potential' : 'idle',
  }));
  const lines: HeatLine[] = cluster.pipes.map((p) => ({
    id: `${p.from}>${p.to}`,
    from: p.from,
    to: p.to,
    realised: false,
  }));
  return { points, lines };
}
