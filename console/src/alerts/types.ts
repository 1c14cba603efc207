/**
 * GET /api/v1/alerts (AlertState in alerts/engine/state.ts) and /api/v1/silences (Silence in alerts/engine/silences.ts):
 * the server's own definitions, imported type-only (nothing of the server is bundled).
 */
export type { AlertState } from '../../../alerts/engine/state.ts'
export type { Matcher, Silence } from '../../../alerts/engine/silences.ts'
