import { describe, expect, it } from 'vitest'
import { cusumEpisodes } from '../analyzer/anomaly/cusum.ts'
import { biweightLocation } from '../analyzer/anomaly/robust.ts'
import { parseSeriesKey } from '../analyzer/routes/anomalies.ts'

describe('biweight location (the baseline of a bucket over the reference days)', () => {
  it('gives an outage day and a surge day no weight', () => {
    const week = [30, 28, 33, 0, 31, 29, 140]
    const location = biweightLocation(week, Math.sqrt(30))
    expect(location).toBeGreaterThan(28)
    expect(location).toBeLessThan(32)
  })

  it('is close to the mean at a few events per bucket, where the median jumps', () => {
    const quiet = [0, 3, 0, 2, 0, 4, 1]
    expect(biweightLocation(quiet, 1)).toBeCloseTo(10 / 7, 1)
  })

  it('falls back to the mean when every value is alike and no floor is given', () => {
    expect(biweightLocation([2, 2, 2, 2, 2, 2, 9], 0)).toBeCloseTo(3, 5)
  })
})

describe('CUSUM over robust z-scores', () => {
  const noise = [0.3, -0.8, 1.2, 0.1, -1.4, 0.9, 1.5, -0.2, 1.1, 0.4]

  it('fires at once on one big bucket, dating the onset at that bucket', () => {
    const episodes = cusumEpisodes([...noise, 9, 8, 7, 0.2, 0.1, 0, 0, 0, 0, 0], 'up')
    expect(episodes).toEqual([{ side: 'up', start: 10, alarm: 10, last: 12 }])
  })

  it('accumulates a modest shift until it is certain, and dates it from its first bucket', () => {
    const episodes = cusumEpisodes([...noise, -2.5, -2.5, -2.5, -2.5, -2.5], 'down')
    expect(episodes).toHaveLength(1)
    // Each bucket adds 1.5: the third crosses h = 4.
    expect(episodes[0]).toMatchObject({ start: 10, alarm: 12 })
  })

  it('stays silent on noise, and on a shift in the other direction', () => {
    expect(cusumEpisodes(noise, 'up')).toEqual([])
    expect(cusumEpisodes([...noise, 9, 9], 'down')).toEqual([])
  })

  it('ends an episode when the evidence ebbs and starts a new one afresh', () => {
    const episodes = cusumEpisodes([9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9], 'up')
    expect(episodes.map((e) => [e.start, e.last])).toEqual([[0, 0], [10, 10]])
  })

  it('skips buckets without a score without resetting', () => {
    expect(cusumEpisodes([3.5, null, 3.5], 'up')).toEqual([{ side: 'up', start: 0, alarm: 2, last: 2 }])
  })
})

describe('series keys in the querystring', () => {
  it('accepts pairs in any order, a bare value for one dimension, and all for none', () => {
    expect(parseSeriesKey('endpoint_success', 'endpoint=/tracking/query,target_system=tms')).toEqual({ key: 'target_system=tms,endpoint=/tracking/query' })
    expect(parseSeriesKey('job_rows', 'jd_order_import')).toEqual({ key: 'job=jd_order_import' })
    expect(parseSeriesKey('customer_queries', 'all')).toEqual({ key: 'all' })
  })

  it('refuses a key that does not name the series’ dimensions', () => {
    expect(parseSeriesKey('endpoint_success', 'tms')).toHaveProperty('error', expect.stringMatching(/querystring\/key/))
    expect(parseSeriesKey('endpoint_success', 'target_system=tms,channel=jd')).toHaveProperty('error')
    expect(parseSeriesKey('customer_queries', 'channel=jd')).toHaveProperty('error')
  })
})
