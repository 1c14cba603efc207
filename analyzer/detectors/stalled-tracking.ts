import { dominant, iso, ts, type DetectedFinding, type Detector, type FindingText } from './types.ts'

const STALL_HOURS = 36

/**
 * Story 10: parcels picked up 36 h ago or more with no courier scan since
 * (no in-transit, delivery or later state). Per carrier; the scope narrows
 * to a region when the stalled parcels are nearly all bound there.
 */
export const stalledTrackingDetector: Detector = {
  pattern: 'stalled_tracking',
  async detect(ctx) {
    const rows = await ctx.store.query<{ carrier: string; region: string; stalled: string; shipped: string; first: string; last: string; sample: string[] }>(
      `SELECT carrier, region, countIf(scans_after = 0) AS stalled, count() AS shipped,
              minIf(picked, scans_after = 0) AS first, maxIf(picked, scans_after = 0) AS last, groupArrayIf(5)(order_id, scans_after = 0) AS sample
       FROM (
         SELECT order_id, anyIf(carrier, carrier != '') AS carrier, anyIf(region, region != '') AS region,
                minIf(event_time, state = 'picked_up') AS picked, countIf(state != 'picked_up' AND state != 'cancelled') AS scans_after
         FROM order_events WHERE system = 'tms' AND event_time >= {from:DateTime64(3)} AND event_time <= {at:DateTime64(3)} GROUP BY order_id)
       WHERE picked > {from:DateTime64(3)} AND picked <= {stale:DateTime64(3)}
       GROUP BY carrier, region`,
      { at: ts(ctx.at), stale: ts(ctx.at - STALL_HOURS * 3_600_000), from: ts(ctx.at - 4 * 24 * 3_600_000) },
    )
    const findings: DetectedFinding[] = []
    for (const carrier of new Set(rows.map((r) => r.carrier))) {
      const mine = rows.filter((r) => r.carrier === carrier)
      const stalled = sum(mine, 'stalled')
      const shipped = sum(mine, 'shipped')
      // Out of the story, a parcel goes 36 h without a scan a few times in 100,000: three are an incident.
      if (stalled < 3) continue
      const region = dominant(mine, (r) => r.region, (r) => Number(r.stalled))
      const hit = mine.filter((r) => Number(r.stalled) > 0)
      findings.push({
        pattern: 'stalled_tracking',
        severity: stalled >= 50 || stalled / shipped > 0.05 ? 'critical' : 'warning',
        scope: { carrier, ...(region ? { region } : {}) },
        first_seen: iso(hit.map((r) => r.first).sort()[0]!),
        last_seen: iso(hit.map((r) => r.last).sort().at(-1)!),
        ...stalledText(carrier, region, stalled, shipped),
        evidence: { stalled, picked_up: shipped, stalled_by_region: Object.fromEntries(hit.map((r) => [r.region, Number(r.stalled)])), sample_orders: hit.flatMap((r) => r.sample).slice(0, 10) },
      })
    }
    return findings
  },
}

function stalledText(carrier: string, region: string | undefined, stalled: number, shipped: number): FindingText {
  return {
    summary: `${stalled} ${carrier} parcels${region ? ` bound for ${region}` : ''} have had no courier scan for ${STALL_HOURS} h since pick-up (of ${shipped} picked up)`,
    summary_zh: `${carrier} 有 ${stalled} 个${region ? `发往 ${region} 的` : ''}包裹揽收后 ${STALL_HOURS} 小时没有任何快递扫描（共揽收 ${shipped} 个）`,
    fix: `Escalate to ${carrier} with the tracking numbers${region ? ` (${region} line haul)` : ''}; tell the customers before they call; consider re-shipping the oldest.`,
    fix_zh: `带上运单号向 ${carrier} 升级处理${region ? `（${region} 干线）` : ''}；在客户来电前主动告知；考虑为最早的包裹重新发货。`,
  }
}

const sum = <K extends string>(rows: Record<K, string>[], key: K) => rows.reduce((s, r) => s + Number(r[key]), 0)
