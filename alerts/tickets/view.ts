import type { Store } from '../../core/store/index.ts'
import { listBoard, type BoardFilter, type BoardRow } from './board.ts'
import { playbooks, type Playbook } from './playbooks.ts'
import { getTicket } from './service.ts'
import { similarTickets, type SimilarTicket } from './similar.ts'
import { slaOf, slaOfTicket, type SlaState } from './sla.ts'
import type { Ticket, TicketEvent } from './types.ts'

export interface TicketView {
  ticket: Ticket
  /** The whole history: who, when, what, before and after. */
  events: TicketEvent[]
  sla: SlaState
  playbook: Playbook
  similar: SimilarTicket[]
}

/** One ticket as the console shows it. */
export async function getTicketView(store: Store, ticketId: string, now: number): Promise<TicketView | undefined> {
  const found = await getTicket(store, ticketId)
  if (!found) return undefined
  const { ticket, events } = found
  return { ticket, events, sla: slaOfTicket(ticket, now), playbook: playbooks().forPattern(ticket.pattern), similar: await similarTickets(store, ticket) }
}

export type TicketSummary = Omit<BoardRow, 'deadline' | 'created_at' | 'resolved_at' | 'reminded_for' | 'escalated_for'> & {
  deadline: string
  created_at: string
  resolved_at: string | null
  sla: SlaState
}

/** The list, soonest deadline first, each with its SLA state. */
export async function listTickets(store: Store, filter: BoardFilter): Promise<TicketSummary[]> {
  const rows = await listBoard(store, filter)
  return rows.map(({ reminded_for: _r, escalated_for: _e, ...r }) => ({
    ...r,
    deadline: new Date(r.deadline).toISOString(),
    created_at: new Date(r.created_at).toISOString(),
    resolved_at: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(),
    sla: slaOf(r, filter.now),
  }))
}
