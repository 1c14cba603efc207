import type { Config } from '../../core/config/index.ts'
import type { Store } from '../../core/store/index.ts'
import type { DeliveryOptions, Notifier } from '../notifiers/index.ts'
import { dispatch, type Route } from './dispatch.ts'
import type { LoadedRule } from './load-rules.ts'
import { evaluateRules } from './signals/index.ts'
import { mutedBy, type MaintenanceWindow } from './silences.ts'
import { advanceAlerts, type AlertState } from './state.ts'
import { readLiveAlerts, readSilences, recordNotification, writeAlertStates } from './store.ts'

export interface EngineOptions {
  store: Store
  config: Config
  rules: () => LoadedRule[]
  notifiers: Map<string, Notifier>
  catalogue: Parameters<typeof evaluateRules>[3]
  delivery?: DeliveryOptions
  /** Told of every alert that starts firing (tickets open here). */
  onFired?(alert: AlertState): Promise<void>
}

export interface EvaluationResult {
  at: string
  signals: number
  fired: AlertState[]
  resolved: AlertState[]
  notifications: { receiver: string; status: string; ok: boolean; alerts: number; error?: string }[]
  muted: { id: string; by: string }[]
  failures: { alert: string; error: string }[]
}

/**
 * One evaluation at `at`: every rule's signals through the state machine;
 * alerts that start firing are told once, those that resolve are told they
 * did (only where their firing was told); muted alerts wait for their
 * silence to end; a delivery that failed after its retries is tried again
 * at the next evaluation, and every try is in the history.
 */
export async function evaluateAlerts(opts: EngineOptions, at: number): Promise<EvaluationResult> {
  const settings = opts.config.alerts
  const evaluation = await evaluateRules(opts.store, opts.rules(), at, opts.catalogue)
  const live = await readLiveAlerts(opts.store)
  const changes = advanceAlerts(live, evaluation.signals, at, settings.resolveAfterMinutes * 60_000)
  const current = new Map(live.map((a) => [a.id, a]))
  for (const a of changes.changed) current.set(a.id, a)

  const silences = await readSilences(opts.store, at)
  const windows: MaintenanceWindow[] = settings.maintenanceWindows.map((w) => ({ ...w, durationMs: w.durationMinutes * 60_000 }))
  const due = [...current.values()].filter((a) => (a.status === 'firing' && !a.notified_at) || (a.status === 'resolved' && a.notified_at && !a.resolve_notified_at))
  const muted = due.map((a) => ({ a, by: mutedBy(a.labels, at, silences, windows) }))
  const toSend = muted.filter((m) => !m.by).map((m) => m.a)
  const routes = settings.routes as Route[]
  const sent = await dispatch(toSend, routes, opts.notifiers, settings.externalUrl, opts.delivery ?? {})
  const now = new Date(at).toISOString()
  const told = new Set(sent.filter((d) => d.result.ok).flatMap((d) => d.alertIds))
  const triedAndFailed = new Set(sent.filter((d) => !d.result.ok).flatMap((d) => d.alertIds))
  for (const a of toSend) {
    // Told (or with no receiver to tell): marked; failed everywhere: tried again next time.
    if (triedAndFailed.has(a.id) && !told.has(a.id)) continue
    const marked = a.status === 'firing' ? { ...a, notified_at: now } : { ...a, resolve_notified_at: now }
    current.set(a.id, { ...marked, version: Math.max(a.version + 1, at) })
  }
  await refreshAlertmanagers(opts, [...current.values()].filter((a) => a.status === 'firing' && a.notified_at && !toSend.includes(a) && !mutedBy(a.labels, at, silences, windows)))
  const changedIds = new Set([...changes.changed.map((a) => a.id), ...toSend.map((a) => a.id)])
  await writeAlertStates(opts.store, [...current.values()].filter((a) => changedIds.has(a.id)))
  for (const d of sent) await recordNotification(opts.store, d.result, d.alertIds)
  for (const a of changes.fired) await opts.onFired?.(a)
  return {
    at: now,
    signals: evaluation.signals.length,
    fired: changes.fired,
    resolved: changes.resolved,
    notifications: sent.map(summary),
    muted: muted.filter((m) => m.by).map((m) => ({ id: m.a.id, by: m.by! })),
    failures: evaluation.failures,
  }
}

/** Sends one-off alerts (ticket reminders and escalations) to their receivers and records each delivery. */
export async function notifyOnce(opts: EngineOptions, alerts: AlertState[]): Promise<EvaluationResult['notifications']> {
  if (!alerts.length) return []
  const settings = opts.config.alerts
  const sent = await dispatch(alerts, settings.routes as Route[], opts.notifiers, settings.externalUrl, opts.delivery ?? {})
  for (const d of sent) await recordNotification(opts.store, d.result, d.alertIds)
  return sent.map(summary)
}

const summary = (d: Awaited<ReturnType<typeof dispatch>>[number]) => ({ receiver: d.result.receiver, status: d.result.status, ok: d.result.ok, alerts: d.alertIds.length, ...(d.result.error ? { error: d.result.error } : {}) })

/**
 * An Alertmanager resolves an alert it has not heard of for its
 * resolve_timeout; like Prometheus, every evaluation sends it the alerts
 * still firing. Only failures are recorded (a success every minute is noise).
 */
async function refreshAlertmanagers(opts: EngineOptions, firing: AlertState[]): Promise<void> {
  const alertmanagers = new Map([...opts.notifiers].filter(([, n]) => n.kind === 'alertmanager'))
  if (!alertmanagers.size || !firing.length) return
  const settings = opts.config.alerts
  const sent = await dispatch(firing, settings.routes as Route[], alertmanagers, settings.externalUrl, { ...opts.delivery, retries: 0 })
  for (const d of sent.filter((d) => !d.result.ok)) await recordNotification(opts.store, d.result, d.alertIds)
}
