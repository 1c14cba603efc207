import { inject } from 'vitest'

export const ROLES = ['sre', 'manager', 'oncall', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** What the global set-up hands every e2e file: where the server and the browser are, and the simulated facts. */
export interface E2eContext {
  baseUrl: string
  /** playwright's endpoint of the one browser of the suite (chromium.launchServer). */
  wsEndpoint: string
  /** Every user's password (one per run); user names are the role names. */
  password: string
  /** The simulated span, ISO. */
  from: string
  to: string
  /** Orders the injected IP-whitelist fault hit, by id, earliest first (the trace page is searched by a channel order number). */
  faultOrderIds: string[]
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext
  }
}

export const e2eContext = (): E2eContext => inject('e2e')
