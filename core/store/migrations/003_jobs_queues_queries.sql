-- Scheduled job runs and heartbeats: read per job over time (staleness, volume jumps).
CREATE TABLE IF NOT EXISTS job_runs
(
    event_id       String,
    job            LowCardinality(String),
    host           LowCardinality(String),
    schedule       LowCardinality(String),
    started_at     DateTime64(3, 'UTC'),
    finished_at    Nullable(DateTime64(3, 'UTC')),
    duration_ms    Nullable(Float64),
    status         LowCardinality(String),
    rows_moved     UInt64,
    error_message  String,
    channel        LowCardinality(String),
    source         LowCardinality(String),
    ingested_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(started_at)
ORDER BY (job, started_at, event_id)
TTL toDateTime(started_at) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Queue depth samples: read per queue over time (backlog, oldest age).
CREATE TABLE IF NOT EXISTS queue_samples
(
    event_id      String,
    ts            DateTime64(3, 'UTC'),
    queue         LowCardinality(String),
    depth         UInt64,
    oldest_age_s  Float64,
    consumers     UInt32,
    source        LowCardinality(String),
    ingested_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(ts)
ORDER BY (queue, ts, event_id)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Customer order look-ups: read per channel over time (self-service success).
CREATE TABLE IF NOT EXISTS customer_queries
(
    event_id      String,
    ts            DateTime64(3, 'UTC'),
    channel       LowCardinality(String),
    query_key     String,
    key_type      LowCardinality(String),
    found         Bool,
    latency_ms    Float32,
    order_id      String,
    self_service  Bool,
    source        LowCardinality(String),
    ingested_at   DateTime64(3, 'UTC'),
    INDEX idx_order_id order_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(ts)
ORDER BY (channel, ts, event_id)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;
