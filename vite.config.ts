import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * `npx vite` (dev server with hot reload) against a running HTTP host:
 * TRIPTYCH_HOST=http://127.0.0.1:<port> npx vite — /api (with its event stream) and /binary are
 * proxied to it. Open the host's own URL once first so its auth cookie is set for 127.0.0.1.
 */
const devHost = process.env.TRIPTYCH_HOST;

/**
 * The renderer: a static page served at the root of both hosts (triptych://app/ in Electron, the
 * HTTP host's http://127.0.0.1:<port>/), hence base '/'. Everything is bundled: the page runs under a
 * strict CSP (no inline script, no CDN, no external font).
 */
export default defineConfig({
  root: here('./renderer'),
  base: '/',
  plugins: [react()],
  publicDir: false,
  // The tile decoder workers are ES modules that load their codec on demand (code-split).
  worker: { format: 'es' },
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // No inline <script> or data: module preloads: the CSP allows only 'self' scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    strictPort: false,
    fs: { allow: [here('.')] },
    proxy: devHost
      ? {
          // Only the host's calls (POST) and its event stream: /api/index.ts is the renderer's own module.
          '/api': {
            target: devHost,
            changeOrigin: false,
            bypass: (req) => (req.method === 'POST' || req.url?.startsWith('/api/events') ? undefined : req.url),
          },
          '/binary': { target: devHost, changeOrigin: false },
        }
      : undefined,
  },
});
