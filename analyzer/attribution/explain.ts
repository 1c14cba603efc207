import { isRatio, type LeafTable, type RootCause } from './leaf-table.ts'
import type { RiskLocResult } from './riskloc.ts'

/** A measure over some leaves: for ratio metrics the rate with its numerator and denominator. */
export interface Measure {
  actual: number
  expected: number
  actual_numerator?: number
  expected_numerator?: number
  actual_denominator?: number
  expected_denominator?: number
}

export interface ExplainedCause extends Measure {
  scope: RootCause
  /** Share of the total deviation this cause's leaves explain (EP; 1 = all of it, negative = against it). */
  share: number
  leaves: number
  layer: number
  risk: { high: number; low: number }
}

export function explainCauses(table: LeafTable, result: RiskLocResult): { totals: Measure; causes: ExplainedCause[] } {
  const all = Int32Array.from(table.actual.keys())
  const causes = result.causes.map((c) => {
    let share = 0
    for (const i of c.leaves) share += result.scores.share[i]!
    return { scope: c.cause, ...measure(table, c.leaves), share: round(share), leaves: c.leaves.length, layer: c.layer, risk: { high: round(c.highRisk), low: round(c.lowRisk) } }
  })
  return { totals: measure(table, all), causes }
}

function measure(table: LeafTable, leaves: Int32Array): Measure {
  const sum = (values: Float64Array) => {
    let s = 0
    for (const i of leaves) s += values[i]!
    return s
  }
  const actual = sum(table.actual)
  const expected = sum(table.expected)
  if (!isRatio(table)) return { actual: round(actual), expected: round(expected) }
  const actualDen = sum(table.actualDenominator!)
  const expectedDen = sum(table.expectedDenominator!)
  return {
    actual: actualDen > 0 ? round(actual / actualDen) : 0,
    expected: expectedDen > 0 ? round(expected / expectedDen) : 0,
    actual_numerator: round(actual),
    expected_numerator: round(expected),
    actual_denominator: round(actualDen),
    expected_denominator: round(expectedDen),
  }
}

const round = (v: number) => Number(v.toFixed(4))
