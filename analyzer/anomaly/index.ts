import type { Store } from '../../core/store/index.ts'
import type { DetectedFinding, Detector } from '../detectors/types.ts'
import { SERIES, seriesById, type SeriesDef } from './catalogue.ts'
import { cusumEpisodes } from './cusum.ts'
import { episodeFinding } from './findings.ts'
import { BUCKET_MS, CONTEXT_MS, DAY_MS, HOUR_MS, RATE_HALF_BAND_BUCKETS, RECENT_FALLBACK_MS, REFERENCE_DAYS } from './params.ts'
import { readSource, type KeyedSeries, type ReadSpan } from './read.ts'
import { chartPoint, scoreBuckets, type ChartPoint } from './score.ts'
import type { SourceId } from './sources.ts'

export interface AnomalyOptions {
  store: Store
  /** The moment of evaluation, epoch ms; only buckets complete by then are judged. */
  at: number
  /** Anomalies still seen within this span before `at` are reported (default 1 h). */
  lookbackMs?: number
  /** Series ids to watch (default all). */
  series?: string[]
}

export interface AnomalyPass {
  at: string
  /** The buckets judged: the CUSUM runs over all of them, findings are those seen within the lookback. */
  evaluated: { from: string; to: string; bucket_minutes: number }
  findings: DetectedFinding[]
  /** Keys without enough history for a seasonal baseline nor for the recent-hours stand-in: not judged. */
  insufficient_history: { series: string; key: string }[]
  seconds: number
}

const floorToBucket = (ms: number) => Math.floor(ms / BUCKET_MS) * BUCKET_MS

/** What to read for judging buckets [t0, t1): their hours on every reference day, ±1 h for rates, and the hours before for the stand-in. */
function readSpanFor(t0: number, t1: number): ReadSpan {
  const margin = Math.max(RECENT_FALLBACK_MS, RATE_HALF_BAND_BUCKETS * BUCKET_MS)
  const bandStartMs = t0 - margin
  const bandEnd = t1 + RATE_HALF_BAND_BUCKETS * BUCKET_MS
  return { fromMs: t0 - Math.max(...REFERENCE_DAYS) * DAY_MS - margin, toMs: t1, bandStartMs, bandLenMs: Math.min(DAY_MS, bandEnd - bandStartMs) }
}

async function readSources(store: Store, defs: readonly SeriesDef[], span: ReadSpan): Promise<Map<SourceId, Map<string, KeyedSeries>>> {
  const read = new Map<SourceId, Map<string, KeyedSeries>>()
  for (const source of new Set(defs.map((d) => d.source))) read.set(source, await readSource(store, source, span))
  return read
}

/**
 * Judges every watched series, key by key, against its seasonal baseline and
 * returns the surges, drops and slow degradations seen within the lookback,
 * as Findings (pattern anomaly_surge / anomaly_drop / anomaly_degradation).
 */
export async function detectAnomalies(opts: AnomalyOptions): Promise<AnomalyPass> {
  const started = performance.now()
  const lookbackMs = opts.lookbackMs ?? HOUR_MS
  const t1 = floorToBucket(opts.at)
  const t0 = t1 - Math.max(CONTEXT_MS, Math.ceil(lookbackMs / BUCKET_MS) * BUCKET_MS)
  const defs = opts.series ? SERIES.filter((s) => opts.series!.includes(s.id)) : SERIES
  const sources = await readSources(opts.store, defs, readSpanFor(t0, t1))
  const findings: DetectedFinding[] = []
  const insufficient: AnomalyPass['insufficient_history'] = []
  for (const def of defs) {
    for (const series of sources.get(def.source)!.values()) {
      const scores = scoreBuckets(def, series, t0, t1)
      if (scores.some((s) => s.baseline.source === 'insufficient_history')) insufficient.push({ series: def.id, key: series.key })
      const zs = scores.map((s) => s.z)
      const episodes = def.kind === 'count' ? [...cusumEpisodes(zs, 'up'), ...cusumEpisodes(zs, 'down')] : cusumEpisodes(zs, 'down')
      for (const episode of episodes) {
        // Still seen within the lookback: its last deviating bucket ends after at − lookback.
        if (scores[episode.last]!.t + BUCKET_MS <= opts.at - lookbackMs) continue
        const finding = episodeFinding(def, series, scores, episode)
        if (finding) findings.push(finding)
      }
    }
  }
  return {
    at: new Date(opts.at).toISOString(),
    evaluated: { from: new Date(t0).toISOString(), to: new Date(t1).toISOString(), bucket_minutes: BUCKET_MS / 60_000 },
    findings,
    insufficient_history: insufficient,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  }
}

export interface SeriesChart {
  series: string
  key: string
  kind: SeriesDef['kind']
  bucket_minutes: number
  points: ChartPoint[]
}

/** One key of one series over [from, to) with its baseline band per bucket, for charts. Undefined when the key has no data at all. */
export async function seriesWithBaseline(opts: { store: Store; series: string; key: string; from: number; to: number }): Promise<SeriesChart | undefined> {
  const def = seriesById(opts.series)
  if (!def) return undefined
  const t0 = floorToBucket(opts.from)
  const t1 = floorToBucket(opts.to + BUCKET_MS - 1)
  // Scored over at least the detection context, so that the band is the one a pass ending at `to` judged by.
  const scoredFrom = Math.min(t0, t1 - CONTEXT_MS)
  const keyed = (await readSource(opts.store, def.source, readSpanFor(scoredFrom, t1))).get(opts.key)
  if (!keyed) return undefined
  const points = scoreBuckets(def, keyed, scoredFrom, t1)
    .filter((s) => s.t >= t0)
    .map((s) => chartPoint(def, s))
  return { series: def.id, key: keyed.key, kind: def.kind, bucket_minutes: BUCKET_MS / 60_000, points }
}

/** The anomaly pass as a detector, for the detectors' schedule and storage. */
export const anomalyDetector: Detector = {
  pattern: 'anomaly',
  detect: async (ctx) => (await detectAnomalies({ store: ctx.store, at: ctx.at, lookbackMs: ctx.lookbackMs })).findings,
}

export { SERIES, seriesById, type SeriesDef, type AnomalyPattern } from './catalogue.ts'
export { SOURCES } from './sources.ts'
export { keyText } from './read.ts'
