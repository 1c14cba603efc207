import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

/** Component tests of the console, in a DOM (happy-dom); run by `npm test` after the server suites. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    // The first navigation to a lazy page transforms that page and its charts on demand: seconds on a busy 2-core CI machine.
    testTimeout: 20_000,
  },
})
