import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import bcrypt from 'bcryptjs'
import { NAV } from '../../console/src/navigation.ts'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore } from '../../core/store/index.ts'
import { buildApp } from '../../server/app.ts'
import { launchChromium, loggedInContext, login } from '../../testkit/browser.ts'
import { backfill, countStoredEvents, readBackfillInfo } from '../analyzer/backfill.ts'
import { median, round, sampleTraceKeys } from '../analyzer/measure.ts'
import { storeFlags } from '../flags.ts'
import type { BenchFlags } from '../registry.ts'
import { buildAndWeigh } from './bundle.ts'
import { timeNavigation, timePage, type PageTiming } from './page-timing.ts'

/** Targets of issue 6: JavaScript < 1 MB gzipped; first page interactive < 2 s; every page's data < 1 s over 10 M events. */
const TARGETS = { jsGzipBytes: 1024 * 1024, firstPageMs: 2000, pageDataMs: 1000 }
const DAY = 86_400_000
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * The console as a user meets it, in headless chromium against the
 * all-in-one server on loopback: the build's weight, a cold first visit of
 * the cockpit until its KPI cards show, and every page of the menu (the last
 * day of the store as an absolute time range) timed from its first API
 * request to its last answer. The store is the analyzer benchmark's
 * (`--data DIR` reuses it; the 10 M-event figures need one of >= 10 M).
 * The server's own minute schedules are off: they have their own benchmarks.
 */
