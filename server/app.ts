import Fastify, { type FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import { collectDefaultMetrics, Registry } from 'prom-client'
import type { Config } from '../core/config/index.ts'
import { openStore, type Store } from '../core/store/index.ts'
import { alertsPlugin } from '../alerts/index.ts'
import { analyzerPlugin } from '../analyzer/index.ts'
import { accessPlugin } from '../core/access/index.ts'
import { collectorPlugin } from '../collector/index.ts'
import { consoleBuilt, consolePlugin } from './console.ts'
import { healthRoutes } from './health.ts'
import { demoPlugin } from './demo.ts'
import { keepSchema } from './schema-keeper.ts'

export interface AppOptions {
  config: Config
  /** An already open store (tests, benchmarks); otherwise one is opened from config and closed with the app. */
  store?: Store
  logger?: boolean | object
  /** Feed the server with a live simulated company in which failure stories unfold (`start --demo`). */
  demo?: boolean
}

/**
 * The all-in-one server: every part is a Fastify plugin on one port. In the
 * embedded mode this is also the only process that may open the chDB data.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const store = options.store ?? openStore(config)
  const ownsStore = !options.store
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Rows carry no prototype keys; refusing them outright is cheaper than filtering.
    onProtoPoisoning: 'error',
    forceCloseConnections: true,
  })
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'orderlens_' })

  await app.register(swagger, {
    openapi: {
      info: { title: 'OrderLens API', version: '0.1.0', description: 'Observability and anomaly attribution for order pipelines' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  })
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  const schema = keepSchema(store, config, app.log)
  // onClose hooks run last-registered-first: registered before the plugins, this runs after
  // the collector has drained its journal into the store.
  app.addHook('onClose', async () => {
    schema.stop()
    if (ownsStore) await store.close()
  })
  // Embedded: the engine is in-process, so the schema is there before anything is served.
  // Server: an unreachable ClickHouse must not stop ingest; the journal holds rows until the schema is in place.
  if (store.embedded) await schema.ready
  else await Promise.race([schema.ready, new Promise((r) => setTimeout(r, 5000))])
  await app.register(accessPlugin, { config })
  await app.register(collectorPlugin, { config, store, registry })
  await app.register(healthRoutes, { store, registry })
  await app.register(analyzerPlugin, { config, store, registry })
  await app.register(alertsPlugin, { config, store, registry })
  if (options.demo) await app.register(demoPlugin, { config, store })
  if (consoleBuilt()) await app.register(consolePlugin, {})

  return app
}
