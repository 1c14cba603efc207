import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { parse } from 'yaml'
import { createRowValidator } from '../../core/contracts/index.ts'
import type { KpiStatus } from './answers.ts'

const KpiDefinitionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_]+$' }),
    name: Type.Object({ en: Type.String(), zh: Type.String() }),
    unit: Type.Union([Type.Literal('ratio'), Type.Literal('minutes'), Type.Literal('count'), Type.Literal('ms')]),
    direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
    healthy: Type.Number(),
    warning: Type.Number(),
  },
  { additionalProperties: false },
)

export type KpiDefinition = Static<typeof KpiDefinitionSchema>
export type { KpiStatus } from './answers.ts'

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kpis.yml')

/** The KPI definitions, each checked; an error names the entry and the field. */
export function loadKpiCatalogue(file = FILE): KpiDefinition[] {
  const entries = parse(readFileSync(file, 'utf8')) as unknown[]
  const check = createRowValidator(KpiDefinitionSchema)
  return entries.map((entry, i) => {
    const error = check(entry)
    if (error) throw new Error(`${file}: KPI #${i + 1} ${error.field}: ${error.reason}`)
    return entry as KpiDefinition
  })
}

/** A company's own thresholds for one KPI (configuration `kpis.<id>`). */
export interface ThresholdOverride {
  healthy?: number
  warning?: number
}

export class KpiThresholdError extends Error {}

/**
 * The catalogue with a company's thresholds laid over domain.md's defaults.
 * An unknown KPI id, or thresholds in the wrong order for the KPI's
 * direction, is an error naming `kpis.<id>`.
 */
export function withThresholds(defs: KpiDefinition[], overrides: Record<string, ThresholdOverride> = {}): KpiDefinition[] {
  const known = new Set(defs.map((d) => d.id))
  for (const id of Object.keys(overrides)) {
    if (!known.has(id)) throw new KpiThresholdError(`kpis.${id}: unknown KPI; known: ${[...known].join(', ')}`)
  }
  return defs.map((def) => {
    const o = overrides[def.id]
    if (!o) return def
    const merged = { ...def, healthy: o.healthy ?? def.healthy, warning: o.warning ?? def.warning }
    const ordered = def.direction === 'higher' ? merged.healthy >= merged.warning : merged.healthy <= merged.warning
    if (!ordered) {
      const side = def.direction === 'higher' ? 'at or above' : 'at or below'
      throw new KpiThresholdError(`kpis.${def.id}: healthy (${merged.healthy}) must be ${side} warning (${merged.warning}) for a ${def.direction}-is-better KPI`)
    }
    return merged
  })
}

/** Healthy at or beyond the healthy threshold, critical past the warning one, warning between. */
export function kpiStatus(def: KpiDefinition, value: number | null): KpiStatus {
  if (value === null || Number.isNaN(value)) return 'no_data'
  const better = (a: number, b: number) => (def.direction === 'higher' ? a >= b : a <= b)
  if (better(value, def.healthy)) return 'healthy'
  if (def.healthy === def.warning || !better(value, def.warning)) return 'critical'
  return 'warning'
}
