import { dominant, iso, window, type DetectedFinding, type Detector, type DetectorContext, type FindingText } from './types.ts'

/** domain.md's circuit breaker: a backlog over 200, or an average wait over 8 minutes. */
const BREAKER_DEPTH = 200
const BREAKER_WAIT_MIN = 8
/** Orders a wait is judged on, and orders waiting past the breaker, before a warehouse counts as behind. */
const MIN_ORDERS = 10
const MIN_WAITING = 5
/** The OMS → WMS push queue, whose wait the orders themselves tell. */
const PUSH_QUEUE = 'oms-to-wms'

interface WarehouseWait {
  warehouse: string
  /** Orders pushed in the window or still waiting. */
  pushed: string
  median_wait_min: number
  waiting_long: string
}

/**
 * Story 5: queue backlog and push delay. Any queue over the depth breaker;
 * for the push queue also the wait orders see between stock lock in OMS and
 * allocation in WMS, per warehouse, so the finding names the warehouse
 * that is behind.
 */
export const queueBacklogDetector: Detector = {
  pattern: 'queue_backlog',
  async detect(ctx) {
    const queues = await ctx.store.query<{ queue: string; latest_depth: string; latest_oldest: number; first: string; last: string; peak: string }>(
      `SELECT queue, argMax(depth, ts) AS latest_depth, argMax(oldest_age_s, ts) AS latest_oldest,
              minIf(ts, depth > {depth:UInt64}) AS first, max(ts) AS last, max(depth) AS peak
       FROM queue_samples WHERE ts >= {since:DateTime64(3)} AND ts <= {at:DateTime64(3)} GROUP BY queue`,
      window(ctx, { depth: BREAKER_DEPTH }),
    )
    const { total, waits } = await pushWaits(ctx)
    const pushed = Number(total?.pushed ?? 0)
    const typicalWait = total?.median_wait_min ?? 0
    // A median of a handful of night-time orders says nothing: a warehouse is behind when enough orders wait.
    const slowWarehouses = waits.filter((w) => Number(w.pushed) >= MIN_ORDERS && Number(w.waiting_long) >= MIN_WAITING && w.median_wait_min > BREAKER_WAIT_MIN)
    const findings: DetectedFinding[] = []
    for (const q of queues) {
      const depth = Number(q.latest_depth)
      const isPush = q.queue === PUSH_QUEUE
      const tooDeep = depth > BREAKER_DEPTH
      const waitingLong = Number(total?.waiting_long ?? 0)
    const tooSlow = pushed >= MIN_ORDERS && waitingLong >= MIN_WAITING && typicalWait > BREAKER_WAIT_MIN
    if (!tooDeep && !(isPush && (tooSlow || slowWarehouses.length))) continue
      const behind = isPush ? dominant(waits, (w) => w.warehouse, (w) => Number(w.waiting_long), 0.5) ?? (slowWarehouses.length === 1 ? slowWarehouses[0]!.warehouse : undefined) : undefined
      findings.push({
        pattern: 'queue_backlog',
        severity: depth > 5000 || typicalWait > 60 ? 'critical' : 'warning',
        scope: { queue: q.queue, ...(behind ? { warehouse: behind } : {}) },
        first_seen: iso(tooDeep ? q.first : q.last),
        last_seen: iso(q.last),
        ...backlogText({ queue: q.queue, depth, oldestMin: Math.round(q.latest_oldest / 60), typicalWait: isPush ? typicalWait.toFixed(1) : undefined, behind }),
        evidence: {
          depth,
          peak_depth: Number(q.peak),
          oldest_age_s: q.latest_oldest,
          breaker: { depth: BREAKER_DEPTH, wait_min: BREAKER_WAIT_MIN },
          ...(isPush ? { typical_push_wait_min: typicalWait, by_warehouse: Object.fromEntries(waits.map((w) => [w.warehouse, { orders: Number(w.pushed), median_wait_min: w.median_wait_min, waiting_over_breaker: Number(w.waiting_long) }])) } : {}),
        },
      })
    }
    return findings
  },
}

interface Backlog {
  queue: string
  depth: number
  oldestMin: number
  /** Minutes orders typically wait to reach the warehouse, for the push queue only. */
  typicalWait?: string
  /** The warehouse that is behind, when one is. */
  behind?: string
}

function backlogText({ queue, depth, oldestMin, typicalWait, behind }: Backlog): FindingText {
  return {
    summary: `${queue} holds ${depth} messages (oldest ${oldestMin} min)${typicalWait !== undefined ? `; orders typically wait ${typicalWait} min to reach the warehouse` : ''}${behind ? `, ${behind} is behind` : ''}`,
    summary_zh: `${queue} 积压 ${depth} 条消息（最早一条已等待 ${oldestMin} 分钟）${typicalWait !== undefined ? `；订单通常要等 ${typicalWait} 分钟才到达仓库` : ''}${behind ? `，${behind} 处理滞后` : ''}`,
    fix: `Circuit breaker: pause intake into ${queue} and alert the ${behind ? `${behind} ` : ''}warehouse lead; add consumers or find the slow consumer; drain oldest first.`,
    fix_zh: `熔断：暂停向 ${queue} 写入，并通知${behind ? ` ${behind} ` : ''}仓库负责人；增加消费者或找出慢的消费者；先处理最早的消息。`,
  }
}

/**
 * Per warehouse, the median wait orders see now (the median, not the mean,
 * so the usual long tail of a few slow pushes does not trip the breaker): those pushed in the window (lock →
 * allocation) and those still waiting (lock → now), and how many of the
 * latter wait past the breaker.
 */
async function pushWaits(ctx: DetectorContext): Promise<{ total?: WarehouseWait; waits: WarehouseWait[] }> {
  const rows = await ctx.store.query<WarehouseWait & { is_total: number }>(
    `SELECT warehouse, grouping(warehouse) AS is_total, count() AS pushed,
            quantileExact(0.5)(dateDiff('second', locked, if(allocated > 0, allocated, {at:DateTime64(3)})) / 60) AS median_wait_min,
            countIf(allocated = 0 AND locked < {at:DateTime64(3)} - INTERVAL {wait:UInt32} MINUTE) AS waiting_long
     FROM (
       SELECT order_id, anyIf(warehouse, warehouse != '') AS warehouse,
              minIf(event_time, system = 'oms' AND state = 'stock_locked') AS locked,
              minIf(event_time, system = 'wms' AND state = 'allocated') AS allocated,
              countIf(state IN ('cancelled', 'refund_requested', 'refunded')) AS withdrawn
       FROM order_events
       WHERE event_time >= {at:DateTime64(3)} - INTERVAL 6 HOUR AND event_time <= {at:DateTime64(3)} AND system IN ('oms', 'wms')
       GROUP BY order_id)
     WHERE locked > 0 AND warehouse != '' AND withdrawn = 0
       -- An order locked hours ago and never pushed is a lost order (another story), not a backlog.
       AND (allocated >= {since:DateTime64(3)} OR (allocated = 0 AND locked >= {at:DateTime64(3)} - INTERVAL 1 HOUR))
     GROUP BY ROLLUP(warehouse)`,
    window(ctx, { wait: BREAKER_WAIT_MIN }),
  )
  const waits = rows.map((r) => ({ ...r, median_wait_min: Number(r.median_wait_min) || 0 }))
  return { total: waits.find((r) => Number(r.is_total) === 1), waits: waits.filter((r) => Number(r.is_total) === 0) }
}
