// Multi-dimensional root-cause localization (RiskLoc). Pure: no store access here except in store-leaves.ts.
export { riskLoc, type RiskLocOptions, type RiskLocResult, type FoundCause } from './riskloc.ts'
export { LeafTableBuilder, isRatio, type LeafTable, type LeafRow, type RootCause } from './leaf-table.ts'
export { readLeafCsv, LeafTableError, type CsvColumns } from './csv.ts'
export { syntheticCase, type SyntheticCase, type SyntheticOptions } from './synthetic.ts'
export { causeKey, confusion, addConfusion, f1, type Confusion } from './f1.ts'
export { METRICS, METRIC_IDS, type AttributionMetric, type MetricKind } from './metrics.ts'
export { attributeMetric, previousDays, type AttributionRequest, type AttributionResult } from './service.ts'
export { explainCauses, type ExplainedCause, type Measure } from './explain.ts'
