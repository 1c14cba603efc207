/**
 * GET /api/v1/tickets and /api/v1/tickets/{id} (alerts/routes/tickets.ts): the server's own answer types,
 * imported type-only (nothing of the server is bundled).
 */
export type { TicketSummary, TicketView } from '../../../alerts/tickets/view.ts'
export type { SlaColour, SlaState } from '../../../alerts/tickets/sla.ts'
export type { Priority, Ticket, TicketEvent, TicketStatus } from '../../../alerts/tickets/types.ts'
export type { SimilarTicket } from '../../../alerts/tickets/similar.ts'
export type { Playbook } from '../../../alerts/tickets/playbooks.ts'

/** The board's filters, as kept in the URL (?priority=P1&team=…&owner=…&pattern=…&mine=1). */
export interface BoardFilters {
  priority?: string
  team?: string
  owner?: string
  pattern?: string
  mine?: string
}
