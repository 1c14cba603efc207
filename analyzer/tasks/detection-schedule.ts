import cron from 'node-cron'
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import { ConfigError, type Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import { runDetectionPass, type FindingSource, type PassResult } from '../findings/pass.ts'

export interface DetectionScheduleOptions {
  store: Store
  config: Config
  registry?: Registry
  sources?: FindingSource[]
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
  /** Told of every pass that changed something (alerts will listen here). */
  onPass?(pass: PassResult): void | Promise<void>
}

export interface DetectionSchedule {
  /** Runs one pass now (on demand), through the same path as the schedule. */
  runNow(at?: number): Promise<PassResult>
  stop(): Promise<void>
}

/** The detection pass on its cron schedule (every minute by default); passes never overlap. */
export function scheduleDetection(options: DetectionScheduleOptions): DetectionSchedule {
  const { store, config, log } = options
  const settings = config.analyzer
  const metrics = options.registry ? passMetrics(options.registry) : undefined
  const runNow = async (at = Date.now()) => {
    const stopTimer = metrics?.seconds.startTimer()
    const pass = await runDetectionPass(store, {
      at,
      lookbackMs: settings.lookbackMinutes * 60_000,
      graceMs: settings.endAfterQuietMinutes * 60_000,
      sources: options.sources,
    })
    stopTimer?.()
    metrics?.lastPass.set(Date.now() / 1000)
    if (pass.changes.opened + pass.changes.updated + pass.changes.ended > 0) await options.onPass?.(pass)
    return pass
  }
  if (!settings.detectSchedule) return { runNow, stop: async () => {} }
  if (!cron.validate(settings.detectSchedule)) throw new ConfigError(`analyzer.detectSchedule: '${settings.detectSchedule}' is not a cron expression`)
  const task = cron.schedule(
    settings.detectSchedule,
    async () => {
      try {
        const pass = await runNow()
        if (pass.changes.opened || pass.changes.ended) log.info({ changes: pass.changes, seconds: pass.seconds }, 'detection pass')
      } catch (err) {
        metrics?.failures.inc()
        log.warn({ err }, 'detection pass failed; the next one will try again')
      }
    },
    { name: 'detection-pass', noOverlap: true },
  )
  return { runNow, stop: async () => void (await task.destroy()) }
}

function passMetrics(registry: Registry) {
  return {
    seconds: new Histogram({ name: 'orderlens_analyzer_pass_seconds', help: 'Duration of a detection pass', buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30], registers: [registry] }),
    lastPass: new Gauge({ name: 'orderlens_analyzer_last_pass_timestamp_seconds', help: 'When the last detection pass finished (unix seconds)', registers: [registry] }),
    failures: new Counter({ name: 'orderlens_analyzer_pass_failures_total', help: 'Detection passes that failed', registers: [registry] }),
  }
}
