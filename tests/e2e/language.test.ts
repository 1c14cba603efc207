import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '../../console/src/i18n/en.ts'
import { zhCN } from '../../console/src/i18n/zh-CN.ts'
import { logIn, menuOf, openConsole, openFromMenu, screenshot, suiteBrowser, waitForData } from './helpers/browser.ts'
import { e2eContext } from './helpers/context.ts'

type Texts = typeof en
/** Each page with its menu label and its heading. */
const PAGES: { name: string; nav: (m: Texts) => string; title: (m: Texts) => string }[] = [
  { name: 'sync-health', nav: (m) => m.nav.syncHealth, title: (m) => m.syncHealth.title },
  { name: 'cockpit', nav: (m) => m.nav.cockpit, title: (m) => m.cockpit.title },
  { name: 'trace', nav: (m) => m.nav.trace, title: (m) => m.trace.title },
  { name: 'tickets', nav: (m) => m.nav.tickets, title: (m) => m.tickets.title },
  { name: 'alerts', nav: (m) => m.nav.alerts, title: (m) => m.alerts.title },
]
/** A message key shown instead of its text ("syncHealth.title"): a string missing from a language. */
const RAW_KEY = new RegExp(`\\b(${Object.keys(en).join('|')})\\.[a-zA-Z]+`)

const menu = async (page: Page) => (await menuOf(page)).map((m) => m.text)
async function switchTo(page: Page, locale: string) {
  await page.click(`[data-testid="language-switch"] [data-testid="language-${locale}"]`)
  expect(await page.getAttribute(`[data-testid="language-${locale}"]`, 'aria-pressed')).toBe('true')
}

describe('the console in Chinese and English', () => {
  const browser = suiteBrowser()

  it('is chosen on the login page, shows every page in zh-CN, is remembered across a reload, and switches back', async () => {
    const { page, context, problems } = await openConsole(browser())
    await page.goto(`${e2eContext().baseUrl}/login`)
    expect(await page.textContent('form.login h1')).toBe(en.login.title)
    await switchTo(page, 'zh-CN')
    expect(await page.textContent('form.login h1')).toBe(zhCN.login.title)
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    await screenshot(page, 'login-zh-CN')

    await logIn(page, 'admin')
    expect(await menu(page)).toEqual(PAGES.map((p) => p.nav(zhCN)))
    for (const p of PAGES) {
      await openFromMenu(page, p.name)
      expect(await page.textContent('main h1'), p.name).toBe(p.title(zhCN))
      const text = await page.innerText('body')
      expect(text, `${p.name} shows a message key`).not.toMatch(RAW_KEY)
      await screenshot(page, `admin-${p.name}-zh-CN`)
    }

    await page.reload()
    await waitForData(page)
    expect(await page.textContent('main h1')).toBe(PAGES.at(-1)!.title(zhCN))

    await switchTo(page, 'en')
    expect(await menu(page)).toEqual(PAGES.map((p) => p.nav(en)))
    expect(await page.textContent('main h1')).toBe(PAGES.at(-1)!.title(en))
    expect(problems).toEqual([])
    await context.close()
  })
})
