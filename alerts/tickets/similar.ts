import type { Store } from '../../core/store/index.ts'
import { resolvedLike, scopePairs } from './board.ts'
import type { Ticket } from './types.ts'

export interface SimilarTicket {
  ticket_id: string
  title: string
  pattern: string
  /** Its finding's summary in Chinese ('' when none) and its scope pairs: what the console's Chinese title is made of. */
  summary_zh: string
  scope_pairs: string[]
  same_pattern: boolean
  /** The scope pairs (dimension=value) it shares with this ticket. */
  shared_scope: string[]
  resolved_at: string | null
  resolution: string
}

/** Past resolved tickets most like this one: same pattern first, then more shared scope pairs, then the most recent. */
export async function similarTickets(store: Store, t: Ticket, limit = 5): Promise<SimilarTicket[]> {
  const pairs = scopePairs(t.scope)
  const mine = new Set(pairs)
  const candidates = await resolvedLike(store, t.pattern, pairs, t.ticket_id)
  return candidates
    .map((c) => ({
      ticket_id: c.ticket_id,
      title: c.title,
      pattern: c.pattern,
      summary_zh: c.summary_zh,
      scope_pairs: c.scope_pairs,
      same_pattern: c.pattern === t.pattern,
      shared_scope: c.scope_pairs.filter((p) => mine.has(p)),
      resolved_at: c.resolved_at === null ? null : new Date(c.resolved_at).toISOString(),
      resolution: c.resolution,
    }))
    .sort((a, b) => Number(b.same_pattern) - Number(a.same_pattern) || b.shared_scope.length - a.shared_scope.length || (b.resolved_at ?? '').localeCompare(a.resolved_at ?? ''))
    .slice(0, limit)
}
