import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The console's browser tests have their own set-up (one server, one browser): tests/e2e/vitest.config.ts.
    exclude: [...configDefaults.exclude, 'tests/e2e/**'],
    // Each file runs in its own process: chDB allows one data directory per process.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
