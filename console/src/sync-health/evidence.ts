/**
 * A finding's evidence (any JSON the detector chose) laid out for people:
 * plain values as text, a list of records (samples) as a small table, a
 * record of records (per warehouse) as a table keyed by name.
 */
export type EvidenceItem =
  | { key: string; kind: 'text'; text: string }
  | { key: string; kind: 'table'; columns: string[]; rows: string[][]; more: number }

/** Rows of a table shown; the JSON link has them all. */
const MAX_ROWS = 5

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An ISO instant as the detectors write them (2026-11-23T10:35:14.000Z). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** How a time reads: the page passes useDateTime's, so evidence times follow the console's language. */
export type TimeText = (iso: string) => string
const asIs: TimeText = (iso) => iso

export function valueText(v: unknown, time: TimeText = asIs): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return time(v)
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)))
  if (Array.isArray(v)) return v.map((x) => valueText(x, time)).join(', ')
  if (isRecord(v)) return Object.entries(v).map(([k, x]) => `${k}=${valueText(x, time)}`).join(', ')
  return String(v)
}

function table(key: string, records: Record<string, unknown>[], time: TimeText, keyColumn?: string[]): EvidenceItem {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const shown = records.slice(0, MAX_ROWS)
  return {
    key,
    kind: 'table',
    columns: keyColumn ? ['', ...columns] : columns,
    rows: shown.map((r, i) => [...(keyColumn ? [keyColumn[i]!] : []), ...columns.map((c) => valueText(r[c], time))]),
    more: records.length - shown.length,
  }
}

export function evidenceItems(evidence: Record<string, unknown>, time: TimeText = asIs): EvidenceItem[] {
  return Object.entries(evidence).map(([key, v]): EvidenceItem => {
    if (Array.isArray(v) && v.length > 0 && v.every(isRecord)) return table(key, v, time)
    if (isRecord(v) && Object.keys(v).length > 0 && Object.values(v).every(isRecord)) {
      const entries = Object.entries(v) as [string, Record<string, unknown>][]
      return table(key, entries.map(([, r]) => r), time, entries.map(([name]) => name))
    }
    return { key, kind: 'text', text: valueText(v, time) }
  })
}
