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

export interface Matcher {
  name: string
  value: string
  isRegex?: boolean
  isEqual?: boolean
}

export interface Silence {
  id: string
  matchers: Matcher[]
  startsAt: string
  endsAt: string
  createdBy: string
  comment: string
}
