import ms from 'ms'
import type { Store } from '../../../core/store/index.ts'
import type { LoadedRule } from '../load-rules.ts'
import type { Signal } from '../state.ts'
import { annotate } from './template.ts'

type FreshnessRule = Extract<LoadedRule, { kind: 'freshness' }>

/** Where each source's latest event is: the column and table, from code only. */
const LATEST: Record<FreshnessRule['source'], string> = {
  channel: `SELECT channel AS value, toUnixTimestamp64Milli(max(event_time)) AS last FROM order_events WHERE system = 'channel' AND event_time > {since:DateTime64(3)} AND event_time <= {at:DateTime64(3)} GROUP BY channel`,
  system: `SELECT system AS value, toUnixTimestamp64Milli(max(event_time)) AS last FROM order_events WHERE event_time > {since:DateTime64(3)} AND event_time <= {at:DateTime64(3)} GROUP BY system`,
  job: `SELECT job AS value, toUnixTimestamp64Milli(max(started_at)) AS last FROM job_runs WHERE started_at > {since:DateTime64(3)} AND started_at <= {at:DateTime64(3)} GROUP BY job`,
}

const DAY_MS = 86_400_000
const SOURCE_ZH: Record<FreshnessRule['source'], string> = { channel: '渠道', system: '系统', job: '定时任务' }
const ts = (at: number) => new Date(at).toISOString().replace('T', ' ').replace('Z', '')

/**
 * Sources that have sent nothing for `quiet_for` although they sent at this
 * time of day yesterday (a shop closed at night is not an outage); or the
 * one source the rule names, always.
 */
export async function freshnessSignals(store: Store, rule: FreshnessRule, at: number): Promise<Signal[]> {
  const quietMs = ms(rule.quiet_for as ms.StringValue)
  const latestIn = async (since: number, until: number) => {
    const rows = await store.query<{ value: string; last: string }>(LATEST[rule.source], { since: ts(since), at: ts(until) })
    return new Map(rows.filter((r) => r.value !== '').map((r) => [r.value, Number(r.last)]))
  }
  const latest = await latestIn(at - DAY_MS, at)
  const watched = rule.value ? [rule.value] : [...(await latestIn(at - DAY_MS - quietMs, at - DAY_MS)).keys()]
  return watched
    .filter((value) => at - (latest.get(value) ?? 0) >= quietMs)
    .map((value) => {
      const last = latest.get(value)
      const values = { [rule.source]: value, quiet_for: rule.quiet_for, last_event: last ? new Date(last).toISOString() : 'none in the last day' }
      return {
        labels: { ...rule.labels, alertname: rule.alert, severity: rule.severity ?? 'critical', [rule.source]: value },
        annotations: {
          ...annotate(
            {
              summary: `No events from ${rule.source} ${value} for ${last ? `${Math.round((at - last) / 60_000)} min` : 'a day'} (last: ${values.last_event})`,
              summary_zh: `${SOURCE_ZH[rule.source]} ${value} 已${last ? ` ${Math.round((at - last) / 60_000)} 分钟` : '一天'}没有事件（最近一次：${last ? values.last_event : '最近一天内没有'}）`,
            },
            rule.annotations,
            values,
          ),
          ...(rule.runbook_url ? { runbook_url: rule.runbook_url } : {}),
        },
        forMs: rule.forMs,
      }
    })
}
