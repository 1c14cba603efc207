import type { Store } from '../../core/store/index.ts'
import { verdict as verdictChange } from './lifecycle.ts'
import { changeTicket } from './service.ts'
import type { Ticket, Verdict } from './types.ts'

/**
 * People's verdict on the automatic attribution of a ticket's finding: a
 * ticket event, and a row of finding_verdicts (migration 008), which the
 * attribution_accuracy KPI reads (the latest verdict per finding counts).
 */
export async function recordVerdict(store: Store, ticketId: string, v: Verdict, note: string, reviewer: string, now: number): Promise<Ticket> {
  const ticket = await changeTicket(store, ticketId, reviewer, now, (t) => verdictChange(t, v, note))
  await store.command(
    `INSERT INTO finding_verdicts (finding_id, pattern, finding_at, verdict, reviewer, reviewed_at, note)
     VALUES ({finding_id:String}, {pattern:String}, fromUnixTimestamp64Milli({finding_at:Int64}), {verdict:String}, {reviewer:String},
             fromUnixTimestamp64Milli({at:Int64}), {note:String})`,
    { finding_id: ticket.finding_id, pattern: ticket.pattern, finding_at: Date.parse(ticket.finding_at || ticket.created_at), verdict: v, reviewer, at: now, note },
  )
  return ticket
}
