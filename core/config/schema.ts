import { Type, type Static } from '@sinclair/typebox'
import { CANONICAL_STATES } from '../contracts/lifecycle.ts'

const CanonicalState = Type.Union(CANONICAL_STATES.map((s) => Type.Literal(s)))

export const ConfigSchema = Type.Object(
  {
    server: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8600 }),
      },
      { default: {} },
    ),
    dataDir: Type.String({ default: './data', description: 'Root of the embedded ClickHouse data and the ingest journal' }),
    clickhouse: Type.Object(
      {
        url: Type.Optional(Type.String({ description: 'ClickHouse server URL; when absent the embedded chDB engine is used' })),
        username: Type.Optional(Type.String()),
        password: Type.Optional(Type.String()),
        database: Type.String({ default: 'default' }),
        requestTimeoutMs: Type.Integer({ minimum: 1000, default: 60_000 }),
        embeddedConnections: Type.Integer({
          minimum: 1,
          maximum: 16,
          default: 4,
          description: 'Connections to the embedded engine: each runs one statement at a time, so inserts run beside reads (a server needs none)',
        }),
      },
      { default: {} },
    ),
    retention: Type.Object(
      {
        eventsDays: Type.Integer({ minimum: 1, maximum: 36500, default: 400 }),
        rollupsDays: Type.Integer({ minimum: 1, maximum: 36500, default: 800 }),
      },
      { default: {} },
    ),
    ingest: Type.Object(
      {
        bodyLimitBytes: Type.Integer({ minimum: 1024, default: 32 * 1024 * 1024 }),
        maxFutureSkewSeconds: Type.Integer({ minimum: 0, default: 300 }),
        maxErrorsReported: Type.Integer({ minimum: 1, default: 100 }),
        maxPendingBytes: Type.Integer({ minimum: 1024, default: 256 * 1024 * 1024, description: 'Request bytes being parsed at once before answering 503' }),
        dedupWindowIds: Type.Integer({ minimum: 0, default: 1_000_000, description: 'Recent event ids remembered per kind to drop client retries' }),
        dedupWindowSeconds: Type.Integer({ minimum: 0, default: 86_400 }),
      },
      { default: {} },
    ),
    journal: Type.Object(
      {
        dir: Type.Optional(Type.String({ description: 'Defaults to <dataDir>/journal' })),
        maxBytes: Type.Integer({ minimum: 1024, default: 2 * 1024 ** 3, description: 'Disk bound; past it ingest answers 503' }),
        segmentMaxBytes: Type.Integer({ minimum: 1024, default: 16 * 1024 * 1024 }),
        segmentMaxRows: Type.Integer({ minimum: 1, default: 50_000, description: 'Rows per journal segment, which is also the ClickHouse insert batch' }),
        segmentMaxAgeMs: Type.Integer({ minimum: 10, default: 1000 }),
        retryAfterSeconds: Type.Integer({ minimum: 1, default: 5 }),
        retryBackoffMaxMs: Type.Integer({ minimum: 10, default: 30_000 }),
        shutdownDrainMs: Type.Integer({ minimum: 0, default: 15_000, description: 'How long shutdown waits for ClickHouse to take the journal' }),
      },
      { default: {} },
    ),
    auth: Type.Object(
      {
        tokens: Type.Array(
          Type.Object({ system: Type.String({ minLength: 1 }), token: Type.String({ minLength: 16 }) }, { additionalProperties: false }),
          { default: [] },
        ),
      },
      { default: {} },
    ),
    access: Type.Object(
      {
        users: Type.Array(
          Type.Object(
            {
              name: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
              role: Type.Union([Type.Literal('sre'), Type.Literal('manager'), Type.Literal('oncall'), Type.Literal('admin')]),
              password_hash: Type.String({ pattern: '^\\$2[aby]\\$', description: 'bcrypt hash: `orderlens hash-password`' }),
              display_name: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
          { default: [], description: 'Console and API users; with none, `orderlens start` creates an admin and says where its password is' },
        ),
        sessionSecret: Type.Optional(Type.String({ minLength: 32, description: 'Signs session tokens; defaults to a secret kept in <dataDir>/session-secret' })),
        sessionHours: Type.Number({ minimum: 0.1, maximum: 720, default: 12 }),
        anonymousRole: Type.Optional(
          Type.Union([Type.Literal('sre'), Type.Literal('manager'), Type.Literal('oncall'), Type.Literal('admin')], {
            description: 'Role of requests without a session (a single-user workstation, tests); leave unset in production',
          }),
        ),
      },
      { default: {} },
    ),
    alerts: Type.Object(
      {
        rulesDir: Type.Optional(Type.String({ description: 'Folder of alert rule files; defaults to the rules shipped in alerts/rules' })),
        evaluateSchedule: Type.String({ default: '30 * * * * *', description: 'Cron expression of the alert evaluation (node-cron, seconds first: half a minute after each detection pass); empty turns it off' }),
        resolveAfterMinutes: Type.Integer({ minimum: 0, maximum: 1440, default: 5, description: 'A firing alert resolves once its condition has been gone this long' }),
        externalUrl: Type.String({ default: 'http://127.0.0.1:8600', description: 'Where OrderLens is reached, for links in notifications' }),
        receivers: Type.Array(Type.Unknown(), { default: [], description: 'Notification receivers (alerts/notifiers/receivers.example.yml)' }),
        routes: Type.Array(
          Type.Object(
            {
              receiver: Type.String({ minLength: 1 }),
              matchers: Type.Array(
                Type.Object({ name: Type.String(), value: Type.String(), isRegex: Type.Optional(Type.Boolean()), isEqual: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
                { default: [] },
              ),
              group_by: Type.Array(Type.String(), { default: ['alertname'] }),
              continue: Type.Boolean({ default: false }),
            },
            { additionalProperties: false },
          ),
          { default: [], description: 'First matching route (and the following ones while `continue`) gets the alert' },
        ),
        maintenanceWindows: Type.Array(
          Type.Object(
            {
              name: Type.String({ minLength: 1 }),
              cron: Type.String({ minLength: 9 }),
              durationMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
              timezone: Type.String({ default: 'Asia/Shanghai' }),
              matchers: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), isRegex: Type.Optional(Type.Boolean()), isEqual: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
            },
            { additionalProperties: false },
          ),
          { default: [] },
        ),
      },
      { default: {} },
    ),
    analyzer: Type.Object(
      {
        detectSchedule: Type.String({ default: '* * * * *', description: 'Cron expression of the detection pass (node-cron); empty turns the schedule off' }),
        lookbackMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 15, description: 'How far back each detection pass looks' }),
        endAfterQuietMinutes: Type.Integer({ minimum: 0, maximum: 1440, default: 5, description: 'A finding no pass has reported for this long ends' }),
      },
      { default: {} },
    ),
    stateMapping: Type.Record(Type.String(), Type.Record(Type.String(), CanonicalState), { default: {} }),
    kpis: Type.Record(
      Type.String(),
      Type.Object({ healthy: Type.Optional(Type.Number()), warning: Type.Optional(Type.Number()) }, { additionalProperties: false }),
      { default: {}, description: "Per-KPI threshold overrides by KPI id (analyzer/kpis/kpis.yml holds domain.md's defaults)" },
    ),
  },
  { additionalProperties: false },
)

export type Config = Static<typeof ConfigSchema>
