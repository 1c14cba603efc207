import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { LeafTableBuilder, type LeafTable } from './leaf-table.ts'

/** A leaf-table file that cannot be read as asked; the message names the file, column or row. */
export class LeafTableError extends Error {}

export interface CsvColumns {
  /** Dimension columns; all columns but the measures when absent (the datasets' convention). */
  dims?: string[]
  actual: string
  expected: string
  /** Ratio metrics: the denominators' columns (numerators are `actual` / `expected`). */
  actualDenominator?: string
  expectedDenominator?: string
}

/**
 * Reads the leaf-table CSV of the root-cause literature (RiskLoc, Squeeze:
 * a header, one row per leaf, a column per dimension plus the actual and the
 * forecast value, e.g. `a,b,c,real,predict`).
 */
export function readLeafCsv(file: string, columns: CsvColumns): LeafTable {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new LeafTableError(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)
  }
  let rows: { record: string[]; info: { lines: number } }[]
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as typeof rows
  } catch (err) {
    throw new LeafTableError(`${file}: not a CSV file (${(err as Error).message})`)
  }
  const [header, ...data] = rows
  if (!header) throw new LeafTableError(`${file}: empty, expected a header row`)
  return leafTableFromRows(file, header.record, data.map((r) => ({ cells: r.record, line: r.info.lines })), columns)
}

/** `line` is the row's line in the file, for messages. */
export function leafTableFromRows(file: string, header: string[], data: { cells: string[]; line: number }[], columns: CsvColumns): LeafTable {
  const measures = [columns.actual, columns.expected, columns.actualDenominator, columns.expectedDenominator].filter((c): c is string => c !== undefined)
  const dims = columns.dims ?? header.filter((h) => !measures.includes(h))
  if (dims.length === 0) throw new LeafTableError(`${file}: no dimension columns`)
  const index = (column: string, flag: string) => {
    const i = header.indexOf(column)
    if (i < 0) throw new LeafTableError(`${file}: no column '${column}' (named by ${flag}); the columns are ${header.join(', ')}`)
    return i
  }
  const dimIndex = dims.map((d) => index(d, '--dims'))
  const actual = index(columns.actual, '--actual')
  const expected = index(columns.expected, '--expected')
  const ratio = columns.actualDenominator !== undefined || columns.expectedDenominator !== undefined
  if (ratio && (columns.actualDenominator === undefined || columns.expectedDenominator === undefined)) {
    throw new LeafTableError('a ratio metric needs both --actual-denominator and --expected-denominator')
  }
  const actualDen = ratio ? index(columns.actualDenominator!, '--actual-denominator') : -1
  const expectedDen = ratio ? index(columns.expectedDenominator!, '--expected-denominator') : -1
  const builder = new LeafTableBuilder(dims, { ratio })
  data.forEach(({ cells: row, line }, r) => {
    const number = (i: number) => {
      const text = row[i] ?? ''
      const value = text === '' ? NaN : Number(text)
      if (!Number.isFinite(value)) throw new LeafTableError(`${file}: row ${r + 1} (line ${line}), column '${header[i]}': '${text}' is not a number`)
      return value
    }
    builder.add({
      values: dimIndex.map((i) => row[i] ?? ''),
      actual: number(actual),
      expected: number(expected),
      ...(ratio ? { actualDenominator: number(actualDen), expectedDenominator: number(expectedDen) } : {}),
    })
  })
  if (data.length === 0) throw new LeafTableError(`${file}: no data rows`)
  return builder.build()
}
