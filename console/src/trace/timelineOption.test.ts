import { describe, expect, it } from 'vitest'
import { lanesOf, segmentsOf, timelineEnd, windowsOf } from './constants.ts'
import type { OrderTrace } from './types.ts'

const at = (t: string) => Date.parse(`2026-11-23T${t}:00.000Z`)
const ev = (system: string, state: string, t: string) => ({ system, state, native_state: state, event_time: `2026-11-23 ${t}:00.000` })
const trace = (events: ReturnType<typeof ev>[], open: boolean) =>
  ({ events, disagreements: [{ from: new Date(at('07:00')).toISOString(), ...(open ? {} : { to: new Date(at('08:00')).toISOString() }), seconds: 3600, states: {} }] }) as unknown as OrderTrace

describe('timeline geometry', () => {
  const events = [ev('wms', 'packed', '06:30'), ev('oms', 'paid', '06:00'), ev('courier_x', 'scanned', '07:30'), ev('oms', 'allocated', '07:00'), ev('channel', 'paid', '05:50')]

  it('orders lanes along the journey, unknown systems last', () => {
    expect(lanesOf(trace(events, false))).toEqual(['channel', 'oms', 'wms', 'courier_x'])
  })

  it("ends each state at the system's next report and the last one at the end of the timeline", () => {
    const oms = segmentsOf(trace([ev('oms', 'paid', '06:00'), ev('oms', 'allocated', '07:00')], false), at('09:00'))
    expect(oms.map((s) => [s.state, s.fromMs, s.toMs])).toEqual([['paid', at('06:00'), at('07:00')], ['allocated', at('07:00'), at('09:00')]])
  })

  it('runs to now only while a disagreement is open, and draws an open window up to now', () => {
    const now = at('12:00')
    expect(timelineEnd(trace(events, false), now)).toBe(at('07:30'))
    expect(timelineEnd(trace(events, true), now)).toBe(now)
    expect(windowsOf(trace(events, true), now)[0]).toMatchObject({ fromMs: at('07:00'), toMs: now, open: true })
    expect(windowsOf(trace(events, false), now)[0]).toMatchObject({ toMs: at('08:00'), open: false })
  })
})

describe('timeline option', () => {
  it('puts failed calls on their lane in red and escapes ingested text in the tooltips', async () => {
    const { timelineOption } = await import('./timelineOption.ts')
    const { callLane } = await import('./constants.ts')
    const lanes = ['channel', 'oms', 'wms']
    const call = { source_system: 'jd_api', target_system: 'wms' } as Parameters<typeof callLane>[0]
    expect(callLane(call, lanes)).toBe(2)
    expect(callLane({ ...call, target_system: 'erp' }, lanes)).toBeUndefined()
    const segment = { system: 'oms', state: '<img src=x onerror=alert(1)>', native_state: '', fromMs: at('06:00'), toMs: at('07:00') }
    const option = timelineOption(lanes, [segment], [], { disagreement: 'x', systems: {}, time: String }, [{ lane: 2, ms: at('06:30'), failed: true, text: 'wms call' }])
    const series = option.series as { name: string; data: unknown[] }[]
    expect(series.find((s) => s.name === 'calls')!.data).toEqual([[2, at('06:30'), 1]])
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter({ seriesName: 'states', dataIndex: 0, value: [1, at('06:00'), at('07:00'), segment.state, ''] })).not.toContain('<img')
    expect(formatter({ seriesName: 'calls', dataIndex: 0 })).toBe('wms call')
  })
})

describe('stretch labels', () => {
  it('shows a state whole when it fits, cut only when enough of it shows, and hides it on a short stretch', async () => {
    const { stretchLabel, MIN_CUT_LABEL_PX } = await import('./timelineOption.ts')
    expect(stretchLabel('paid', 60)).toBe('whole')
    expect(stretchLabel('stock_locked', 200)).toBe('whole')
    // A short first state ("stock_locked" for 23 s) would read "st…" and crowd the next label: no label, the tooltip tells.
    expect(stretchLabel('stock_locked', 45)).toBe('none')
    expect(stretchLabel('label_printed', MIN_CUT_LABEL_PX - 1)).toBe('none')
    expect(stretchLabel('label_printed', MIN_CUT_LABEL_PX)).toBe('cut')
  })
})
