import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import ms from 'ms'
import { DETECTORS } from '../../analyzer/index.ts'
import type { Priority } from './types.ts'
import { readCheckedYaml } from '../../core/config/index.ts'

export const ROUTING_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'routing.yml')

/** domain.md's exception types (the table with response times). */
export const EXCEPTION_TYPES = ['payment_failure', 'stock_shortage', 'address_problem', 'customer_cancellation'] as const

/** Patterns a finding can carry besides the detectors' own names. */
const OTHER_PATTERNS = ['receiver_unavailable', 'anomaly_surge', 'anomaly_drop', 'anomaly_degradation']

const Team = Type.String({ pattern: '^[a-z][a-z0-9-]*$' })
const RouteSchema = Type.Object(
  {
    match: Type.Union([
      Type.Object({ exception: Type.Union(EXCEPTION_TYPES.map((e) => Type.Literal(e))) }, { additionalProperties: false }),
      Type.Object({ pattern: Type.String({ pattern: '^([a-z0-9_]+\\*?|\\*)$' }) }, { additionalProperties: false }),
    ]),
    team: Team,
    support: Type.Optional(Type.Array(Team)),
    priority: Type.Union([Type.Literal('P0'), Type.Literal('P1'), Type.Literal('P2'), Type.Literal('P3')]),
    respond_within: Type.String({ pattern: '^[0-9]+(m|h|d)$', description: 'e.g. 30m, 2h, 1d' }),
  },
  { additionalProperties: false },
)
const RoutingFileSchema = Type.Object({ routes: Type.Array(RouteSchema, { minItems: 1 }) }, { additionalProperties: false })

export interface Route {
  /** The exception type or pattern matched, as written (`anomaly_*`, `*`). */
  match: string
  team: string
  support: string[]
  priority: Priority
  response_ms: number
}

export interface Routing {
  routes: Route[]
  /** The route of an exception type or finding pattern: exact name, else the longest matching prefix, else `*`. */
  routeFor(name: string): Route
}

/** Loads and checks the routing file; errors name the file, line and field. */
export function loadRouting(file = ROUTING_FILE, text?: string): Routing {
  const { value, fail } = readCheckedYaml<Static<typeof RoutingFileSchema>>(file, RoutingFileSchema, text)
  const known = new Set<string>([...DETECTORS.map((d) => d.pattern), ...OTHER_PATTERNS])
  const seen = new Set<string>()
  const routes = value.routes.map((r, i): Route => {
    const match = 'exception' in r.match ? r.match.exception : r.match.pattern
    const field = `/routes/${i}/match/${'exception' in r.match ? 'exception' : 'pattern'}`
    if (seen.has(match)) throw fail(field, `'${match}' is routed twice`)
    if ('pattern' in r.match && !match.endsWith('*') && !known.has(match)) {
      throw fail(field, `unknown pattern '${match}'; known: ${[...known].join(', ')} (or a prefix ending in *)`)
    }
    seen.add(match)
    return { match, team: r.team, support: r.support ?? [], priority: r.priority, response_ms: ms(r.respond_within as ms.StringValue) }
  })
  if (!seen.has('*')) throw fail('/routes', "needs a catch-all route (match: { pattern: '*' }) so every finding gets an owner")
  return { routes, routeFor: (name) => pick(routes, name) }
}

function pick(routes: Route[], name: string): Route {
  const exact = routes.find((r) => r.match === name)
  if (exact) return exact
  const prefixes = routes.filter((r) => r.match.endsWith('*') && name.startsWith(r.match.slice(0, -1)))
  return prefixes.sort((a, b) => b.match.length - a.match.length)[0]!
}

let defaultRouting: Routing | undefined
/** The shipped routing file, loaded once. */
export const routing = (): Routing => (defaultRouting ??= loadRouting())
