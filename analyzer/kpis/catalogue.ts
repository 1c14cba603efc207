import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { parse } from 'yaml'
import { createRowValidator } from '../../core/contracts/index.ts'

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
export type KpiStatus = 'healthy' | 'warning' | 'critical' | 'no_data'

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

/** Healthy at or beyond the healthy threshold, critical past the warning one, warning between. */
export function kpiStatus(def: KpiDefinition, value: number | null): KpiStatus {
  if (value === null || Number.isNaN(value)) return 'no_data'
  const better = (a: number, b: number) => (def.direction === 'higher' ? a >= b : a <= b)
  if (better(value, def.healthy)) return 'healthy'
  if (def.healthy === def.warning || !better(value, def.warning)) return 'critical'
  return 'warning'
}
