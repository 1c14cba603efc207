import type { FastifyInstance } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { traceOrder } from '../trace/trace.ts'

/** GET /api/v1/orders/{key}/trace — by order id, channel order number or tracking number. */
export async function traceRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get<{ Params: { key: string }; Querystring: { tolerance_minutes?: number } }>(
    '/api/v1/orders/:key/trace',
    {
      schema: {
        summary: "An order's journey across systems, with the moments they disagreed",
        tags: ['analyzer'],
        params: { type: 'object', properties: { key: { type: 'string', minLength: 1, maxLength: 128 } }, required: ['key'] },
        querystring: { type: 'object', properties: { tolerance_minutes: { type: 'integer', minimum: 0, maximum: 10_080, default: 30 } }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      const trace = await traceOrder(opts.store, request.params.key, (request.query.tolerance_minutes ?? 30) * 60_000)
      if (!trace) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no order has the id, channel order number or tracking number '${request.params.key}'` })
      return trace
    },
  )
}
