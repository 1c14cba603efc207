import type {} from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { EVENT_KINDS, KIND_NAMES } from '../../core/contracts/index.ts'

/** GET /api/v1/schema: the JSON Schema of every ingest contract, keyed by route name. */
export async function schemaRoutes(app: FastifyInstance): Promise<void> {
  const document = {
    $comment: 'OrderLens ingest contracts. POST rows to /api/v1/ingest/<kind> as NDJSON or a JSON array.',
    kinds: Object.fromEntries(KIND_NAMES.map((k) => [k, { route: `/api/v1/ingest/${k}`, table: EVENT_KINDS[k].table, schema: EVENT_KINDS[k].schema }])),
  }
  app.get('/api/v1/schema', { schema: { summary: 'Ingest contracts as JSON Schema', tags: ['ingest'] } }, async () => document)
}
