import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * The console's end-to-end tests in headless Chromium, run by `npm test`
 * after the other suites. One server and one browser for the whole suite
 * (global-setup.ts); the files run one after another because they share
 * that server's tickets and the machine's two cores.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
