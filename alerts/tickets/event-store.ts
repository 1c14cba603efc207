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

const SELECT = 'SELECT ticket_id, seq, event_id, toUnixTimestamp64Milli(at) AS at, actor, type, before, after, note FROM ticket_events'

/** Every event of one ticket, oldest first (the sort key makes this a range read). */
export async function readEvents(store: Store, ticketId: string): Promise<TicketEvent[]> {
  const rows = await store.query<EventRow>(`${SELECT} WHERE ticket_id = {id:String} ORDER BY seq LIMIT 1 BY seq`, { id: ticketId })
  return rows.map(fromRow)
}

/** Every event of every ticket, grouped by ticket in seq order: for rebuilding the board. */
export async function readAllEvents(store: Store): Promise<Map<string, TicketEvent[]>> {
  const rows = await store.query<EventRow>(`${SELECT} ORDER BY ticket_id, seq LIMIT 1 BY ticket_id, seq`)
  const byTicket = new Map<string, TicketEvent[]>()
  for (const r of rows) {
    const list = byTicket.get(r.ticket_id) ?? []
    list.push(fromRow(r))
    byTicket.set(r.ticket_id, list)
  }
  return byTicket
}

function fromRow(r: EventRow): TicketEvent {
  return {
    ...r,
    seq: Number(r.seq),
    at: new Date(Number(r.at)).toISOString(),
    before: JSON.parse(r.before) as TicketEvent['before'],
    after: JSON.parse(r.after) as TicketEvent['after'],
  }
}
