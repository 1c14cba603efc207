import { TupleParam } from '@clickhouse/client'
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
         arraySlice(arrayReverseSort(e -> e.4, groupArray((source_system, target_system, endpoint, n))), 1, ${ENDPOINTS_PER_REASON}) AS endpoints
  FROM (SELECT error_code, status_class, source_system, target_system, endpoint, sum(calls) AS n
        FROM calls_per_minute WHERE ${where} AND ${FAILED}
        GROUP BY error_code, status_class, source_system, target_system, endpoint)
  GROUP BY error_code, status_class
  ORDER BY n_calls DESC, error_code`

const TOTALS_SQL = (where: string) => `SELECT sum(calls) AS n_calls, sumIf(calls, ${FAILED}) AS n_failed FROM calls_per_minute WHERE ${where}`

/**
 * One stored message per code, read from raw calls only on the codes' own
 * endpoints: (target_system, endpoint) is the raw table's sort-key prefix,
 * so ClickHouse reads just those endpoints' granules in the window.
 */
const SAMPLE_SQL = `
  SELECT error_code, any(error_message) AS message FROM interface_calls
  WHERE (target_system, endpoint) IN {pairs:Array(Tuple(String, String))} AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
    AND error_code IN {codes:Array(String)} AND error_message != ''
  GROUP BY error_code`

type Endpoint = [string, string, string, string]

export async function errorReasons(store: Store, r: ErrorsRequest): Promise<ErrorsAnswer> {
  const params = windowParams(r, { ...(r.system ? { system: r.system } : {}), ...(r.endpoint ? { endpoint: r.endpoint } : {}) })
  const [rows, [totals]] = await Promise.all([
    store.query<{ error_code: string; status_class: string; n_calls: string; endpoints: Endpoint[] }>(REASONS_SQL(filters(r)), params),
    store.query<{ n_calls: string; n_failed: string }>(TOTALS_SQL(filters(r)), params),
  ])
  const failures = Number(totals?.n_failed ?? 0)
  const top = rows.slice(0, r.limit)
  const messages = await sampleMessages(store, r, top)
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

async function sampleMessages(store: Store, r: ErrorsRequest, top: { error_code: string; endpoints: Endpoint[] }[]): Promise<Map<string, string>> {
  const coded = top.filter((row) => row.error_code !== '' && row.endpoints.length > 0)
  if (coded.length === 0) return new Map()
  // Tuple parameters must be TupleParam: a plain array is sent as an array, not a tuple.
  const pairs = [...new Map(coded.map(({ endpoints: [top] }) => [`${top![1]} ${top![2]}`, new TupleParam([top![1], top![2]])])).values()]
  const rows = await store.query<{ error_code: string; message: string }>(SAMPLE_SQL, windowParams(r, { pairs, codes: coded.map((row) => row.error_code) }))
  return new Map(rows.map((row) => [row.error_code, row.message]))
}
