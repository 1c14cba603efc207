import { onMounted, onUnmounted, ref } from 'vue'

/**
 * The current time, moved every `stepMs` while the component lives, so SLA countdowns tick between
 * the board's refreshes without asking the server.
 */
export function useClock(stepMs = 1000, now: () => number = Date.now) {
  const clock = ref(now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (clock.value = now()), stepMs)
  })
  onUnmounted(() => clearInterval(timer))
  return clock
}
