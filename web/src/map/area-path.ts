/**
 * An area's outline as one SVG path: every ring a subpath (even-odd fill makes holes), in view
 * coordinates rounded to a tenth of a unit. Rings wholly outside the view, or smaller than a unit,
 * are left out, so a zoomed-in map draws only what shows.
 */
import type { CompactArea } from './compact-boundaries.ts';
import type { Projection } from './projection.ts';

const tenth = (v: number) => Math.round(v * 10) / 10;

export function areaPath(area: CompactArea, grid: number, p: Projection): string {
  let d = '';
  for (const ring of area.rings) {
    const xs: number[] = [];
    const ys: number[] = [];
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i + 1 < ring.length; i += 2) {
      const x = tenth(p.x(ring[i]! * grid));
      const y = tenth(p.y(ring[i + 1]! * grid));
      xs.push(x);
      ys.push(y);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    if (maxX < 0 || maxY < 0 || minX > p.width || minY > p.height) continue;
    if (maxX - minX < 1 && maxY - minY < 1) continue;
    d += `M${xs[0]},${ys[0]}`;
    for (let i = 1; i < xs.length; i++) d += `L${xs[i]},${ys[i]}`;
    d += 'Z';
  }
  return d;
}
