import { stringify } from 'csv-stringify/sync'
import type { ChannelConsistency, ConsistencyReport } from './consistency.ts'

export const CSV_COLUMNS: (keyof ChannelConsistency)[] = [
  'channel',
  'channel_orders',
  'landed',
  'landing_success_rate',
  'created_records',
  'duplicate_records',
  'duplicate_rate',
  'gross_orders',
  'net_orders',
  'calls',
  'timeouts',
  'timeout_rate',
]

/** The report as CSV: a header, one row per channel, then the total ('all'); a rate with no base is empty. */
export function reportCsv(report: ConsistencyReport): string {
  const rows = [...report.channels, report.total].map((r) => CSV_COLUMNS.map((c) => r[c] ?? ''))
  return stringify(rows, { header: true, columns: CSV_COLUMNS as string[] })
}
