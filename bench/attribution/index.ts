import { f1 } from '../../analyzer/attribution/index.ts'
import type { BenchFlags } from '../registry.ts'
import { simulatedFigures } from './simulated.ts'
import { syntheticFigures } from './synthetic.ts'

/** The paper's own settings, for comparison with the tuned defaults. */
const PAPER = { riskThreshold: 0.5, pepThreshold: 0.02, nRemove: 5, removeShare: undefined, narrowerSlack: 0 }

/**
 * Attribution quality and speed: RiskLoc's F1 (exact match of root-cause
 * elements) and time per case on synthetic cases of 20,000 leaves, additive
 * and ratio; then F1 on the simulator's labelled faults through the same
 * code path as GET /api/v1/attribution. `--events N`: synthetic cases (100).
 */
export async function attributionBench(flags: BenchFlags): Promise<void> {
  const cases = flags.events ?? 100
  const additive = syntheticFigures(cases)
  const ratio = syntheticFigures(cases, { ratio: true })
  const paper = syntheticFigures(cases, { riskloc: PAPER })
  // Seed 21 is the one the store settings were chosen on (with 22 and 23); 24 was not looked at.
  const simulated = { 21: await simulatedFigures(21), 24: await simulatedFigures(24) }
  const out = { synthetic: { additive, ratio, paperSettings: paper }, simulated }
  if (flags.json) return void console.log(JSON.stringify(out, null, 2))
  const line = (name: string, s: typeof additive) =>
    console.log(`  ${name.padEnd(28)}: F1 ${s.f1.toFixed(3)} (tp ${s.confusion.tp}, fp ${s.confusion.fp}, fn ${s.confusion.fn}); ${s.msMean} ms/case mean, ${s.msP95} ms p95 (target F1 ≥ 0.9, < 1000 ms)`)
  console.log(`attribution benchmark: RiskLoc on ${cases} synthetic cases of ${additive.leaves.toLocaleString()} leaves each (seeds 1001–${1000 + cases})`)
  line('additive (defaults)', additive)
  line('ratio / success rate', ratio)
  line('additive, paper settings', paper)
  for (const [seed, sim] of Object.entries(simulated)) {
    console.log(`simulator seed ${seed}${seed === '24' ? ' (held out)' : ''}: 3 days × 4,000 orders/day, ${sim.outcomes.length} fault attributions (a cause must pick out exactly the fault's leaves)`)
    for (const o of sim.outcomes) console.log(`  ${o.hit ? 'hit ' : 'MISS'} ${o.scenario.padEnd(14)} ${JSON.stringify(o.scope).padEnd(62)} ${o.metric.padEnd(18)} → ${JSON.stringify(o.found)} (${o.ms.toFixed(0)} ms)`)
    console.log(`  additive metrics F1 ${f1(sim.additive).toFixed(3)} (tp ${sim.additive.tp}, fp ${sim.additive.fp}, fn ${sim.additive.fn}); ratio F1 ${f1(sim.ratio).toFixed(3)} (tp ${sim.ratio.tp}, fp ${sim.ratio.fp}, fn ${sim.ratio.fn})`)
    console.log(`  fault-free hours of day 2 (${sim.quietHours}): causes named per metric ${JSON.stringify(sim.quietCauses)} ('calls' finds day 1's warm-up: its pipeline starts empty)`)
  }
}
