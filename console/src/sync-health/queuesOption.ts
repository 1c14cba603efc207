import type { LineOption } from '../components/LineChart.vue'
import type { QueuesAnswer } from './types.ts'
import { TIME_AXIS_LABEL } from '../components/charts.ts'

/** Each queue's depth over time, one line per queue (the deepest sample of each bucket); a bucket without samples is a gap. */
export function queuesOption(answer: QueuesAnswer, labels: { depth: string }): LineOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 32, bottom: 32 },
    xAxis: { type: 'time', axisLabel: TIME_AXIS_LABEL },
    yAxis: { type: 'value', name: labels.depth, minInterval: 1 },
    series: answer.queues.map((q) => ({
      type: 'line',
      name: q.queue,
      showSymbol: false,
      connectNulls: false,
      data: q.points.map((p) => [p.t, p.depth]),
    })),
  }
}
