import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../core/access/index.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'

const PASSWORDS = { ana: 'sre-password-1', mo: 'manager-password-1', olu: 'oncall-password-1' }

describe('users, roles and sessions', () => {
  let app: FastifyInstance
  const login = async (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })
  const as = async (name: keyof typeof PASSWORDS) => ({ authorization: `Bearer ${(await login(name, PASSWORDS[name])).json().token}` })

  beforeAll(async () => {
    const users = [
      { name: 'ana', role: 'sre', password_hash: await hashPassword(PASSWORDS.ana), display_name: '安娜' },
      { name: 'mo', role: 'manager', password_hash: await hashPassword(PASSWORDS.mo) },
      { name: 'olu', role: 'oncall', password_hash: await hashPassword(PASSWORDS.olu) },
    ]
    app = await buildApp({ config: testConfig({ access: { users, sessionSecret: 'a'.repeat(40) } }) })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('logs a user in with the right password only, without telling which part was wrong', async () => {
    const ok = await login('ana', PASSWORDS.ana)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ user: { name: 'ana', role: 'sre', display_name: '安娜' }, expires_in_s: 12 * 3600 })
    const wrongPassword = await login('ana', 'nope-nope')
    const noSuchUser = await login('zed', 'nope-nope')
    expect([wrongPassword.statusCode, noSuchUser.statusCode]).toEqual([401, 401])
    expect(wrongPassword.json().message).toBe(noSuchUser.json().message)
    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ana' } })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toMatch(/password/)
  })

  it('answers who the session belongs to, and 401 without one or with a forged one', async () => {
    expect((await app.inject({ url: '/api/v1/auth/me', headers: await as('mo') })).json().user).toEqual({ name: 'mo', role: 'manager' })
    expect((await app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401)
    const forged = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtbyIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJl'
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization: forged } })).statusCode).toBe(401)
  })

  it('lets every role read the analyzer, and only sre, on-call and admin run a detection pass', async () => {
    expect((await app.inject({ url: '/api/v1/findings' })).statusCode).toBe(401)
    for (const name of ['ana', 'mo', 'olu'] as const) expect((await app.inject({ url: '/api/v1/findings', headers: await as(name) })).statusCode, name).toBe(200)
    const manager = await app.inject({ method: 'POST', url: '/api/v1/findings/run', headers: await as('mo') })
    expect(manager.statusCode).toBe(403)
    expect(manager.json().message).toMatch(/role 'manager' may not do this; allowed: sre, oncall, admin/)
    expect((await app.inject({ method: 'POST', url: '/api/v1/findings/run', headers: await as('olu') })).statusCode).toBe(200)
  })

  it('keeps ingest on its own per-system tokens, untouched by sessions', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/queues', headers: { ...(await as('ana')), 'content-type': 'application/x-ndjson' }, payload: '{}' })
    expect(res.statusCode).toBe(401)
  })
})
