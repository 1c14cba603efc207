import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { e2eContext, type Role } from './context.ts'

/** Screenshots of every page, for people to look at (gitignored). */
export const ARTIFACTS = path.join(import.meta.dirname, '..', '..', 'artifacts')

/** The suite's one browser, started by the global set-up. */
export const connectBrowser = (): Promise<Browser> => chromium.connect(e2eContext().wsEndpoint)

export interface ConsolePage {
  context: BrowserContext
  page: Page
  /** Uncaught exceptions, console errors and failed API answers, as they happened. */
  problems: string[]
}

/** A fresh context (no session, English browser) whose page records everything that went wrong. */
export async function openConsole(browser: Browser, locale = 'en-US'): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()} (${m.location().url})`))
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.request().method()} ${r.url()}`))
  return { context, page, problems }
}

/** Logs in through the login form, as a person would, and waits to land on the role's first page; `shot` names a screenshot of the filled form. */
export async function logIn(page: Page, role: Role, shot?: string): Promise<void> {
  const { baseUrl, password } = e2eContext()
  await page.goto(`${baseUrl}/`)
  await page.waitForURL((url) => url.pathname === '/login')
  await page.fill('input[name="username"]', role)
  await page.fill('input[name="password"]', password)
  if (shot) await screenshot(page, shot)
  await page.click('form.login button[type="submit"]')
  await page.waitForURL((url) => url.pathname !== '/login')
}

/** The session token the console keeps, to ask the API the same question with the same rights. */
export async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('orderlens.session') ?? '{}') as { token?: string }).token)
  if (!token) throw new Error('no session in the console')
  return token
}

/** The menu as shown: each entry's page name (from its nav-<name> hook) and text. */
export const menuOf = (page: Page): Promise<{ name: string; text: string }[]> =>
  page.$$eval('[data-testid^="nav-"]', (links) => links.map((a) => ({ name: a.getAttribute('data-testid')!.slice('nav-'.length), text: a.textContent!.trim() })))

/** Opens a page through the menu, as a person would, and waits for its data. */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  await page.click(`[data-testid="nav-${name}"]`)
  await page.waitForURL((url) => url.pathname === `/${name}`)
  await waitForData(page)
}

/** Waits until no panel is loading any more and the network is quiet. */
export async function waitForData(page: Page): Promise<void> {
  await page.waitForSelector('main .page')
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => !document.querySelector('.state-loading'))
  await settledInk(page)
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  // From the top: the sticky top bar would otherwise be drawn across the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
}

export interface Ink {
  canvases: number
  /** Pixels drawn at all (ECharts' background is transparent). */
  drawn: number
  /** Pixels with a clear hue: series, areas, heat cells (axes and labels are grey). */
  coloured: number
}

/** How much the chart canvases under `selector` have drawn, read back with getImageData. */
export function chartInk(page: Page, selector: string): Promise<Ink> {
  return page.$$eval(`${selector} canvas`, (canvases) => {
    const ink = { canvases: canvases.length, drawn: 0, coloured: 0 }
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const ctx = canvas.getContext('2d')
      if (!ctx || !canvas.width || !canvas.height) continue
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3]! < 32) continue
        ink.drawn++
        if (Math.max(px[i]!, px[i + 1]!, px[i + 2]!) - Math.min(px[i]!, px[i + 1]!, px[i + 2]!) > 48) ink.coloured++
      }
    }
    return ink
  })
}

const sameInk = (a: Ink, b: Ink) => a.canvases === b.canvases && a.drawn === b.drawn && a.coloured === b.coloured

/**
 * The ink once the charts under `selector` have stopped moving: ECharts
 * animates a series in over about a second (threshold lines first), so a
 * single early read would see axes and thresholds without the data.
 */
export async function settledInk(page: Page, selector = 'main', timeoutMs = 10_000): Promise<Ink> {
  const deadline = Date.now() + timeoutMs
  let last = await chartInk(page, selector)
  for (;;) {
    await page.waitForTimeout(300)
    const now = await chartInk(page, selector)
    if (sameInk(now, last)) return now
    if (Date.now() > deadline) throw new Error(`charts under ${selector} still changing after ${timeoutMs} ms`)
    last = now
  }
}

/**
 * Runs `action` and returns, for each of `pathnames`, the path and query of
 * the first GET the page sent there, so the test can ask the API the very
 * same question the page asked.
 */
export async function capturedRequests<P extends string>(
  page: Page,
  pathnames: readonly P[],
  action: () => Promise<unknown>,
  match: (url: URL) => boolean = () => true,
): Promise<Record<P, string>> {
  const seen = pathnames.map((pathname) =>
    page.waitForRequest((r) => {
      const url = new URL(r.url())
      return r.method() === 'GET' && url.pathname === pathname && match(url)
    }),
  )
  await action()
  const urls = (await Promise.all(seen)).map((r) => new URL(r.url()))
  return Object.fromEntries(pathnames.map((p, i) => [p, `${urls[i]!.pathname}${urls[i]!.search}`])) as Record<P, string>
}

/**
 * Runs `action` and returns the API's answer to the first GET the page sent
 * to `pathname`, as the page received it: for figures the server computes
 * approximately (t-digest percentiles), where a second request may differ in
 * the last digit.
 */
export async function capturedAnswer<T>(page: Page, pathname: string, action: () => Promise<unknown>, match: (url: URL) => boolean = () => true): Promise<T> {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return r.request().method() === 'GET' && url.pathname === pathname && match(url)
  })
  await action()
  const response = await answered
  if (!response.ok()) throw new Error(`${response.status()} ${response.url()}`)
  return (await response.json()) as T
}

export async function apiGet<T>(route: string, token: string): Promise<T> {
  const res = await fetch(`${e2eContext().baseUrl}${route}`, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`GET ${route}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** A number as the console shows it ("98.12%", "12.3 min", "1,234", "—"), back as the API's value (a ratio for %). */
export function shownNumber(text: string): number | null {
  const t = text.trim()
  if (t === '—' || t === '-' || t === '') return null
  const m = /-?[\d,]*\.?\d+/.exec(t)
  if (!m) throw new Error(`no number in "${text}"`)
  const n = Number(m[0].replace(/,/g, ''))
  return t.includes('%') ? n / 100 : n
}

/** The suite's browser for one test file: connected before its tests, disconnected after them. */
export function suiteBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await connectBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => browser!
}
