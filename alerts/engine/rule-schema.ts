import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** A duration like 30s, 5m, 2h, 1d (Prometheus style). */
const Duration = Type.String({ pattern: '^[0-9]+(ms|s|m|h|d)$', description: 'e.g. 30s, 5m, 2h, 1d' })
const Severity = Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')])
const Name = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$', description: 'the alert name, e.g. PickupWithin4hLow' })
const Labels = Type.Record(Type.String({ pattern: '^[a-z_][a-z0-9_]*$' }), Type.String())

/** What every rule carries, whatever it watches. */
const common = {
  alert: Name,
  for: Type.Optional(Duration),
  severity: Type.Optional(Severity),
  labels: Type.Optional(Labels),
  annotations: Type.Optional(
    Type.Object(
      {
        summary: Type.Optional(Type.String()),
        description: Type.Optional(Type.String()),
        // The same in Simplified Chinese, for the console on zh-CN; same {{ placeholders }} as the English.
        summary_zh: Type.Optional(Type.String()),
        description_zh: Type.Optional(Type.String()),
      },
      { additionalProperties: Type.String() },
    ),
  ),
  runbook_url: Type.Optional(Type.String({ minLength: 1 })),
}

const rule = <K extends string, T extends Record<string, TSchema>>(kind: K, fields: T) =>
  Type.Object({ kind: Type.Literal(kind), ...common, ...fields }, { additionalProperties: false })

/** A KPI against its threshold: the catalogue's warning/critical line, or an explicit one. */
export const KpiRuleSchema = rule('kpi', {
  kpi: Type.String({ pattern: '^[a-z0-9_]+$' }),
  window: Type.Optional(Duration),
  /** Fire at the KPI's warning status or only at critical (default: warning). */
  when: Type.Optional(Type.Union([Type.Literal('warning'), Type.Literal('critical')])),
  below: Type.Optional(Type.Number()),
  above: Type.Optional(Type.Number()),
  /** Evaluate per value of this dimension (channel, warehouse …) as well as overall. */
  by: Type.Optional(Type.String({ pattern: '^[a-z_]+$' })),
})

/** A failure-pattern finding of the analyzer (or every pattern: '*'). */
export const FindingRuleSchema = rule('finding', {
  pattern: Type.String({ pattern: '^([a-z0-9_]+|\\*)$' }),
  min_severity: Type.Optional(Severity),
})

/** A seasonal anomaly of a KPI or volume series. */
export const AnomalyRuleSchema = rule('anomaly', {
  pattern: Type.Union([Type.Literal('anomaly_surge'), Type.Literal('anomaly_drop'), Type.Literal('anomaly_degradation'), Type.Literal('*')]),
  series: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+$' })),
})

/** Data freshness: no events from a channel, a system or a job for `quiet_for`. */
export const FreshnessRuleSchema = rule('freshness', {
  source: Type.Union([Type.Literal('channel'), Type.Literal('system'), Type.Literal('job')]),
  /** One value (e.g. jd) or every value seen in the last day when absent. */
  value: Type.Optional(Type.String({ minLength: 1 })),
  quiet_for: Duration,
})

/** The risk score of open orders (the risk model arrives with its issue). */
export const RiskRuleSchema = rule('risk', {
  min_score: Type.Number({ minimum: 0, maximum: 1 }),
})

export const AlertRuleSchema = Type.Union([KpiRuleSchema, FindingRuleSchema, AnomalyRuleSchema, FreshnessRuleSchema, RiskRuleSchema])
export const RuleFileSchema = Type.Object({ rules: Type.Array(Type.Object({}, { additionalProperties: true })) }, { additionalProperties: false })

export type AlertRule = Static<typeof AlertRuleSchema>
export type RuleKind = AlertRule['kind']
export const RULE_SCHEMAS: Record<RuleKind, TSchema> = {
  kpi: KpiRuleSchema,
  finding: FindingRuleSchema,
  anomaly: AnomalyRuleSchema,
  freshness: FreshnessRuleSchema,
  risk: RiskRuleSchema,
}
