-- Alert episodes with their state (pending, firing, resolved, inactive):
-- one row per change, the latest (by version) is the state, read with FINAL.
CREATE TABLE IF NOT EXISTS alert_states
(
    id                   String,
    fingerprint          String,
    alertname            LowCardinality(String),
    severity             LowCardinality(String),
    status               LowCardinality(String),
    labels               Map(LowCardinality(String), String),
    annotations          Map(LowCardinality(String), String),
    active_since         DateTime64(3, 'UTC'),
    fired_at             Nullable(DateTime64(3, 'UTC')),
    resolved_at          Nullable(DateTime64(3, 'UTC')),
    last_seen            DateTime64(3, 'UTC'),
    notified_at          Nullable(DateTime64(3, 'UTC')),
    resolve_notified_at  Nullable(DateTime64(3, 'UTC')),
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(active_since)
ORDER BY (id)
SETTINGS index_granularity = 1024;

-- Every notification sent (or tried), with the outcome of each attempt: the
-- history on-call reads when someone says "nobody told us".
CREATE TABLE IF NOT EXISTS alert_notifications
(
    sent_at       DateTime64(3, 'UTC'),
    receiver      LowCardinality(String),
    kind          LowCardinality(String),
    group_key     String,
    status        LowCardinality(String),
    ok            Bool,
    attempts      UInt8,
    error         String,
    alert_ids     Array(String),
    muted         Array(String),
    detail        String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(sent_at)
ORDER BY (sent_at, receiver)
TTL toDateTime(sent_at) + INTERVAL 400 DAY;

-- Silences: matchers with a start and an end; expiring one early sets its end.
CREATE TABLE IF NOT EXISTS alert_silences
(
    id          String,
    matchers    String,
    starts_at   DateTime64(3, 'UTC'),
    ends_at     DateTime64(3, 'UTC'),
    created_by  String,
    comment     String,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (id);
