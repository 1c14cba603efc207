import type { Command } from 'commander'
import { explainCauses, LeafTableError, readLeafCsv, riskLoc } from '../../analyzer/attribution/index.ts'

interface AttributeFlags {
  input: string
  dims?: string
  actual: string
  expected: string
  actualDenominator?: string
  expectedDenominator?: string
  maxDims: string
  details?: boolean
}

/**
 * `orderlens attribute`: root-cause localization (RiskLoc) on a leaf-table
 * CSV, printing the root-cause set as JSON. Bad input exits 2 with a message
 * naming the file, column or row.
 */
export function registerAttribute(program: Command): void {
  program
    .command('attribute')
    .description('find the dimension combinations that explain a deviation, from a leaf-table CSV (one row per leaf: dimension columns, actual and expected); prints the root causes as JSON')
    .requiredOption('--input <file>', 'leaf-table CSV with a header row')
    .option('--dims <list>', 'comma-separated dimension columns (default: every column but the measures)')
    .option('--actual <column>', 'actual value column (the numerator for a ratio metric)', 'real')
    .option('--expected <column>', 'expected (forecast) value column (the numerator for a ratio metric)', 'predict')
    .option('--actual-denominator <column>', 'ratio metric (e.g. success rate = successes / calls): actual denominator column')
    .option('--expected-denominator <column>', 'ratio metric: expected denominator column')
    .option('--max-dims <n>', 'most dimensions in one root cause', '3')
    .option('--details', 'print the totals and each cause with its actual, expected, share of the deviation, leaves and risk scores')
    .action((flags: AttributeFlags) => {
      try {
        const table = readLeafCsv(flags.input, {
          ...(flags.dims ? { dims: flags.dims.split(',').map((d) => d.trim()).filter(Boolean) } : {}),
          actual: flags.actual,
          expected: flags.expected,
          ...(flags.actualDenominator ? { actualDenominator: flags.actualDenominator } : {}),
          ...(flags.expectedDenominator ? { expectedDenominator: flags.expectedDenominator } : {}),
        })
        const maxLayer = Number(flags.maxDims)
        if (!Number.isInteger(maxLayer) || maxLayer < 1) throw new LeafTableError(`--max-dims must be a positive integer, not '${flags.maxDims}'`)
        const result = riskLoc(table, { maxLayer })
        console.log(JSON.stringify(flags.details ? explainCauses(table, result) : result.causes.map((c) => c.cause)))
      } catch (err) {
        if (!(err instanceof LeafTableError)) throw err
        console.error(`orderlens: ${err.message}`)
        process.exit(2)
      }
    })
}
