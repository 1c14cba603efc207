import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig, type Config } from '../../core/config/index.ts'

export const TOKENS = {
  wms: 'wms-token-0123456789abcdef',
  oms: 'oms-token-0123456789abcdef',
} as const

export function tempDir(prefix = 'orderlens-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/** A configuration on a fresh temporary data directory, with two source-system tokens. */
export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({
    env: {},
    overrides: {
      dataDir: tempDir(),
      auth: { tokens: Object.entries(TOKENS).map(([system, token]) => ({ system, token })) },
      journal: { segmentMaxAgeMs: 50 },
      // Tests run detection passes themselves, at the moments they choose.
      analyzer: { detectSchedule: '' },
      alerts: { evaluateSchedule: '' },
      // Requests without a session act as admin, except in tests that configure users and log in.
      access: { anonymousRole: 'admin' },
      ...overrides,
    },
  })
}
