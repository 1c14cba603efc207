import type { Store } from '../../core/store/index.ts'
import type { StoredFinding } from '../../analyzer/index.ts'
import type { Routing } from './routing.ts'
import { createTicket, SYSTEM_ACTOR } from './service.ts'
import type { Ticket } from './types.ts'

/** What a ticket needs of a finding (a StoredFinding has it all). */
export type TicketableFinding = Pick<StoredFinding, 'finding_id' | 'pattern' | 'severity' | 'scope' | 'summary' | 'evidence' | 'fix'> &
  Partial<Pick<StoredFinding, 'summary_zh' | 'fix_zh'>> & { first_seen?: string }

/**
 * The disposal ticket of an analyzer finding: owner team, priority and
 * deadline from the routing of its pattern, the evidence and the finding id
 * attached, its summary and fix in English and Chinese (the title stays
 * English: the console builds the Chinese one from pattern, scope and
 * summary_zh). Idempotent per finding id: calling again returns the same ticket.
 */
export async function openTicketForFinding(store: Store, finding: TicketableFinding, now: number, routing?: Routing): Promise<{ ticket: Ticket; created: boolean }> {
  const where = Object.entries(finding.scope).map(([k, v]) => `${k}=${v}`).join(', ')
  return createTicket(
    store,
    {
      title: `${finding.pattern}${where ? ` (${where})` : ''}: ${finding.summary}`.slice(0, 300),
      pattern: finding.pattern,
      severity: finding.severity,
      scope: finding.scope,
      summary: finding.summary,
      fix: finding.fix,
      summary_zh: finding.summary_zh ?? '',
      fix_zh: finding.fix_zh ?? '',
      evidence: finding.evidence,
      finding_id: finding.finding_id,
      finding_at: finding.first_seen ?? new Date(now).toISOString(),
    },
    SYSTEM_ACTOR,
    now,
    routing,
  )
}
