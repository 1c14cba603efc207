import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { useSession } from '../session.ts'
import { mountPage, testRouter } from '../test/harness.ts'
import AppLayout from './AppLayout.vue'

afterEach(() => useSession().end())

describe('AppLayout', () => {
  it("offers a manager only the manager's pages, keeping the URL's time range in the links, and says who is logged in", async () => {
    useSession().start('ey.token', { name: 'wang', role: 'manager', display_name: '王经理' })
    const page = mountPage(AppLayout, await testRouter('/cockpit?range=7d'), 'zh-CN')
    const links = page.findAll('nav a')
    expect(links.map((a) => a.text())).toEqual(['效率驾驶舱', '订单追踪', '处置工单', '告警'])
    expect(links.map((a) => a.attributes('data-testid'))).toEqual(['nav-cockpit', 'nav-trace', 'nav-tickets', 'nav-alerts'])
    expect(links[0]!.attributes('href')).toBe('/cockpit?range=7d')
    expect(page.find('.user-name').text()).toBe('王经理')
    expect(page.find('.role').text()).toBe('管理者')
    expect(page.find('[data-testid=nav-sync-health]').exists()).toBe(false)
  })

  it('switches the language from the header and remembers it', async () => {
    useSession().start('ey.token', { name: 'zhao', role: 'sre' })
    const page = mountPage(AppLayout, await testRouter('/sync-health'), 'zh-CN')
    const switcher = page.find('[data-testid=language-switch]')
    expect(switcher.find('[data-testid=language-zh-CN]').attributes('aria-pressed')).toBe('true')
    await switcher.find('[data-testid=language-en]').trigger('click')
    expect(page.findAll('nav a').map((a) => a.text())).toEqual(['Sync health', 'Cockpit', 'Trace', 'Tickets', 'Alerts'])
    expect(switcher.find('[data-testid=language-en]').attributes('aria-pressed')).toBe('true')
    expect(localStorage.getItem('orderlens.locale')).toBe('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('logs out: the session ends and the login page opens', async () => {
    useSession().start('ey.token', { name: 'zhao', role: 'oncall' })
    const router = await testRouter('/sync-health')
    const page = mountPage(AppLayout, router)
    await page.find('[data-testid=logout]').trigger('click')
    await flushPromises()
    expect(useSession().loggedIn.value).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
  })
})
