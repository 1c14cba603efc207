import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type {} from '@fastify/swagger'
import type { Store } from '../../core/store/index.ts'
import { requireRole } from '../../core/access/index.ts'
import type { RuleSet } from '../engine/watch-rules.ts'
import type { EvaluationResult } from '../engine/engine.ts'
import type { AlertStatus } from '../engine/state.ts'
import { listAlerts, listNotifications, readSilences, writeSilence } from '../engine/store.ts'

const CHANGERS = ['sre', 'oncall', 'admin'] as const
const Matcher = {
  type: 'object',
  required: ['name', 'value'],
  additionalProperties: false,
  properties: { name: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' }, value: { type: 'string' }, isRegex: { type: 'boolean' }, isEqual: { type: 'boolean' } },
} as const

interface SilenceBody {
  matchers: { name: string; value: string; isRegex?: boolean; isEqual?: boolean }[]
  startsAt?: string
  endsAt: string
  comment: string
}

/** The alerts API: alerts and their states, the rules in force, the notification history, silences, evaluation on demand. */
export async function alertRoutes(app: FastifyInstance, opts: { store: Store; rules: RuleSet; evaluate(at: number): Promise<EvaluationResult> }): Promise<void> {
  const { store } = opts
  app.get<{ Querystring: { status?: AlertStatus[]; since?: string; limit?: number } }>(
    '/api/v1/alerts',
    {
      schema: {
        summary: 'Alerts: firing and pending by default; resolved ones with status=resolved',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'array', items: { type: 'string', enum: ['pending', 'firing', 'resolved'] } },
            since: { type: 'string', format: 'date-time' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
          },
        },
      },
    },
    async (request) => ({
      alerts: await listAlerts(store, { status: request.query.status ?? ['firing', 'pending'], since: request.query.since ? Date.parse(request.query.since) : undefined, limit: request.query.limit ?? 200 }),
    }),
  )

  app.get('/api/v1/alerts/rules', { schema: { summary: 'The alert rules in force, and the errors of the last reload', tags: ['alerts'] } }, async () => ({
    rules: opts.rules.current(),
    errors: opts.rules.errors().map((e) => ({ file: e.file, line: e.line, field: e.field, reason: e.reason, message: e.message })),
  }))

  app.get<{ Querystring: { receiver?: string; failed?: boolean; limit?: number } }>(
    '/api/v1/alerts/notifications',
    {
      schema: {
        summary: 'Every notification sent or tried, newest first, with each attempt',
        tags: ['alerts'],
        querystring: { type: 'object', additionalProperties: false, properties: { receiver: { type: 'string' }, failed: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      },
    },
    async (request) => ({ notifications: await listNotifications(store, { receiver: request.query.receiver, failedOnly: request.query.failed, limit: request.query.limit ?? 100 }) }),
  )

  app.post<{ Querystring: { at?: string } }>(
    '/api/v1/alerts/evaluate',
    {
      preHandler: requireRole(...CHANGERS),
      schema: {
        summary: 'Evaluates every alert rule now (or as of a past moment) and sends what is due',
        tags: ['alerts'],
        querystring: { type: 'object', additionalProperties: false, properties: { at: { type: 'string', format: 'date-time' } } },
      },
    },
    async (request) => opts.evaluate(request.query.at ? Date.parse(request.query.at) : Date.now()),
  )

  app.get<{ Querystring: { all?: boolean } }>(
    '/api/v1/silences',
    { schema: { summary: 'Silences in force or to come (all=true: expired ones too)', tags: ['alerts'], querystring: { type: 'object', additionalProperties: false, properties: { all: { type: 'boolean' } } } } },
    async (request) => ({ silences: await readSilences(store, Date.now(), request.query.all ?? false) }),
  )

  app.post<{ Body: SilenceBody }>(
    '/api/v1/silences',
    {
      preHandler: requireRole(...CHANGERS),
      schema: {
        summary: 'Silences the alerts whose labels match, from startsAt (default now) to endsAt',
        tags: ['alerts'],
        body: {
          type: 'object',
          required: ['matchers', 'endsAt', 'comment'],
          additionalProperties: false,
          properties: {
            matchers: { type: 'array', minItems: 1, items: Matcher },
            startsAt: { type: 'string', format: 'date-time' },
            endsAt: { type: 'string', format: 'date-time' },
            comment: { type: 'string', minLength: 3, maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => {
      const startsAt = request.body.startsAt ? Date.parse(request.body.startsAt) : Date.now()
      const endsAt = Date.parse(request.body.endsAt)
      if (!(endsAt > startsAt)) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'body/endsAt must be after startsAt' })
      for (const m of request.body.matchers.filter((m) => m.isRegex)) {
        try {
          new RegExp(m.value)
        } catch (err) {
          return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/matchers: '${m.value}' is not a regular expression: ${(err as Error).message}` })
        }
      }
      const silence = { id: randomUUID(), matchers: request.body.matchers, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), createdBy: request.user.name, comment: request.body.comment }
      await writeSilence(store, silence)
      return reply.code(201).send(silence)
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/api/v1/silences/:id',
    { preHandler: requireRole(...CHANGERS), schema: { summary: 'Expires a silence now', tags: ['alerts'], params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } } },
    async (request, reply) => {
      const silence = (await readSilences(store, Date.now(), true)).find((s) => s.id === request.params.id)
      if (!silence) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no silence '${request.params.id}'` })
      const now = Date.now()
      await writeSilence(store, { ...silence, endsAt: new Date(Math.min(now, Date.parse(silence.endsAt))).toISOString() })
      return { ...silence, endsAt: new Date(now).toISOString() }
    },
  )
}
