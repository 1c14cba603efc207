import type { FastifyInstance } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { detectAnomalies, keyText, SERIES, seriesById, seriesWithBaseline, SOURCES } from '../anomaly/index.ts'

const SERIES_IDS = SERIES.map((s) => s.id)
const MAX_CHART_MS = 7 * 24 * 3_600_000
/** Without `at`, judge as of a few minutes ago: a bucket's last events may still be on their way (import jobs pull every 5 minutes). */
const SETTLE_MS = 5 * 60_000

const badRequest = (message: string) => ({ statusCode: 400, error: 'Bad Request', message })

/**
 * A series key from the querystring, in its canonical text, or an error.
 * Accepts "dim=value,dim=value" (any order), or the bare value for a series
 * with one dimension, or "all" for a series without dimensions.
 */
export function parseSeriesKey(seriesId: string, raw: string): { key: string } | { error: string } {
  const keys = SOURCES[seriesById(seriesId)!.source].keys
  if (keys.length === 0) return raw === 'all' ? { key: 'all' } : { error: `querystring/key must be 'all' for series ${seriesId}` }
  const pairs = raw.includes('=') ? raw.split(',').map((p) => p.split('=') as [string, string?]) : keys.length === 1 ? [[keys[0]!, raw] as [string, string]] : []
  const dims: Record<string, string> = {}
  for (const [dim, value] of pairs) if (dim && value !== undefined && keys.includes(dim)) dims[dim] = value
  if (pairs.length !== keys.length || keys.some((k) => !dims[k])) return { error: `querystring/key must name ${keys.map((k) => `${k}=…`).join(',')} for series ${seriesId}` }
  return { key: keyText(dims, keys) }
}

/** GET /api/v1/anomalies and GET /api/v1/anomalies/series: anomalies against the seasonal baseline, and a series with its band for charts. */
export async function anomalyRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get<{ Querystring: { at?: string; lookback_minutes?: number; series?: string[] } }>(
    '/api/v1/anomalies',
    {
      schema: {
        summary: 'Surges, drops and slow degradations of order, call, job and look-up series against their seasonal baseline (same time on previous days and weeks)',
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            at: { type: 'string', format: 'date-time', description: 'moment of evaluation (default five minutes ago, so that reports an import job pulls every 5 minutes are in for the last bucket judged)' },
            lookback_minutes: { type: 'integer', minimum: 15, maximum: 1440, default: 60, description: 'report anomalies still seen within this span before at' },
            series: { type: 'array', items: { type: 'string', enum: SERIES_IDS } },
          },
        },
      },
    },
    async (request) => {
      const at = request.query.at ? Date.parse(request.query.at) : Date.now() - SETTLE_MS
      return detectAnomalies({ store: opts.store, at, lookbackMs: (request.query.lookback_minutes ?? 60) * 60_000, series: request.query.series })
    },
  )

  app.get<{ Querystring: { series: string; key: string; from: string; to: string } }>(
    '/api/v1/anomalies/series',
    {
      schema: {
        summary: 'One key of a watched series per 15-minute bucket, with its expected value and band (counts in events, rates as success shares), for charts',
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          required: ['series', 'key', 'from', 'to'],
          additionalProperties: false,
          properties: {
            series: { type: 'string', enum: SERIES_IDS },
            key: { type: 'string', minLength: 1, maxLength: 300, description: "dim=value pairs joined by commas (e.g. target_system=tms,endpoint=/tracking/query), the bare value for a one-dimension series, or 'all'" },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
    async (request, reply) => {
      const { series, from: fromText, to: toText } = request.query
      const from = Date.parse(fromText)
      const to = Date.parse(toText)
      if (!(to > from)) return reply.code(400).send(badRequest('querystring/to must be after querystring/from'))
      if (to - from > MAX_CHART_MS) return reply.code(400).send(badRequest('querystring/to must be within 7 days of querystring/from'))
      const parsed = parseSeriesKey(series, request.query.key)
      if ('error' in parsed) return reply.code(400).send(badRequest(parsed.error))
      const chart = await seriesWithBaseline({ store: opts.store, series, key: parsed.key, from, to })
      if (!chart) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `series ${series} has no data for key ${parsed.key}` })
      return chart
    },
  )
}
