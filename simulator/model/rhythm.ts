import type { CompanyProfile } from './company.ts'

const HOUR_MS = 3_600_000
const CST_OFFSET_MS = 8 * HOUR_MS

/**
 * Relative order intake by hour of day, China time: quiet at night, a
 * morning rise, lunch, and the 20:00–22:00 live-stream peak.
 */
const HOURLY = [0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.25, 0.55, 0.85, 1.0, 1.1, 1.15, 1.2, 1.05, 1.0, 1.0, 1.05, 1.1, 1.2, 1.45, 1.9, 2.0, 1.6, 0.9]
const HOURLY_MEAN = HOURLY.reduce((a, b) => a + b, 0) / 24
/** Monday … Sunday: weekends sell a little more. */
const WEEKDAY = [0.95, 0.93, 0.95, 0.97, 1.02, 1.1, 1.08]

/** Expected orders per minute at `ms` (a non-homogeneous Poisson rate). */
export function ordersPerMinute(company: CompanyProfile, ms: number): number {
  const local = new Date(ms + CST_OFFSET_MS)
  const hour = local.getUTCHours()
  const weekday = (local.getUTCDay() + 6) % 7
  let rate = (company.ordersPerDay / 1440) * (HOURLY[hour]! / HOURLY_MEAN) * WEEKDAY[weekday]!
  for (const p of [...company.promotions, ...shoppingFestivals(local.getUTCFullYear())]) if (ms >= p.start && ms < p.end) rate *= p.multiplier
  return rate
}

const festivalCache = new Map<number, { name: string; start: number; end: number; multiplier: number }[]>()

/**
 * The platform calendar every Chinese e-commerce team plans around: 618,
 * Double 11 (presale from late October, the midnight rush, the day itself)
 * and Double 12. Times are China time.
 */
export function shoppingFestivals(year: number): { name: string; start: number; end: number; multiplier: number }[] {
  let festivals = festivalCache.get(year)
  if (!festivals) {
    const at = (month: number, day: number, hour = 0) => Date.UTC(year, month - 1, day, hour) - CST_OFFSET_MS
    festivals = [
      { name: '618 midnight rush', start: at(6, 18), end: at(6, 18, 2), multiplier: 6 },
      { name: '618', start: at(6, 18, 2), end: at(6, 19), multiplier: 2.5 },
      { name: 'Double 11 presale', start: at(10, 24, 20), end: at(11, 10), multiplier: 1.4 },
      { name: 'Double 11 midnight rush', start: at(11, 11), end: at(11, 11, 2), multiplier: 10 },
      { name: 'Double 11', start: at(11, 11, 2), end: at(11, 12), multiplier: 3 },
      { name: 'Double 12', start: at(12, 12), end: at(12, 13), multiplier: 2 },
    ]
    festivalCache.set(year, festivals)
  }
  return festivals
}

/** Warehouse throughput factor: night shifts are thin, so work started at night waits. */
export function warehouseSpeed(ms: number): number {
  const hour = new Date(ms + CST_OFFSET_MS).getUTCHours()
  return hour >= 8 && hour < 22 ? 1 : hour >= 6 && hour < 8 ? 0.8 : 0.6
}

