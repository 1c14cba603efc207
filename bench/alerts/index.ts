import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { alertEngine, SHIPPED_RULES } from '../../alerts/index.ts'
import { runDetectionPass } from '../../analyzer/index.ts'
import { detectAll } from '../../analyzer/detectors/index.ts'
import { loadConfig } from '../../core/config/index.ts'
import { migrate, openStore } from '../../core/store/index.ts'
import { simulate, storeSink } from '../../simulator/index.ts'
import { startReceiver } from '../../testkit/receivers.ts'
import { evidenceStart, STORY_HOURS, storyFaults } from '../../testkit/stories.ts'
import type { BenchFlags } from '../registry.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const FROM = Date.parse('2026-03-10T00:00:00+08:00')
const PATIENCE_MIN = 60
const quiet = { info: () => undefined, error: () => undefined }

/**
 * Time from a fault's start to its notification: every story of day 1 of a
 * simulated company, replayed as the server's schedules run — a detection
 * pass each minute, the alert evaluation half a minute later — until a
 * local webhook receiver has the story's alert. Prints minutes after the
 * fault's start and after its evidence, and the delivery time on loopback.
 * `--events` is the company's orders per day (default 20,000).
 */
export async function alertsBench(flags: BenchFlags): Promise<void> {
  const ordersPerDay = flags.events ?? 20_000
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-alertbench-'))
  const rulesDir = mkdtempSync(path.join(tmpdir(), 'orderlens-alertbench-rules-'))
  copyFileSync(path.join(SHIPPED_RULES, 'findings.yml'), path.join(rulesDir, 'findings.yml'))
  const webhook = await startReceiver(() => ({ status: 200, body: 'ok' }))
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir: dir,
      alerts: { evaluateSchedule: '', rulesDir, receivers: [{ kind: 'webhook', name: 'hook', url: webhook.url }], routes: [{ receiver: 'hook', matchers: [], group_by: ['alertname', 'pattern'], continue: false }] },
    },
  })
  const store = openStore(config)
  const faults = storyFaults(FROM)
  const rows = []
  try {
    await migrate(store)
    const sink = storeSink(store, config, 'alerts-bench')
    await simulate({ seed: 2026, from: FROM, to: FROM + STORY_HOURS * HOUR, company: { ordersPerDay }, faults, sink })
    await sink.close()
    const { rules, evaluate } = alertEngine(config, store, quiet)
    try {
      // The schedules only move forward: stories in the order their evidence appears; a story notified
      // while an earlier one was being watched keeps that first notification.
      const firstNotice = new Map<string, { t: number; deliveryMs: number }>()
      const evidenceOf = new Map(await Promise.all(faults.map(async (f) => [f.scenario, await evidenceStart(store, f)] as const)))
      for (const fault of [...faults].sort((a, b) => evidenceOf.get(a.scenario)! - evidenceOf.get(b.scenario)!)) {
        const evidence = evidenceOf.get(fault.scenario)!
        for (let m = 0; m <= PATIENCE_MIN && !firstNotice.has(fault.scenario); m++) {
          const t = evidence + m * MIN
          await runDetectionPass(store, { at: t, lookbackMs: 15 * MIN, graceMs: 5 * MIN, sources: [detectAll] })
          const seen = webhook.requests.length
          const started = Date.now()
          await evaluate(t + 30_000)
          for (const r of webhook.requests.slice(seen)) {
            for (const a of (r.json as { alerts: { labels: Record<string, string> }[] }).alerts) {
              // The story's own alert: its pattern, and every pair of the fault's scope among its labels.
              const story = faults.find((f) => f.scenario === a.labels.pattern && Object.entries(f.scope).every(([k, v]) => a.labels[k] === v))
              if (story && !firstNotice.has(story.scenario)) firstNotice.set(story.scenario, { t: t + 30_000, deliveryMs: r.at - started })
            }
          }
        }
      }
      for (const fault of faults) {
        const notice = firstNotice.get(fault.scenario)
        const evidence = evidenceOf.get(fault.scenario)!
        rows.push({
          scenario: fault.scenario,
          minutes_after_fault_start: notice ? Number(((notice.t - fault.start) / MIN).toFixed(1)) : null,
          minutes_after_evidence: notice ? Number(((notice.t - evidence) / MIN).toFixed(1)) : null,
          evaluation_to_receipt_ms: notice?.deliveryMs ?? null,
        })
      }
    } finally {
      rules.close()
    }
  } finally {
    await store.close()
    await webhook.close()
    rmSync(dir, { recursive: true, force: true })
  }
  if (flags.json) return console.log(JSON.stringify({ orders_per_day: ordersPerDay, stories: rows }, null, 2))
  console.log(`alerts benchmark: a ${ordersPerDay.toLocaleString()}-orders-a-day company; detection each minute, alert evaluation 30 s later, webhook on loopback`)
  console.log('  story               min after start  min after evidence  evaluation → receipt')
  for (const r of rows) console.log(`  ${r.scenario.padEnd(19)} ${String(r.minutes_after_fault_start ?? 'MISSED').padStart(15)}  ${String(r.minutes_after_evidence ?? '-').padStart(18)}  ${r.evaluation_to_receipt_ms === null ? '-' : `${r.evaluation_to_receipt_ms} ms`}`)
}
