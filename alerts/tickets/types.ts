/** What a disposal ticket is, as the fold of its events gives it. */

export const STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const
export type TicketStatus = (typeof STATUSES)[number]

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const
export type Priority = (typeof PRIORITIES)[number]

export const EVENT_TYPES = [
  'created', 'acknowledged', 'started', 'reassigned', 'commented', 'priority_changed',
  'resolved', 'closed', 'reopened', 'reminded', 'escalated', 'verdict',
] as const
export type TicketEventType = (typeof EVENT_TYPES)[number]

export type Verdict = 'correct' | 'incorrect'

/** One change: the source of truth. `after` holds the new values of the fields it changed. */
export interface TicketEvent {
  ticket_id: string
  seq: number
  event_id: string
  /** ISO time. */
  at: string
  actor: string
  type: TicketEventType
  before: Partial<TicketFields>
  after: Partial<TicketFields>
  note: string
}

/** The fields events set; everything a ticket is, except what is derived from the log as a whole. */
export interface TicketFields {
  title: string
  status: TicketStatus
  priority: Priority
  team: string
  /** Teams that help the owning team (domain.md: "customer service + tech"). */
  support_teams: string[]
  owner: string
  /** The failure pattern (analyzer) or exception type (domain.md) the ticket is about. */
  pattern: string
  severity: string
  scope: Record<string, string>
  summary: string
  fix: string
  /** The finding's summary and fix in Simplified Chinese; '' on tickets opened by hand or before findings had them. */
  summary_zh: string
  fix_zh: string
  evidence: Record<string, unknown>
  finding_id: string
  /** The finding's first_seen (ISO), what the attribution KPI windows on. */
  finding_at: string
  created_at: string
  response_ms: number
  deadline: string
  escalated: boolean
  /** The deadline (epoch ms) a reminder / an escalation was recorded for: once per deadline. */
  reminded_for: number
  escalated_for: number
  resolution: string
  resolution_evidence: string[]
  resolved_at: string
  /** People's verdict on the automatic attribution; empty until someone gives one. */
  verdict: Verdict | ''
}

export interface TicketComment {
  at: string
  actor: string
  note: string
}

export interface Ticket extends TicketFields {
  ticket_id: string
  /** The seq of the last event folded in. */
  version: number
  updated_at: string
  comments: TicketComment[]
}

/** A service refusal the API answers with its status code. */
export class TicketError extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 409,
    message: string,
  ) {
    super(message)
  }
}
