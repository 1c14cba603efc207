/**
 * Flags of the benchmarks that build (or reuse) a large store, beyond the
 * shared numeric ones: `--data DIR`, `--days N`, `--orders-per-day N`,
 * `--runs N`. Read from the command line as given, whichever way the
 * benchmark was started (`npm run bench --` or `orderlens bench`).
 */
export function storeFlags(argv: string[], defaults: { days: number; ordersPerDay: number; runs?: number }) {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const int = (name: string, fallback: number) => {
    const v = value(name)
    const n = v === undefined ? fallback : Number(v)
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${v}'`)
    return n
  }
  return { data: value('data'), days: int('days', defaults.days), ordersPerDay: int('orders-per-day', defaults.ordersPerDay), runs: int('runs', defaults.runs ?? 5) }
}
