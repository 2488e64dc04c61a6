/**
 * The grade of heat: how much of a source's work potential (exergy) a need wastes when it uses
 * the source directly, so that among sources that serve a need the lowest adequate one ranks first
 * (a 20 °C fish pond takes 30 °C cooling water before 90 °C hot water, and 500 °C flue gas last).
 *
 * A unit of heat at absolute temperature T carries the work 1 − T0 / T (its Carnot factor) against
 * surroundings at T0. A need at T_need, served across the approach, would be served as well by a
 * source at T_adequate = T_need + approach; a hotter source at T_source delivers the same heat
 * and loses the difference of the Carnot factors:
 *
 *   loss  = (1 − T0 / T_source) − (1 − T0 / T_adequate) = T0 × (1 / T_adequate − 1 / T_source)
 *   grade = 1 − min(1, loss / fullLoss)     (in [0, 1]; 1 for a just-adequate source)
 *
 * per unit of heat delivered (temperatures in K). The quality term of a direct heat route is
 * multiplied by the grade: the loss is small for low-grade heat (30 °C for a 20 °C need: 0.016),
 * large for high-grade heat (90 °C for it: 0.17, 500 °C: 0.58). fullLoss = 0.5 (a source of about
 * 360 °C for that need grades 0) is a scale, chosen so that the grade outweighs what the other
 * terms give a hotter source for being of the need's own carrier: with the shipped weights
 * (quality 0.15, resource 0.3) 30 °C cooling water (converted, resource 0.9) still ranks above
 * 90 °C hot water (same carrier, 1.0) for a 20 °C need. T0 is a Norwegian annual mean outdoor and
 * ground temperature, 10 °C; the loss depends on it only in proportion. Heat lifted by a heat pump
 * is not graded: it is below the need already, and the lift term prices it. Cold is not graded.
 *
 * References:
 *   A. Bejan (2016), Advanced Engineering Thermodynamics, 4th ed., Wiley, ch. 3 (exergy of heat,
 *     the Carnot factor).
 *   M. A. Rosen, I. Dincer (2003), "Exergy methods for assessing and comparing thermal storage
 *     systems", Int. J. Energy Research 27(4), 415–430 (matching the grade of heat to its use).
 *   Norwegian Centre for Climate Services (seklima.met.no): annual mean temperatures, 1991–2020.
 */

export const DEFAULTS = {
  /** Dead-state (surroundings) temperature T0, °C. */
  referenceC: 10,
  /** The loss per unit of heat at which the grade reaches 0. */
  fullLoss: 0.5,
};

const KELVIN = 273.15;

/**
 * The exergy lost per unit of heat when a source at `sourceC` serves what a source at `adequateC`
 * would, in [0, 1]: 0 when the source is no hotter than adequate, or either temperature is not
 * above absolute zero or not a number.
 */
export function exergyLoss(sourceC: number, adequateC: number, referenceC = DEFAULTS.referenceC): number {
  const source = sourceC + KELVIN;
  const adequate = adequateC + KELVIN;
  if (!(source > adequate) || !(adequate > 0)) return 0;
  return Math.min(1, Math.max(0, (referenceC + KELVIN) * (1 / adequate - 1 / source)));
}

/** The factor on the quality term of a direct heat route: 1 − min(1, loss / fullLoss). */
export const heatGrade = (sourceC: number, adequateC: number): number =>
  1 - Math.min(1, exergyLoss(sourceC, adequateC) / DEFAULTS.fullLoss);
