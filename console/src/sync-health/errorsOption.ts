import type { BarOption } from '../components/BarChart.vue'
import { endpointLabel, percent } from './format.ts'
import type { ErrorReason, ErrorsAnswer } from './types.ts'

/** Refusals (4xx) in orange, server failures (5xx) in red, anything else (timeouts, resets) grey. */
const CLASS_COLOURS: Record<string, string> = { '4xx': '#d9822b', '5xx': '#d64545' }

export interface ErrorLabels {
  calls: string
  share: string
  affected: string
  sample: string
  /** A reason without an error code, named by its status class. */
  noCode: (status: string) => string
}

export const reasonName = (r: ErrorReason, labels: Pick<ErrorLabels, 'noCode'>) => r.error_code || labels.noCode(r.status_class)

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** Horizontal bars, most frequent reason on top, each bar's tooltip naming its share, endpoints and a sample message. */
export function errorsOption(answer: ErrorsAnswer, labels: ErrorLabels): BarOption {
  const reasons = [...answer.reasons].reverse()
  const tooltip = (r: ErrorReason) =>
    [
      `<b>${escape(reasonName(r, labels))}</b> (${r.status_class})`,
      `${labels.calls}: ${r.calls.toLocaleString('en-US')} · ${labels.share}: ${percent(r.share, 1)}`,
      `${labels.affected}: ${r.endpoints.map((e) => escape(`${endpointLabel(e)} (${e.calls})`)).join(', ')}`,
      ...(r.sample_message ? [`${labels.sample}: ${escape(r.sample_message)}`] : []),
    ].join('<br/>')
  return {
    tooltip: { trigger: 'item', formatter: (p) => tooltip(reasons[(p as { dataIndex: number }).dataIndex]!), confine: true },
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: reasons.map((r) => reasonName(r, labels)), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: labels.calls,
        barMaxWidth: 24,
        data: reasons.map((r) => ({ value: r.calls, itemStyle: { color: CLASS_COLOURS[r.status_class] ?? '#8a8f98' } })),
        label: { show: true, position: 'right', formatter: (p) => percent(reasons[(p as { dataIndex: number }).dataIndex]!.share, 1) },
      },
    ],
  }
}
