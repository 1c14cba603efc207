import type { Store } from '../../core/store/index.ts'
import * as life from './lifecycle.ts'
import { changeTicket } from './service.ts'
import { TicketError, type Priority, type Ticket } from './types.ts'

/** The changes people make, each one event (or two, for a reassignment that also changes the priority). */
export const acknowledgeTicket = (store: Store, id: string, actor: string, now: number, note = '') => changeTicket(store, id, actor, now, (t) => life.acknowledge(t, note, actor))
export const startTicket = (store: Store, id: string, actor: string, now: number, note = '') => changeTicket(store, id, actor, now, (t) => life.start(t, note))
export const closeTicket = (store: Store, id: string, actor: string, now: number, note = '') => changeTicket(store, id, actor, now, (t) => life.close(t, note))
export const reopenTicket = (store: Store, id: string, actor: string, now: number, note = '') => changeTicket(store, id, actor, now, (t) => life.reopen(t, note, now))
export const commentTicket = (store: Store, id: string, actor: string, now: number, note: string) => changeTicket(store, id, actor, now, (t) => life.comment(t, note))

export function resolveTicket(store: Store, id: string, actor: string, now: number, resolution: { note: string; evidence: string[] }): Promise<Ticket> {
  return changeTicket(store, id, actor, now, (t) => life.resolve(t, resolution.note, resolution.evidence, now))
}

export interface Reassignment {
  owner?: string
  team?: string
  priority?: Priority
  note?: string
}

export function reassignTicket(store: Store, id: string, actor: string, now: number, r: Reassignment): Promise<Ticket> {
  return changeTicket(store, id, actor, now, (t) => {
    const moves = (r.owner !== undefined && r.owner !== t.owner) || (r.team !== undefined && r.team !== t.team)
    const reprioritises = r.priority !== undefined && r.priority !== t.priority
    if (!moves && !reprioritises) throw new TicketError(400, 'body: owner, team or priority must differ from the current one')
    const changes: life.Change[] = []
    if (moves) changes.push(life.reassign(t, r, r.note))
    if (reprioritises) changes.push(life.changePriority(t, r.priority!, r.note))
    return changes
  })
}
