-- One row per order (once parts merge): when each milestone of its journey
-- was first recorded, whether it left the happy path, and each compared
-- system's latest state. The paid-order KPIs and status consistency read it
-- instead of re-aggregating raw events: at 40,000 orders a day a KPI over raw
-- events scans millions of rows per query (bench/analyzer, BENCHMARKS.md).
-- Fed on insert by the view below (aggregates are min/max/any/argMax, so a
-- replayed or duplicated event changes nothing); the INSERT at the end fills
-- it from the events already stored when the migration runs.
-- Milestones absent so far are NULL. Read with GROUP BY order_id (parts may
-- not have merged yet).
CREATE TABLE IF NOT EXISTS order_facts
(
    order_id       String,
    channel        SimpleAggregateFunction(any, LowCardinality(String)),
    department     SimpleAggregateFunction(any, LowCardinality(String)),
    warehouse      SimpleAggregateFunction(any, LowCardinality(String)),
    region         SimpleAggregateFunction(any, LowCardinality(String)),
    first_at       SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_at        SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    paid_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    locked_at      SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    wms_at         SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    pick_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    scan_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    compared_at    SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
    cancelled      SimpleAggregateFunction(max, UInt8),
    refund         SimpleAggregateFunction(max, UInt8),
    after_sales    SimpleAggregateFunction(max, UInt8),
    channel_state  AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    oms_state      AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    wms_state      AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    tms_state      AggregateFunction(argMax, String, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY order_id
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS order_facts_mv TO order_facts AS
SELECT
    order_id,
    any(channel) AS channel,
    any(department) AS department,
    any(warehouse) AS warehouse,
    any(region) AS region,
    min(event_time) AS first_at,
    max(event_time) AS last_at,
    minIf(toNullable(event_time), system = 'channel' AND state IN ('paid', 'balance_paid')) AS paid_at,
    minIf(toNullable(event_time), system = 'oms' AND state = 'stock_locked') AS locked_at,
    minIf(toNullable(event_time), system = 'wms' AND state = 'allocated') AS wms_at,
    minIf(toNullable(event_time), system = 'tms' AND state = 'picked_up') AS pick_at,
    minIf(toNullable(event_time), system = 'tms' AND state IN ('in_transit', 'delivered')) AS scan_at,
    maxIf(toNullable(event_time), system IN ('channel', 'oms', 'wms', 'tms')) AS compared_at,
    max(toUInt8(state = 'cancelled')) AS cancelled,
    max(toUInt8(state IN ('refund_requested', 'refunded'))) AS refund,
    max(toUInt8(state = 'after_sales')) AS after_sales,
    argMaxStateIf(toString(state), event_time, system = 'channel') AS channel_state,
    argMaxStateIf(toString(state), event_time, system = 'oms') AS oms_state,
    argMaxStateIf(toString(state), event_time, system = 'wms') AS wms_state,
    argMaxStateIf(toString(state), event_time, system = 'tms') AS tms_state
FROM order_events
GROUP BY order_id;

INSERT INTO order_facts
SELECT
    order_id,
    any(channel), any(department), any(warehouse), any(region),
    min(event_time), max(event_time),
    minIf(toNullable(event_time), system = 'channel' AND state IN ('paid', 'balance_paid')),
    minIf(toNullable(event_time), system = 'oms' AND state = 'stock_locked'),
    minIf(toNullable(event_time), system = 'wms' AND state = 'allocated'),
    minIf(toNullable(event_time), system = 'tms' AND state = 'picked_up'),
    minIf(toNullable(event_time), system = 'tms' AND state IN ('in_transit', 'delivered')),
    maxIf(toNullable(event_time), system IN ('channel', 'oms', 'wms', 'tms')),
    max(toUInt8(state = 'cancelled')),
    max(toUInt8(state IN ('refund_requested', 'refunded'))),
    max(toUInt8(state = 'after_sales')),
    argMaxStateIf(toString(state), event_time, system = 'channel'),
    argMaxStateIf(toString(state), event_time, system = 'oms'),
    argMaxStateIf(toString(state), event_time, system = 'wms'),
    argMaxStateIf(toString(state), event_time, system = 'tms')
FROM order_events
GROUP BY order_id;
