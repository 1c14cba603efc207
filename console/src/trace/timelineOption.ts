import type { CustomSeriesOption } from 'echarts/charts'
import type { DataZoomComponentOption, GridComponentOption, MarkAreaComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { CustomSeriesRenderItem } from 'echarts'
import { escapeHtml, stateColour } from './constants.ts'
import type { DisagreementWindow, LaneSegment } from './types.ts'
import { TIME_AXIS_LABEL } from '../components/charts.ts'

export type TimelineOption = ComposeOption<CustomSeriesOption | GridComponentOption | TooltipComponentOption | MarkAreaComponentOption | DataZoomComponentOption>

export interface TimelineLabels {
  /** Shown in each shaded window. */
  disagreement: string
  /** Lane names by system (falls back to the system's id). */
  systems: Record<string, string>
  /** Formats an instant for the tooltip. */
  time: (ms: number) => string
}

export const DISAGREEMENT_FILL = 'rgba(214, 69, 69, 0.16)'
const LANE_HEIGHT = 44

/** An interface call drawn on the timeline: on its caller's lane (else its target's), red when it failed. */
export interface CallMark {
  lane: number
  ms: number
  failed: boolean
  /** Tooltip text: direction, endpoint, status, error. */
  text: string
}

export const CALL_FAILED = '#d64545'

/** Pixel height of the chart for `lanes` lanes (axis and padding included). */
export const timelineHeight = (lanes: number) => 56 + lanes * LANE_HEIGHT

/** Bold 13 px label: about this many pixels a character (a safe over-estimate for state names), plus the dot's inset. */
const LABEL_CHAR_PX = 8
const LABEL_INSET_PX = 12
/** Below this many pixels a cut label says too little ("st…"): the stretch stays unlabelled and the tooltip tells. */
export const MIN_CUT_LABEL_PX = 72

/**
 * How a stretch `px` wide shows its state's name: whole when it fits, cut short with an ellipsis when at least a few
 * characters fit, else not at all. The label never reaches past its own stretch, so labels never overlap.
 */
export function stretchLabel(state: string, px: number): 'whole' | 'cut' | 'none' {
  if (px >= state.length * LABEL_CHAR_PX + LABEL_INSET_PX) return 'whole'
  return px >= MIN_CUT_LABEL_PX ? 'cut' : 'none'
}

// Each stretch is a bar in its lane, coloured by stage, labelled with the state when it is wide enough;
// the dot at its start is the moment the system reported the change.
const renderStretch: CustomSeriesRenderItem = (params, api) => {
  const lane = api.value(0) as number
  const start = api.coord([api.value(1), lane])
  const end = api.coord([api.value(2), lane])
  const height = (api.size!([0, 1]) as number[])[1]! * 0.5
  const width = Math.max(end[0]! - start[0]!, 2)
  const colour = stateColour(String(api.value(3)))
  const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number }
  const clip = (x: number) => Math.min(Math.max(x, coordSys.x), coordSys.x + coordSys.width)
  const left = clip(start[0]!)
  const right = clip(start[0]! + width)
  if (right <= left) return null
  const state = String(api.value(3))
  const label = stretchLabel(state, right - left)
  return {
    type: 'group',
    children: [
      { type: 'rect', shape: { x: left, y: start[1]! - height / 2, width: right - left, height, r: 3 }, style: { fill: colour, opacity: 0.85 } },
      { type: 'circle', shape: { cx: start[0]!, cy: start[1]!, r: 5 }, style: { fill: '#fff', stroke: colour, lineWidth: 2 }, invisible: start[0]! < coordSys.x },
      {
        type: 'text',
        style: { text: state, x: left + 8, y: start[1]!, verticalAlign: 'middle', fill: '#fff', fontSize: 13, fontWeight: 600, width: right - left - LABEL_INSET_PX, overflow: 'truncate' },
        invisible: label === 'none',
      },
    ],
  }
}

// A call is a small diamond just under its lane's bar: red when it failed, grey when it went through.
const renderCall: CustomSeriesRenderItem = (_params, api) => {
  const [x, y] = api.coord([api.value(1), api.value(0)]) as [number, number]
  const half = (api.size!([0, 1]) as number[])[1]! * 0.25
  const failed = api.value(2) === 1
  const r = failed ? 6 : 4
  return { type: 'polygon', shape: { points: [[x, y + half - r + 2], [x + r, y + half + 2], [x, y + half + r + 2], [x - r, y + half + 2]] }, style: { fill: failed ? CALL_FAILED : '#6b7280', stroke: '#fff', lineWidth: 1 } }
}

/**
 * The order's journey as swimlanes: one lane per system (categories, top to bottom in journey order), each
 * state a stretch in time, and the windows in which the systems disagreed shaded red across every lane.
 */
export function timelineOption(lanes: string[], segments: LaneSegment[], windows: DisagreementWindow[], labels: TimelineLabels, calls: CallMark[] = []): TimelineOption {
  const laneIndex = new Map(lanes.map((s, i) => [s, i]))
  return {
    animation: false,
    grid: { left: 120, right: 24, top: 30, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = p as unknown as { seriesName: string; dataIndex: number }
        if (item.seriesName === 'calls') return calls[item.dataIndex]!.text
        const [lane, from, to, state, native] = (p as unknown as { value: [number, number, number, string, string] }).value
        const system = lanes[lane]!
        const nativeText = native && native !== state ? ` (${native})` : ''
        return `<b>${escapeHtml(labels.systems[system] ?? system)}</b>: ${escapeHtml(`${state}${nativeText}`)}<br/>${labels.time(from)} → ${labels.time(to)}`
      },
    },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter' }],
    xAxis: { type: 'time', axisLabel: { ...TIME_AXIS_LABEL, fontSize: 13 }, splitLine: { show: true, lineStyle: { color: '#eef1f6' } } },
    yAxis: {
      type: 'category',
      data: lanes.map((s) => labels.systems[s] ?? s),
      inverse: true,
      axisTick: { show: false },
      axisLabel: { fontSize: 14, fontWeight: 600, color: '#1f2430' },
      splitLine: { show: true, lineStyle: { color: '#e5e7eb' } },
    },
    series: [
      {
        type: 'custom',
        name: 'states',
        renderItem: renderStretch,
        encode: { x: [1, 2], y: 0 },
        data: segments.map((s) => [laneIndex.get(s.system)!, s.fromMs, s.toMs, s.state, s.native_state]),
        markArea: {
          silent: true,
          itemStyle: { color: DISAGREEMENT_FILL, borderColor: '#d64545', borderWidth: 1, borderType: 'dashed' },
          label: { position: 'top', color: '#b42318', fontWeight: 600, fontSize: 13 },
          data: windows.map((w) => [{ xAxis: w.fromMs, name: labels.disagreement }, { xAxis: w.toMs }]),
        },
      },
      {
        type: 'custom',
        name: 'calls',
        renderItem: renderCall,
        encode: { x: 1, y: 0 },
        z: 3,
        data: calls.map((c) => [c.lane, c.ms, c.failed ? 1 : 0]),
      },
    ],
  }
}
