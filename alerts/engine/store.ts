import type { Store } from '../../core/store/index.ts'
import type { DeliveryResult } from '../notifiers/index.ts'
import type { Matcher, Silence } from './silences.ts'
import type { AlertState, AlertStatus } from './state.ts'

const STATE_COLUMNS = ['id', 'fingerprint', 'alertname', 'severity', 'status', 'labels', 'annotations', 'active_since', 'fired_at', 'resolved_at', 'last_seen', 'notified_at', 'resolve_notified_at', 'version'] as const
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso))
const iso = (epochMs: string | number | null) => (epochMs === null ? null : new Date(Number(epochMs)).toISOString())
const milli = (column: string) => `if(isNull(${column}), NULL, toUnixTimestamp64Milli(assumeNotNull(${column}))) AS ${column}`

export async function writeAlertStates(store: Store, states: AlertState[]): Promise<void> {
  if (!states.length) return
  const lines = states.map((a) =>
    JSON.stringify([a.id, a.fingerprint, a.labels.alertname ?? '', a.labels.severity ?? '', a.status, a.labels, a.annotations, ms(a.active_since), ms(a.fired_at), ms(a.resolved_at), ms(a.last_seen), ms(a.notified_at), ms(a.resolve_notified_at), a.version]),
  )
  await store.insertRows('alert_states', STATE_COLUMNS, lines.join('\n') + '\n')
}

/** Times as epoch ms; the filter runs in the inner query, where no SELECT alias shadows its column. */
const selectStates = (where: string, tail = '') => `SELECT id, fingerprint, status, labels, annotations, toUnixTimestamp64Milli(active_since) AS active_since, ${milli('fired_at')}, ${milli('resolved_at')},
  toUnixTimestamp64Milli(last_seen) AS last_seen, ${milli('notified_at')}, ${milli('resolve_notified_at')}, version FROM (SELECT * FROM alert_states FINAL WHERE ${where}) ${tail}`

type StateRow = Omit<AlertState, 'version'> & { version: string }

const fromRow = (r: StateRow): AlertState => ({
  ...r,
  active_since: iso(r.active_since)!,
  last_seen: iso(r.last_seen)!,
  fired_at: iso(r.fired_at),
  resolved_at: iso(r.resolved_at),
  notified_at: iso(r.notified_at),
  resolve_notified_at: iso(r.resolve_notified_at),
  version: Number(r.version),
})

/** Pending and firing alerts, and resolved ones whose resolution has not been told yet. */
export async function readLiveAlerts(store: Store): Promise<AlertState[]> {
  const rows = await store.query<StateRow>(selectStates(`status IN ('pending', 'firing') OR (status = 'resolved' AND isNotNull(notified_at) AND isNull(resolve_notified_at))`))
  return rows.map(fromRow)
}

export async function listAlerts(store: Store, filter: { status: AlertStatus[]; since?: number; limit: number }): Promise<AlertState[]> {
  const rows = await store.query<StateRow>(
    selectStates(
      `status IN {status:Array(String)} AND ({since:Nullable(Int64)} IS NULL OR coalesce(resolved_at, last_seen) >= fromUnixTimestamp64Milli({since:Nullable(Int64)}))`,
      `ORDER BY status = 'resolved', coalesce(fired_at, active_since) DESC LIMIT {limit:UInt32}`,
    ),
    { status: filter.status, since: filter.since ?? null, limit: filter.limit },
  )
  return rows.map(fromRow)
}

const NOTIFICATION_COLUMNS = ['sent_at', 'receiver', 'kind', 'group_key', 'status', 'ok', 'attempts', 'error', 'alert_ids', 'muted', 'detail'] as const

export async function recordNotification(store: Store, result: DeliveryResult, alertIds: string[], muted: string[] = []): Promise<void> {
  const line = JSON.stringify([Date.parse(result.startedAt), result.receiver, result.kind, result.groupKey, result.status, result.ok, result.attempts.length, result.error ?? '', alertIds, muted, JSON.stringify(result.attempts)])
  await store.insertRows('alert_notifications', NOTIFICATION_COLUMNS, line + '\n')
}

export interface NotificationRecord {
  sent_at: string
  receiver: string
  kind: string
  group_key: string
  status: string
  ok: boolean
  attempts: number
  error: string
  alert_ids: string[]
  detail: unknown
}

export async function listNotifications(store: Store, filter: { receiver?: string; failedOnly?: boolean; limit: number }): Promise<NotificationRecord[]> {
  const rows = await store.query<NotificationRecord & { sent_at: string; detail: string }>(
    `SELECT toUnixTimestamp64Milli(sent_at) AS sent_at, receiver, kind, group_key, status, ok, attempts, error, alert_ids, detail FROM alert_notifications
     WHERE ({receiver:String} = '' OR receiver = {receiver:String}) AND (NOT {failed:Bool} OR NOT ok)
     ORDER BY sent_at DESC LIMIT {limit:UInt32}`,
    { receiver: filter.receiver ?? '', failed: filter.failedOnly ?? false, limit: filter.limit },
  )
  return rows.map((r) => ({ ...r, sent_at: iso(r.sent_at)!, attempts: Number(r.attempts), detail: JSON.parse(r.detail) as unknown }))
}

export async function writeSilence(store: Store, s: Silence, version = Date.now()): Promise<void> {
  const line = JSON.stringify([s.id, JSON.stringify(s.matchers), Date.parse(s.startsAt), Date.parse(s.endsAt), s.createdBy, s.comment, version])
  await store.insertRows('alert_silences', ['id', 'matchers', 'starts_at', 'ends_at', 'created_by', 'comment', 'version'], line + '\n')
}

/** Silences not yet over at `at` (or, with `all`, every one, newest first). */
export async function readSilences(store: Store, at: number, all = false): Promise<Silence[]> {
  const rows = await store.query<{ id: string; matchers: string; starts_at: string; ends_at: string; created_by: string; comment: string }>(
    `SELECT id, matchers, toUnixTimestamp64Milli(starts_at) AS starts_at, toUnixTimestamp64Milli(ends_at) AS ends_at, created_by, comment
     FROM (SELECT * FROM alert_silences FINAL WHERE {all:Bool} OR ends_at > fromUnixTimestamp64Milli({at:Int64})) ORDER BY starts_at DESC LIMIT 1000`,
    { at, all },
  )
  return rows.map((r) => ({ id: r.id, matchers: JSON.parse(r.matchers) as Matcher[], startsAt: iso(r.starts_at)!, endsAt: iso(r.ends_at)!, createdBy: r.created_by, comment: r.comment }))
}
