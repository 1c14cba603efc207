import type { FastifyInstance, FastifyReply } from 'fastify'
import type {} from '@fastify/swagger'
import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import { requireRole, requireUser } from '../../core/access/index.ts'
import {
  acknowledgeTicket, closeTicket, commentTicket, createTicket, getTicketView, listTickets, reassignTicket, recordVerdict, reopenTicket,
  playbooks, resolveTicket, routing, startTicket, TicketError, PRIORITIES, STATUSES, type NewTicket, type Priority, type Reassignment, type TicketStatus, type Verdict,
} from '../tickets/index.ts'

const tags = ['alerts']
const Note = { type: 'string', maxLength: 4000 }
const NonEmpty = { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' }
const Team = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 }
const Person = { type: 'string', minLength: 1, maxLength: 128 }
const IdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^TK-[0-9a-z-]+$', maxLength: 80 } } }
const noteOnly = { type: 'object', additionalProperties: false, properties: { note: Note } }

// Who may do what (issue 5): on-call and admin change tickets; SRE may also comment and judge; everyone logged in reads.
const changers = requireRole('oncall', 'admin')
const reviewers = requireRole('oncall', 'admin', 'sre')

interface ListQuery {
  status?: TicketStatus[]
  team?: string[]
  priority?: Priority[]
  overdue?: boolean
  limit?: number
}

/** Answers a service refusal with its status code and message; anything else is a server error. */
async function answer<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work()
  } catch (e) {
    if (!(e instanceof TicketError)) throw e
    const error = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' }[e.statusCode]
    return reply.code(e.statusCode).send({ statusCode: e.statusCode, error, message: e.message })
  }
}

