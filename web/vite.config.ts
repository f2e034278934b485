import path from 'node:path';
import { defineConfig } from 'vite';

// The web app is built into the folder PocketBase serves at `/`.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  // Absolute: pages have real URLs (/cases/…), and PocketBase serves index.html for each.
  base: '/',
  build: {
    outDir: path.resolve(import.meta.dirname, '../server/pb_public'),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8090' } },
});
