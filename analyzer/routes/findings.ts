import type { FastifyInstance } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { requireRole } from '../../core/access/index.ts'
import { DETECTORS } from '../detectors/index.ts'
import type { FindingStatus } from '../findings/lifecycle.ts'
import { getFinding, listFindings } from '../findings/store.ts'
import type { DetectionSchedule } from '../tasks/detection-schedule.ts'

interface ListQuery {
  status?: FindingStatus[]
  pattern?: string[]
  from?: string
  to?: string
  limit?: number
}

const STATUSES = ['open', 'active', 'ended']

/**
 * GET /api/v1/findings — what the detectors found, with lifecycle;
 * GET /api/v1/findings/{id}; POST /api/v1/findings/run — a pass on demand.
 */
export async function findingRoutes(app: FastifyInstance, opts: { store: Store; detection: DetectionSchedule }): Promise<void> {
  app.get<{ Querystring: ListQuery }>(
    '/api/v1/findings',
    {
      schema: {
        summary: 'Findings of the failure-pattern detectors: pattern, severity, scope, first and last seen, evidence and fix (summary and fix also in Chinese: summary_zh, fix_zh; empty on findings stored before they existed)',
        tags: ['analyzer'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'array', items: { type: 'string', enum: STATUSES }, description: 'Default: open and active' },
            pattern: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9_]+$' } },
            from: { type: 'string', format: 'date-time', description: 'Findings still going on at or after this time' },
            to: { type: 'string', format: 'date-time', description: 'Findings that started before this time' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query
      const findings = await listFindings(opts.store, {
        status: q.status ?? (q.from || q.to ? undefined : ['open', 'active']),
        pattern: q.pattern,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        limit: q.limit ?? 200,
      })
      return { findings, patterns: DETECTORS.map((d) => d.pattern) }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/api/v1/findings/:id',
    {
      schema: {
        summary: 'One finding, with its evidence and fix',
        tags: ['analyzer'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}-[0-9a-z]+$' } } },
      },
    },
    async (request, reply) => {
      const finding = await getFinding(opts.store, request.params.id)
      if (!finding) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no finding '${request.params.id}'` })
      return finding
    },
  )

  app.post<{ Querystring: { at?: string } }>(
    '/api/v1/findings/run',
    {
      preHandler: requireRole('sre', 'oncall', 'admin'),
      schema: {
        summary: 'Runs a detection pass now (or as of a past moment, to replay), stores its findings and returns them with timings',
        tags: ['analyzer'],
        querystring: { type: 'object', additionalProperties: false, properties: { at: { type: 'string', format: 'date-time' } } },
      },
    },
    async (request, reply) => {
      const at = request.query.at ? Date.parse(request.query.at) : Date.now()
      if (at > Date.now() + 60_000) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'querystring/at must not be in the future' })
      const { written: _, ...pass } = await opts.detection.runNow(at)
      return pass
    },
  )
}
