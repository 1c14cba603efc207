import type { FastifyInstance } from 'fastify'
import type { Config } from '../../core/config/index.ts'
import { openStore, type Store } from '../../core/store/index.ts'
import { buildApp } from '../../server/app.ts'
import { TOKENS } from './config.ts'

export interface TestApp {
  app: FastifyInstance
  store: Store
  /** POST to an ingest route with a source-system token. */
  ingest(kind: string, body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>
  /** Seal the journal and wait until ClickHouse holds everything accepted so far. */
  flush(): Promise<void>
  close(): Promise<void>
}

/** The real server on the real embedded ClickHouse, driven in-process with inject(). */
export async function startTestApp(config: Config, store: Store = openStore(config)): Promise<TestApp> {
  const app = await buildApp({ config, store })
  await app.ready()
  return {
    app,
    store,
    async ingest(kind, body, headers = {}) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/ingest/${kind}`,
        headers: { authorization: `Bearer ${TOKENS.wms}`, 'content-type': 'application/x-ndjson', ...headers },
        payload: body,
      })
      return { status: res.statusCode, body: res.json(), headers: res.headers }
    },
    flush: () => app.collector.journal.flushAll(30_000),
    async close() {
      await app.close()
      await store.close()
    },
  }
}
