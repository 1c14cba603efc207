import type { Role } from '../session.ts'
import type { BoardFilters, SlaColour, SlaState, TicketStatus, TicketSummary } from './types.ts'

export const TICKETS_PATH = '/api/v1/tickets'
export const ticketPath = (id: string) => `${TICKETS_PATH}/${encodeURIComponent(id)}`
export const actionPath = (id: string, action: TicketAction) => `${ticketPath(id)}/${action}`

export type TicketAction = 'acknowledge' | 'start' | 'reassign' | 'comment' | 'resolve'

/** Board columns in lifecycle order (the server's STATUSES, alerts/tickets/types.ts). */
export const COLUMNS: readonly TicketStatus[] = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed']
export const ACTIVE: readonly TicketStatus[] = ['open', 'acknowledged', 'in_progress']
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const
/** Resolved and closed tickets shown: the most recent ones; the board is for work in hand. */
export const DONE_SHOWN = 20
/** Enough for every active ticket of a bad day (the API's maximum). */
export const LIST_LIMIT = 1000

// The API's own rule (alerts/routes/tickets.ts): on-call and admin change tickets, SRE may also comment.
const CHANGERS: readonly Role[] = ['oncall', 'admin']
const COMMENTERS: readonly Role[] = ['oncall', 'admin', 'sre']
export const mayChange = (role: Role | undefined) => !!role && CHANGERS.includes(role)
export const mayComment = (role: Role | undefined) => !!role && COMMENTERS.includes(role)

/** The transition each status offers, so a button is shown only where the API would accept it. */
export const NEXT_STEP: Partial<Record<TicketStatus, TicketAction>> = { open: 'acknowledge', acknowledged: 'start', in_progress: 'resolve' }

/** Board columns: every status, in lifecycle order, each with its tickets (the API's order kept: soonest deadline first). */
export function byStatus(tickets: TicketSummary[]): { status: TicketStatus; tickets: TicketSummary[] }[] {
  return COLUMNS.map((status) => ({ status, tickets: tickets.filter((t) => t.status === status) }))
}

/** The tickets the URL's filters keep; `me` is the logged-in user's name (for mine=1). */
export function filterTickets(tickets: TicketSummary[], f: BoardFilters, me: string | undefined): TicketSummary[] {
  return tickets.filter(
    (t) =>
      (!f.priority || t.priority === f.priority) &&
      (!f.team || t.team === f.team) &&
      (!f.owner || t.owner === f.owner) &&
      (!f.pattern || t.pattern === f.pattern) &&
      (f.mine !== '1' || (!!me && t.owner === me)),
  )
}

/** The distinct values of a field, for a filter's choices. */
export const choicesOf = (tickets: TicketSummary[], field: 'team' | 'owner' | 'pattern') => [...new Set(tickets.map((t) => t[field]).filter(Boolean))].sort()

/** The server's rule (alerts/tickets/sla.ts): red when overdue, green while more than half the response time is left, else yellow. */
export const slaColour = (remainingMs: number, responseMs: number): SlaColour => (remainingMs < 0 ? 'red' : remainingMs > responseMs / 2 ? 'green' : 'yellow')

/** A done ticket's SLA: met when it was resolved before the deadline, missed after; undefined while the clock runs. */
export type SlaOutcome = 'met' | 'missed'
export const slaOutcome = (sla: SlaState): SlaOutcome | undefined => (sla.stopped ? (sla.overdue ? 'missed' : 'met') : undefined)

/** Time left now, from the API's answer at `answeredAt`; a stopped clock (resolved, closed) stays as it was. */
export const remainingNow = (sla: SlaState, answeredAt: number, now: number) => (sla.stopped ? sla.remaining_ms : sla.remaining_ms - (now - answeredAt))

/** "1h 05m 09s" / "4m 30s" left, or how long overdue with a minus sign; seconds so the countdown visibly ticks. */
export function countdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000)
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60]
  const pad = (n: number) => String(n).padStart(2, '0')
  const text = h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`
  return ms < 0 ? `-${text}` : text
}

/** Evidence typed one item a line; blank lines dropped. */
export const evidenceLines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

/** The fields the history shows: what people act on (the finding's text and evidence are shown above, once). */
const HISTORY_FIELDS = ['status', 'priority', 'team', 'owner', 'deadline', 'escalated', 'resolution', 'resolution_evidence', 'verdict']

/** History fields holding a moment (ISO text from the server), shown in the console's language like the header. */
const TIME_FIELDS = ['deadline', 'resolved_at']

/** An event's before/after values as short text, empty values left out; `time` formats the moments. */
export const fieldsText = (fields: Record<string, unknown>, time: (iso: string) => string = (iso) => iso) =>
  Object.entries(fields)
    .filter(([k, v]) => HISTORY_FIELDS.includes(k) && v !== '' && v !== null && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? (TIME_FIELDS.includes(k) ? time(v) : v) : Array.isArray(v) ? v.join(' ') : JSON.stringify(v)}`)
    .join(', ')
