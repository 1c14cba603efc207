/**
 * Every chart is drawn at once, not animated in: a wall screen redraws each
 * minute, and ECharts' entry animation kept the tab's main thread busy for a
 * second per load on the same two cores the server answers from (console
 * benchmark). The trace's timeline sets the same in its own option.
 */
export const still = <T extends object>(option: T): T & { animation: false } => ({ ...option, animation: false })

/**
 * Time axes name a day as 12-06: ECharts alone writes the day of the month
 * ("6") at midnight, which reads as six o'clock between hour labels.
 */
export const TIME_AXIS_LABEL = { formatter: { year: '{yyyy}', month: '{yyyy}-{MM}', day: '{MM}-{dd}' } }
