import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../core/config/index.ts'
import type { CollectorMetrics } from './metrics.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Source system the bearer token belongs to. */
    sourceSystem?: string
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Bearer-token check: tokens are looked up by their SHA-256, so comparison
 * time does not depend on how much of a guessed token is right.
 */
export function bearerAuth(tokens: Config['auth']['tokens'], metrics: CollectorMetrics) {
  const bySha = new Map(tokens.map((t) => [digest(t.token), t.system]))
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) {
      metrics.authFailures.inc({ reason: 'missing' })
      return reply.code(401).header('WWW-Authenticate', 'Bearer realm="orderlens"').send({ statusCode: 401, error: 'Unauthorized', message: 'missing bearer token (Authorization: Bearer <token>)' })
    }
    const system = bySha.get(digest(match[1]!))
    if (!system) {
      metrics.authFailures.inc({ reason: 'invalid' })
      return reply.code(401).header('WWW-Authenticate', 'Bearer realm="orderlens", error="invalid_token"').send({ statusCode: 401, error: 'Unauthorized', message: 'unknown bearer token' })
    }
    request.sourceSystem = system
  }
}
