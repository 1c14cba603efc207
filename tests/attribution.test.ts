import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { addConfusion, confusion, f1, LeafTableBuilder, LeafTableError, readLeafCsv, riskLoc, syntheticCase, type CsvColumns, type LeafTable, type RootCause } from '../analyzer/attribution/index.ts'
import { tempDir } from './helpers/config.ts'

const run = promisify(execFile)
const causesOf = (table: LeafTable) => riskLoc(table).causes.map((c) => c.cause)
const SMALL = { cardinalities: [8, 6, 5, 4] }

/** A full grid over dimensions a (4 values), b (3), c (3), with a per-leaf value and a change for some leaves. */
function grid(change: (leaf: RootCause) => number, options: { ratio?: boolean; rateChange?: (leaf: RootCause) => number } = {}): LeafTable {
  const builder = new LeafTableBuilder(['a', 'b', 'c'], { ratio: options.ratio })
  let k = 0
  for (const a of ['a1', 'a2', 'a3', 'a4'])
    for (const b of ['b1', 'b2', 'b3'])
      for (const c of ['c1', 'c2', 'c3']) {
        const leaf = { a, b, c }
        // Uneven but fixed leaf sizes, with ±2% wobble so the table is not perfectly flat.
        const expected = 50 + ((k * 37) % 200)
        const actual = expected * change(leaf) * (1 + ((k++ % 5) - 2) / 100)
        if (!options.ratio) builder.add({ values: [a, b, c], actual, expected })
        else builder.add({ values: [a, b, c], actual: actual * 0.95 * (options.rateChange?.(leaf) ?? 1), expected: expected * 0.95, actualDenominator: actual, expectedDenominator: expected })
      }
  return builder.build()
}

describe('RiskLoc on hand-made leaf tables', () => {
  it('finds a one-dimension cause and nothing else', () => {
    expect(causesOf(grid((l) => (l.a === 'a2' ? 0.4 : 1)))).toEqual([{ a: 'a2' }])
  })

  it('finds a two-dimension cause rather than either of its halves', () => {
    expect(causesOf(grid((l) => (l.a === 'a3' && l.c === 'c1' ? 0.3 : 1)))).toEqual([{ a: 'a3', c: 'c1' }])
  })

  it('finds two separate causes', () => {
    const found = causesOf(grid((l) => (l.b === 'b3' ? 0.2 : l.a === 'a1' && l.c === 'c2' ? 0.4 : 1)))
    expect(found).toHaveLength(2)
    expect(found).toEqual(expect.arrayContaining([{ b: 'b3' }, { a: 'a1', c: 'c2' }]))
  })

  it('finds rises as well as drops', () => {
    expect(causesOf(grid((l) => (l.c === 'c3' ? 2.5 : 1)))).toEqual([{ c: 'c3' }])
  })

  it('finds nothing when actual equals expected', () => {
    const flat = new LeafTableBuilder(['a'])
    for (const a of ['a1', 'a2', 'a3']) flat.add({ values: [a], actual: 10, expected: 10 })
    expect(causesOf(flat.build())).toEqual([])
  })

  it('ratio metric: blames the leaves whose rate fell, not the ones whose volume rose', () => {
    // a=a1 doubles its calls at an unchanged success rate; b=b2's success rate halves.
    const table = grid((l) => (l.a === 'a1' ? 2 : 1), { ratio: true, rateChange: (l) => (l.b === 'b2' ? 0.5 : 1) })
    expect(causesOf(table)).toEqual([{ b: 'b2' }])
    // The same denominators read as an additive metric (call volume) point at a=a1 instead.
    const volume = new LeafTableBuilder(['a', 'b', 'c'])
    table.actual.forEach((_, i) => volume.add({ values: table.codes.map((c, d) => table.values[d]![c[i]!]!), actual: table.actualDenominator![i]!, expected: table.expectedDenominator![i]! }))
    expect(causesOf(volume.build())).toEqual([{ a: 'a1' }])
  })
})

describe('synthetic generator', () => {
  it('is deterministic by seed and labels 1–3 causes of 1–3 dimensions', () => {
    const one = syntheticCase({ seed: 7, ...SMALL })
    const again = syntheticCase({ seed: 7, ...SMALL })
    const other = syntheticCase({ seed: 8, ...SMALL })
    expect(again.truth).toEqual(one.truth)
    expect([...again.table.actual]).toEqual([...one.table.actual])
    expect([...other.table.actual]).not.toEqual([...one.table.actual])
    expect(one.table.actual.length).toBe(8 * 6 * 5 * 4)
    for (let seed = 1; seed <= 30; seed++) {
      const { truth } = syntheticCase({ seed, ...SMALL })
      expect(truth.length).toBeGreaterThanOrEqual(1)
      expect(truth.length).toBeLessThanOrEqual(9)
      for (const cause of truth) expect(Object.keys(cause).length).toBeGreaterThanOrEqual(1), expect(Object.keys(cause).length).toBeLessThanOrEqual(3)
    }
  })

  it('changes the root causes’ leaves and not the others beyond the noise', () => {
    const { table, truth } = syntheticCase({ seed: 3, ...SMALL, noise: [0, 0], rootCauses: [1, 1], elementsPerCause: [1, 1] })
    const [cause] = truth
    const inCause = (i: number) => Object.entries(cause!).every(([d, v]) => table.values[table.dimensions.indexOf(d)]![table.codes[table.dimensions.indexOf(d)]![i]!] === v)
    table.actual.forEach((actual, i) => {
      if (!inCause(i)) expect(actual).toBe(table.expected[i])
    })
    expect(table.actual.some((a, i) => inCause(i) && a !== table.expected[i])).toBe(true)
  })
})

