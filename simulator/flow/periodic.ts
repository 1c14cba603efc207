import type { SimEnv } from '../env.ts'
import type { FlowQueues } from './order-flow.ts'
import { makeCall } from './calls.ts'

const MIN = 60_000
const OMS_IP = '10.8.0.11'

/** The scheduled sync jobs of the company, with their periods. */
export function jobsOf(env: SimEnv): { job: string; everyMs: number; channel?: string; api?: string }[] {
  const imports = env.company.channels
    .filter((c) => c.intake === 'import_job')
    .map((c) => ({ job: `${c.id}_order_import`, everyMs: 5 * MIN, channel: c.id, api: c.api }))
  return [...imports, { job: 'erp_inventory_sync', everyMs: 15 * MIN }, { job: 'tracking_refresh', everyMs: 30 * MIN }]
}

/**
 * One run of a scheduled job at `at`: an import job pulls every order
 * waiting for its channel (so a stopped job leaves them waiting, and the
 * first run after it moves a jump in volume). A run a scenario skips leaves
 * no heartbeat at all.
 */
export function runJob(env: SimEnv, queues: FlowQueues, job: ReturnType<typeof jobsOf>[number], at: number): void {
  for (const h of env.hooks) if (h.skipJobRun?.(job.job, at)) return
  const failed = env.random.chance(0.005)
  const duration = env.random.lognormal(job.channel ? 8_000 : 40_000, 0.5)
  let rows = 0
  if (job.channel && !failed) {
    const waiting = queues.awaitingImport.get(job.channel) ?? []
    queues.awaitingImport.set(job.channel, [])
    makeCall(env, { source: 'oms', target: job.api!, endpoint: '/orders/pull', direction: 'call', clientIp: OMS_IP, latencyMedianMs: 300, channel: job.channel }, at)
    for (const w of waiting) w.onImported(at + env.random.float() * duration)
    rows = waiting.length
  } else if (!failed) {
    rows = env.random.int(50, 400)
  }
  env.emit('jobs', {
    event_id: env.nextEventId('j'),
    job: job.job,
    host: job.channel ? 'sync-01' : 'sync-02',
    schedule: `*/${job.everyMs / MIN} * * * *`,
    started_at: new Date(at).toISOString(),
    finished_at: new Date(at + duration).toISOString(),
    status: failed ? 'failed' : 'success',
    rows_moved: rows,
    ...(failed ? { error_message: 'connection pool exhausted' } : {}),
    ...(job.channel ? { channel: job.channel } : {}),
  })
}

/** Queue depth samples once a minute; the OMS → WMS queue is the orders waiting to be pushed. */
export function sampleQueues(env: SimEnv, queues: FlowQueues, at: number): void {
  let oldest = at
  for (const queuedAt of queues.awaitingPush.values()) if (queuedAt < oldest) oldest = queuedAt
  const ts = new Date(at).toISOString()
  env.emit('queues', { event_id: env.nextEventId('s'), ts, queue: 'oms-to-wms', depth: queues.awaitingPush.size, oldest_age_s: Math.round((at - oldest) / 1000), consumers: 4 })
  env.emit('queues', { event_id: env.nextEventId('s'), ts, queue: 'wms-callbacks', depth: env.random.poisson(3), oldest_age_s: Math.round(env.random.exponential(2)), consumers: 2 })
  env.emit('queues', { event_id: env.nextEventId('s'), ts, queue: 'erp-sync', depth: env.random.poisson(8), oldest_age_s: Math.round(env.random.exponential(20)), consumers: 2 })
}
