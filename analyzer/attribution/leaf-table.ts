/**
 * The leaf table of the multi-dimensional root-cause literature: one row per
 * combination of dimension values (a "leaf"), with the metric's actual and
 * expected (forecast) value. Ratio metrics (e.g. success rate = successes /
 * calls) carry numerator and denominator separately, because a ratio cannot
 * be summed over leaves but its parts can.
 *
 * Values are interned per dimension: leaf i's value of dimension d is
 * `values[d][codes[d][i]]`, so the search works on integers, not strings.
 */
export interface LeafTable {
  dimensions: string[]
  /** Per dimension, its distinct values; the index is the value's code. */
  values: string[][]
  /** Per dimension, each leaf's value code. */
  codes: Int32Array[]
  /** Additive: the metric. Ratio: the numerator. */
  actual: Float64Array
  expected: Float64Array
  /** Ratio metrics only: the denominators. */
  actualDenominator?: Float64Array
  expectedDenominator?: Float64Array
}

/** A root cause: dimension → value, e.g. { channel: 'kuaishou' } or { a: 'a1', b: 'b3' }. */
export type RootCause = Record<string, string>

export interface LeafRow {
  /** One value per dimension, in the table's dimension order. */
  values: readonly string[]
  actual: number
  expected: number
  actualDenominator?: number
  expectedDenominator?: number
}

export const isRatio = (table: LeafTable): boolean => table.actualDenominator !== undefined

/** Builds a LeafTable row by row, interning dimension values. */
export class LeafTableBuilder {
  readonly #dimensions: string[]
  readonly #ratio: boolean
  readonly #lookup: Map<string, number>[]
  readonly #values: string[][]
  readonly #codes: number[][]
  readonly #measures: number[][] = [[], [], [], []]

  constructor(dimensions: readonly string[], options: { ratio?: boolean } = {}) {
    this.#dimensions = [...dimensions]
    this.#ratio = options.ratio ?? false
    this.#lookup = dimensions.map(() => new Map())
    this.#values = dimensions.map(() => [])
    this.#codes = dimensions.map(() => [])
  }

  add(row: LeafRow): void {
    for (let d = 0; d < this.#dimensions.length; d++) {
      const value = row.values[d] ?? ''
      let code = this.#lookup[d]!.get(value)
      if (code === undefined) {
        code = this.#values[d]!.length
        this.#values[d]!.push(value)
        this.#lookup[d]!.set(value, code)
      }
      this.#codes[d]!.push(code)
    }
    const [actual, expected, actualDen, expectedDen] = this.#measures as [number[], number[], number[], number[]]
    actual.push(row.actual)
    expected.push(row.expected)
    if (this.#ratio) {
      actualDen.push(row.actualDenominator ?? 0)
      expectedDen.push(row.expectedDenominator ?? 0)
    }
  }

  build(): LeafTable {
    const [actual, expected, actualDen, expectedDen] = this.#measures as [number[], number[], number[], number[]]
    return {
      dimensions: [...this.#dimensions],
      values: this.#values.map((v) => [...v]),
      codes: this.#codes.map((c) => Int32Array.from(c)),
      actual: Float64Array.from(actual),
      expected: Float64Array.from(expected),
      ...(this.#ratio ? { actualDenominator: Float64Array.from(actualDen), expectedDenominator: Float64Array.from(expectedDen) } : {}),
    }
  }
}

export const leafCount = (table: LeafTable): number => table.actual.length