export async function consoleBench(flags: BenchFlags): Promise<void> {
  const own = storeFlags(process.argv, { days: 14, ordersPerDay: 40_000, runs: 5 })
  const log = (line: string) => !flags.json && console.log(line)
  const bundle = await buildAndWeigh()

  const dataDir = own.data ?? mkdtempSync(path.join(tmpdir(), 'orderlens-bench-console-'))
  const password = randomBytes(12).toString('hex')
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      analyzer: { detectSchedule: '' },
      alerts: { evaluateSchedule: '' },
      access: { users: [{ name: 'bench', role: 'admin', password_hash: bcrypt.hashSync(password, 8) }], sessionSecret: randomBytes(32).toString('hex') },
    },
  })
  const store = openStore(config)
  const app = await buildApp({ config, store })
  const browser = await launchChromium()
  try {
    let info = own.data ? readBackfillInfo(dataDir) : undefined
    if (!info) info = await backfill(store, config, { seed: 7, days: own.days, ordersPerDay: own.ordersPerDay, from: Date.parse('2026-10-01T00:00:00+08:00') }, log)
    else await migrate(store)
    const storedEvents = await countStoredEvents(store)
    const day = { from: info.from + (info.days - 1) * DAY, to: info.from + info.days * DAY }
    const [keys] = await sampleTraceKeys(store, day.from, day.to, 1)

    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const session = await login(base, 'bench', password)
    const window = `from=${new Date(day.from).toISOString()}&to=${new Date(day.to).toISOString()}`
    const urlOf = (page: string) => `${base}/${page}?${window}${page === 'trace' && keys ? `&key=${encodeURIComponent(keys.channel_order_no)}` : ''}`

    // Cold: a new context each run, so nothing is cached.
    const firstPage: PageTiming[] = []
    for (let i = 0; i < own.runs; i++) {
      const context = await loggedInContext(browser, session)
      // The cards' values are what a manager reads first; the panels below fill in after them.
      firstPage.push(await timePage(context, urlOf('cockpit'), '[data-testid^="kpi-value-"]'))
      await context.close()
    }
    // As a user moves through the menu of an open console: one tab, each page reached from the one before it, `runs` rounds.
    const context = await loggedInContext(browser, session)
    const tab = await context.newPage()
    // The trace's key rides along in the query from page to page, as the time range does.
    await tab.goto(`${urlOf(NAV[0]!.name)}${keys ? `&key=${encodeURIComponent(keys.channel_order_no)}` : ''}`)
    await tab.waitForFunction(() => !!document.querySelector('main .page') && !document.querySelector('.state-loading'), undefined, { timeout: 30_000 })
    const menu: Record<string, PageTiming[]> = Object.fromEntries(NAV.map((item) => [item.name, []]))
    for (let i = 0; i < own.runs; i++) for (const item of [...NAV.slice(1), NAV[0]!]) menu[item.name]!.push(await timeNavigation(tab, item.name))
    await tab.close()
    // Each page on a tab of its own (a link opened anew): the tab's start, scripts and first render share the cores with the answers.
    const pages: Record<string, PageTiming[]> = {}
    for (const item of NAV) {
      pages[item.name] = []
      for (let i = 0; i < own.runs; i++) pages[item.name]!.push(await timePage(context, urlOf(item.name)))
    }
    await context.close()

    const out = {
      dataDir,
      storedEvents,
      window: { from: new Date(day.from).toISOString(), to: new Date(day.to).toISOString() },
      bundle,
      firstPageMs: { median: round(median(firstPage.map((r) => r.readyMs))), max: round(Math.max(...firstPage.map((r) => r.readyMs))), cardsMedian: round(median(firstPage.map((r) => r.firstMs!))), ...cpuFigures(firstPage) },
      menu: pageFigures(menu),
      pages: pageFigures(pages),
      targets: TARGETS,
    }
    if (flags.json) console.log(JSON.stringify(out, null, 2))
    else print(out, log)
  } finally {
    await browser.close()
    await app.close()
    await store.close()
    if (!own.data) rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Per page: the data's median and max, the moment it showed, CPU, and the last run's requests. */
const pageFigures = (pages: Record<string, PageTiming[]>) =>
  Object.fromEntries(
    Object.entries(pages).map(([name, runs]) => [
      name,
      { dataMs: round(median(runs.map((r) => r.dataMs))), dataMsMax: round(Math.max(...runs.map((r) => r.dataMs))), readyMs: round(median(runs.map((r) => r.readyMs))), ...cpuFigures(runs), requests: runs[0]!.requests, slowest: runs[0]!.slowest, waterfall: runs.at(-1)!.waterfall },
    ]),
  )

/** Median busy time of the browser tab's main thread and of the server process while the page loaded. */
const cpuFigures = (runs: PageTiming[]) => ({ browserTaskMs: round(median(runs.map((r) => r.browserTaskMs))), serverCpuMs: round(median(runs.map((r) => r.serverCpuMs))) })

type Figures = {
  storedEvents: number
  window: { from: string; to: string }
  bundle: Awaited<ReturnType<typeof buildAndWeigh>>
  firstPageMs: { median: number; max: number; cardsMedian: number; browserTaskMs: number; serverCpuMs: number }
  menu: Record<string, PageFigures>
  pages: Record<string, PageFigures>
}
type PageFigures = { dataMs: number; dataMsMax: number; readyMs: number; browserTaskMs: number; serverCpuMs: number; requests: number; slowest: PageTiming['slowest']; waterfall: PageTiming['waterfall'] }

const ratio = (x: number, target: number) => (x / target).toFixed(3)

function print(out: Figures, log: (line: string) => void) {
  log(`console build: ${out.bundle.buildMs} ms, ${out.bundle.jsFiles} JavaScript files`)
  log(`built JavaScript, gzipped: ${kib(out.bundle.jsGzipBytes)} (target < ${kib(TARGETS.jsGzipBytes)}, ratio ${ratio(out.bundle.jsGzipBytes, TARGETS.jsGzipBytes)}); the cockpit's first visit loads ${kib(out.bundle.cockpitJsGzipBytes)}`)
  log(`store: ${out.storedEvents.toLocaleString()} events; pages show ${out.window.from} .. ${out.window.to}`)
  log(`first page (cockpit), cold, until the KPI cards show their values: median ${out.firstPageMs.cardsMedian} ms (target < ${TARGETS.firstPageMs} ms, ratio ${ratio(out.firstPageMs.cardsMedian, TARGETS.firstPageMs)})`)
  log(`first page (cockpit), cold, until no panel is loading: median ${out.firstPageMs.median} ms, max ${out.firstPageMs.max} ms (target < ${TARGETS.firstPageMs} ms, ratio ${ratio(out.firstPageMs.median, TARGETS.firstPageMs)}); browser main thread ${out.firstPageMs.browserTaskMs} ms, server CPU ${out.firstPageMs.serverCpuMs} ms`)
  printPages(`page data through the menu of an open console, first API request to last answer (target < ${TARGETS.pageDataMs} ms), ready = click to data on screen:`, out.menu, log)
  printPages(`page data on a tab of its own (a link opened anew), first API request to last answer (target < ${TARGETS.pageDataMs} ms), ready = navigation to data on screen:`, out.pages, log)
}

function printPages(title: string, pages: Record<string, PageFigures>, log: (line: string) => void) {
  log(title)
  for (const [name, p] of Object.entries(pages)) {
    const slowest = p.slowest ? `; slowest ${p.slowest.path} ${round(p.slowest.ms)} ms` : ''
    log(`  ${name.padEnd(12)} median ${p.dataMs} ms, max ${p.dataMsMax} ms (ratio ${ratio(p.dataMs, TARGETS.pageDataMs)}), ready ${p.readyMs} ms, ${p.requests} requests${slowest}; browser main thread ${p.browserTaskMs} ms, server CPU ${p.serverCpuMs} ms`)
    // The last run's requests, as sent: which one waits for which.
    log(`    last run: ${p.waterfall.map((w) => `${w.path.replace('/api/v1', '')} +${Math.round(w.at)} ${Math.round(w.ms)} ms`).join(' · ')}`)
  }
}
