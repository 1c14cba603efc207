import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSession } from '../session.ts'
import { fakeFetch, mountPage, testRouter } from '../test/harness.ts'
import LoginPage from './LoginPage.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  useSession().end()
})

describe('LoginPage', () => {
  it('switches the language before logging in', async () => {
    const page = mountPage(LoginPage, await testRouter('/login'), 'zh-CN')
    expect(page.find('h1').text()).toBe('登录 OrderLens')
    await page.find('[data-testid=language-en]').trigger('click')
    expect(page.find('h1').text()).toBe('Log in to OrderLens')
  })

  it("logs in and goes back to the page the user was sent from, or says why it failed", async () => {
    const fetch = fakeFetch({ status: 401, body: { statusCode: 401, message: 'wrong user name or password' } }, { status: 200, body: { token: 'ey.t', user: { name: 'zhao', role: 'oncall' } } })
    vi.stubGlobal('fetch', fetch.fn)
    const router = await testRouter('/login?redirect=/tickets%3Fticket%3DTK-1')
    const page = mountPage(LoginPage, router)
    await page.find('input[name=username]').setValue('zhao')
    await page.find('input[name=password]').setValue('bad')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(page.find('[role=alert]').text()).toContain('wrong user name or password')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(useSession().user.value?.role).toBe('oncall')
    expect(router.currentRoute.value.fullPath).toBe('/tickets?ticket=TK-1')
  })
})
