-- Ground truth of injected faults (simulator): what was injected, where, when,
-- and which orders it touched. Detectors, attribution and alerts are scored
-- against it. One row per fault per simulation run.
CREATE TABLE IF NOT EXISTS fault_labels
(
    run_id           String,
    label            String,
    scenario         LowCardinality(String),
    start            DateTime64(3, 'UTC'),
    end              DateTime64(3, 'UTC'),
    scope            Map(String, String),
    intensity        Float32,
    affected_orders  Array(String),
    effects          Map(String, UInt64),
    recorded_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(recorded_at)
ORDER BY (run_id, label);
