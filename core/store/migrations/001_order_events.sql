-- Order lifecycle events as every system reported them.
-- Sorted by channel and time: KPIs and drill-downs read per channel and window.
-- Per-order lookups (trace by order id, channel order no or tracking no) go
-- through bloom-filter skip indexes and through order_state (keyed by order).
-- ReplacingMergeTree on event_id is the last line of idempotency, behind the
-- collector's id window and the journal's insert-deduplication tokens.
CREATE TABLE IF NOT EXISTS order_events
(
    event_id          String,
    order_id          String,
    channel           LowCardinality(String),
    channel_order_no  String,
    buyer_id          String,
    order_time        Nullable(DateTime64(3, 'UTC')),
    system            LowCardinality(String),
    state             LowCardinality(String),
    native_state      LowCardinality(String),
    event_time        DateTime64(3, 'UTC'),
    amount            Decimal(18, 2),
    currency          LowCardinality(String),
    items             Array(Tuple(sku String, name String, category String, qty UInt32, price Decimal(18, 2))),
    item_count        UInt32,
    warehouse         LowCardinality(String),
    carrier           LowCardinality(String),
    tracking_no       String,
    region            LowCardinality(String),
    customer_level    LowCardinality(String),
    payment_method    LowCardinality(String),
    presale           Bool,
    department        LowCardinality(String),
    operator          String,
    consignee_name    String,
    consignee_phone   String,
    consignee_address String,
    buyer_ip          String,
    manual_change     Bool,
    changed_fields    Array(Tuple(field String, before String, after String)),
    attributes        Map(String, String),
    source            LowCardinality(String),
    ingested_at       DateTime64(3, 'UTC'),
    INDEX idx_order_id order_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_channel_order_no channel_order_no TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_tracking_no tracking_no TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_state state TYPE set(64) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(event_time)
ORDER BY (channel, event_time, event_id)
TTL toDateTime(event_time) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;
