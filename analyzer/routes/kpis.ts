import type { FastifyInstance, FastifyReply } from 'fastify'
import type {} from '@fastify/swagger'
import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import { withThresholds } from '../kpis/catalogue.ts'
import { computeKpis, DEFAULT_CATALOGUE } from '../kpis/compute.ts'
import { ALL_DIMENSIONS, KPI_QUERIES, type Dimension } from '../kpis/queries.ts'
import type { KpiSetAnswer, KpiTrendsAnswer } from '../kpis/answers.ts'
import { BUCKETS, bucketCount, computeSeries, MAX_BUCKETS } from '../kpis/series.ts'
import { computeTrends } from '../kpis/trends.ts'

interface KpiQuerystring {
  from: string
  to: string
  dimension?: Dimension
  kpi?: string[]
  trend?: string
  breakdown_trend?: string
  totals?: boolean
}

interface TrendsQuerystring {
  from: string
  to: string
  bucket: string
  kpi?: string[]
}

interface SeriesQuerystring {
  kpi: string
  from: string
  to: string
  bucket: string
  dimension?: Dimension
}

const KPI_IDS = DEFAULT_CATALOGUE.map((d) => d.id)
const WINDOW_PROPERTIES = {
  from: { type: 'string', format: 'date-time', description: 'Start of the window (inclusive)' },
  to: { type: 'string', format: 'date-time', description: 'End of the window (exclusive)' },
  dimension: { type: 'string', enum: ALL_DIMENSIONS, description: 'Drill down by this dimension' },
} as const

export const badRequest = (reply: FastifyReply, field: string, message: string) =>
  reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `querystring/${field} ${message}` })

/**
 * GET /api/v1/kpis (the KPI set for a window, against thresholds and the
 * previous window) and GET /api/v1/kpis/series (one KPI bucket by bucket).
 * Thresholds are the catalogue's with the company's overrides (config `kpis`);
 * a bad override stops the server at start with an error naming it.
 */
