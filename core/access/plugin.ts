import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import jwt from '@fastify/jwt'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config/index.ts'
import { DECOY_HASH, verifyPassword } from './passwords.ts'
import { ROLES, requireUser, type User } from './roles.ts'

interface LoginBody {
  username: string
  password: string
}

/**
 * Users and sessions: users (with bcrypt hashes) come from the
 * configuration; logging in gives a signed session token to send as
 * `Authorization: Bearer …`. Every request gets `request.user` when its
 * token is valid; routes choose who may do what with `requireRole`.
 * Ingest keeps its own per-system tokens, which are not sessions.
 */
async function access(app: FastifyInstance, opts: { config: Config }): Promise<void> {
  const { access: settings } = opts.config
  await app.register(jwt, {
    secret: settings.sessionSecret ?? sessionSecret(opts.config),
    sign: { expiresIn: `${settings.sessionHours}h` },
    formatUser: (claims) => ({ name: claims.sub, role: claims.role, ...(claims.display_name ? { display_name: claims.display_name } : {}) }),
  })

  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization?.startsWith('Bearer ey')) {
      try {
        await request.jwtVerify()
        return
      } catch {
        // An expired or forged token is no session; the route's guard answers 401.
      }
    }
    if (settings.anonymousRole) request.user = { name: 'anonymous', role: settings.anonymousRole }
  })

  app.post<{ Body: LoginBody }>(
    '/api/v1/auth/login',
    {
      schema: {
        summary: 'Log in; the answer carries a session token for the Authorization header',
        tags: ['access'],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    async (request, reply) => {
      const user = settings.users.find((u) => u.name === request.body.username)
      const ok = await verifyPassword(request.body.password, user?.password_hash ?? DECOY_HASH)
      if (!user || !ok) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'unknown user or wrong password' })
      const token = await reply.jwtSign({ sub: user.name, role: user.role, ...(user.display_name ? { display_name: user.display_name } : {}) })
      const me: User = { name: user.name, role: user.role, ...(user.display_name ? { display_name: user.display_name } : {}) }
      return { token, user: me, expires_in_s: Math.round(settings.sessionHours * 3600) }
    },
  )

  app.get('/api/v1/auth/me', { preHandler: requireUser(), schema: { summary: 'Who the session belongs to, and the roles there are', tags: ['access'] } }, async (request) => ({ user: request.user, roles: ROLES }))
}

export const accessPlugin = fp(access, { name: 'orderlens-access' })

/** A secret kept with the data, so sessions survive a restart without configuration. */
function sessionSecret(config: Config): string {
  const file = path.join(config.dataDir, 'session-secret')
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}
