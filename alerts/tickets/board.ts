import type { Store } from '../../core/store/index.ts'
import type { Priority, Ticket, TicketStatus } from './types.ts'

/**
 * The board: each ticket's latest fold, derived from the events after every
 * change, for listing, SLA sweeps and similar-ticket search. Never the source
 * of truth: readers that need a ticket whole fold its events.
 */
const COLUMNS = [
  'team', 'deadline', 'ticket_id', 'version', 'is_deleted', 'status', 'priority', 'owner', 'pattern', 'finding_id',
  'scope_pairs', 'created_at', 'response_ms', 'escalated', 'reminded_for', 'escalated_for', 'resolved_at', 'resolution', 'title',
  'summary_zh',
] as const

export const scopePairs = (scope: Record<string, string>) => Object.entries(scope).map(([k, v]) => `${k}=${v}`)

const row = (t: Ticket, deleted: boolean) => [
  t.team, Date.parse(t.deadline), t.ticket_id, t.version, deleted ? 1 : 0, t.status, t.priority, t.owner, t.pattern, t.finding_id,
  scopePairs(t.scope), Date.parse(t.created_at), t.response_ms, t.escalated ? 1 : 0, t.reminded_for, t.escalated_for,
  t.resolved_at ? Date.parse(t.resolved_at) : null, t.resolution, t.title, t.summary_zh,
]

/** Writes the ticket's new fold; when its sort key (team, deadline) moved, a tombstone retires the old row. */
export async function writeBoard(store: Store, ticket: Ticket, previous?: Ticket): Promise<void> {
  const rows = [row(ticket, false)]
  if (previous && (previous.team !== ticket.team || previous.deadline !== ticket.deadline)) rows.push(row({ ...previous, version: ticket.version }, true))
  await store.insertRows('ticket_board', COLUMNS, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
}

export interface BoardRow {
  ticket_id: string
  team: string
  deadline: number
  status: TicketStatus
  priority: Priority
  owner: string
  pattern: string
  finding_id: string
  scope_pairs: string[]
  created_at: number
  response_ms: number
  escalated: boolean
  reminded_for: number
  escalated_for: number
  resolved_at: number | null
  resolution: string
  title: string
  /** The finding's summary in Chinese ('' for tickets opened by hand or before migration 015): the console's Chinese card title. */
  summary_zh: string
}

const SELECT = `SELECT ticket_id, team, toUnixTimestamp64Milli(deadline) AS deadline, status, priority, owner, pattern, finding_id,
  scope_pairs, toUnixTimestamp64Milli(created_at) AS created_at, response_ms, escalated, reminded_for, escalated_for,
  if(isNull(resolved_at), NULL, toUnixTimestamp64Milli(assumeNotNull(resolved_at))) AS resolved_at, resolution, title, summary_zh
  FROM ticket_board FINAL`
// In WHERE and ORDER BY below, the times are these aliases: epoch ms.

interface RawRow extends Omit<BoardRow, 'deadline' | 'created_at' | 'response_ms' | 'escalated' | 'reminded_for' | 'escalated_for' | 'resolved_at'> {
  deadline: string
  created_at: string
  response_ms: string
  escalated: number
  reminded_for: string
  escalated_for: string
  resolved_at: string | null
}

const fromRaw = (r: RawRow): BoardRow => ({
  ...r,
  deadline: Number(r.deadline),
  created_at: Number(r.created_at),
  response_ms: Number(r.response_ms),
  escalated: Number(r.escalated) === 1,
  reminded_for: Number(r.reminded_for),
  escalated_for: Number(r.escalated_for),
  resolved_at: r.resolved_at === null ? null : Number(r.resolved_at),
})

export interface BoardFilter {
  status?: TicketStatus[]
  team?: string[]
  priority?: Priority[]
  /** Only tickets past their deadline and not yet resolved, as of `now`. */
  overdue?: boolean
  now: number
  limit: number
}

/** Tickets for the list, soonest deadline first; every value bound as a query parameter. */
export async function listBoard(store: Store, f: BoardFilter): Promise<BoardRow[]> {
  const rows = await store.query<RawRow>(
    `${SELECT}
     WHERE (empty({team:Array(String)}) OR team IN {team:Array(String)})
       AND (empty({status:Array(String)}) OR status IN {status:Array(String)})
       AND (empty({priority:Array(String)}) OR priority IN {priority:Array(String)})
       AND (NOT {overdue:Bool} OR (status IN ('open', 'acknowledged', 'in_progress') AND deadline < {now:Int64}))
     ORDER BY deadline, ticket_id LIMIT {limit:UInt32}`,
    { team: f.team ?? [], status: f.status ?? [], priority: f.priority ?? [], overdue: f.overdue ?? false, now: f.now, limit: f.limit },
  )
  return rows.map(fromRaw)
}

/**
 * Unresolved tickets that owe a reminder (past `remindAt` of their response
 * time, none recorded for this deadline) or an escalation (past the deadline,
 * none recorded for it).
 */
export async function dueForSla(store: Store, now: number, remindAt: number): Promise<BoardRow[]> {
  const rows = await store.query<RawRow>(
    `${SELECT}
     WHERE status IN ('open', 'acknowledged', 'in_progress')
       AND ((reminded_for != deadline AND deadline - {now:Int64} <= response_ms * (1 - {remind_at:Float64}))
         OR (escalated_for != deadline AND deadline <= {now:Int64}))
     ORDER BY deadline`,
    { now, remind_at: remindAt },
  )
  return rows.map(fromRaw)
}

/** Resolved or closed tickets of the same pattern or sharing a scope pair: the candidates for "similar". */
export async function resolvedLike(store: Store, pattern: string, pairs: string[], exclude: string, limit = 500): Promise<BoardRow[]> {
  const rows = await store.query<RawRow>(
    `${SELECT}
     WHERE status IN ('resolved', 'closed') AND ticket_id != {exclude:String}
       AND (pattern = {pattern:String} OR hasAny(scope_pairs, {pairs:Array(String)}))
     ORDER BY resolved_at DESC LIMIT {limit:UInt32}`,
    { pattern, pairs, exclude, limit },
  )
  return rows.map(fromRaw)
}

/**
 * Rebuilds the board from the event log alone (after a failed board write,
 * or at start). Run it while no ticket is being changed. Returns the tickets written.
 */
export async function rebuildBoard(store: Store, readAll: () => Promise<Ticket[]>): Promise<number> {
  const tickets = await readAll()
  await store.command('TRUNCATE TABLE ticket_board')
  if (tickets.length) await store.insertRows('ticket_board', COLUMNS, tickets.map((t) => JSON.stringify(row(t, false))).join('\n') + '\n')
  return tickets.length
}
