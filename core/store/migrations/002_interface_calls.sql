-- Interface calls between systems (pulls, pushes, callbacks, tracking queries).
-- Sorted by target, endpoint and time: health is read per endpoint and window.
CREATE TABLE IF NOT EXISTS interface_calls
(
    event_id        String,
    ts              DateTime64(3, 'UTC'),
    source_system   LowCardinality(String),
    target_system   LowCardinality(String),
    endpoint        LowCardinality(String),
    direction       LowCardinality(String),
    http_status     UInt16,
    status_class    LowCardinality(String),
    latency_ms      Float32,
    error_code      LowCardinality(String),
    error_message   String,
    client_ip       LowCardinality(String),
    retry_attempt   UInt16,
    payload_bytes   UInt32,
    order_id        String,
    channel         LowCardinality(String),
    attributes      Map(String, String),
    source          LowCardinality(String),
    ingested_at     DateTime64(3, 'UTC'),
    INDEX idx_order_id order_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(ts)
ORDER BY (target_system, endpoint, ts, event_id)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;
