/**
 * The web app's build: Preact, the bundled boundaries (build/boundaries.ts), hashed files under
 * assets/ (the service caches them for a year; index.html it revalidates). `npm run build:web`
 * writes web/dist; `npm start` and the tests build it when it is missing or stale
 * (tools/build-web-if-stale.mjs).
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { boundaries } from './build/boundaries.ts';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact(), boundaries()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // No data: URLs for scripts or styles; the Content-Security-Policy allows files of this origin only.
    assetsInlineLimit: 0,
  },
});
