/**
 * GET /api/v1/tickets and /api/v1/tickets/{id} (alerts/routes/tickets.ts; TicketSummary and
 * TicketView in alerts/tickets/view.ts, Ticket in alerts/tickets/types.ts). Only the fields the pages read.
 */
export const STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const
export type TicketStatus = (typeof STATUSES)[number]
export type Priority = 'P0' | 'P1' | 'P2' | 'P3'
export type SlaColour = 'green' | 'yellow' | 'red'

export interface SlaState {
  deadline: string
  /** Negative: overdue; for a resolved ticket, what was left when it was resolved. */
  remaining_ms: number
  colour: SlaColour
  overdue: boolean
  /** The clock stopped: resolved or closed. */
  stopped: boolean
}

export interface TicketSummary {
  ticket_id: string
  team: string
  status: TicketStatus
  priority: Priority
  owner: string
  pattern: string
  created_at: string
  deadline: string
  sla: SlaState
}

export interface TicketEvent {
  event_id: string
  seq: number
  at: string
  actor: string
  type: string
  before: Record<string, unknown>
  after: Record<string, unknown>
  note: string
}

export interface Ticket {
  ticket_id: string
  title: string
  status: TicketStatus
  priority: Priority
  team: string
  owner: string
  pattern: string
  summary: string
  fix: string
  deadline: string
  resolution: string
  resolution_evidence: string[]
}

export interface SimilarTicket {
  ticket_id: string
  title: string
  same_pattern: boolean
  shared_scope: string[]
  resolved_at: string | null
  resolution: string
}

export interface Playbook {
  key: string
  title: string
  steps: string[]
}

export interface TicketView {
  ticket: Ticket
  events: TicketEvent[]
  sla: SlaState
  playbook: Playbook
  similar: SimilarTicket[]
}
