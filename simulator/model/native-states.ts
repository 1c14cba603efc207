import { loadConfig } from '../../core/config/index.ts'

/** canonical → the channel's own name for it, from the same mapping the collector uses (first match wins). */
export function nativeStateNames(): Map<string, Map<string, string>> {
  const mapping = loadConfig({ env: {} }).stateMapping
  const out = new Map<string, Map<string, string>>()
  for (const [channel, table] of Object.entries(mapping)) {
    const reverse = new Map<string, string>()
    for (const [native, canonical] of Object.entries(table)) if (!reverse.has(canonical)) reverse.set(canonical, native)
    out.set(channel, reverse)
  }
  return out
}
