import path from 'node:path'
import { fileURLToPath } from 'node:url'
import cron from 'node-cron'
import { Counter, Gauge, type Registry } from 'prom-client'
import type { FastifyInstance } from 'fastify'
import { DEFAULT_CATALOGUE, getFinding, withThresholds } from '../analyzer/index.ts'
import { ConfigError, type Config } from '../core/config/index.ts'
import { requireUser } from '../core/access/index.ts'
import type { Store } from '../core/store/index.ts'
import { evaluateAlerts, notifyOnce, type EngineOptions } from './engine/engine.ts'
import { ticketNotices } from './engine/ticket-notices.ts'
import { watchRules } from './engine/watch-rules.ts'
import type { AlertState } from './engine/state.ts'
import { createNotifiers } from './notifiers/index.ts'
import { alertRoutes } from './routes/alerts.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { acknowledgeTicket, checkDeadlines, closeTicket, commentTicket, openTicketForFinding, reopenTicket, resolveTicket, startTicket } from './tickets/index.ts'

export interface AlertsOptions {
  config: Config
  store: Store
  registry?: Registry
}

export const SHIPPED_RULES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rules')

/**
 * The alert engine for a configuration: rules (reloaded when their files
 * change), receivers, and one evaluation — alert rules, then the tickets'
 * SLA sweep. The server runs it on its schedule; `orderlens alerts evaluate`
 * runs it once.
 */
export function alertEngine(config: Config, store: Store, log: { info(o: object, m: string): void; error(o: object, m: string): void }, registry?: Registry) {
  const rules = watchRules(config.alerts.rulesDir ?? SHIPPED_RULES, {
    onLoad: ({ rules: loaded, errors }) =>
      errors.length ? log.error({ errors: errors.map((e) => e.message) }, 'alert rules have errors; the last good rules stay in force') : log.info({ rules: loaded.length }, 'alert rules loaded'),
  })
  if (rules.errors().length && !rules.current().length) {
    rules.close()
    throw new ConfigError(`alert rules: ${rules.errors().map((e) => e.message).join('; ')}`)
  }
  const engine: EngineOptions = {
    store,
    config,
    rules: () => rules.current(),
    notifiers: createNotifiers(config.alerts.receivers),
    catalogue: withThresholds(DEFAULT_CATALOGUE, config.kpis),
    onFired: (alert) => ticketForFinding(store, alert),
  }
  const metrics = registry ? evaluationMetrics(registry) : undefined
  const evaluate = async (at: number) => {
    const result = await evaluateAlerts(engine, at)
    // Tickets' SLA timers run on the same beat: reminders before the deadline, escalation after it.
    const sweep = await checkDeadlines(store, at)
    const notices = await notifyOnce(engine, ticketNotices(sweep, at))
    metrics?.last.set(Date.now() / 1000)
    const notifications = [...result.notifications, ...notices]
    for (const n of notifications) metrics?.notifications.inc({ receiver: n.receiver, outcome: n.ok ? 'sent' : 'failed' })
    return { ...result, notifications, tickets: { reminded: sweep.reminded, escalated: sweep.escalated } }
  }
  return { rules, evaluate }
}

/**
 * Alerts as a Fastify plugin: the engine on its schedule, the alerts and
 * silences API, and disposal tickets.
 */
export async function alertsPlugin(app: FastifyInstance, opts: AlertsOptions): Promise<void> {
  const { config, store } = opts
  const { rules, evaluate } = alertEngine(config, store, app.log, opts.registry)
  const task = schedule(config.alerts.evaluateSchedule, async () => {
    try {
      const result = await evaluate(Date.now())
      if (result.fired.length || result.resolved.length) app.log.info({ fired: result.fired.length, resolved: result.resolved.length, notifications: result.notifications }, 'alerts evaluated')
    } catch (err) {
      app.log.warn({ err }, 'alert evaluation failed; the next one will try again')
    }
  })
  app.addHook('onClose', async () => {
    await task?.destroy()
    rules.close()
  })
  app.addHook('preHandler', requireUser())
  await app.register(alertRoutes, { store, rules, evaluate })
  await app.register(ticketRoutes, { store, config })
}

function schedule(expression: string, run: () => Promise<void>) {
  if (!expression) return undefined
  if (!cron.validate(expression)) throw new ConfigError(`alerts.evaluateSchedule: '${expression}' is not a cron expression`)
  return cron.schedule(expression, run, { name: 'alert-evaluation', noOverlap: true })
}

/** A failure pattern that starts firing gets its disposal ticket (once per finding). */
async function ticketForFinding(store: Store, alert: AlertState): Promise<void> {
  const id = alert.annotations.finding_id
  if (!id) return
  const finding = await getFinding(store, id)
  if (finding) await openTicketForFinding(store, finding, Date.parse(alert.fired_at ?? alert.last_seen))
}

function evaluationMetrics(registry: Registry) {
  return {
    last: new Gauge({ name: 'orderlens_alerts_last_evaluation_timestamp_seconds', help: 'When the last alert evaluation finished (unix seconds)', registers: [registry] }),
    notifications: new Counter({ name: 'orderlens_alerts_notifications_total', help: 'Notifications sent or failed after their retries', labelNames: ['receiver', 'outcome'] as const, registers: [registry] }),
  }
}

export { loadRuleDir } from './engine/load-rules.ts'
export { listAlerts, readSilences, writeSilence } from './engine/store.ts'
export { listTickets, checkDeadlines } from './tickets/index.ts'

/** The ticket changes the CLI offers, each with the same arguments. */
export const ticketActions = {
  acknowledge: (store: Store, id: string, by: string, now: number, o: { note: string }) => acknowledgeTicket(store, id, by, now, o.note),
  start: (store: Store, id: string, by: string, now: number, o: { note: string }) => startTicket(store, id, by, now, o.note),
  comment: (store: Store, id: string, by: string, now: number, o: { note: string }) => commentTicket(store, id, by, now, o.note),
  resolve: (store: Store, id: string, by: string, now: number, o: { note: string; evidence: string[] }) => resolveTicket(store, id, by, now, o),
  close: (store: Store, id: string, by: string, now: number, o: { note: string }) => closeTicket(store, id, by, now, o.note),
  reopen: (store: Store, id: string, by: string, now: number, o: { note: string }) => reopenTicket(store, id, by, now, o.note),
}
