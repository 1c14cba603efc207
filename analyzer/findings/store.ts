import type { Store } from '../../core/store/index.ts'
import type { FindingStatus, StoredFinding } from './lifecycle.ts'

const COLUMNS = [
  'finding_id', 'fingerprint', 'pattern', 'severity', 'status', 'scope', 'first_seen', 'last_seen',
  'detected_at', 'evaluated_at', 'ended_at', 'passes', 'summary', 'evidence', 'fix', 'version', 'summary_zh', 'fix_zh',
] as const

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso))

export async function writeFindings(store: Store, rows: StoredFinding[]): Promise<void> {
  if (!rows.length) return
  const lines = rows.map((f) =>
    JSON.stringify([
      f.finding_id, f.fingerprint, f.pattern, f.severity, f.status, f.scope, ms(f.first_seen), ms(f.last_seen),
      ms(f.detected_at), ms(f.evaluated_at), ms(f.ended_at), f.passes, f.summary, JSON.stringify(f.evidence), f.fix, f.version,
      f.summary_zh ?? '', f.fix_zh ?? '',
    ]),
  )
  await store.insertRows('findings', COLUMNS, lines.join('\n') + '\n')
}

/**
 * Every column, times as epoch ms so both engines answer alike. The filter
 * runs in the inner query, on the columns themselves: in ClickHouse a SELECT
 * alias would shadow its column in the WHERE of the same query.
 */
const select = (where: string, tail = '') => `SELECT finding_id, fingerprint, pattern, severity, status, scope,
  toUnixTimestamp64Milli(first_seen) AS first_seen, toUnixTimestamp64Milli(last_seen) AS last_seen,
  toUnixTimestamp64Milli(detected_at) AS detected_at, toUnixTimestamp64Milli(evaluated_at) AS evaluated_at,
  if(isNull(ended_at), NULL, toUnixTimestamp64Milli(assumeNotNull(ended_at))) AS ended_at,
  passes, summary, evidence, fix, version, summary_zh, fix_zh
  FROM (SELECT * FROM findings FINAL WHERE ${where}) ${tail}`

interface FindingRow extends Omit<StoredFinding, 'first_seen' | 'last_seen' | 'detected_at' | 'evaluated_at' | 'ended_at' | 'evidence' | 'passes' | 'version'> {
  first_seen: string
  last_seen: string
  detected_at: string
  evaluated_at: string
  ended_at: string | null
  evidence: string
  passes: number | string
  version: number | string
}

const iso = (epochMs: string | number) => new Date(Number(epochMs)).toISOString()

function fromRow(r: FindingRow): StoredFinding {
  return {
    ...r,
    first_seen: iso(r.first_seen),
    last_seen: iso(r.last_seen),
    detected_at: iso(r.detected_at),
    evaluated_at: iso(r.evaluated_at),
    ended_at: r.ended_at === null ? null : iso(r.ended_at),
    evidence: JSON.parse(r.evidence) as Record<string, unknown>,
    passes: Number(r.passes),
    version: Number(r.version),
  }
}

/** Findings still open or active: what the next pass carries on. */
export async function readLiveFindings(store: Store): Promise<StoredFinding[]> {
  const rows = await store.query<FindingRow>(select(`status IN ('open', 'active')`))
  return rows.map(fromRow)
}

export interface FindingFilter {
  status?: FindingStatus[]
  pattern?: string[]
  /** Findings whose span [first_seen, ended_at or now] overlaps [from, to). */
  from?: number
  to?: number
  limit: number
}

/** Findings for the API, newest first; every value is bound as a query parameter. */
export async function listFindings(store: Store, filter: FindingFilter): Promise<StoredFinding[]> {
  const rows = await store.query<FindingRow>(
    select(
      `(empty({status:Array(String)}) OR status IN {status:Array(String)})
       AND (empty({pattern:Array(String)}) OR pattern IN {pattern:Array(String)})
       AND ({from:Nullable(Int64)} IS NULL OR coalesce(ended_at, last_seen) >= fromUnixTimestamp64Milli({from:Nullable(Int64)}))
       AND ({to:Nullable(Int64)} IS NULL OR first_seen < fromUnixTimestamp64Milli({to:Nullable(Int64)}))`,
      `ORDER BY status = 'ended', detected_at DESC LIMIT {limit:UInt32}`,
    ),
    { status: filter.status ?? [], pattern: filter.pattern ?? [], from: filter.from ?? null, to: filter.to ?? null, limit: filter.limit },
  )
  return rows.map(fromRow)
}

export async function getFinding(store: Store, id: string): Promise<StoredFinding | undefined> {
  const [row] = await store.query<FindingRow>(select('finding_id = {id:String}'), { id })
  return row ? fromRow(row) : undefined
}
