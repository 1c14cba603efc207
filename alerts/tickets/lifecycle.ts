import { PRIORITIES, TicketError, type Priority, type Ticket, type TicketEventType, type TicketFields, type TicketStatus, type Verdict } from './types.ts'

/** What one change does: its type, the fields before and after, a note. The service numbers and stores it. */
export interface Change {
  type: TicketEventType
  before: Partial<TicketFields>
  after: Partial<TicketFields>
  note: string
}

export type Transition = 'acknowledge' | 'start' | 'resolve' | 'close' | 'reopen'

/** open → acknowledged → in_progress → resolved → closed, and back to open from resolved. */
const TRANSITIONS: Record<Transition, { from: TicketStatus[]; to: TicketStatus; type: TicketEventType }> = {
  acknowledge: { from: ['open'], to: 'acknowledged', type: 'acknowledged' },
  start: { from: ['acknowledged'], to: 'in_progress', type: 'started' },
  resolve: { from: ['in_progress'], to: 'resolved', type: 'resolved' },
  close: { from: ['resolved'], to: 'closed', type: 'closed' },
  reopen: { from: ['resolved'], to: 'open', type: 'reopened' },
}

export const OPEN_STATUSES: TicketStatus[] = ['open', 'acknowledged', 'in_progress']

function move(t: Ticket, action: Transition, extra: Partial<TicketFields> = {}, note = ''): Change {
  const rule = TRANSITIONS[action]
  if (!rule.from.includes(t.status)) {
    throw new TicketError(409, `cannot ${action} ticket ${t.ticket_id}: it is ${t.status} (${action} needs ${rule.from.join(' or ')})`)
  }
  const after = { status: rule.to, ...extra }
  return { type: rule.type, before: pick(t, Object.keys(after) as (keyof TicketFields)[]), after, note }
}

/** Acknowledging an unowned ticket takes it: whoever answered owns it (before/after keep the empty owner). */
export const acknowledge = (t: Ticket, note = '', actor = '') => move(t, 'acknowledge', !t.owner && actor ? { owner: actor } : {}, note)
export const start = (t: Ticket, note = '') => move(t, 'start', {}, note)
export const close = (t: Ticket, note = '') => move(t, 'close', {}, note)

/** Resolving needs a resolution note and evidence; the API's schema says so too, this guards other callers. */
export function resolve(t: Ticket, note: string, evidence: string[], now: number): Change {
  if (!note.trim()) throw new TicketError(400, 'body/note: a resolution note is required to resolve')
  const kept = evidence.map((e) => e.trim()).filter(Boolean)
  if (!kept.length) throw new TicketError(400, 'body/evidence: evidence is required to resolve (links, query results, screenshots)')
  return move(t, 'resolve', { resolution: note.trim(), resolution_evidence: kept, resolved_at: new Date(now).toISOString() }, note.trim())
}

/** A reopened ticket owes a response again: a fresh deadline, so reminders and escalation start over. */
export function reopen(t: Ticket, note: string, now: number): Change {
  return move(t, 'reopen', { deadline: new Date(now + t.response_ms).toISOString(), resolution: '', resolution_evidence: [], resolved_at: '' }, note)
}

function notClosed(t: Ticket, what: string): void {
  if (t.status === 'closed') throw new TicketError(409, `cannot ${what} ticket ${t.ticket_id}: it is closed (reopen is only from resolved)`)
}

export function reassign(t: Ticket, to: { owner?: string; team?: string }, note = ''): Change {
  notClosed(t, 'reassign')
  const after: Partial<TicketFields> = {}
  if (to.owner !== undefined && to.owner !== t.owner) after.owner = to.owner
  if (to.team !== undefined && to.team !== t.team) after.team = to.team
  if (!Object.keys(after).length) throw new TicketError(400, 'body: owner or team must differ from the current one')
  return { type: 'reassigned', before: pick(t, Object.keys(after) as (keyof TicketFields)[]), after, note }
}

export function changePriority(t: Ticket, priority: Priority, note = ''): Change {
  notClosed(t, 'change the priority of')
  if (priority === t.priority) throw new TicketError(400, `body/priority: the ticket is already ${priority}`)
  return { type: 'priority_changed', before: { priority: t.priority }, after: { priority }, note }
}

export function comment(t: Ticket, note: string): Change {
  if (!note.trim()) throw new TicketError(400, 'body/note: a comment needs text')
  return { type: 'commented', before: {}, after: {}, note: note.trim() }
}

export function verdict(t: Ticket, v: Verdict, note = ''): Change {
  if (!t.finding_id) throw new TicketError(409, `ticket ${t.ticket_id} was opened by hand: there is no automatic attribution to judge`)
  return { type: 'verdict', before: t.verdict ? { verdict: t.verdict } : {}, after: { verdict: v }, note }
}

/** One step more urgent: P3 → P2 → P1 → P0 (P0 stays). */
export const raised = (p: Priority): Priority => PRIORITIES[Math.max(0, PRIORITIES.indexOf(p) - 1)]!

function pick(t: Ticket, keys: (keyof TicketFields)[]): Partial<TicketFields> {
  return Object.fromEntries(keys.map((k) => [k, t[k]])) as Partial<TicketFields>
}
