import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressPlugin } from './scripts/vite-precompress.ts';

const apiTarget = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;

/**
 * The web app: built into dist/web (served by the API server, brotli and gzip copies beside each file);
 * `npm run dev:web` proxies /api. Every feature page but the home is its own chunk (App.tsx).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), precompressPlugin()],
  resolve: {
    // zod configured (no eval) before any schema, in whichever chunk the schema lands.
    alias: [
      {
        find: /^zod$/,
        replacement: fileURLToPath(new URL('./src/web/app/zod-config.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Libraries every page needs, apart from the app's code so that they stay cached across
        // releases; ECharts (with zrender) apart because only pages with charts load it. Ant Design is
        // left to the automatic splitting, so that the initial script holds only the components the
        // shell, the login page and the home use.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/,
              priority: 2,
            },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': apiTarget } },
});
