import { defineAsyncComponent } from 'vue'

/**
 * The cockpit's charts, in a chunk of their own: ECharts is most of the page's JavaScript, and the cards'
 * request need not wait for it to download and compile. The page starts loading them as it opens
 * (loadCharts), so they arrive while the cards' data is on its way; the numbers never wait for them.
 */
const loadLine = () => import('../components/LineChart.vue')
const loadBar = () => import('../components/BarChart.vue')

export const loadCharts = () => Promise.all([loadLine(), loadBar()])
export const LineChart = defineAsyncComponent(loadLine)
export const BarChart = defineAsyncComponent(loadBar)
