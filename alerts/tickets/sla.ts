import type { Store } from '../../core/store/index.ts'
import { dueForSla } from './board.ts'
import { OPEN_STATUSES, raised, type Change } from './lifecycle.ts'
import { changeTicket, SYSTEM_ACTOR } from './service.ts'
import { TicketError, type Ticket, type TicketEventType, type TicketStatus } from './types.ts'

/** Share of the response time after which the owner is reminded (80%: a 2 h ticket is reminded at 1 h 36 min). */
export const REMIND_AT = 0.8

export type SlaColour = 'green' | 'yellow' | 'red'

export interface SlaState {
  deadline: string
  /** Time left to the deadline (negative: overdue); for a resolved ticket, what was left when it was resolved. */
  remaining_ms: number
  /** green: more than half the response time left; yellow: less; red: overdue. */
  colour: SlaColour
  overdue: boolean
  /** The clock stopped: the ticket is resolved or closed. */
  stopped: boolean
}

export interface SlaInput {
  status: TicketStatus
  deadline: number
  response_ms: number
  resolved_at: number | null
}

export function slaOf(t: SlaInput, now: number): SlaState {
  const stopped = !OPEN_STATUSES.includes(t.status)
  const remaining = t.deadline - (stopped && t.resolved_at !== null ? t.resolved_at : now)
  const colour: SlaColour = remaining < 0 ? 'red' : remaining > t.response_ms / 2 ? 'green' : 'yellow'
  return { deadline: new Date(t.deadline).toISOString(), remaining_ms: remaining, colour, overdue: remaining < 0, stopped }
}

export const slaOfTicket = (t: Ticket, now: number) =>
  slaOf({ status: t.status, deadline: Date.parse(t.deadline), response_ms: t.response_ms, resolved_at: t.resolved_at ? Date.parse(t.resolved_at) : null }, now)

export interface DeadlineSweep {
  reminded: string[]
  escalated: string[]
  /** The tickets reminded or escalated, as they stand after it: for whoever notifies their team. */
  changed: Ticket[]
}

/**
 * Reminders before the deadline (at REMIND_AT of the response time) and
 * escalation after it (priority one step up, escalated flag), each recorded
 * once per deadline as a ticket event: calling again changes nothing, and a
 * reopened ticket's fresh deadline starts the cycle over. A ticket changed by
 * someone else meanwhile is skipped; the next sweep judges it again.
 */
export async function checkDeadlines(store: Store, now: number, remindAt = REMIND_AT): Promise<DeadlineSweep> {
  const sweep: DeadlineSweep = { reminded: [], escalated: [], changed: [] }
  for (const row of await dueForSla(store, now, remindAt)) {
    let kinds: TicketEventType[] = []
    try {
      const ticket = await changeTicket(store, row.ticket_id, SYSTEM_ACTOR, now, (t) => {
        const changes = owed(t, now, remindAt)
        kinds = changes.map((c) => c.type)
        return changes
      })
      if (kinds.length) sweep.changed.push(ticket)
    } catch (e) {
      if (e instanceof TicketError) continue
      throw e
    }
    for (const kind of kinds) sweep[kind === 'escalated' ? 'escalated' : 'reminded'].push(row.ticket_id)
  }
  return sweep
}

/** The SLA events a ticket owes at `now`, judged on its fold (the board only pointed at it). */
function owed(t: Ticket, now: number, remindAt: number): Change[] {
  if (!OPEN_STATUSES.includes(t.status)) return []
  const deadline = Date.parse(t.deadline)
  if (deadline <= now && t.escalated_for !== deadline) {
    const after = { priority: raised(t.priority), escalated: true, escalated_for: deadline, reminded_for: deadline }
    return [{ type: 'escalated', before: { priority: t.priority, escalated: t.escalated, escalated_for: t.escalated_for }, after, note: `overdue since ${t.deadline}; priority ${t.priority} → ${after.priority}` }]
  }
  if (deadline > now && t.reminded_for !== deadline && deadline - now <= t.response_ms * (1 - remindAt)) {
    return [{ type: 'reminded', before: { reminded_for: t.reminded_for }, after: { reminded_for: deadline }, note: `due at ${t.deadline}, ${Math.round((deadline - now) / 60_000)} min left` }]
  }
  return []
}
