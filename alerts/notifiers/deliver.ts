/**
 * Delivery with retries: exponential back-off with jitter (p-retry), every
 * attempt recorded for the notification history. A final failure is returned,
 * not thrown, so the engine can store it and show it.
 */
import pRetry, { AbortError } from 'p-retry'
import { NotifyError } from './errors.ts'
import type { Notification, Notifier, NotifierKind } from './types.ts'

export interface DeliveryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number
  /** Delay before the first retry; doubles each time, times a random factor in [1, 2) (default 1 s). */
  baseDelayMs?: number
  /** Cap on one delay (default 60 s). */
  maxDelayMs?: number
  /** Stops waiting between attempts (shutdown). */
  signal?: AbortSignal
}

export interface DeliveryAttempt {
  /** ISO start of the attempt. */
  at: string
  ok: boolean
  durationMs: number
  error?: string
  /** HTTP status, or the SMTP reply code, when the receiver answered. */
  status?: number
}

export interface DeliveryResult {
  receiver: string
  kind: NotifierKind
  groupKey: string
  status: Notification['status']
  ok: boolean
  attempts: DeliveryAttempt[]
  /** The last attempt's error when ok is false. */
  error?: string
  startedAt: string
  finishedAt: string
}

export async function deliver(notifier: Notifier, notification: Notification, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const attempts: DeliveryAttempt[] = []
  const startedAt = new Date().toISOString()
  let error: string | undefined
  try {
    await pRetry(() => attempt(notifier, notification, attempts), {
      retries: options.retries ?? 3,
      minTimeout: options.baseDelayMs ?? 1000,
      maxTimeout: options.maxDelayMs ?? 60_000,
      factor: 2,
      randomize: true,
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure)
  }
  return {
    receiver: notifier.name,
    kind: notifier.kind,
    groupKey: notification.groupKey,
    status: notification.status,
    ok: error === undefined,
    attempts,
    ...(error === undefined ? {} : { error }),
    startedAt,
    finishedAt: new Date().toISOString(),
  }
}

/** One send, recorded; a refusal that retrying cannot change stops the retries. */
async function attempt(notifier: Notifier, notification: Notification, attempts: DeliveryAttempt[]): Promise<void> {
  const at = new Date()
  const started = performance.now()
  try {
    await notifier.send(notification)
    attempts.push({ at: at.toISOString(), ok: true, durationMs: elapsed(started) })
  } catch (failure) {
    const error = failure instanceof Error ? failure : new Error(String(failure))
    const status = error instanceof NotifyError ? error.status : undefined
    attempts.push({ at: at.toISOString(), ok: false, durationMs: elapsed(started), error: error.message, ...(status === undefined ? {} : { status }) })
    if (error instanceof NotifyError && !error.retryable) throw new AbortError(error)
    throw error
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}
