/* Vite's own module types come from tsconfig.json ("types": ["vite/client"]). */

declare module 'virtual:norway-boundaries' {
  import type { CompactBoundaries } from './map/compact-boundaries.ts';

  const boundaries: CompactBoundaries;
  export default boundaries;
}
