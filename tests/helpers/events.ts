import type { CallEvent, CustomerQuery, JobRun, OrderEvent, QueueSample } from '../../core/contracts/index.ts'

const BASE = Date.parse('2026-11-11T08:00:00+08:00')
const iso = (ms: number) => new Date(ms).toISOString()

export function orderEvent(i: number, extra: Partial<OrderEvent> = {}): OrderEvent {
  return {
    event_id: `ord-${i}`,
    channel: 'douyin',
    channel_order_no: `DY${100000 + i}`,
    buyer_id: `buyer-${i % 97}`,
    order_time: iso(BASE + i * 1000),
    items: [{ sku: `SKU-${i % 13}`, qty: 1 + (i % 3), price: 59.9 }],
    system: 'oms',
    state: 'paid',
    event_time: iso(BASE + i * 1000 + 500),
    amount: 59.9,
    warehouse: 'wh-hangzhou',
    region: '浙江',
    department: 'ecom-1',
    payment_method: 'alipay',
    consignee_name: `张${i}`,
    ...extra,
  }
}

export function callEvent(i: number, extra: Partial<CallEvent> = {}): CallEvent {
  return {
    event_id: `call-${i}`,
    ts: iso(BASE + i * 10),
    source_system: 'wms',
    target_system: 'oms',
    endpoint: '/callback/shipment',
    direction: 'callback',
    http_status: i % 50 === 0 ? 403 : 200,
    latency_ms: 20 + (i % 30),
    client_ip: `10.0.0.${1 + (i % 4)}`,
    retry_attempt: 0,
    payload_bytes: 512,
    order_id: `o-${i % 1000}`,
    ...extra,
  }
}

export function jobRun(i: number, extra: Partial<JobRun> = {}): JobRun {
  return {
    event_id: `job-${i}`,
    job: 'jd_order_import',
    host: 'sync-01',
    schedule: '*/5 * * * *',
    started_at: iso(BASE + i * 300_000),
    finished_at: iso(BASE + i * 300_000 + 42_000),
    status: 'success',
    rows_moved: 120 + i,
    channel: 'jd',
    ...extra,
  }
}

export function queueSample(i: number, extra: Partial<QueueSample> = {}): QueueSample {
  return { event_id: `q-${i}`, ts: iso(BASE + i * 10_000), queue: 'oms-to-wms', depth: 10 * i, oldest_age_s: i, consumers: 4, ...extra }
}

export function customerQuery(i: number, extra: Partial<CustomerQuery> = {}): CustomerQuery {
  return { event_id: `cq-${i}`, ts: iso(BASE + i * 1000), channel: 'miniprogram', query_key: `DY${100000 + i}`, key_type: 'order_no', found: i % 10 !== 0, latency_ms: 80, ...extra }
}

export const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
