-- Per-minute rollup of interface calls, which sync-health dashboards and the
-- analyzer read instead of raw calls. Fed on insert by the view below; the
-- journal's deduplication tokens keep replays from counting twice here too.
CREATE TABLE IF NOT EXISTS calls_per_minute
(
    minute          DateTime('UTC'),
    source_system   LowCardinality(String),
    target_system   LowCardinality(String),
    endpoint        LowCardinality(String),
    direction       LowCardinality(String),
    status_class    LowCardinality(String),
    error_code      LowCardinality(String),
    client_ip       LowCardinality(String),
    channel         LowCardinality(String),
    calls           SimpleAggregateFunction(sum, UInt64),
    retries         SimpleAggregateFunction(sum, UInt64),
    payload_bytes   SimpleAggregateFunction(sum, UInt64),
    latency_sum_ms  SimpleAggregateFunction(sum, Float64),
    latency_max_ms  SimpleAggregateFunction(max, Float32),
    latency_digest  AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float32)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (source_system, target_system, endpoint, minute, direction, status_class, error_code, client_ip, channel)
TTL minute + INTERVAL 800 DAY
-- A replayed journal segment must be dropped here too, not only in the source table.
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS calls_per_minute_mv TO calls_per_minute AS
SELECT
    toStartOfMinute(ts)                    AS minute,
    source_system,
    target_system,
    endpoint,
    direction,
    status_class,
    error_code,
    client_ip,
    channel,
    count()                                AS calls,
    countIf(retry_attempt > 0)             AS retries,
    sum(payload_bytes)                     AS payload_bytes,
    sum(latency_ms)                        AS latency_sum_ms,
    max(latency_ms)                        AS latency_max_ms,
    quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(latency_ms) AS latency_digest
FROM interface_calls
GROUP BY minute, source_system, target_system, endpoint, direction, status_class, error_code, client_ip, channel;
