import { onMounted, ref, type Ref } from 'vue'

/**
 * True from just after the component's first paint. Heavy children (charts) wait for it, so the
 * numbers around them are on screen first: fourteen cards creating their sparklines in the same
 * task as their values held the values back ~0.5 s on a busy 2-core machine (console benchmark).
 */
export function useAfterPaint(): Ref<boolean> {
  const painted = ref(false)
  // A frame callback runs before the paint; a task queued from it runs after.
  onMounted(() => requestAnimationFrame(() => setTimeout(() => (painted.value = true))))
  return painted
}
