import { writeFileSync } from 'node:fs'
import type { Store } from '../core/store/index.ts'
import type { TruthLabel } from './truth.ts'

/** Writes the ground truth where tests and benchmarks read it: a JSON file and/or the fault_labels table. */
export async function saveTruth(labels: TruthLabel[], runId: string, target: { file?: string; store?: Store }): Promise<void> {
  if (target.file) writeFileSync(target.file, JSON.stringify({ run_id: runId, faults: labels }, null, 2) + '\n')
  if (target.store && labels.length > 0) {
    const rows = labels.map((l) =>
      JSON.stringify([runId, l.label, l.scenario, Date.parse(l.start), Date.parse(l.end), l.scope, l.intensity, l.affected_orders, l.effects]),
    )
    await target.store.insertRows('fault_labels', ['run_id', 'label', 'scenario', 'start', 'end', 'scope', 'intensity', 'affected_orders', 'effects'], rows.join('\n') + '\n')
  }
}
