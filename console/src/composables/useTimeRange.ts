import { computed, ref, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'

/** Relative ranges offered by the picker, in milliseconds. */
export const PRESETS: Record<string, number> = { '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000 }
export const DEFAULT_PRESET = '24h'

export interface TimeWindow {
  from: string
  to: string
}

/** Series bucket for a window: about 24 to 200 points, within the API's 1000-bucket limit. */
export function bucketFor(window: TimeWindow): string {
  const span = Date.parse(window.to) - Date.parse(window.from)
  if (span <= 6 * 3_600_000) return '5m'
  if (span <= 2 * 24 * 3_600_000) return '1h'
  return '1d'
}

const single = (value: LocationQuery[string] | undefined): string | undefined => (Array.isArray(value) ? (value[0] ?? undefined) : (value ?? undefined))

/** A relative range ending at `now`, floored to the minute so refreshes within a minute ask the same question. */
function relativeWindow(preset: string, now: number): TimeWindow {
  const to = Math.floor(now / 60_000) * 60_000
  return { from: new Date(to - PRESETS[preset]!).toISOString(), to: new Date(to).toISOString() }
}

/**
 * The time range and filters of the current view, kept in the URL query so a
 * copied link shows the same view: `?range=6h` (relative, moves with time) or
 * `?from=…&to=…` (absolute ISO instants), plus one query key per filter.
 * `tick()` moves a relative range to the present (live refresh).
 */
export function useTimeRange(now: () => number = Date.now) {
  const route = useRoute()
  const router = useRouter()
  const clock: Ref<number> = ref(now())

  const absolute = computed<TimeWindow | null>(() => {
    const from = single(route.query.from)
    const to = single(route.query.to)
    if (!from || !to || !(Date.parse(to) > Date.parse(from))) return null
    return { from: new Date(Date.parse(from)).toISOString(), to: new Date(Date.parse(to)).toISOString() }
  })
  const preset = computed(() => {
    const range = single(route.query.range)
    return range && range in PRESETS ? range : absolute.value ? null : DEFAULT_PRESET
  })
  const window = computed<TimeWindow>(() => absolute.value ?? relativeWindow(preset.value ?? DEFAULT_PRESET, clock.value))

  function replaceQuery(patch: Record<string, string | undefined>) {
    const query: LocationQuery = { ...route.query }
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') delete query[key]
      else query[key] = value
    }
    return router.replace({ query })
  }

  return {
    window,
    preset,
    bucket: computed(() => bucketFor(window.value)),
    setPreset: (name: string) => replaceQuery({ range: name, from: undefined, to: undefined }),
    setAbsolute: (w: TimeWindow) => replaceQuery({ range: undefined, from: w.from, to: w.to }),
    /** A filter kept in the URL under `name`; '' or undefined removes it. */
    filter: (name: string) =>
      computed<string | undefined>({
        get: () => single(route.query[name]),
        set: (value) => void replaceQuery({ [name]: value }),
      }),
    tick() {
      clock.value = now()
    },
  }
}
