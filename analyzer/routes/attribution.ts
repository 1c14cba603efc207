import type { FastifyInstance, FastifySchemaValidationError } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { attributeMetric, METRIC_IDS, METRICS } from '../attribution/index.ts'

interface AttributionQuerystring {
  metric: string
  from: string
  to: string
  baseline_from?: string
  baseline_to?: string
  dims?: string
}

const querystring = {
  type: 'object',
  required: ['metric', 'from', 'to'],
  additionalProperties: false,
  properties: {
    metric: { type: 'string', enum: METRIC_IDS, description: 'the metric to explain' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    baseline_from: { type: 'string', format: 'date-time', description: 'explicit baseline window (with baseline_to), scaled to the period; default: the same window on the previous 7 days, median per leaf' },
    baseline_to: { type: 'string', format: 'date-time' },
    dims: { type: 'string', pattern: '^[a-z_]+(,[a-z_]+)*$', description: "comma-separated subset of the metric's dimensions" },
  },
} as const

const measure = { type: 'object', additionalProperties: { type: 'number' } } as const

const response = {
  type: 'object',
  properties: {
    metric: { type: 'string' },
    kind: { type: 'string', enum: ['additive', 'ratio'] },
    dimensions: { type: 'array', items: { type: 'string' } },
    from: { type: 'string' },
    to: { type: 'string' },
    baseline: {
      type: 'object',
      properties: {
        method: { type: 'string' },
        windows: { type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } } },
        windows_with_data: { type: 'integer' },
      },
    },
    leaves: { type: 'integer' },
    totals: measure,
    insignificant_causes: { type: 'integer' },
    root_causes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          scope: { type: 'object', additionalProperties: { type: 'string' } },
          actual: { type: 'number' },
          expected: { type: 'number' },
          actual_numerator: { type: 'number' },
          expected_numerator: { type: 'number' },
          actual_denominator: { type: 'number' },
          expected_denominator: { type: 'number' },
          share: { type: 'number', description: 'share of the total deviation explained' },
          z: { type: 'number', description: 'standard errors the cause moved (Poisson for counts, two-proportion for rates); causes under 3 are left out' },
          leaves: { type: 'integer' },
          layer: { type: 'integer' },
          risk: { type: 'object', properties: { high: { type: 'number' }, low: { type: 'number' } } },
        },
      },
    },
  },
} as const

/**
 * GET /api/v1/attribution?metric&from&to[&baseline_from&baseline_to][&dims]:
 * which dimension combinations explain the metric's deviation from its
 * baseline in the window (RiskLoc).
 */
export async function attributionRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get<{ Querystring: AttributionQuerystring }>(
    '/api/v1/attribution',
    {
      schema: {
        summary: "Root causes of a metric's deviation from its baseline: the dimension=value combinations that explain it, with their share",
        tags: ['analyzer'],
        querystring,
        response: { 200: response },
      },
      schemaErrorFormatter: listAllowedValues,
    },
    async (request, reply) => {
      const q = request.query
      const bad = (message: string) => reply.code(400).send({ statusCode: 400, error: 'Bad Request', message })
      const from = Date.parse(q.from)
      const to = Date.parse(q.to)
      if (!(to > from)) return bad('querystring/to must be after querystring/from')
      if ((q.baseline_from === undefined) !== (q.baseline_to === undefined)) return bad('querystring/baseline_from and querystring/baseline_to go together')
      const baseline = q.baseline_from !== undefined ? { from: Date.parse(q.baseline_from), to: Date.parse(q.baseline_to!) } : undefined
      if (baseline && !(baseline.to > baseline.from)) return bad('querystring/baseline_to must be after querystring/baseline_from')
      const metric = METRICS[q.metric]!
      const dimensions = q.dims?.split(',')
      const unknown = dimensions?.find((d) => !metric.dimensions.includes(d))
      if (unknown) return bad(`querystring/dims: '${unknown}' is not a dimension of ${metric.id}; allowed: ${metric.dimensions.join(', ')}`)
      return attributeMetric(opts.store, { metric, from, to, ...(baseline ? { baseline } : {}), ...(dimensions ? { dimensions: [...new Set(dimensions)] } : {}) })
    },
  )
}

/** Fastify's messages, with the allowed values spelled out for enums ("must be one of the allowed values" alone helps nobody). */
function listAllowedValues(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const message = errors
    .map((e) => {
      const where = `${dataVar}${e.instancePath || ''}`
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues
      return allowed ? `${where} must be one of: ${allowed.join(', ')}` : `${where} ${e.message}`
    })
    .join(', ')
  return Object.assign(new Error(message), { statusCode: 400 })
}
