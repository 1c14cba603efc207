import type { Ticket, TicketEvent } from './types.ts'

/** What tickets created before the Chinese texts existed read for them. */
const BEFORE_CHINESE: Pick<Ticket, 'summary_zh' | 'fix_zh'> = { summary_zh: '', fix_zh: '' }

/**
 * The current ticket: its `created` event's fields, then every later event's
 * `after` laid over them in seq order. Comments are the notes of `commented`
 * events. Undefined when there is no `created` event (no such ticket).
 */
export function foldTicket(events: TicketEvent[]): Ticket | undefined {
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
  const created = ordered[0]
  if (!created || created.type !== 'created') return undefined
  let ticket = { ...BEFORE_CHINESE, ...(created.after as Ticket), ticket_id: created.ticket_id, version: created.seq, updated_at: created.at, comments: [] } as Ticket
  for (const e of ordered.slice(1)) {
    ticket = { ...ticket, ...e.after, version: e.seq, updated_at: e.at }
    if (e.type === 'commented') ticket.comments = [...ticket.comments, { at: e.at, actor: e.actor, note: e.note }]
  }
  return ticket
}
