import { encodingDetector } from './encoding.ts'
import { ipWhitelistDetector } from './ip-whitelist.ts'
import { manualDuplicatesDetector } from './manual-duplicates.ts'
import { presaleReceiverDetector } from './presale-receiver.ts'
import { queueBacklogDetector } from './queue-backlog.ts'
import { stalledTrackingDetector } from './stalled-tracking.ts'
import { statusDesyncDetector } from './status-desync.ts'
import { stoppedJobDetector } from './stopped-job.ts'
import { throttlingDetector } from './throttling.ts'
import { trafficSurgeDetector } from './traffic-surge.ts'
import type { DetectedFinding, Detector, DetectorContext } from './types.ts'

/** One detector per failure story of domain.md. */
export const DETECTORS: Detector[] = [
  ipWhitelistDetector,
  encodingDetector,
  throttlingDetector,
  stoppedJobDetector,
  queueBacklogDetector,
  presaleReceiverDetector,
  manualDuplicatesDetector,
  statusDesyncDetector,
  trafficSurgeDetector,
  stalledTrackingDetector,
]

export interface DetectionPass {
  at: string
  findings: DetectedFinding[]
  /** Seconds each detector took. */
  timings: Record<string, number>
}

/** Runs every detector (or those named) as of `ctx.at`. */
export async function detectAll(ctx: DetectorContext, patterns?: string[]): Promise<DetectionPass> {
  const findings: DetectedFinding[] = []
  const timings: Record<string, number> = {}
  for (const d of DETECTORS.filter((d) => !patterns || patterns.includes(d.pattern))) {
    const started = performance.now()
    findings.push(...(await d.detect(ctx)))
    timings[d.pattern] = Number(((performance.now() - started) / 1000).toFixed(3))
  }
  return { at: new Date(ctx.at).toISOString(), findings, timings }
}

export type { DetectedFinding, Detector, DetectorContext, Finding } from './types.ts'
