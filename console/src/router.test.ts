import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { allowedFor, homeFor } from './navigation.ts'
import { createConsoleRouter } from './router.ts'
import { useSession, type Role } from './session.ts'

afterEach(() => useSession().end())

async function arrive(role: Role | null, path: string) {
  if (role) useSession().start('ey.token', { name: 'x', role })
  const router = createConsoleRouter(createMemoryHistory())
  await router.push(path)
  return router.currentRoute.value
}
const landing = async (role: Role | null, path: string) => (await arrive(role, path)).fullPath

describe('console routes by role', () => {
  it('offers each role only its pages', () => {
    expect(allowedFor('manager').map((i) => i.name)).toEqual(['cockpit', 'trace', 'tickets', 'alerts'])
    expect(allowedFor('oncall').map((i) => i.name)).toEqual(['sync-health', 'trace', 'tickets', 'alerts'])
    expect(allowedFor('admin').map((i) => i.name)).toEqual(['sync-health', 'cockpit', 'trace', 'tickets', 'alerts'])
    expect(allowedFor(undefined)).toEqual([])
    expect(homeFor('manager')).toBe('/cockpit')
  })

  it('sends a visitor without a session to the login page, keeping the link to come back to', async () => {
    const route = await arrive(null, '/cockpit?range=6h')
    expect(route.name).toBe('login')
    expect(route.query.redirect).toBe('/cockpit?range=6h')
  })

  it("refuses a page the role may not open and lands on the role's own page", async () => {
    expect(await landing('manager', '/sync-health')).toBe('/cockpit')
    expect(await landing('sre', '/sync-health?range=1h')).toBe('/sync-health?range=1h')
    expect(await landing('oncall', '/')).toBe('/sync-health')
  })
})
