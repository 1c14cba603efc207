/** GET /api/v1/reports/consistency's JSON answer, declared once for the server and the console (type-only import there; no dependencies). */
export interface ChannelConsistency {
  channel: string
  /** Orders the channel itself reported created that day. */
  channel_orders: number
  /** Of those, the ones OMS has a record of (by the time of the report). */
  landed: number
  landing_success_rate: number | null
  /** Every stored creation record of the day, from every system. */
  created_records: number
  duplicate_records: number
  duplicate_rate: number | null
  /** Distinct order fingerprints with a creation record that day (mistyped copies are fingerprints of their own). */
  gross_orders: number
  /** Orders after de-duplication: fingerprints the channel itself created that day. */
  net_orders: number
  calls: number
  timeouts: number
  timeout_rate: number | null
}

export interface ConsistencyReport {
  date: string
  timezone: string
  from: string
  to: string
  channels: ChannelConsistency[]
  total: ChannelConsistency
}

/** Start and end (epoch ms) of a China-time calendar day, 'YYYY-MM-DD'. */
