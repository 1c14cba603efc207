-- Latest known state of each order in each system, for desync detection,
-- open-order risk scoring and per-order look-ups. The newest event_time wins.
CREATE TABLE IF NOT EXISTS order_state
(
    order_id          String,
    system            LowCardinality(String),
    channel           LowCardinality(String),
    channel_order_no  String,
    state             LowCardinality(String),
    native_state      LowCardinality(String),
    event_time        DateTime64(3, 'UTC'),
    event_id          String,
    warehouse         LowCardinality(String),
    carrier           LowCardinality(String),
    tracking_no       String,
    region            LowCardinality(String),
    department        LowCardinality(String),
    presale           Bool,
    amount            Decimal(18, 2),
    ingested_at       DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(event_time)
ORDER BY (order_id, system)
TTL toDateTime(event_time) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS order_state_mv TO order_state AS
SELECT
    order_id, system, channel, channel_order_no, state, native_state, event_time, event_id,
    warehouse, carrier, tracking_no, region, department, presale, amount, ingested_at
FROM order_events;
