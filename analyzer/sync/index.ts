/** Sync health for SREs: per-endpoint call health, error reasons, the failure heat map, scheduled jobs and queue backlog. */
export { endpointHealth } from './endpoints.ts'
export { errorReasons, type ErrorsRequest } from './errors.ts'
export { failureHeatmap, HEATMAP_BY, type HeatmapRequest } from './heatmap.ts'
export { jobHealth } from './jobs.ts'
export { queueHealth, type QueuesRequest } from './queues.ts'
export type * from './types.ts'
