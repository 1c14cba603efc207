import { LeafTableBuilder, type LeafTable } from './leaf-table.ts'

/**
 * Expected values from baseline windows. Default: the same clock window on
 * each of the previous 7 days, taking per leaf the MEDIAN over the days that
 * have data — one bad day (an outage, a promotion) does not move a median of
 * seven, and a history shorter than a week just uses the days it has. A
 * single explicit baseline window is scaled to the period's length instead.
 * Ratio metrics: the expected denominator is the median denominator and the
 * expected numerator that times the median of the daily ratios, so a bad day
 * can't bend the expected rate either.
 */
export interface WindowValue {
  /** The leaf's dimension values, in the metric's dimension order. */
  values: string[]
  numerator: number
  denominator: number
}

export interface BaselineInput {
  dimensions: string[]
  ratio: boolean
  period: WindowValue[]
  /** One list per baseline window; windows without any data are skipped. */
  baselines: WindowValue[][]
  /** Multiplies baseline values: period length / baseline window length. */
  scale: number
}

export function leafTableWithBaseline(input: BaselineInput): { table: LeafTable; baselineWindowsUsed: number } {
  const used = input.baselines.filter((w) => w.some((v) => v.denominator > 0))
  const leaves = new Map<string, { values: string[]; actual?: WindowValue; history: (WindowValue | undefined)[] }>()
  const leaf = (values: string[]) => {
    const key = JSON.stringify(values)
    let l = leaves.get(key)
    if (!l) leaves.set(key, (l = { values, history: used.map(() => undefined) }))
    return l
  }
  for (const v of input.period) leaf(v.values).actual = v
  used.forEach((window, w) => {
    for (const v of window) leaf(v.values).history[w] = v
  })
  const builder = new LeafTableBuilder(input.dimensions, { ratio: input.ratio })
  for (const l of leaves.values()) {
    const numerators = l.history.map((h) => (h?.numerator ?? 0) * input.scale)
    const denominators = l.history.map((h) => (h?.denominator ?? 0) * input.scale)
    const actual = l.actual ?? { numerator: 0, denominator: 0 }
    if (!input.ratio) {
      builder.add({ values: l.values, actual: actual.numerator, expected: median(numerators) })
      continue
    }
    const expectedDenominator = median(denominators)
    const rates = l.history.flatMap((h) => (h && h.denominator > 0 ? [h.numerator / h.denominator] : []))
    const expectedRate = rates.length ? median(rates) : actual.denominator > 0 ? actual.numerator / actual.denominator : 0
    builder.add({ values: l.values, actual: actual.numerator, expected: expectedDenominator * expectedRate, actualDenominator: actual.denominator, expectedDenominator })
  }
  return { table: builder.build(), baselineWindowsUsed: used.length }
}

export function median(values: number[]): number {
  if (values.length === 0) return 0
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
