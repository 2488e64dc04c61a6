/**
 * Douglas-Peucker line simplification: keep the point farthest from the chord between the ends
 * while it lies more than `tolerance` from it, and recurse on both halves (iteratively here).
 *
 * Reference: D. H. Douglas, T. K. Peucker, "Algorithms for the reduction of the number of points
 * required to represent a digitized line or its caricature", The Canadian Cartographer 10(2),
 * 1973, pp. 112-122.
 */
export type Point = readonly [number, number];

/** The points kept, the first and last always among them, in their order. */
export function simplifyLine(points: readonly Point[], tolerance: number): Point[] {
  if (points.length < 3) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const spans: [number, number][] = [[0, points.length - 1]];
  while (spans.length > 0) {
    const [a, b] = spans.pop()!;
    const [ax, ay] = points[a]!;
    const [bx, by] = points[b]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let farthest = -1;
    let distance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i]!;
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest > 0) {
      keep[farthest] = 1;
      spans.push([a, farthest], [farthest, b]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}
