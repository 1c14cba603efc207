import type { DetectedFinding, FindingText, Severity } from '../detectors/types.ts'
import type { AnomalyPattern, SeriesDef } from './catalogue.ts'
import type { Episode } from './cusum.ts'
import { BUCKET_MS, CRITICAL, EFFECT, MINUTE_MS, SHARP_ONSET_LOSS } from './params.ts'
import type { KeyedSeries } from './read.ts'
import { round, type BucketScore } from './score.ts'

/** An episode's buckets summed: what happened against what was expected, and how sure that is. */
interface EpisodeTotals {
  actual: number
  calls: number
  expected: number
  z: number
  peakZ: number
  baselineDays: number
  baselineSource: string
}

function totals(def: SeriesDef, scores: BucketScore[]): EpisodeTotals {
  let actual = 0, calls = 0, expected = 0, variance = 0, peakZ = 0
  for (const s of scores) {
    actual += s.actual
    calls += s.calls
    expected += s.baseline.expected
    variance += s.baseline.sigma ** 2
    if (s.z !== null && Math.abs(s.z) > Math.abs(peakZ)) peakZ = s.z
  }
  // In the series' own sense, like the bucket scores: a rate with more failures than usual is below its baseline.
  const z = ((def.kind === 'rate' ? -1 : 1) * (actual - expected)) / Math.sqrt(variance)
  const known = scores.filter((s) => s.baseline.source !== 'insufficient_history')
  return {
    actual, calls, expected, z, peakZ,
    baselineDays: known.length > 0 ? Math.min(...known.map((s) => s.baseline.days)) : 0,
    baselineSource: known.some((s) => s.baseline.source === 'recent_hours') ? 'recent_hours' : 'seasonal',
  }
}

/** The pattern an episode amounts to, or undefined when it is statistically clear but too small to matter. */
function patternOf(def: SeriesDef, episode: Episode, span: BucketScore[], t: EpisodeTotals): AnomalyPattern | undefined {
  if (def.kind === 'count') {
    if (episode.side === 'up') return t.actual >= EFFECT.surgeRatio * t.expected && t.actual - t.expected >= EFFECT.minExcess ? 'anomaly_surge' : undefined
    return t.expected >= EFFECT.minExpected && t.actual <= EFFECT.dropRatio * t.expected ? 'anomaly_drop' : undefined
  }
  if (episode.side === 'up' || t.calls === 0) return undefined
  const share = t.actual / t.calls
  const usual = t.expected / t.calls
  const significant = share >= EFFECT.badShareRatio * usual && share - usual >= EFFECT.minRateLoss && t.actual - t.expected >= EFFECT.minBadExcess
  if (!significant) return undefined
  // A sharp fall shows its size in its first buckets; a slide starts small and accumulates.
  const onsetLoss = Math.max(...span.slice(0, 2).map((s) => (s.calls > 0 ? (s.actual - s.baseline.expected) / s.calls : 0)))
  return onsetLoss >= SHARP_ONSET_LOSS ? 'anomaly_drop' : 'anomaly_degradation'
}

function severityOf(def: SeriesDef, pattern: AnomalyPattern, t: EpisodeTotals): Severity {
  if (def.kind === 'rate') return (t.actual - t.expected) / t.calls >= CRITICAL.rateLoss ? 'critical' : 'warning'
  if (pattern === 'anomaly_surge') return t.actual >= CRITICAL.surgeRatio * t.expected ? 'critical' : 'warning'
  return t.actual <= CRITICAL.dropRatio * t.expected ? 'critical' : 'warning'
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`

/** The summary in English and Chinese, from the same formatted values. */
function summaryOf(def: SeriesDef, key: string, minutes: number, t: EpisodeTotals): Pick<FindingText, 'summary' | 'summary_zh'> {
  const head = `${def.id} ${key}`
  const z = t.z.toFixed(1)
  const seasonal = t.baselineSource === 'seasonal'
  const days = seasonal ? `${t.baselineDays} reference days` : 'the recent hours (history too short)'
  const daysZh = seasonal ? `${t.baselineDays} 个参考日` : '最近几小时（历史数据不足）'
  if (def.kind === 'rate') {
    const [now, usual] = [pct(1 - t.actual / t.calls), pct(1 - t.expected / t.calls)]
    return {
      summary: `${head}: success ${now} of ${t.calls} ${def.unit} over ${minutes} min against ${usual} usual (robust z ${z}; baseline: ${days})`,
      summary_zh: `${head}：${minutes} 分钟内 ${t.calls} ${def.unit_zh}的成功率为 ${now}，通常为 ${usual}（稳健 z 值 ${z}；基线：${daysZh}）`,
    }
  }
  const ratio = t.expected > 0 ? (t.actual / t.expected).toFixed(1) : undefined
  const expected = round(t.expected, 1)
  return {
    summary: `${head}: ${t.actual} ${def.unit} in ${minutes} min against ${expected} expected${ratio ? ` (${ratio}×)` : ''}, robust z ${z}; baseline: ${days}`,
    summary_zh: `${head}：${minutes} 分钟内 ${t.actual} ${def.unit_zh}，预期 ${expected}${ratio ? `（${ratio} 倍）` : ''}，稳健 z 值 ${z}；基线：${daysZh}`,
  }
}

const INVESTIGATE = { fix: 'Investigate the series around the time shown.', fix_zh: '排查该序列在所示时间前后的变化。' }

/** Turns a CUSUM episode of one key into a Finding, or nothing when its effect is too small to act on. */
export function episodeFinding(def: SeriesDef, series: KeyedSeries, scores: BucketScore[], episode: Episode): DetectedFinding | undefined {
  const span = scores.slice(episode.start, episode.last + 1)
  const t = totals(def, span)
  const pattern = patternOf(def, episode, span, t)
  if (!pattern) return undefined
  const first = span[0]!.t
  const end = span.at(-1)!.t + BUCKET_MS
  const minutes = (end - first) / MINUTE_MS
  const scope = { series: def.id, ...series.dims }
  const rate = def.kind === 'rate' ? { actual_rate: round(1 - t.actual / t.calls, 4), expected_rate: round(1 - t.expected / t.calls, 4), calls: t.calls, failures: t.actual, expected_failures: round(t.expected, 2) } : {}
  return {
    pattern,
    severity: severityOf(def, pattern, t),
    scope,
    first_seen: new Date(first).toISOString(),
    last_seen: new Date(end).toISOString(),
    ...summaryOf(def, series.key, minutes, t),
    evidence: {
      series: def.id,
      key: series.key,
      kind: def.kind,
      actual: t.actual,
      expected: round(t.expected, 2),
      ...(def.kind === 'count' && t.expected > 0 ? { ratio: round(t.actual / t.expected, 2) } : {}),
      ...rate,
      robust_z: round(t.z, 2),
      peak_bucket_z: round(t.peakZ, 2),
      baseline_days: t.baselineDays,
      baseline_source: t.baselineSource,
      alarm_at: new Date(scores[episode.alarm]!.t + BUCKET_MS).toISOString(),
      ongoing: episode.last === scores.length - 1,
      buckets: span.map((s) => ({ t: new Date(s.t).toISOString(), actual: s.actual, ...(def.kind === 'rate' ? { calls: s.calls } : {}), expected: round(s.baseline.expected, 2), z: s.z === null ? null : round(s.z, 2) })),
    },
    ...(def.action[pattern]?.(scope) ?? INVESTIGATE),
  }
}
