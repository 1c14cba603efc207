import { describe, expect, it } from 'vitest'
import { testRouter, withSetup } from '../test/harness.ts'
import { bucketFor, useTimeRange } from './useTimeRange.ts'

const NOW = Date.parse('2026-11-23T08:30:45Z')

describe('useTimeRange', () => {
  it('defaults to the last 24 hours ending at the current minute', async () => {
    const range = withSetup(await testRouter('/cockpit'), () => useTimeRange(() => NOW))
    expect(range.preset.value).toBe('24h')
    expect(range.window.value).toEqual({ from: '2026-11-22T08:30:00.000Z', to: '2026-11-23T08:30:00.000Z' })
  })

  it('keeps a preset and a filter in the URL, and a new view of that URL shows the same range and filter', async () => {
    const router = await testRouter('/sync-health')
    const range = withSetup(router, () => useTimeRange(() => NOW))
    const system = range.filter('system')
    await range.setPreset('6h')
    system.value = 'wms'
    await new Promise((r) => setTimeout(r, 0))
    expect(router.currentRoute.value.query).toEqual({ range: '6h', system: 'wms' })

    const link = router.currentRoute.value.fullPath
    const reopened = withSetup(await testRouter(link), () => useTimeRange(() => NOW))
    expect(reopened.preset.value).toBe('6h')
    expect(reopened.window.value).toEqual(range.window.value)
    expect(reopened.filter('system').value).toBe('wms')
    expect(Date.parse(reopened.window.value.to) - Date.parse(reopened.window.value.from)).toBe(6 * 3_600_000)
  })

  it('round-trips an absolute window through the URL, replacing the preset, and it does not move with time', async () => {
    const router = await testRouter('/cockpit?range=1h')
    let now = NOW
    const range = withSetup(router, () => useTimeRange(() => now))
    const window = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }
    await range.setAbsolute(window)
    expect(router.currentRoute.value.query).toEqual(window)
    expect(range.preset.value).toBeNull()

    const reopened = withSetup(await testRouter(router.currentRoute.value.fullPath), () => useTimeRange(() => now))
    now += 3_600_000
    reopened.tick()
    expect(reopened.window.value).toEqual(window)
  })

  it('moves a relative range to the present on tick (live refresh)', async () => {
    let now = NOW
    const range = withSetup(await testRouter('/cockpit?range=1h'), () => useTimeRange(() => now))
    now += 5 * 60_000
    range.tick()
    expect(range.window.value.to).toBe('2026-11-23T08:35:00.000Z')
  })

  it('ignores a nonsensical window in the URL and falls back to the default range', async () => {
    const range = withSetup(await testRouter('/cockpit?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z'), () => useTimeRange(() => NOW))
    expect(range.preset.value).toBe('24h')
  })

  it('chooses buckets that keep a series within the API limit', () => {
    expect(bucketFor({ from: '2026-11-23T00:00:00Z', to: '2026-11-23T06:00:00Z' })).toBe('5m')
    expect(bucketFor({ from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' })).toBe('1h')
    expect(bucketFor({ from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' })).toBe('1d')
  })
})