/** Disposal tickets: /api/v1/tickets — list, one with history/SLA/playbook/similar, create, and every change. */
export async function ticketRoutes(app: FastifyInstance, opts: { store: Store; config: Config }): Promise<void> {
  const { store } = opts
  // A bad routing or playbook file stops the start with its file, line and field, not the first ticket.
  routing()
  playbooks()
  // Transitions may be posted without a body; validate them as an empty one.
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && request.body === undefined) request.body = {}
  })

  app.get<{ Querystring: ListQuery }>(
    '/api/v1/tickets',
    {
      preHandler: requireUser(),
      schema: {
        summary: 'Disposal tickets, soonest deadline first, each with its SLA state (remaining time, green / yellow / red)',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'array', items: { type: 'string', enum: STATUSES } },
            team: { type: 'array', items: Team },
            priority: { type: 'array', items: { type: 'string', enum: PRIORITIES } },
            overdue: { type: 'boolean', description: 'Only unresolved tickets past their deadline' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query
      return { tickets: await listTickets(store, { ...q, overdue: q.overdue ?? false, now: Date.now(), limit: q.limit ?? 200 }) }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/api/v1/tickets/:id',
    { preHandler: requireUser(), schema: { summary: 'One ticket: its state, every event (who, when, before, after), SLA, playbook and similar past resolved tickets', tags, params: IdParams } },
    async (request, reply) => {
      const view = await getTicketView(store, request.params.id, Date.now())
      if (!view) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no ticket '${request.params.id}'` })
      return view
    },
  )

  app.post<{ Body: Omit<NewTicket, 'finding_id' | 'finding_at'> }>(
    '/api/v1/tickets',
    {
      preHandler: changers,
      schema: {
        summary: 'Opens a ticket by hand; team, priority and deadline come from the routing of its pattern unless given (tickets of findings are opened by the alert engine, one per finding)',
        tags,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'pattern'],
          properties: {
            title: { ...NonEmpty, maxLength: 300 },
            pattern: { type: 'string', pattern: '^[a-z0-9_]+$', maxLength: 64, description: 'An exception type (payment_failure, stock_shortage, address_problem, customer_cancellation) or a failure pattern' },
            team: Team,
            priority: { type: 'string', enum: PRIORITIES },
            owner: Person,
            scope: { type: 'object', additionalProperties: { type: 'string', maxLength: 256 }, maxProperties: 16 },
            summary: Note,
            fix: Note,
            evidence: { type: 'object', maxProperties: 64 },
            note: Note,
          },
        },
      },
    },
    async (request, reply) => {
      const { ticket, created } = await createTicket(store, request.body, request.user!.name, Date.now())
      return reply.code(created ? 201 : 200).send({ ticket, created })
    },
  )

  const transition = (name: string, summary: string, run: typeof acknowledgeTicket) =>
    app.post<{ Params: { id: string }; Body: { note?: string } }>(
      `/api/v1/tickets/:id/${name}`,
      { preHandler: changers, schema: { summary, tags, params: IdParams, body: noteOnly } },
      async (request, reply) => answer(reply, async () => ({ ticket: await run(store, request.params.id, request.user!.name, Date.now(), request.body.note ?? '') })),
    )
  transition('acknowledge', 'open → acknowledged', acknowledgeTicket)
  transition('start', 'acknowledged → in_progress', startTicket)
  transition('close', 'resolved → closed', closeTicket)
  transition('reopen', 'resolved → open, with a fresh deadline', reopenTicket)

  app.post<{ Params: { id: string }; Body: { note: string; evidence: string[] } }>(
    '/api/v1/tickets/:id/resolve',
    {
      preHandler: changers,
      schema: {
        summary: 'in_progress → resolved; a resolution note and evidence are required',
        tags,
        params: IdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['note', 'evidence'],
          properties: { note: NonEmpty, evidence: { type: 'array', minItems: 1, maxItems: 50, items: { ...NonEmpty, maxLength: 2000 }, description: 'Links, query results, screenshots' } },
        },
      },
    },
    async (request, reply) => answer(reply, async () => ({ ticket: await resolveTicket(store, request.params.id, request.user!.name, Date.now(), request.body) })),
  )

  app.post<{ Params: { id: string }; Body: Reassignment }>(
    '/api/v1/tickets/:id/reassign',
    {
      preHandler: changers,
      schema: {
        summary: 'Changes the owner and/or team (reassigned) and/or the priority (priority_changed)',
        tags,
        params: IdParams,
        body: { type: 'object', additionalProperties: false, anyOf: [{ required: ['owner'] }, { required: ['team'] }, { required: ['priority'] }], properties: { owner: Person, team: Team, priority: { type: 'string', enum: PRIORITIES }, note: Note } },
      },
    },
    async (request, reply) => answer(reply, async () => ({ ticket: await reassignTicket(store, request.params.id, request.user!.name, Date.now(), request.body) })),
  )

  app.post<{ Params: { id: string }; Body: { note: string } }>(
    '/api/v1/tickets/:id/comment',
    { preHandler: reviewers, schema: { summary: 'Adds a comment', tags, params: IdParams, body: { type: 'object', additionalProperties: false, required: ['note'], properties: { note: NonEmpty } } } },
    async (request, reply) => answer(reply, async () => ({ ticket: await commentTicket(store, request.params.id, request.user!.name, Date.now(), request.body.note) })),
  )

  app.post<{ Params: { id: string }; Body: { verdict: Verdict; note?: string } }>(
    '/api/v1/tickets/:id/verdict',
    {
      preHandler: reviewers,
      schema: {
        summary: "People's verdict on the automatic attribution of the ticket's finding; feeds the attribution_accuracy KPI",
        tags,
        params: IdParams,
        body: { type: 'object', additionalProperties: false, required: ['verdict'], properties: { verdict: { type: 'string', enum: ['correct', 'incorrect'] }, note: Note } },
      },
    },
    async (request, reply) => answer(reply, async () => ({ ticket: await recordVerdict(store, request.params.id, request.body.verdict, request.body.note ?? '', request.user!.name, Date.now()) })),
  )
}