describe('RiskLoc on synthetic cases', () => {
  // Chance (a random element of the right layer) scores near 0 on exact-match F1; a broken search scores 0.
  it('additive: F1 well above chance on small cases', () => {
    let total = { tp: 0, fp: 0, fn: 0 }
    for (let seed = 500; seed < 520; seed++) {
      const c = syntheticCase({ seed, ...SMALL })
      total = addConfusion(total, confusion(causesOf(c.table), c.truth))
    }
    expect(f1(total)).toBeGreaterThan(0.75)
  })

  it('ratio (success rate): F1 well above chance on small cases', () => {
    let total = { tp: 0, fp: 0, fn: 0 }
    for (let seed = 600; seed < 620; seed++) {
      const c = syntheticCase({ seed, ...SMALL, ratio: true })
      total = addConfusion(total, confusion(causesOf(c.table), c.truth))
    }
    expect(f1(total)).toBeGreaterThan(0.75)
  })
})

describe('orderlens attribute', () => {
  const dir = tempDir('orderlens-attr-')
  const cli = (...args: string[]) => run(process.execPath, [path.resolve('bin/orderlens.mjs'), 'attribute', ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  )
  const writeCase = (file: string, table: LeafTable, ratio = false) => {
    const header = [...table.dimensions, ratio ? 'real_a,predict_a,real_b,predict_b' : 'real,predict'].join(',')
    const lines = Array.from(table.actual, (_, i) => [...table.codes.map((c, d) => table.values[d]![c[i]!]), table.actual[i], table.expected[i], ...(ratio ? [table.actualDenominator![i], table.expectedDenominator![i]] : [])].join(','))
    writeFileSync(path.join(dir, file), [header, ...lines].join('\n') + '\n')
    return path.join(dir, file)
  }

  it('prints the root-cause set of a leaf-table CSV as JSON, as the library finds it', async () => {
    const c = syntheticCase({ seed: 11, ...SMALL })
    const file = writeCase('case.csv', c.table)
    const out = await cli('--input', file, '--dims', 'a,b,c,d', '--actual', 'real', '--expected', 'predict')
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout)).toEqual(causesOf(c.table))
    expect(JSON.parse(out.stdout).length).toBeGreaterThan(0)
  })

  it('ratio mode with --actual-denominator/--expected-denominator', async () => {
    const c = syntheticCase({ seed: 12, ...SMALL, ratio: true })
    const file = writeCase('ratio.csv', c.table, true)
    const out = await cli('--input', file, '--actual', 'real_a', '--expected', 'predict_a', '--actual-denominator', 'real_b', '--expected-denominator', 'predict_b')
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout)).toEqual(causesOf(c.table))
  })

  it('names the problem: missing file, missing column, non-numeric value', () => {
    const read = (file: string, columns: Partial<CsvColumns> = {}) => () => readLeafCsv(path.join(dir, file), { actual: 'real', expected: 'predict', ...columns })
    expect(read('nope.csv')).toThrow(/nope\.csv: cannot read the file \(ENOENT\)/)
    writeFileSync(path.join(dir, 'bad.csv'), 'a,b,real,predict\na1,b1,10,12\n\na2,b1,ten,12\n')
    expect(read('bad.csv', { dims: ['a', 'zone'] })).toThrow(/no column 'zone' \(named by --dims\); the columns are a, b, real, predict/)
    expect(read('bad.csv', { expected: 'forecast' })).toThrow(/no column 'forecast' \(named by --expected\)/)
    expect(read('bad.csv', { actualDenominator: 'calls' })).toThrow(/needs both --actual-denominator and --expected-denominator/)
    // The blank line is skipped but counted: the message gives the row and the file's line.
    expect(read('bad.csv')).toThrow(/row 2 \(line 4\), column 'real': 'ten' is not a number/)
    expect(read('bad.csv')).toThrow(LeafTableError)
  })

  it('exits 2 with the message, without a stack', async () => {
    const out = await cli('--input', path.join(dir, 'bad.csv'), '--dims', 'a,zone')
    expect(out.code).toBe(2)
    expect(out.stderr.trim()).toBe(`orderlens: ${path.join(dir, 'bad.csv')}: no column 'zone' (named by --dims); the columns are a, b, real, predict`)
  })

})
