import type { FastifyInstance } from 'fastify'
import type { Config } from '../core/config/index.ts'
import type { Store } from '../core/store/index.ts'
import { runDemo } from '../simulator/index.ts'

/** Starts the demo stream once the server is ready; stops it (and lets the journal drain) on close. */
export async function demoPlugin(app: FastifyInstance, opts: { config: Config; store: Store }): Promise<void> {
  const abort = new AbortController()
  let running: Promise<void> | undefined
  app.addHook('onReady', async () => {
    running = runDemo({
      config: opts.config,
      store: opts.store,
      ingest: (kind, body) => app.collector.ingest(kind, body, 'simulator'),
      signal: abort.signal,
      onError: (err) => app.log.error({ err }, 'demo stream stopped'),
    }).catch((err: Error) => app.log.error({ err }, 'demo failed'))
    app.log.info('demo: 6 h of history, then a live company with a failure story every 4 minutes')
  })
  app.addHook('preClose', async () => {
    abort.abort()
    await running
  })
}
