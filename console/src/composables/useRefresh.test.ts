import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { refreshSeconds, useRefresh } from './useRefresh.ts'

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

function mountRefreshing(refresh: () => void) {
  return mount(defineComponent({ setup: () => (useRefresh(refresh), () => h('div')) }))
}

beforeEach(() => {
  vi.useFakeTimers()
  refreshSeconds.value = 30
})
afterEach(() => {
  vi.useRealTimers()
  setVisibility('visible')
})

describe('useRefresh', () => {
  it('refreshes every interval while visible, nothing while hidden, and at once when visible again', async () => {
    const refresh = vi.fn()
    mountRefreshing(refresh)
    vi.advanceTimersByTime(61_000)
    expect(refresh).toHaveBeenCalledTimes(2)

    setVisibility('hidden')
    vi.advanceTimersByTime(300_000)
    expect(refresh).toHaveBeenCalledTimes(2)

    setVisibility('visible')
    expect(refresh).toHaveBeenCalledTimes(3)
    vi.advanceTimersByTime(30_000)
    expect(refresh).toHaveBeenCalledTimes(4)
  })

  it('follows the chosen interval, stops when turned off and when the page goes away', async () => {
    const refresh = vi.fn()
    const wrapper = mountRefreshing(refresh)
    refreshSeconds.value = 0
    await nextTick()
    vi.advanceTimersByTime(120_000)
    expect(refresh).not.toHaveBeenCalled()

    refreshSeconds.value = 60
    await nextTick()
    vi.advanceTimersByTime(60_000)
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(localStorage.getItem('orderlens.refresh')).toBe('60')

    wrapper.unmount()
    vi.advanceTimersByTime(600_000)
    expect(refresh).toHaveBeenCalledTimes(1)
  })
})

describe('refreshSeconds default', () => {
  it('is a minute on a screen that never chose one (not off)', async () => {
    localStorage.removeItem('orderlens.refresh')
    vi.resetModules()
    const fresh = await import('./useRefresh.ts')
    expect(fresh.refreshSeconds.value).toBe(60)
  })
})
