import type { FaultSpec, ScenarioId } from './faults.ts'

/** One injected fault as tests and benchmarks score against it. */
export interface TruthLabel {
  label: string
  scenario: ScenarioId
  start: string
  end: string
  scope: Record<string, string>
  intensity: number
  affected_orders: string[]
  /** What the fault produced, in counts (calls failed, orders stuck, runs skipped …). */
  effects: Record<string, number>
}

/** Collects, per injected fault, the orders it touched and what it did. */
export class TruthRecorder {
  readonly #labels = new Map<string, { spec: FaultSpec; orders: Set<string>; effects: Map<string, number> }>()

  register(label: string, spec: FaultSpec): void {
    this.#labels.set(label, { spec, orders: new Set(), effects: new Map() })
  }

  affected(label: string, orderId: string): void {
    this.#labels.get(label)?.orders.add(orderId)
  }

  count(label: string, effect: string, n = 1): void {
    const entry = this.#labels.get(label)
    if (entry) entry.effects.set(effect, (entry.effects.get(effect) ?? 0) + n)
  }

  labels(): TruthLabel[] {
    return [...this.#labels.keys()].map((label) => this.label(label)!)
  }

  label(label: string): TruthLabel | undefined {
    const entry = this.#labels.get(label)
    if (!entry) return undefined
    const { spec, orders, effects } = entry
    return {
      label,
      scenario: spec.scenario,
      start: new Date(spec.start).toISOString(),
      end: new Date(spec.start + spec.durationMs).toISOString(),
      scope: spec.scope,
      intensity: spec.intensity,
      affected_orders: [...orders].sort(),
      effects: Object.fromEntries(effects),
    }
  }
}
