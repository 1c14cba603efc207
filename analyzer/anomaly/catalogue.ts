import type { SourceId } from './sources.ts'

/**
 * The series watched for anomalies, each defined once. A count series is
 * watched both ways (surges and drops); a rate series (successes out of n)
 * is watched for falls: sharp ones are drops, slow ones degradations.
 */
export type SeriesKind = 'count' | 'rate'
export type AnomalyPattern = 'anomaly_surge' | 'anomaly_drop' | 'anomaly_degradation'

export interface SeriesDef {
  id: string
  kind: SeriesKind
  source: SourceId
  /** What one unit is, for summaries: "new orders", "calls", "self-service look-ups". */
  unit: string
  /** The same unit in Chinese, with its measure word: "笔新订单", "次调用". */
  unit_zh: string
  /** The suggested action per pattern, given the scope's values, in English and Chinese. */
  action: Partial<Record<AnomalyPattern, (scope: Record<string, string>) => Action>>
}

export interface Action {
  fix: string
  fix_zh: string
}

const where = (scope: Record<string, string>, all: string) =>
  Object.entries(scope)
    .filter(([k]) => k !== 'series')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || all

export const SERIES: readonly SeriesDef[] = [
  {
    id: 'channel_orders',
    kind: 'count',
    source: 'channel_orders',
    unit: 'new orders',
    unit_zh: '笔新订单',
    action: {
      anomaly_surge: (s) => ({
        fix: `Check whether the ${s.channel} orders are real (a promotion-page bug or test orders look like this); if not, pause their sync and ask the channel team to review before they reach the warehouse.`,
        fix_zh: `核实 ${s.channel} 的订单是否真实（促销页面缺陷或测试订单会是这种形态）；如不真实，暂停同步，并请渠道团队在订单进入仓库前复核。`,
      }),
      anomaly_drop: (s) => ({
        fix: `Check the ${s.channel} intake: the channel's push or import, its credentials and API status; compare with the channel's own order list.`,
        fix_zh: `检查 ${s.channel} 的订单接入：渠道推送或导入、凭证和 API 状态；并与渠道自己的订单列表核对。`,
      }),
    },
  },
  {
    id: 'endpoint_calls',
    kind: 'count',
    source: 'endpoint_calls',
    unit: 'calls',
    unit_zh: '次调用',
    action: {
      anomaly_surge: (s) => ({
        fix: `Look for a retry storm or a runaway caller on ${s.target_system} ${s.endpoint} (retries without back-off, a loop, a replayed batch); throttle the caller.`,
        fix_zh: `排查 ${s.target_system} ${s.endpoint} 上的重试风暴或失控的调用方（无退避重试、死循环、重放的批次）；对调用方限流。`,
      }),
      anomaly_drop: (s) => ({
        fix: `Check that callers still reach ${s.target_system} ${s.endpoint}: the caller's job or service, network path, whitelist, credentials.`,
        fix_zh: `确认调用方仍能访问 ${s.target_system} ${s.endpoint}：调用方的任务或服务、网络路径、白名单、凭证。`,
      }),
    },
  },
  {
    id: 'job_rows',
    kind: 'count',
    source: 'job_rows',
    unit: 'rows moved',
    unit_zh: '行同步数据',
    action: {
      anomaly_surge: (s) => ({
        fix: `${s.job} moved far more rows than usual: a backlog released after a stop, or a duplicated run; check its recent runs and for duplicates downstream.`,
        fix_zh: `${s.job} 同步的行数远超平常：可能是停止后积压集中释放，或任务重复运行；检查它最近的运行记录，以及下游是否出现重复数据。`,
      }),
      anomaly_drop: (s) => ({
        fix: `Check that ${s.job} still runs (cron daemon, the host's clock and NTP, its last heartbeat) and that its source has data; run it by hand to pull what waits.`,
        fix_zh: `确认 ${s.job} 仍在运行（cron 守护进程、主机时钟与 NTP、最近一次心跳）且数据源有数据；手动运行以拉取积压的数据。`,
      }),
    },
  },
  {
    id: 'customer_queries',
    kind: 'count',
    source: 'customer_queries',
    unit: 'customer look-ups',
    unit_zh: '次客户查询',
    action: {
      anomaly_surge: () => ({
        fix: 'Customers are looking their orders up far more than usual: check for delayed or missing orders and tracking they are chasing.',
        fix_zh: '客户查询订单的次数远超平常：检查是否有延迟或丢失的订单，以及客户正在追问的物流信息。',
      }),
      anomaly_drop: () => ({
        fix: 'Customer look-ups have fallen away: check that the look-up page and its reporting to OrderLens still work.',
        fix_zh: '客户查询量骤降：检查查询页面及其向 OrderLens 的上报是否仍然正常。',
      }),
    },
  },
  {
    id: 'endpoint_success',
    kind: 'rate',
    source: 'endpoint_calls',
    unit: 'calls',
    unit_zh: '次调用',
    action: {
      anomaly_drop: (s) => ({
        fix: `Read the error codes on ${s.target_system} ${s.endpoint} for the span (rate limits, whitelist, auth, 5xx) and fix the cause before retries pile up.`,
        fix_zh: `查看 ${s.target_system} ${s.endpoint} 在该时段的错误码（限流、白名单、认证、5xx），在重试堆积之前修复原因。`,
      }),
      anomaly_degradation: (s) => ({
        fix: `The success rate of ${s.target_system} ${s.endpoint} is sliding: check the target's health (latency, 5xx, saturation, a slow database) before it becomes an outage.`,
        fix_zh: `${s.target_system} ${s.endpoint} 的成功率在持续下滑：检查目标系统的健康状况（延迟、5xx、资源饱和、数据库变慢），避免演变成故障。`,
      }),
    },
  },
  {
    id: 'self_service_success',
    kind: 'rate',
    source: 'self_service',
    unit: 'self-service look-ups',
    unit_zh: '次自助查询',
    action: {
      anomaly_drop: (s) => ({
        fix: `Customers on ${where(s, 'all')} cannot find their orders: check that the channel's orders reach OMS (intake, encoding failures) and that tracking numbers are written back.`,
        fix_zh: `${where(s, '全部渠道')} 的客户查不到自己的订单：检查渠道订单是否到达 OMS（接入、编码失败），以及运单号是否已回写。`,
      }),
      anomaly_degradation: (s) => ({
        fix: `Self-service look-ups on ${where(s, 'all')} succeed less and less: check for orders stuck before OMS and tracking numbers not written back.`,
        fix_zh: `${where(s, '全部渠道')} 的自助查询成功率越来越低：检查卡在 OMS 之前的订单，以及未回写的运单号。`,
      }),
    },
  },
]

export function seriesById(id: string): SeriesDef | undefined {
  return SERIES.find((s) => s.id === id)
}