export async function kpiRoutes(app: FastifyInstance, opts: { store: Store; config?: Config }): Promise<void> {
  const catalogue = withThresholds(DEFAULT_CATALOGUE, opts.config?.kpis)

  app.get<{ Querystring: KpiQuerystring }>(
    '/api/v1/kpis',
    {
      schema: {
        summary: 'Efficiency KPIs for a window, against their thresholds and the previous window, optionally drilled down',
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: {
            ...WINDOW_PROPERTIES,
            kpi: { type: 'array', items: { type: 'string', enum: KPI_IDS } },
            trend: { type: 'string', enum: Object.keys(BUCKETS), description: `Also give each KPI's points over the window in buckets of this size (China-local boundaries, at most ${MAX_BUCKETS}), read in the same scans as the values; with a dimension, each breakdown value's points too` },
            breakdown_trend: { type: 'string', enum: Object.keys(BUCKETS), description: 'With a dimension: the bucket size of each breakdown value\'s points (default: trend\'s), so the cards\' sparklines and the drill-down\'s fewer, fuller points per value come from one scan' },
            totals: { type: 'boolean', default: true, description: 'false with a dimension: only the breakdown (value, previous and n of the whole left empty), one scan fewer' },
          },
        },
      },
    },
    async (request, reply) => {
      const from = Date.parse(request.query.from)
      const to = Date.parse(request.query.to)
      if (!(to > from)) return badRequest(reply, 'to', 'must be after querystring/from')
      const { dimension, kpi, trend, breakdown_trend: breakdownTrend, totals } = request.query
      for (const [field, bucket] of [['trend', trend], ['breakdown_trend', breakdownTrend]] as const) {
        if (bucket && bucketCount(from, to, BUCKETS[bucket]!) > MAX_BUCKETS) return badRequest(reply, field, `${bucket} gives ${bucketCount(from, to, BUCKETS[bucket]!)} buckets over this window, more than ${MAX_BUCKETS}; choose a larger bucket or a shorter window`)
      }
      if (breakdownTrend && !dimension) return badRequest(reply, 'breakdown_trend', 'needs querystring/dimension (it buckets each breakdown value\'s points)')
      const buckets = { trendBucket: trend ? BUCKETS[trend] : undefined, breakdownTrendBucket: breakdownTrend ? BUCKETS[breakdownTrend] : undefined }
      const kpis = await computeKpis(opts.store, { from, to, dimension, ids: kpi, ...buckets, totals }, catalogue)
      const answer: KpiSetAnswer = {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        ...(dimension ? { dimension } : {}),
        previous: { from: new Date(from - (to - from)).toISOString(), to: new Date(from).toISOString() },
        // What each KPI drills down by, so a client offers only those (asking for another gives no breakdown).
        kpis: kpis.map((k) => ({ ...k, dimensions: KPI_QUERIES[k.id]!.dimensions })),
      }
      return answer
    },
  )

  app.get<{ Querystring: SeriesQuerystring }>(
    '/api/v1/kpis/series',
    {
      schema: {
        summary: `One KPI over time, bucket by bucket (at most ${MAX_BUCKETS} buckets), optionally one series per drill-down value`,
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          required: ['kpi', 'from', 'to'],
          additionalProperties: false,
          properties: {
            kpi: { type: 'string', enum: KPI_IDS },
            ...WINDOW_PROPERTIES,
            bucket: { type: 'string', enum: Object.keys(BUCKETS), default: '1h', description: 'Bucket size; buckets start at China-local (UTC+8) boundaries' },
          },
        },
      },
    },
    async (request, reply) => {
      const { kpi, bucket, dimension } = request.query
      const from = Date.parse(request.query.from)
      const to = Date.parse(request.query.to)
      if (!(to > from)) return badRequest(reply, 'to', 'must be after querystring/from')
      const count = bucketCount(from, to, BUCKETS[bucket]!)
      if (count > MAX_BUCKETS) return badRequest(reply, 'bucket', `${bucket} gives ${count} buckets over this window, more than ${MAX_BUCKETS}; choose a larger bucket or a shorter window`)
      if (dimension && !KPI_QUERIES[kpi]!.dimensions.includes(dimension)) {
        return badRequest(reply, 'dimension', `${kpi} drills down by ${KPI_QUERIES[kpi]!.dimensions.join(', ')}, not ${dimension}`)
      }
      const def = catalogue.find((d) => d.id === kpi)!
      const series = await computeSeries(opts.store, def, { from, to, bucket, dimension })
      return { ...series, from: new Date(from).toISOString(), to: new Date(to).toISOString(), unit: def.unit, healthy: def.healthy, warning: def.warning }
    },
  )

  app.get<{ Querystring: TrendsQuerystring }>(
    '/api/v1/kpis/trends',
    {
      schema: {
        summary: `Several KPIs (all by default) bucket by bucket over one window, on one time axis (at most ${MAX_BUCKETS} buckets): the cockpit's trend lines in one request`,
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: {
            from: WINDOW_PROPERTIES.from,
            to: WINDOW_PROPERTIES.to,
            bucket: { type: 'string', enum: Object.keys(BUCKETS), default: '1h', description: 'Bucket size; buckets start at China-local (UTC+8) boundaries' },
            kpi: { type: 'array', items: { type: 'string', enum: KPI_IDS }, description: 'Only these KPIs (repeat the parameter)' },
          },
        },
      },
    },
    async (request, reply) => {
      const { bucket, kpi } = request.query
      const from = Date.parse(request.query.from)
      const to = Date.parse(request.query.to)
      if (!(to > from)) return badRequest(reply, 'to', 'must be after querystring/from')
      const count = bucketCount(from, to, BUCKETS[bucket]!)
      if (count > MAX_BUCKETS) return badRequest(reply, 'bucket', `${bucket} gives ${count} buckets over this window, more than ${MAX_BUCKETS}; choose a larger bucket or a shorter window`)
      const answer: KpiTrendsAnswer = await computeTrends(opts.store, catalogue.filter((d) => !kpi || kpi.includes(d.id)), { from, to, bucket })
      return answer
    },
  )
}
