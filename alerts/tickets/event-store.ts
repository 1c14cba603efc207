import type { Store } from '../../core/store/index.ts'
import { TicketError, type TicketEvent } from './types.ts'

const COLUMNS = ['ticket_id', 'seq', 'event_id', 'at', 'actor', 'type', 'before', 'after', 'note'] as const

interface EventRow {
  ticket_id: string
  seq: number
  event_id: string
  at: string
  actor: string
  type: TicketEvent['type']
  before: string
  after: string
  note: string
}

/**
 * Appends one event. The insert carries the token ticket_id:seq, so of two
 * writers racing for one seq only the first row is kept; the loser finds
 * another event id at its seq and is refused with a 409 (retry on the new state).
 */
export async function appendEvent(store: Store, e: TicketEvent): Promise<void> {
  const line = JSON.stringify([e.ticket_id, e.seq, e.event_id, Date.parse(e.at), e.actor, e.type, JSON.stringify(e.before), JSON.stringify(e.after), e.note])
  await store.insertRows('ticket_events', COLUMNS, line + '\n', `ticket:${e.ticket_id}:${e.seq}`)
  const [stored] = await store.query<{ event_id: string }>(
    'SELECT event_id FROM ticket_events WHERE ticket_id = {id:String} AND seq = {seq:UInt32} ORDER BY at LIMIT 1',
    { id: e.ticket_id, seq: e.seq },
  )
  if (stored?.event_id !== e.event_id) throw new TicketError(409, `ticket ${e.ticket_id} was changed at the same time (event ${e.seq}); reload and retry`)
}

/** Every event of one ticket, oldest first (the sort key makes this a range read). */
export async function readEvents(store: Store, ticketId: string): Promise<TicketEvent[]> {
  const rows = await store.query<EventRow>(
    `SELECT ticket_id, seq, event_id, toUnixTimestamp64Milli(at) AS at, actor, type, before, after, note
     FROM ticket_events WHERE ticket_id = {id:String} ORDER BY seq LIMIT 1 BY seq`,
    { id: ticketId },
  )
  return rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    at: new Date(Number(r.at)).toISOString(),
    before: JSON.parse(r.before) as TicketEvent['before'],
    after: JSON.parse(r.after) as TicketEvent['after'],
  }))
}
