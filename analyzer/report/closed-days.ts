import { LRUCache } from 'lru-cache'
import type { Store } from '../../core/store/index.ts'
import type { ConsistencyReport } from './answers.ts'
import { chinaDay, consistencyReport } from './consistency.ts'

/** A China day is closed this long after its end: the last orders of the day have landed and been compared by then. */
export const CLOSED_AFTER_MS = 2 * 3_600_000

/** A year of days is ~365 small answers (a few KB each). */
const MAX_DAYS = 366

const caches = new WeakMap<Store, LRUCache<string, ConsistencyReport>>()

/**
 * The daily consistency report, computed once per closed day and kept in
 * this process: a closed day's report is read every morning by every manager
 * opening the cockpit, and rescanning the day's events (~0.4 s of two cores
 * at 10 M events) each time buys nothing. A day is closed when it ended
 * CLOSED_AFTER_MS ago both by the clock and by the newest stored event (a
 * replayed or backfilled history that has not reached past the day yet keeps
 * it open, computed live). The kept report is the day as it stood when it
 * closed: an event about its orders stored later (a re-creation keyed in days
 * after) shows after a restart. In-process rather than a table: nothing to
 * migrate or invalidate across versions of the report's rules, and a restart
 * costs one scan per day asked. Today's and other open days are computed live.
 */
export async function dailyConsistencyReport(store: Store, date: string, now = Date.now()): Promise<ConsistencyReport> {
  const cache = cacheOf(store)
  const kept = cache.get(date)
  if (kept) return kept
  const report = await consistencyReport(store, date)
  if (await isClosed(store, chinaDay(date).to, now)) cache.set(date, report)
  return report
}

/** Asked after the report so a day that closes while it is computed is not kept half-read; the newest event is a cheap max over the sorted key. */
async function isClosed(store: Store, dayEnd: number, now: number): Promise<boolean> {
  if (now < dayEnd + CLOSED_AFTER_MS) return false
  const [row] = await store.query<{ newest: string | number }>('SELECT toUnixTimestamp64Milli(max(event_time)) AS newest FROM order_events', {})
  return Number(row?.newest ?? 0) >= dayEnd + CLOSED_AFTER_MS
}

function cacheOf(store: Store): LRUCache<string, ConsistencyReport> {
  let cache = caches.get(store)
  if (!cache) {
    cache = new LRUCache({ max: MAX_DAYS })
    caches.set(store, cache)
  }
  return cache
}
