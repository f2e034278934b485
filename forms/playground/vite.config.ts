// The forms playground: `npm run playground` serves a page with the schema, UI schema, data and
// permissions beside the live form, loaded with the 低保 application. The region files come from
// the web app's public folder (written here first if missing).
import path from 'node:path';
import { defineConfig } from 'vite';
import { buildRegions } from '../../server/build/buildRegions.js';

buildRegions();

export default defineConfig({
  root: path.resolve(import.meta.dirname),
  publicDir: path.resolve(import.meta.dirname, '../../web/public'),
  // Pre-bundled up front, so the first visit does not reload when Vite discovers them.
  optimizeDeps: { include: ['lit', 'lit/static-html.js', 'lit/directives/live.js', 'lit/directives/guard.js', 'lit/directives/if-defined.js', 'lit/directives/style-map.js', 'ajv/dist/2020.js', 'ajv-formats/dist/formats.js', 'ajv-formats/dist/limit.js'] },
  server: { port: 5174, fs: { allow: [path.resolve(import.meta.dirname, '../..')] } },
  build: { outDir: path.resolve(import.meta.dirname, '../../dist/playground'), emptyOutDir: true, target: 'es2022' },
});
