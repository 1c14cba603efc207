import { defineComponent, h } from 'vue'

const stub = (name: string) => defineComponent({ name, props: ['option', 'height'], setup: () => () => h('div', { class: `${name}-stub` }) })

/** ./charts.ts for component tests (happy-dom has no canvas for ECharts): `vi.mock('./charts.ts', …)` with these, then import the stubs from it. */
export const chartStubs = { LineChart: stub('LineChart'), BarChart: stub('BarChart'), loadCharts: async () => [] }
