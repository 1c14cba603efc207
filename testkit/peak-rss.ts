import { readFileSync } from 'node:fs'

/** Peak resident set size of a process, bytes (VmHWM from /proc). */
export function peakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(status)
  return m ? Number(m[1]) * 1024 : 0
}
