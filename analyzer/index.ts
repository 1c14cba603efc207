import type { FastifyInstance } from 'fastify'
import type { Config } from '../core/config/index.ts'
import type { Store } from '../core/store/index.ts'
import { kpiRoutes } from './routes/kpis.ts'
import { traceRoutes } from './routes/trace.ts'

export interface AnalyzerOptions {
  config: Config
  store: Store
}

/** The analyzer as a Fastify plugin: read-only API over ClickHouse. */
export async function analyzerPlugin(app: FastifyInstance, opts: AnalyzerOptions): Promise<void> {
  await app.register(traceRoutes, { store: opts.store })
  await app.register(kpiRoutes, { store: opts.store })
}

export { traceOrder, type OrderTrace } from './trace/trace.ts'
export { computeKpis, type KpiResult } from './kpis/compute.ts'
