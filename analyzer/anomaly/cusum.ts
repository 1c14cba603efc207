import { CUSUM_CAP, CUSUM_H, CUSUM_K } from './params.ts'

/** A span where accumulated evidence crossed the alarm line. Indexes into the z-score list. */
export interface Episode {
  side: 'up' | 'down'
  /** The first bucket of the run that led to the alarm: the anomaly's onset. */
  start: number
  /** The bucket where the sum reached h. */
  alarm: number
  /** The last bucket that still deviated (|z| > k) before the sum fell back below h. */
  last: number
}

/**
 * One-sided CUSUM over robust z-scores (Page's test): S = max(0, S + z − k),
 * alarm at S ≥ h. One big bucket fires at once; a modest shift fires after a
 * few; a slow drift fires when its accumulated evidence is enough. The sum is
 * capped so it falls back below h soon after the anomaly ends (and restarts
 * from zero then), and a bucket
 * without a score (no history, no calls) neither adds nor resets.
 */
export function cusumEpisodes(zs: readonly (number | null)[], side: 'up' | 'down'): Episode[] {
  const sign = side === 'up' ? 1 : -1
  const episodes: Episode[] = []
  let sum = 0
  let runStart = -1
  let open: Episode | undefined
  zs.forEach((raw, i) => {
    if (raw === null) return
    const z = sign * raw
    const next = Math.min(CUSUM_CAP, Math.max(0, sum + z - CUSUM_K))
    if (sum === 0 && next > 0) runStart = i
    sum = next
    if (open) {
      if (z > CUSUM_K) open.last = i
      // Once the evidence has ebbed, a later anomaly must accumulate afresh.
      if (sum < CUSUM_H) ((open = undefined), (sum = 0), (runStart = -1))
    } else if (sum >= CUSUM_H) {
      open = { side, start: runStart, alarm: i, last: i }
      episodes.push(open)
    }
  })
  return episodes
}
