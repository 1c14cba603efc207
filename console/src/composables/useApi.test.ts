import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSession } from '../session.ts'
import { fakeFetch, testRouter, withSetup } from '../test/harness.ts'
import { ApiError, toSearch, useApi } from './useApi.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('useApi', () => {
  it('sends the session token and returns the JSON answer', async () => {
    const fetch = fakeFetch({ status: 200, body: { kpis: [] } })
    vi.stubGlobal('fetch', fetch.fn)
    useSession().start('ey.token', { name: 'li', role: 'manager' })
    const api = withSetup(await testRouter('/cockpit'), () => useApi())
    expect(await api.get('/api/v1/kpis', { from: 'a', to: 'b', kpi: ['x', 'y'] })).toEqual({ kpis: [] })
    expect(fetch.urls).toEqual(['/api/v1/kpis?from=a&to=b&kpi=x&kpi=y'])
    expect(fetch.headers[0]!.authorization).toBe('Bearer ey.token')
  })

  it('on 401 ends the session and sends the user to the login page, remembering where they were', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 401, body: { statusCode: 401, message: 'log in first: POST /api/v1/auth/login' } }).fn)
    useSession().start('ey.expired', { name: 'li', role: 'sre' })
    const router = await testRouter('/sync-health?range=6h')
    const api = withSetup(router, () => useApi())
    const failure = await api.get('/api/v1/findings').catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(401)
    expect(useSession().loggedIn.value).toBe(false)
    expect(localStorage.getItem('orderlens.session')).toBeNull()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/sync-health?range=6h')
  })

  it("surfaces the server's error message (a 400 names the field) without ending the session", async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 400, body: { statusCode: 400, message: 'querystring/to must be after querystring/from' } }).fn)
    useSession().start('ey.token', { name: 'li', role: 'sre' })
    const router = await testRouter('/cockpit')
    const api = withSetup(router, () => useApi())
    await expect(api.get('/api/v1/kpis')).rejects.toThrow('querystring/to must be after querystring/from')
    expect(useSession().loggedIn.value).toBe(true)
    expect(router.currentRoute.value.name).toBe('cockpit')
  })

  it('leaves out undefined query values', () => {
    expect(toSearch({ a: undefined, b: '1' })).toBe('?b=1')
    expect(toSearch({})).toBe('')
  })
})
