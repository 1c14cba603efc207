import os from 'node:os'
import { attributeMetric, METRICS } from '../../analyzer/attribution/index.ts'
import { computeKpis, DEFAULT_CATALOGUE } from '../../analyzer/kpis/compute.ts'
import { computeSeries } from '../../analyzer/kpis/series.ts'
import { computeTrends } from '../../analyzer/kpis/trends.ts'
import { dailyConsistencyReport } from '../../analyzer/report/closed-days.ts'
import { consistencyReport } from '../../analyzer/report/consistency.ts'
import { loadConfig } from '../../core/config/index.ts'
import { openStore, type Store } from '../../core/store/index.ts'
import { readBackfillInfo } from '../analyzer/backfill.ts'
import { median, round, timeRunsWithCpu } from '../analyzer/measure.ts'
import { storeFlags } from '../flags.ts'
import type { BenchFlags } from '../registry.ts'

const DAY = 86_400_000
const TARGET_MS = 1000

/**
 * The cockpit page's API requests over a stored >= 10 M-event store (built by
 * `npm run bench -- analyzer --data DIR`; only read here, never migrated or
 * written): each request alone (warm median), and the page's load as the
 * browser asks — the cards with their sparklines first, then the panels together —
 * against the 1 s target.
 */
export async function cockpitBench(flags: BenchFlags): Promise<void> {
  const own = storeFlags(process.argv, { days: 14, ordersPerDay: 40_000, runs: 3 })
  if (!own.data) throw new Error('--data DIR: the store of `npm run bench -- analyzer --data DIR` (read only)')
  const info = readBackfillInfo(own.data)
  if (!info) throw new Error(`${own.data} holds no finished analyzer backfill`)
  const store = openStore(loadConfig({ env: {}, overrides: { dataDir: own.data } }))
  try {
    const out = { dataDir: own.data, loadAverage: os.loadavg().map((x) => round(x, 2)), ...(await measure(store, info.from + (info.days - 1) * DAY, own.runs)), targetMs: TARGET_MS }
    if (flags.json) console.log(JSON.stringify(out, null, 2))
    else print(out)
  } finally {
    await store.close()
  }
}

/**
 * The requests the cockpit sends for the last stored day (24 h preset: 1 h buckets), with its default drill-down
 * (by channel, every KPI's breakdown with 3 h lines) and report: the cards, their sparklines and the drill-down in
 * one request, the report beside it, and the attribution of a worsened KPI once the cards are in. The requests it
 * sent before are measured alone and as a page for comparison.
 */
const DRILL_KPI = 'status_consistency'
const HOUR = 3_600_000

function pageRequests(store: Store, from: number) {
  const to = from + DAY
  const date = new Date(from + 8 * HOUR).toISOString().slice(0, 10)
  return {
    'GET /kpis?trend=1h&dimension=channel&breakdown_trend=3h (cards + sparklines + drill-down)': () =>
      computeKpis(store, { from, to, trendBucket: HOUR, dimension: 'channel', breakdownTrendBucket: 3 * HOUR }),
    // The last stored day: the data stops at its end, so it is open (computed live), as today's report is on the page.
    'GET /reports/consistency (day, open)': () => dailyConsistencyReport(store, date),
    'GET /attribution?metric=call_success_rate': () => attributeMetric(store, { metric: METRICS.call_success_rate!, from, to }),
  }
}

/** What the page asked before: measured alone, for the before/after figures. */
function formerRequests(store: Store, from: number) {
  const to = from + DAY
  const kpi = DEFAULT_CATALOGUE.find((d) => d.id === DRILL_KPI)!
  return {
    'former: GET /kpis?trend=1h (cards + sparklines)': () => computeKpis(store, { from, to, trendBucket: HOUR }),
    'former: GET /kpis?dimension=channel&kpi=…&totals=false&trend=3h (drill-down + lines)': () => computeKpis(store, { from, to, dimension: 'channel', ids: [DRILL_KPI], totals: false, trendBucket: 3 * HOUR }),
    'former: GET /kpis (cards)': () => computeKpis(store, { from, to }),
    // The day before, closed: computed once by the first run, then kept (the median is a kept answer; the first run is the scan).
    'GET /reports/consistency (day before, closed: kept)': () => dailyConsistencyReport(store, new Date(from - DAY + 8 * HOUR).toISOString().slice(0, 10)),
    'former: GET /reports/consistency (day before, always scanned)': () => consistencyReport(store, new Date(from - DAY + 8 * HOUR).toISOString().slice(0, 10)),
    'former: GET /kpis/trends (all sparklines, 1h)': () => computeTrends(store, DEFAULT_CATALOGUE, { from, to, bucket: '1h' }),
    'former: GET /kpis/series?dimension=channel (drill-down lines)': () => computeSeries(store, kpi, { from, to, bucket: '3h', dimension: 'channel' }),
  }
}

