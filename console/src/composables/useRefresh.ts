import { onMounted, onUnmounted, ref, watch } from 'vue'

/** Refresh intervals offered, in seconds; 0 is off. */
export const REFRESH_CHOICES = [0, 30, 60, 300]
const STORAGE_KEY = 'orderlens.refresh'

function savedInterval(): number {
  // Nothing saved yet (a new wall screen) is the default, not Number(null) = 0 = off.
  const saved = Number(localStorage.getItem(STORAGE_KEY) ?? NaN)
  return REFRESH_CHOICES.includes(saved) ? saved : 60
}

/** The interval chosen in the header, shared by every page and kept across reloads (wall screens). */
export const refreshSeconds = ref(savedInterval())
watch(refreshSeconds, (s) => localStorage.setItem(STORAGE_KEY, String(s)))

/**
 * Calls `refresh` every `refreshSeconds` while the tab is visible. A hidden
 * tab (another tab, a locked screen) asks nothing of the server; when it
 * becomes visible again it refreshes at once, so a wall screen is never stale.
 */
export function useRefresh(refresh: () => void) {
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  const start = () => {
    stop()
    if (refreshSeconds.value > 0 && document.visibilityState !== 'hidden') timer = setInterval(refresh, refreshSeconds.value * 1000)
  }
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') return stop()
    refresh()
    start()
  }
  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    start()
  })
  onUnmounted(() => {
    document.removeEventListener('visibilitychange', onVisibility)
    stop()
  })
  watch(refreshSeconds, start)
  return { refreshSeconds }
}
