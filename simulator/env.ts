import type { KindName } from '../core/contracts/index.ts'
import type { Hooks } from './faults.ts'
import type { CompanyProfile } from './model/company.ts'
import type { Random } from './random.ts'

/** What the order flow and the periodic producers need from the engine. */
export interface SimEnv {
  company: CompanyProfile
  random: Random
  hooks: Hooks[]
  /** Events are stamped with their own times; emit them in roughly increasing order. */
  emit(kind: KindName, event: Record<string, unknown>): void
  /** Emits an event stamped `at`: now if that is not in the future, else when simulated time gets there. */
  emitAt(kind: KindName, at: number, event: Record<string, unknown>): void
  /** Runs `task` at virtual time `at`. */
  schedule(at: number, task: () => void): void
  nextEventId(prefix: string): string
  /** Current virtual time. */
  now(): number
}
