import type { FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'
import type { Config } from '../core/config/index.ts'
import type { Store } from '../core/store/index.ts'
import { requireUser } from '../core/access/index.ts'
import { anomalyRoutes } from './routes/anomalies.ts'
import { attributionRoutes } from './routes/attribution.ts'
import { findingRoutes } from './routes/findings.ts'
import { kpiRoutes } from './routes/kpis.ts'
import { reportRoutes } from './routes/report.ts'
import { traceRoutes } from './routes/trace.ts'
import { syncRoutes } from './routes/sync.ts'
import { scheduleDetection } from './tasks/detection-schedule.ts'

export interface AnalyzerOptions {
  config: Config
  store: Store
  registry?: Registry
}

/**
 * The analyzer as a Fastify plugin: the API over ClickHouse, and the
 * detection pass on its schedule (its findings are the only rows it writes).
 */
export async function analyzerPlugin(app: FastifyInstance, opts: AnalyzerOptions): Promise<void> {
  // Everyone logged in reads; the routes that change something say who may.
  app.addHook('preHandler', requireUser())
  const detection = scheduleDetection({ store: opts.store, config: opts.config, registry: opts.registry, log: app.log })
  app.addHook('onClose', () => detection.stop())
  await app.register(findingRoutes, { store: opts.store, detection })
  await app.register(traceRoutes, { store: opts.store })
  await app.register(kpiRoutes, { store: opts.store, config: opts.config })
  await app.register(attributionRoutes, { store: opts.store })
  await app.register(reportRoutes, { store: opts.store })
  await app.register(anomalyRoutes, { store: opts.store })
  await app.register(syncRoutes, { store: opts.store, config: opts.config })
}

export { traceOrder, type OrderTrace } from './trace/trace.ts'
export { computeKpis, DEFAULT_CATALOGUE, type KpiResult } from './kpis/compute.ts'
export { withThresholds } from './kpis/catalogue.ts'
export { ALL_DIMENSIONS } from './kpis/sql.ts'
export { runDetectionPass, type PassResult } from './findings/pass.ts'
export { DETECTORS, type Finding } from './detectors/index.ts'
export { getFinding, listFindings } from './findings/store.ts'
export type { StoredFinding } from './findings/lifecycle.ts'
