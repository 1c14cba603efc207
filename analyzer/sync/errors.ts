import type { Store } from '../../core/store/index.ts'
import { FAILED, IN_WINDOW, SYSTEM_FILTER, windowParams, type SyncWindow } from './sql.ts'
import type { ErrorReason, ErrorsAnswer } from './types.ts'

export interface ErrorsRequest extends SyncWindow {
  system?: string
  endpoint?: string
  limit: number
}

/** Endpoints listed per reason. */
const ENDPOINTS_PER_REASON = 5

const filters = (r: ErrorsRequest) => [IN_WINDOW, ...(r.system ? [SYSTEM_FILTER] : []), ...(r.endpoint ? ['endpoint = {endpoint:String}'] : [])].join(' AND ')

/**
 * Failed calls by error code and status class, from the per-minute rollup:
 * per reason its count, its share of all failures, and the endpoints that
 * answered with it. The totals come from the same scan (WITH TOTALS would
 * not count calls that did not fail).
 */
const REASONS_SQL = (where: string) => `
  SELECT error_code, status_class, sum(n) AS n_calls,
         arraySlice(arrayReverseSort(e -> e.4, groupArray((source_system, target_system, endpoint, n, toString(last)))), 1, ${ENDPOINTS_PER_REASON}) AS endpoints
  FROM (SELECT error_code, status_class, source_system, target_system, endpoint, sum(calls) AS n, max(minute) AS last
        FROM calls_per_minute WHERE ${where} AND ${FAILED}
        GROUP BY error_code, status_class, source_system, target_system, endpoint)
  GROUP BY error_code, status_class
  ORDER BY n_calls DESC, error_code`

const TOTALS_SQL = (where: string) => `SELECT sum(calls) AS n_calls, sumIf(calls, ${FAILED}) AS n_failed FROM calls_per_minute WHERE ${where}`

/**
 * One stored message per code, read from raw calls only in the last minute
 * the code was seen on its most affected endpoint: (target_system, endpoint,
 * ts) leads the raw table's sort key, so each condition reads a granule or
 * two, whatever the window. Conditions are numbered in code; every value is
 * a bound parameter.
 */
const SAMPLE_SQL = (n: number) => `
  SELECT error_code, any(error_message) AS message FROM interface_calls
  WHERE error_message != '' AND (${Array.from({ length: n }, (_, i) => `(target_system = {t${i}:String} AND endpoint = {e${i}:String} AND ts >= {m${i}:DateTime64(3)} AND ts < {m${i}:DateTime64(3)} + INTERVAL 1 MINUTE AND error_code = {c${i}:String})`).join(' OR ')})
  GROUP BY error_code`

/** source, target, endpoint, calls, last minute seen. */
type Endpoint = [string, string, string, string, string]

export async function errorReasons(store: Store, r: ErrorsRequest): Promise<ErrorsAnswer> {
  const params = windowParams(r, { ...(r.system ? { system: r.system } : {}), ...(r.endpoint ? { endpoint: r.endpoint } : {}) })
  const [rows, [totals]] = await Promise.all([
    store.query<{ error_code: string; status_class: string; n_calls: string; endpoints: Endpoint[] }>(REASONS_SQL(filters(r)), params),
    store.query<{ n_calls: string; n_failed: string }>(TOTALS_SQL(filters(r)), params),
  ])
  const failures = Number(totals?.n_failed ?? 0)
  const top = rows.slice(0, r.limit)
  const messages = await sampleMessages(store, top)
  const reasons: ErrorReason[] = top.map((row) => ({
    error_code: row.error_code,
    status_class: row.status_class,
    calls: Number(row.n_calls),
    share: failures > 0 ? Number(row.n_calls) / failures : 0,
    endpoints: row.endpoints.map(([source_system, target_system, endpoint, n]) => ({ source_system, target_system, endpoint, calls: Number(n) })),
    sample_message: messages.get(row.error_code) ?? null,
  }))
  return {
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    system: r.system ?? null,
    endpoint: r.endpoint ?? null,
    calls: Number(totals?.n_calls ?? 0),
    failures,
    reasons,
    total_reasons: rows.length,
  }
}

async function sampleMessages(store: Store, top: { error_code: string; endpoints: Endpoint[] }[]): Promise<Map<string, string>> {
  const coded = top.filter((row) => row.error_code !== '' && row.endpoints.length > 0)
  if (coded.length === 0) return new Map()
  const params = Object.fromEntries(
    coded.flatMap(({ error_code, endpoints: [first] }, i) => [
      [`t${i}`, first![1]],
      [`e${i}`, first![2]],
      [`m${i}`, first![4]],
      [`c${i}`, error_code],
    ]),
  )
  const rows = await store.query<{ error_code: string; message: string }>(SAMPLE_SQL(coded.length), params)
  return new Map(rows.map((row) => [row.error_code, row.message]))
}
