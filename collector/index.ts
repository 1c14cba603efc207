import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'
import type { Config } from '../core/config/index.ts'
import { journalDir } from '../core/config/index.ts'
import type { Store } from '../core/store/index.ts'
import { bearerAuth } from './auth.ts'
import { IngestService } from './ingest/ingest-service.ts'
import { createCollectorMetrics, registerJournalGauges } from './metrics.ts'
import { ingestRoutes } from './routes/ingest.ts'
import { schemaRoutes } from './routes/schema.ts'

export interface CollectorOptions {
  config: Config
  store: Store
  registry: Registry
}

declare module 'fastify' {
  interface FastifyInstance {
    collector: IngestService
  }
}

/**
 * The collector as a Fastify plugin: ingest routes, journal, flushers,
 * metrics. On close it seals the journal and drains it into ClickHouse
 * (what cannot be drained stays on disk for the next start).
 */
async function collector(app: FastifyInstance, opts: CollectorOptions): Promise<void> {
  const metrics = createCollectorMetrics(opts.registry)
  const service = new IngestService(opts.config, opts.store, journalDir(opts.config), metrics, app.log)
  registerJournalGauges(opts.registry, service.journal, opts.config.journal.maxBytes)
  const replay = await service.start()
  if (replay.replayedSegments > 0) app.log.info(replay, 'replaying journal segments left by the previous run')
  const pruneTimer = setInterval(() => service.pruneRecentIds(), 60_000).unref()

  app.decorate('collector', service)
  await app.register(schemaRoutes)
  await app.register(ingestRoutes, { service, metrics, bodyLimit: opts.config.ingest.bodyLimitBytes, authenticate: bearerAuth(opts.config.auth.tokens, metrics) })

  app.addHook('onClose', async () => {
    clearInterval(pruneTimer)
    const { drained } = await service.journal.close(opts.config.journal.shutdownDrainMs)
    if (!drained) app.log.warn({ journalBytes: service.journal.bytes }, 'journal not fully drained; it will be replayed at next start')
  })
}

/** Not encapsulated, so the server sees `app.collector` (its routes and body parsers stay encapsulated). */
export const collectorPlugin = fp(collector, { name: 'orderlens-collector', fastify: '5.x' })

export { IngestService } from './ingest/ingest-service.ts'
export type { IngestResult } from './ingest/ingest-service.ts'
