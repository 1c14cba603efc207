import type { CallEvent } from '../../core/contracts/index.ts'

const SYSTEMS = ['oms', 'erp', 'wms', 'tms', 'taobao_api', 'jd_api', 'pdd_api', 'douyin_api']
const ENDPOINTS = ['/orders/pull', '/wms/push', '/callback/shipment', '/tracking/query', '/refund/notify', '/stock/lock']

/** Deterministic, realistic-sized interface-call events (the highest-volume kind at peak). */
export function benchCallEvents(count: number, startMs = Date.now() - 3_600_000): CallEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const failed = i % 37 === 0
    return {
      event_id: `bench-${i.toString(36)}-${(i * 2654435761) % 4294967296}`,
      ts: new Date(startMs + Math.floor(i / 20)).toISOString(),
      source_system: SYSTEMS[i % SYSTEMS.length]!,
      target_system: SYSTEMS[(i + 3) % SYSTEMS.length]!,
      endpoint: ENDPOINTS[i % ENDPOINTS.length]!,
      direction: i % 3 === 0 ? 'callback' : 'call',
      http_status: failed ? 429 : 200,
      latency_ms: 15 + ((i * 7919) % 400),
      ...(failed ? { error_code: 'isv.rate-limit', error_message: 'API调用频率超限 (rate limited)' } : {}),
      client_ip: `10.20.${i % 3}.${11 + (i % 8)}`,
      retry_attempt: failed ? 1 : 0,
      payload_bytes: 300 + (i % 2000),
      order_id: `o${(i % 50_000).toString(36).padStart(6, '0')}`,
      channel: ['taobao', 'jd', 'pinduoduo', 'douyin'][i % 4]!,
    }
  })
}
