/** GET /api/v1/alerts (AlertState in alerts/engine/state.ts) and /api/v1/silences (Silence in alerts/engine/silences.ts). */
export interface AlertState {
  id: string
  fingerprint: string
  labels: Record<string, string>
  /** summary, description, evidence_url (a path on this server or a full URL). */
  annotations: Record<string, string>
  status: 'pending' | 'firing' | 'resolved' | 'inactive'
  active_since: string
  fired_at: string | null
  resolved_at: string | null
  last_seen: string
}

// One definition of a silence for the server and the console (type-only: nothing of the server is bundled).
export type { Matcher, Silence } from '../../../alerts/engine/silences.ts'
