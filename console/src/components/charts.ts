/**
 * Every chart is drawn at once, not animated in: a wall screen redraws each
 * minute, and ECharts' entry animation kept the tab's main thread busy for a
 * second per load on the same two cores the server answers from (console
 * benchmark). The trace's timeline sets the same in its own option.
 */
export const still = <T extends object>(option: T): T & { animation: false } => ({ ...option, animation: false })
