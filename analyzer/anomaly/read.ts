import type { Store } from '../../core/store/index.ts'
import { ts } from '../detectors/types.ts'
import { BUCKET_MS, DAY_MS } from './params.ts'
import { SOURCES, type SourceId } from './sources.ts'

export interface Cell {
  n: number
  bad: number
}

/** One key's buckets as read: a missing bucket is a zero, from `firstMs` on (before that, there was no history). */
export interface KeyedSeries {
  key: string
  dims: Record<string, string>
  cells: Map<number, Cell>
  /** Start of the first bucket this key had any data in, within what was read. */
  firstMs: number
}

/** The span read: [fromMs, toMs), keeping only buckets whose time of day lies in [bandStartMs, bandStartMs + bandLenMs) modulo a day. */
export interface ReadSpan {
  fromMs: number
  toMs: number
  bandStartMs: number
  bandLenMs: number
}

/** A key as text: its dimension=value pairs joined by commas, in the source's key order ("all" for a source without keys). */
export function keyText(dims: Record<string, string>, keys: readonly string[]): string {
  return keys.length === 0 ? 'all' : keys.map((k) => `${k}=${dims[k] ?? ''}`).join(',')
}

/** Reads a source's buckets over the span, grouped by key. */
export async function readSource(store: Store, sourceId: SourceId, span: ReadSpan): Promise<Map<string, KeyedSeries>> {
  const source = SOURCES[sourceId]
  const bandLen = Math.min(DAY_MS, span.bandLenMs)
  const rows = await store.query<Record<string, string | number>>(source.sql, {
    from: ts(span.fromMs),
    to: ts(span.toMs),
    bucket: BUCKET_MS / 1000,
    bandStart: Math.floor((((span.bandStartMs % DAY_MS) + DAY_MS) % DAY_MS) / 1000),
    // A band of a whole day keeps every bucket.
    bandLen: bandLen >= DAY_MS ? 86_400 : Math.ceil(bandLen / 1000),
  })
  const byKey = new Map<string, KeyedSeries>()
  for (const row of rows) {
    const dims = Object.fromEntries(source.keys.map((k) => [k, String(row[k])]))
    const key = keyText(dims, source.keys)
    const t = Number(row.b) * 1000
    let series = byKey.get(key)
    if (!series) byKey.set(key, (series = { key, dims, cells: new Map(), firstMs: t }))
    series.cells.set(t, { n: Number(row.n), bad: Number(row.bad) })
    if (t < series.firstMs) series.firstMs = t
  }
  return byKey
}

/** The value of a bucket: its cell, a zero once the key existed, undefined before. */
export function cellAt(series: KeyedSeries, t: number): Cell | undefined {
  if (t < series.firstMs) return undefined
  return series.cells.get(t) ?? { n: 0, bad: 0 }
}
