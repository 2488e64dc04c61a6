/**
 * A suggestion's impact as the API sends it (an open object: the quantities of its kind, the
 * CO₂e under its own factor set and, in `co2eBySet`, under every set the run compared, keyed
 * `id@version`; null where a factor is missing, with the parts it leaves unknown in
 * `notQuantified`), read with guards. Pure, so it is tested without a browser.
 */
export interface ImpactFigures {
  quantity: number | null;
  unit: string | null;
  /** Quantities beside the CO₂e, by what they measure, with their unit. */
  amounts: { key: ImpactAmount; value: number; unit: string }[];
  /** null: not quantified (see notQuantified) or not given. */
  co2eAvoidedT: number | null;
  factorSet: string | null;
  /** CO₂e avoided under each factor set, the suggestion's own first; null: not quantified under it. */
  bySet: { set: string; co2eAvoidedT: number | null; own: boolean }[];
  /** The parts of the own estimate a missing factor leaves unknown. */
  notQuantified: ImpactPart[];
}

export const IMPACT_PARTS = ['avoided-production', 'avoided-disposal', 'transport', 'electricity'] as const;
export type ImpactPart = (typeof IMPACT_PARTS)[number];

export type ImpactAmount =
  | 'tonnesDiverted'
  | 'virginDisplaced'
  | 'mwhDelivered'
  | 'heatPump'
  | 'm3Supplied'
  | 'm2Used';

const AMOUNTS: readonly [field: string, key: ImpactAmount, unit: string][] = [
  ['tonnesDiverted', 'tonnesDiverted', 't/yr'],
  ['virginMaterialDisplacedT', 'virginDisplaced', 't/yr'],
  ['mwhDelivered', 'mwhDelivered', 'MWh/yr'],
  ['heatPumpElectricityMWh', 'heatPump', 'MWh/yr'],
  ['m3Supplied', 'm3Supplied', 'm3/yr'],
  ['m2Used', 'm2Used', 'm2'],
];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function impactFigures(impact: Record<string, unknown>, ownSet: string | null): ImpactFigures {
  // The suggestion names its set `id@version`; the estimate inside it by id alone.
  const estimateSet = typeof impact['factorSet'] === 'string' ? impact['factorSet'] : null;
  const factorSet = ownSet ?? estimateSet;
  const co2e = num(impact['co2eAvoidedT']);
  const amounts = AMOUNTS.flatMap(([field, key, unit]) => {
    const value = num(impact[field]);
    return value === null ? [] : [{ key, value, unit }];
  });
  const raw = impact['co2eBySet'];
  const bySet: ImpactFigures['bySet'] = [];
  if (typeof raw === 'object' && raw !== null) {
    for (const [set, value] of Object.entries(raw as Record<string, unknown>)) {
      const v = num(value);
      if (v !== null || value === null) bySet.push({ set, co2eAvoidedT: v, own: set === factorSet });
    }
    if (!bySet.some((b) => b.own)) {
      const names = [factorSet, estimateSet].filter((x): x is string => x !== null);
      const own = bySet.find((b) => names.some((n) => b.set === n || b.set.startsWith(`${n}@`)));
      if (own) own.own = true;
    }
  }
  const parts = impact['notQuantified'];
  const notQuantified = Array.isArray(parts) ? IMPACT_PARTS.filter((p) => parts.includes(p)) : [];
  if (factorSet !== null && (co2e !== null || notQuantified.length > 0) && !bySet.some((b) => b.own))
    bySet.push({ set: factorSet, co2eAvoidedT: co2e, own: true });
  bySet.sort((a, b) => Number(b.own) - Number(a.own) || a.set.localeCompare(b.set));
  return {
    quantity: num(impact['quantity']),
    unit: typeof impact['unit'] === 'string' ? impact['unit'] : null,
    amounts,
    co2eAvoidedT: co2e,
    factorSet,
    bySet,
    notQuantified,
  };
}
