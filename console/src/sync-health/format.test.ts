import { describe, expect, it } from 'vitest'
import { count, duration, endpointLabel, millis, percent } from './format.ts'

describe('sync-health formatting', () => {
  it('writes rates, latencies, counts and ages the way a wall screen reads them', () => {
    expect(percent(0.53186)).toBe('53.19%')
    expect(percent(null)).toBe('—')
    expect(millis(48.34)).toBe('48 ms')
    expect(millis(10_000)).toBe('10.0 s')
    expect(count(12345)).toBe('12,345')
    expect([duration(45), duration(7199), duration(4 * 3600), duration(3 * 86_400)]).toEqual(['45 s', '2.0 h', '4.0 h', '3.0 d'])
    expect(endpointLabel({ source_system: 'wms', target_system: 'oms', endpoint: '/callback/shipment' })).toBe('wms → oms /callback/shipment')
    expect(endpointLabel({ target_system: 'oms', endpoint: '/x' })).toBe('oms /x')
  })
})
