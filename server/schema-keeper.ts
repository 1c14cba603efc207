import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../core/config/index.ts'
import { applyRetention, migrate, type Store } from '../core/store/index.ts'

/**
 * Applies migrations and retention, retrying with back-off while ClickHouse
 * is unreachable. A migration that fails for another reason (bad SQL, a
 * changed file) is not retried: `ready` rejects.
 */
export function keepSchema(store: Store, config: Config, log: FastifyBaseLogger): { ready: Promise<void>; stop(): void } {
  let stopped = false
  const ready = (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const report = await migrate(store)
        const retention = await applyRetention(store, config.retention)
        if (report.applied.length || retention.length) log.info({ applied: report.applied, retention }, 'schema brought up to date')
        return
      } catch (err) {
        if (!isConnectionError(err)) throw err
        const delay = Math.min(config.journal.retryBackoffMaxMs, 250 * 2 ** Math.min(attempt, 8))
        log.warn({ err: (err as Error).message, retryInMs: delay }, 'ClickHouse unreachable; ingest continues into the journal')
        await new Promise((r) => setTimeout(r, delay))
      }
    }
  })()
  ready.catch(() => undefined)
  return { ready, stop: () => void (stopped = true) }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? ''
  const message = (err as Error).message ?? ''
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code) || /ECONNREFUSED|socket hang up|Timeout error|connect/i.test(message)
}
