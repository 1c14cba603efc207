import { randomUUID } from 'node:crypto'
import type { Store } from '../../core/store/index.ts'
import { rebuildBoard as rebuild, writeBoard } from './board.ts'
import { appendEvent, readAllEvents, readEvents } from './event-store.ts'
import { foldTicket } from './fold.ts'
import type { Change } from './lifecycle.ts'
import { routing as defaultRouting, type Routing } from './routing.ts'
import { TicketError, type Priority, type Ticket, type TicketEvent, type TicketFields } from './types.ts'

/** The actor of changes OrderLens makes itself (tickets from findings, reminders, escalations). */
export const SYSTEM_ACTOR = 'orderlens'

// Changes to one ticket run one after another in this process; the seq token catches other processes.
const queues = new Map<string, Promise<unknown>>()
function serialized<T>(ticketId: string, work: () => Promise<T>): Promise<T> {
  const prior = queues.get(ticketId) ?? Promise.resolve()
  const next = prior.catch(() => undefined).then(work)
  queues.set(ticketId, next)
  void next.finally(() => queues.get(ticketId) === next && queues.delete(ticketId)).catch(() => undefined)
  return next
}

/** Reads the ticket, lets `decide` say what changes (or refuse), and records it: events first, then the board. */
export function changeTicket(store: Store, ticketId: string, actor: string, now: number, decide: (t: Ticket) => Change | Change[]): Promise<Ticket> {
  return serialized(ticketId, async () => {
    const events = await readEvents(store, ticketId)
    const before = foldTicket(events)
    if (!before) throw new TicketError(404, `no ticket '${ticketId}'`)
    const changes = [decide(before)].flat()
    if (!changes.length) return before
    let seq = before.version
    const appended: TicketEvent[] = []
    for (const c of changes) {
      const event: TicketEvent = { ticket_id: ticketId, seq: ++seq, event_id: randomUUID(), at: new Date(now).toISOString(), actor, ...c }
      await appendEvent(store, event)
      appended.push(event)
    }
    const after = foldTicket([...events, ...appended])!
    await writeBoard(store, after, before)
    return after
  })
}

export async function getTicket(store: Store, ticketId: string): Promise<{ ticket: Ticket; events: TicketEvent[] } | undefined> {
  const events = await readEvents(store, ticketId)
  const ticket = foldTicket(events)
  return ticket && { ticket, events }
}

/** Rebuilds the board (the listing table) from the event log, the source of truth. */
export function rebuildBoard(store: Store): Promise<number> {
  return rebuild(store, async () => [...(await readAllEvents(store)).values()].flatMap((events) => foldTicket(events) ?? []))
}

/** What a new ticket is about; the route of its pattern fills in team, priority and response time unless given. */
export interface NewTicket {
  title: string
  /** An exception type (payment_failure …) or a failure pattern (ip_whitelist …). */
  pattern: string
  team?: string
  priority?: Priority
  owner?: string
  scope?: Record<string, string>
  summary?: string
  fix?: string
  summary_zh?: string
  fix_zh?: string
  severity?: string
  evidence?: Record<string, unknown>
  finding_id?: string
  finding_at?: string
  note?: string
}

/**
 * Opens a ticket. One per finding: a ticket for a finding that has one
 * already is that ticket (`created: false`).
 */
export function createTicket(store: Store, input: NewTicket, actor: string, now: number, routing: Routing = defaultRouting()): Promise<{ ticket: Ticket; created: boolean }> {
  const ticketId = input.finding_id ? `TK-${input.finding_id}` : `TK-${now.toString(36)}-${randomUUID().slice(0, 8)}`
  return serialized(ticketId, async () => {
    const existing = foldTicket(await readEvents(store, ticketId))
    if (existing) return { ticket: existing, created: false }
    const fields = initialFields(input, now, routing)
    const event: TicketEvent = {
      ticket_id: ticketId, seq: 1, event_id: randomUUID(), at: new Date(now).toISOString(), actor, type: 'created', before: {}, after: fields, note: input.note ?? '',
    }
    try {
      await appendEvent(store, event)
    } catch (e) {
      // Another process opened the same finding's ticket first: that one stands.
      const theirs = e instanceof TicketError && e.statusCode === 409 ? foldTicket(await readEvents(store, ticketId)) : undefined
      if (theirs) return { ticket: theirs, created: false }
      throw e
    }
    const ticket = foldTicket([event])!
    await writeBoard(store, ticket)
    return { ticket, created: true }
  })
}

function initialFields(input: NewTicket, now: number, routing: Routing): TicketFields {
  const route = routing.routeFor(input.pattern)
  return {
    title: input.title,
    status: 'open',
    priority: input.priority ?? route.priority,
    team: input.team ?? route.team,
    support_teams: route.support,
    owner: input.owner ?? '',
    pattern: input.pattern,
    severity: input.severity ?? '',
    scope: input.scope ?? {},
    summary: input.summary ?? '',
    fix: input.fix ?? '',
    summary_zh: input.summary_zh ?? '',
    fix_zh: input.fix_zh ?? '',
    evidence: input.evidence ?? {},
    finding_id: input.finding_id ?? '',
    finding_at: input.finding_at ?? '',
    created_at: new Date(now).toISOString(),
    response_ms: route.response_ms,
    deadline: new Date(now + route.response_ms).toISOString(),
    escalated: false,
    reminded_for: 0,
    escalated_for: 0,
    resolution: '',
    resolution_evidence: [],
    resolved_at: '',
    verdict: '',
  }
}
