import type { FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'
import type { Store } from '../core/store/index.ts'

interface HealthOptions {
  store: Store
  registry: Registry
}

/**
 * /healthz: the process answers. /readyz: it can take events now; ClickHouse
 * being down alone does not make it unready (the journal absorbs the outage),
 * a full journal does. /metrics: Prometheus exposition.
 */
export async function healthRoutes(app: FastifyInstance, opts: HealthOptions): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const journal = app.collector.journal
    const clickhouse = (await opts.store.ping()) && !journal.clickhouseFailing ? 'up' : 'down'
    const accepting = app.collector.ready
    const body = {
      status: accepting ? (clickhouse === 'up' ? 'ready' : 'degraded') : 'journal_full',
      clickhouse,
      clickhouse_mode: opts.store.embedded ? 'embedded' : 'server',
      journal_bytes: journal.bytes,
      journal_oldest_age_seconds: Number(journal.oldestAgeSeconds().toFixed(3)),
    }
    return reply.code(accepting ? 200 : 503).send(body)
  })

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Content-Type', opts.registry.contentType)
    return opts.registry.metrics()
  })
}
