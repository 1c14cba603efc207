import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'

const root = fileURLToPath(new URL('.', import.meta.url))

/** The console builds into console/dist, which server/console.ts serves; `console:dev` proxies the API to a running server. */
export default defineConfig({
  root,
  // Precompressed .gz and .br next to each asset: @fastify/static sends them to browsers that accept them (wall screens on a LAN).
  plugins: [vue(), compression({ algorithms: ['gzip', 'brotliCompress'], exclude: [/\.vite\//] })],
  // vue-i18n: messages are plain strings compiled at run time; no legacy API, no devtools in the bundle.
  define: { __VUE_I18N_FULL_INSTALL__: false, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false, __VUE_PROD_DEVTOOLS__: false },
  // The manifest lists each page's chunks, for the benchmark's first-page figures.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, manifest: true },
  server: { proxy: { '/api': process.env.ORDERLENS_API ?? 'http://127.0.0.1:8600' } },
})
