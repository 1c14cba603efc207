import type { FastifyInstance, FastifyReply } from 'fastify'
import type {} from '@fastify/swagger'
import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import { withThresholds } from '../kpis/catalogue.ts'
import { DEFAULT_CATALOGUE } from '../kpis/compute.ts'
import { BUCKETS, bucketCount, MAX_BUCKETS } from '../kpis/series.ts'
import { endpointHealth, errorReasons, failureHeatmap, HEATMAP_BY, jobHealth, queueHealth, type HeatmapBy } from '../sync/index.ts'

interface WindowQuery {
  from: string
  to: string
  system?: string
}

const NAME = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_./:-]+$' } as const
const WINDOW = {
  from: { type: 'string', format: 'date-time', description: 'Start of the window (inclusive)' },
  to: { type: 'string', format: 'date-time', description: 'End of the window (exclusive); jobs are judged as of this moment' },
} as const
const SYSTEM = { system: { ...NAME, description: 'Only calls this system made or answered' } } as const

const querystring = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  required: ['from', 'to', ...required],
  additionalProperties: false,
  properties: { ...WINDOW, ...properties },
})

const badRequest = (reply: FastifyReply, field: string, message: string) =>
  reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `querystring/${field} ${message}` })

/** The window as epoch ms, or a 400 sent when it is empty or backwards. */
function windowOf(query: WindowQuery, reply: FastifyReply): { from: number; to: number } | undefined {
  const from = Date.parse(query.from)
  const to = Date.parse(query.to)
  if (to > from) return { from, to }
  void badRequest(reply, 'to', 'must be after querystring/from')
  return undefined
}

/**
 * The SRE's sync health (GET /api/v1/sync/…): per-endpoint and per-system
 * call health with latency percentiles, error reasons, the failure heat map
 * by endpoint × client IP or channel, scheduled jobs and queue backlog.
 * Read-only; calls are read from the per-minute rollup, not raw calls.
 */
export async function syncRoutes(app: FastifyInstance, opts: { store: Store; config?: Config }): Promise<void> {
  const successKpi = withThresholds(DEFAULT_CATALOGUE, opts.config?.kpis).find((d) => d.id === 'call_success_rate')!
  const tags = ['analyzer']

  app.get<{ Querystring: WindowQuery }>(
    '/api/v1/sync/endpoints',
    { schema: { summary: 'Interface-call health per endpoint and per answering system: calls, failures, success rate (against the call-success KPI lines), retries, latency p50/p95/p99', tags, querystring: querystring(SYSTEM) } },
    async (request, reply) => {
      const w = windowOf(request.query, reply)
      return w && endpointHealth(opts.store, { ...w, system: request.query.system }, successKpi)
    },
  )

  app.get<{ Querystring: WindowQuery & { endpoint?: string; limit?: number } }>(
    '/api/v1/sync/errors',
    {
      schema: {
        summary: 'Why calls failed: error code and status class with count, share of failures, the endpoints affected and a sample message',
        tags,
        querystring: querystring({ ...SYSTEM, endpoint: { ...NAME, description: 'Only this endpoint' }, limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 } }),
      },
    },
    async (request, reply) => {
      const w = windowOf(request.query, reply)
      return w && errorReasons(opts.store, { ...w, system: request.query.system, endpoint: request.query.endpoint, limit: request.query.limit ?? 10 })
    },
  )

  app.get<{ Querystring: WindowQuery & { by: HeatmapBy; rows?: number; columns?: number } }>(
    '/api/v1/sync/heatmap',
    {
      schema: {
        summary: 'Failed and all calls per endpoint × client IP or channel, the most failing endpoints and columns first',
        tags,
        querystring: querystring(
          {
            ...SYSTEM,
            by: { type: 'string', enum: HEATMAP_BY, description: 'Columns of the heat map' },
            rows: { type: 'integer', minimum: 1, maximum: 50, default: 15, description: 'At most this many endpoints' },
            columns: { type: 'integer', minimum: 1, maximum: 50, default: 20, description: 'At most this many client IPs or channels' },
          },
          ['by'],
        ),
      },
    },
    async (request, reply) => {
      const w = windowOf(request.query, reply)
      const q = request.query
      return w && failureHeatmap(opts.store, { ...w, by: q.by, system: q.system, rows: q.rows ?? 15, columns: q.columns ?? 20 })
    },
  )

  app.get<{ Querystring: WindowQuery }>(
    '/api/v1/sync/jobs',
    { schema: { summary: 'Scheduled jobs as of the window’s end: last run and success, successes in a row, overdue by schedule; runs, failures, average duration and rows moved in the window', tags, querystring: querystring({}) } },
    async (request, reply) => {
      const w = windowOf(request.query, reply)
      return w && jobHealth(opts.store, w)
    },
  )

  app.get<{ Querystring: WindowQuery & { bucket: string } }>(
    '/api/v1/sync/queues',
    {
      schema: {
        summary: `Queue backlog: latest depth, oldest message age and consumers per queue, and depth and age bucket by bucket (at most ${MAX_BUCKETS} buckets)`,
        tags,
        querystring: querystring({ bucket: { type: 'string', enum: Object.keys(BUCKETS), default: '1h', description: 'Bucket size; buckets start at China-local (UTC+8) boundaries' } }),
      },
    },
    async (request, reply) => {
      const w = windowOf(request.query, reply)
      if (!w) return
      const bucket = request.query.bucket ?? '1h'
      const count = bucketCount(w.from, w.to, BUCKETS[bucket]!)
      if (count > MAX_BUCKETS) return badRequest(reply, 'bucket', `${bucket} gives ${count} buckets over this window, more than ${MAX_BUCKETS}; choose a larger bucket or a shorter window`)
      return queueHealth(opts.store, { ...w, bucket })
    },
  )
}
