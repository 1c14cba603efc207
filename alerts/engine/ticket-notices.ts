import type { DeadlineSweep, Ticket } from '../tickets/index.ts'
import type { AlertState } from './state.ts'

/**
 * A reminder or an escalation of a ticket, as a one-off alert for the
 * receivers (routed by team and priority like any alert): it is told once,
 * when the sweep records it, and has no state of its own.
 */
export function ticketNotices(sweep: DeadlineSweep, at: number): AlertState[] {
  const escalated = new Set(sweep.escalated)
  const now = new Date(at).toISOString()
  return sweep.changed.map((t: Ticket) => {
    const kind = escalated.has(t.ticket_id) ? 'escalation' : 'reminder'
    const labels = { alertname: kind === 'escalation' ? 'TicketOverdue' : 'TicketDueSoon', severity: kind === 'escalation' ? 'critical' : 'warning', team: t.team, priority: t.priority, pattern: t.pattern, ticket_id: t.ticket_id }
    return {
      id: `${t.ticket_id}-${kind}-${t.deadline}`,
      fingerprint: `${t.ticket_id}-${kind}`,
      labels,
      annotations: {
        summary: kind === 'escalation' ? `Ticket ${t.ticket_id} is overdue (deadline ${t.deadline}); escalated to ${t.priority}` : `Ticket ${t.ticket_id} is due at ${t.deadline}`,
        description: t.title,
        evidence_url: `/api/v1/tickets/${encodeURIComponent(t.ticket_id)}`,
      },
      status: 'firing',
      active_since: now,
      fired_at: now,
      resolved_at: null,
      last_seen: now,
      notified_at: null,
      resolve_notified_at: null,
      version: at,
    }
  })
}
