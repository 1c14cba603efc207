import { describe, expect, it } from 'vitest'
import { disagree, laggingSystems } from '../analyzer/trace/stages.ts'

const states = (entries: Record<string, string>) => new Map(Object.entries(entries))

describe('laggingSystems (the trace answer\'s `lagging`)', () => {
  it('names the systems behind the furthest one, not the ones ahead or outside the comparison', () => {
    expect(laggingSystems(states({ channel: 'shipped', oms: 'paid', wms: 'picked_up', tms: 'in_transit', finance: 'created' })).sort()).toEqual(['oms'])
    expect(laggingSystems(states({ channel: 'paid', oms: 'allocated', wms: 'picked_up' }))).toEqual(['channel', 'oms'])
  })

  it('names the systems still working an order another has cancelled, and nothing when all agree', () => {
    expect(laggingSystems(states({ channel: 'refunded', oms: 'allocated', wms: 'packed' })).sort()).toEqual(['oms', 'wms'])
    expect(laggingSystems(states({ channel: 'delivered', oms: 'completed', wms: 'picked_up', tms: 'delivered' }))).toEqual([])
  })

  it('agrees with disagree()', () => {
    const cases: Record<string, string>[] = [{ channel: 'paid', oms: 'delivered' }, { channel: 'paid', oms: 'paid' }, { oms: 'refunded', wms: 'picked_up' }]
    for (const s of cases) {
      expect(disagree(states(s))).toBe(laggingSystems(states(s)).length > 0)
    }
  })
})