async function measure(store: Store, from: number, runs: number) {
  const requests = pageRequests(store, from)
  const former = formerRequests(store, from)
  const alone: Record<string, { wall: number; cpu: number }> = {}
  for (const [name, run] of Object.entries({ ...requests, ...former })) alone[name] = figure(await timeRunsWithCpu(runs, run))
  const [cards, report, attribution] = Object.values(requests) as [() => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>]
  // As the page asks: the cards (with the drill-down) and the report together; a worsened KPI's attribution after the cards.
  const firstView = await timeRunsWithCpu(runs, cards)
  const pageLoad = await timeRunsWithCpu(runs, () => Promise.all([cards(), report()]))
  const withAttribution = await timeRunsWithCpu(runs, () => Promise.all([cards().then(attribution), report()]))
  // The former pattern under the same load: the cards alone, then the drill-down, the report and the attribution together.
  const formerLoad = await timeRunsWithCpu(runs, async () => {
    await former['former: GET /kpis?trend=1h (cards + sparklines)']()
    await Promise.all([former['former: GET /kpis?dimension=channel&kpi=…&totals=false&trend=3h (drill-down + lines)'](), report(), attribution()])
  })
  return {
    day: new Date(from).toISOString(),
    aloneMedianMs: alone,
    cardsFirstMs: staged(firstView),
    pageLoadMs: staged(pageLoad),
    withAttributionMs: staged(withAttribution),
    formerPageLoadMs: staged(formerLoad),
  }
}

/** Wall and CPU medians (the engine runs in this process: its CPU time is a figure other programs on a shared machine barely move). */
const figure = (t: { wall: number[]; cpu: number[] }) => ({ wall: round(median(t.wall)), cpu: round(median(t.cpu)) })
const staged = (t: { wall: number[]; cpu: number[] }) => ({ runs: t.wall.map((x) => round(x)), median: round(median(t.wall)), cpuMedian: round(median(t.cpu)), ratioToTarget: round(median(t.wall) / TARGET_MS, 2) })

function print(out: Awaited<ReturnType<typeof measure>> & { dataDir: string; loadAverage: number[] }): void {
  console.log(`cockpit page data over ${out.dataDir}, day from ${out.day}; load average ${out.loadAverage.join(' / ')} on ${os.cpus().length} cores (shared)`)
  for (const [name, ms] of Object.entries(out.aloneMedianMs)) console.log(`  ${name.padEnd(64)} ${ms.wall} ms alone (median; CPU ${ms.cpu} ms)`)
  console.log(`  cards + sparklines + drill-down, alone    : median ${out.cardsFirstMs.median} ms (runs ${out.cardsFirstMs.runs.join(', ')}) — ${out.cardsFirstMs.ratioToTarget} of the 1 s target; CPU ${out.cardsFirstMs.cpuMedian} ms`)
  console.log(`  page load: cards with drill-down ∥ report : median ${out.pageLoadMs.median} ms (runs ${out.pageLoadMs.runs.join(', ')}) — ${out.pageLoadMs.ratioToTarget} of the 1 s target; CPU ${out.pageLoadMs.cpuMedian} ms`)
  console.log(`  the same, attribution after the cards     : median ${out.withAttributionMs.median} ms (runs ${out.withAttributionMs.runs.join(', ')}) — ${out.withAttributionMs.ratioToTarget} of the 1 s target; CPU ${out.withAttributionMs.cpuMedian} ms`)
  console.log(`  former: cards, then drill-down ∥ report ∥ attribution: median ${out.formerPageLoadMs.median} ms (runs ${out.formerPageLoadMs.runs.join(', ')}) — ${out.formerPageLoadMs.ratioToTarget} of the 1 s target; CPU ${out.formerPageLoadMs.cpuMedian} ms`)
}
