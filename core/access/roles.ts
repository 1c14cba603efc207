import type { preHandlerAsyncHookHandler } from 'fastify'
import type {} from '@fastify/jwt'
import { ROLES, type Role, type User } from './users.ts'

export { ROLES, type Role, type User } from './users.ts'

/** The session token's claims, and `request.user`: who is asking (absent without a session, unless an anonymous role is configured). */
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; role: Role; display_name?: string }
    user: User
  }
}

/** A route guard: 401 without a session, 403 when the user's role is not among `roles`. */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    if (!request.user?.role) return reply.code(401).header('www-authenticate', 'Bearer').send({ statusCode: 401, error: 'Unauthorized', message: 'log in first: POST /api/v1/auth/login' })
    if (!roles.includes(request.user.role)) {
      return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `role '${request.user.role}' may not do this; allowed: ${roles.join(', ')}` })
    }
  }
}

/** Any logged-in user (reads). */
export const requireUser = () => requireRole(...ROLES)
