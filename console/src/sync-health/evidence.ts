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

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)))
  if (Array.isArray(v)) return v.map(valueText).join(', ')
  if (isRecord(v)) return Object.entries(v).map(([k, x]) => `${k}=${valueText(x)}`).join(', ')
  return String(v)
}

function table(key: string, records: Record<string, unknown>[], keyColumn?: string[]): EvidenceItem {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const shown = records.slice(0, MAX_ROWS)
  return {
    key,
    kind: 'table',
    columns: keyColumn ? ['', ...columns] : columns,
    rows: shown.map((r, i) => [...(keyColumn ? [keyColumn[i]!] : []), ...columns.map((c) => valueText(r[c]))]),
    more: records.length - shown.length,
  }
}

export function evidenceItems(evidence: Record<string, unknown>): EvidenceItem[] {
  return Object.entries(evidence).map(([key, v]): EvidenceItem => {
    if (Array.isArray(v) && v.length > 0 && v.every(isRecord)) return table(key, v)
    if (isRecord(v) && Object.keys(v).length > 0 && Object.values(v).every(isRecord)) {
      const entries = Object.entries(v) as [string, Record<string, unknown>][]
      return table(key, entries.map(([, r]) => r), entries.map(([name]) => name))
    }
    return { key, kind: 'text', text: valueText(v) }
  })
}
