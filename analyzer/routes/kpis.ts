import type { FastifyInstance } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { computeKpis } from '../kpis/compute.ts'
import { CALL_DIMENSIONS, ORDER_DIMENSIONS, type Dimension } from '../kpis/queries.ts'

interface KpiQuerystring {
  from: string
  to: string
  dimension?: Dimension
  kpi?: string[]
}

/** GET /api/v1/kpis?from&to[&dimension][&kpi=…]: the efficiency KPIs with thresholds, status and the previous period. */
export async function kpiRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
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
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            dimension: { type: 'string', enum: [...new Set([...ORDER_DIMENSIONS, ...CALL_DIMENSIONS])] },
            kpi: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9_]+$' } },
          },
        },
      },
    },
    async (request, reply) => {
      const from = Date.parse(request.query.from)
      const to = Date.parse(request.query.to)
      if (!(to > from)) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'querystring/to must be after querystring/from' })
      const kpis = await computeKpis(opts.store, { from, to, dimension: request.query.dimension, ids: request.query.kpi })
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), previous: { from: new Date(from - (to - from)).toISOString(), to: new Date(from).toISOString() }, kpis }
    },
  )
}
