import type { BrowserContext, CDPSession, Page, Request, Response } from 'playwright-core'

export interface PageTiming {
  /** Navigation start to the page showing its data (its panels rendered, none loading). */
  readyMs: number
  /** Navigation start to the first element matching `firstSelector` on screen (null when none was asked). */
  firstMs: number | null
  /** First API request sent to last API answer received: the page's data. */
  dataMs: number
  /** The slowest API request of the page, with its time. */
  slowest: { path: string; ms: number } | null
  requests: number
  /** Each API request: path, when it was sent after the first one, and how long it took (ms). */
  waterfall: { path: string; at: number; ms: number }[]
  /** The browser tab's main-thread busy time (script, style, layout, paint) until the page was ready. */
  browserTaskMs: number
  /** CPU the server process used meanwhile (the bench runs the server, and its embedded ClickHouse, in its own process). */
  serverCpuMs: number
}

const isApi = (r: Request) => new URL(r.url()).pathname.startsWith('/api/')

type Span = { path: string; start: number; end: number }

/**
 * Records the page's API requests (from the browser's own resource timing),
 * refused API answers and page errors until `stop()`.
 */
function watchApi(page: Page) {
  const spans: Span[] = []
  const failures: string[] = []
  const onFinished = (r: Request) => {
    if (!isApi(r)) return
    const t = r.timing()
    spans.push({ path: new URL(r.url()).pathname, start: t.startTime, end: t.startTime + t.responseEnd })
  }
  const onResponse = (r: Response) => void (r.status() >= 400 && isApi(r.request()) && failures.push(`${r.status()} ${r.url()}`))
  const onError = (e: Error) => void failures.push(String(e))
  page.on('requestfinished', onFinished)
  page.on('response', onResponse)
  page.on('pageerror', onError)
  return {
    spans,
    failures,
    stop() {
      page.off('requestfinished', onFinished)
      page.off('response', onResponse)
      page.off('pageerror', onError)
    },
  }
}

/** First request to last answer, the slowest request, and each request's start after the first and its time. */
function apiFigures(spans: Span[]): Pick<PageTiming, 'dataMs' | 'slowest' | 'requests' | 'waterfall'> {
  const first = Math.min(...spans.map((s) => s.start))
  const last = Math.max(...spans.map((s) => s.end))
  const slowest = spans.reduce<PageTiming['slowest']>((worst, s) => (!worst || s.end - s.start > worst.ms ? { path: s.path, ms: s.end - s.start } : worst), null)
  const waterfall = spans.map((x) => ({ path: x.path, at: x.start - first, ms: x.end - x.start })).sort((a, b) => a.at - b.at)
  return { dataMs: spans.length ? last - first : 0, slowest, requests: spans.length, waterfall }
}

/** The tab's main-thread busy time so far (script, style, layout, paint), in ms. */
const taskMs = async (cdp: CDPSession) => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000

/**
 * Opens `url` in a new tab of `context` and times it as the user sees it:
 * every API request the page makes and the moment no panel is loading any more.
 */
export async function timePage(context: BrowserContext, url: string, firstSelector?: string): Promise<PageTiming> {
  const page = await context.newPage()
  const api = watchApi(page)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  try {
    const cpu = process.cpuUsage()
    await page.goto(url, { waitUntil: 'commit' })
    // Moments are read in the page (ms since its navigation started, checked every frame), not when the
    // answer reaches this process: a busy page answers late, and that delay is not the user's.
    const inPage = async (check: (selector: string) => number | false, selector = '') =>
      Number(await (await page.waitForFunction(check, selector, { timeout: 30_000, polling: 'raf' })).jsonValue())
    const firstMs = firstSelector ? await inPage((sel) => (document.querySelector(sel) ? performance.now() : false), firstSelector) : null
    // A page shows a loading state from its first render until its data is in, so this is "data on screen".
    const readyMs = await inPage(() => (!!document.querySelector('.page') && !document.querySelector('.state-loading') ? performance.now() : false))
    const used = process.cpuUsage(cpu)
    const browserTaskMs = await taskMs(cdp)
    await page.waitForLoadState('networkidle')
    if (api.failures.length) throw new Error(`${url}: ${api.failures.join('; ')}`)
    return { readyMs, firstMs, ...apiFigures(api.spans), browserTaskMs, serverCpuMs: (used.user + used.system) / 1000 }
  } finally {
    api.stop()
    await page.close()
  }
}

/**
 * Times a move through the menu, as a user goes from page to page in an open
 * console: clicks the menu entry of `name` in `page` (already showing another
 * page of the console) and times the new page's API requests and the moment
 * it shows its data. Nothing is downloaded or compiled again: this is the
 * page's own data, not the browser starting a tab.
 */
export async function timeNavigation(page: Page, name: string): Promise<PageTiming> {
  const api = watchApi(page)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  try {
    const tasksBefore = await taskMs(cdp)
    const cpu = process.cpuUsage()
    // The page on screen is marked, so the new one is told apart from it; the click and its moment are taken in the page.
    await page.evaluate((selector) => {
      document.querySelector('main .page')?.setAttribute('data-bench-left', '')
      ;(window as unknown as { benchClickAt: number }).benchClickAt = performance.now()
      ;(document.querySelector(selector) as HTMLElement).click()
    }, `[data-testid="nav-${name}"]`)
    const ready = await page.waitForFunction(
      () => {
        const shown = document.querySelector('main .page')
        return !!shown && !shown.hasAttribute('data-bench-left') && !document.querySelector('.state-loading') ? performance.now() - (window as unknown as { benchClickAt: number }).benchClickAt : false
      },
      undefined,
      { timeout: 30_000, polling: 'raf' },
    )
    const readyMs = Number(await ready.jsonValue())
    const used = process.cpuUsage(cpu)
    const browserTaskMs = (await taskMs(cdp)) - tasksBefore
    await page.waitForLoadState('networkidle')
    if (api.failures.length) throw new Error(`${name}: ${api.failures.join('; ')}`)
    if (!api.spans.length) throw new Error(`${name}: the page asked the API nothing`)
    return { readyMs, firstMs: null, ...apiFigures(api.spans), browserTaskMs, serverCpuMs: (used.user + used.system) / 1000 }
  } finally {
    api.stop()
    await cdp.detach()
  }
}
