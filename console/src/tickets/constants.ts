import type { Role } from '../session.ts'
import { STATUSES, type TicketStatus, type TicketSummary } from './types.ts'

export const TICKETS_PATH = '/api/v1/tickets'
export const ticketPath = (id: string) => `${TICKETS_PATH}/${encodeURIComponent(id)}`
export const actionPath = (id: string, action: TicketAction) => `${ticketPath(id)}/${action}`

export type TicketAction = 'acknowledge' | 'start' | 'reassign' | 'comment' | 'resolve'

// The API's own rule (alerts/routes/tickets.ts): on-call and admin change tickets, SRE may also comment.
const CHANGERS: readonly Role[] = ['oncall', 'admin']
const COMMENTERS: readonly Role[] = ['oncall', 'admin', 'sre']
export const mayChange = (role: Role | undefined) => !!role && CHANGERS.includes(role)
export const mayComment = (role: Role | undefined) => !!role && COMMENTERS.includes(role)

/** The transition each status offers, so a button is shown only where the API would accept it. */
export const NEXT_STEP: Partial<Record<TicketStatus, TicketAction>> = { open: 'acknowledge', acknowledged: 'start', in_progress: 'resolve' }

/** Board columns: every status, in lifecycle order, each with its tickets (the API's order kept: soonest deadline first). */
export function byStatus(tickets: TicketSummary[]): { status: TicketStatus; tickets: TicketSummary[] }[] {
  return STATUSES.map((status) => ({ status, tickets: tickets.filter((t) => t.status === status) }))
}

/** "1h 05m" left, or how long overdue with a minus sign. */
export function countdown(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000)
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`
  return ms < 0 ? `-${text}` : text
}

/** Evidence typed one item a line; blank lines dropped (the API refuses an empty list with its own message). */
export const evidenceLines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

/** An event's before/after values as short text. */
export const fieldsText = (fields: Record<string, unknown>) =>
  Object.entries(fields).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')
