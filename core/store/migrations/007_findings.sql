-- Findings of the failure-pattern detectors and the anomaly detection, with
-- their lifecycle: open (first seen), active (seen again in a later pass),
-- ended (not seen for the grace period). One row per state of a finding; the
-- latest row (by version) is its current state, read with FINAL. An incident
-- that comes back after it ended is a new finding with the same fingerprint.
CREATE TABLE IF NOT EXISTS findings
(
    finding_id    String,
    fingerprint   String,
    pattern       LowCardinality(String),
    severity      LowCardinality(String),
    status        LowCardinality(String),
    scope         Map(LowCardinality(String), String),
    first_seen    DateTime64(3, 'UTC'),
    last_seen     DateTime64(3, 'UTC'),
    detected_at   DateTime64(3, 'UTC'),
    evaluated_at  DateTime64(3, 'UTC'),
    ended_at      Nullable(DateTime64(3, 'UTC')),
    passes        UInt32,
    summary       String,
    evidence      String CODEC(ZSTD(3)),
    fix           String,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(detected_at)
ORDER BY (finding_id)
SETTINGS index_granularity = 1024;

ALTER TABLE findings ADD INDEX IF NOT EXISTS findings_status status TYPE set(8) GRANULARITY 1;
ALTER TABLE findings ADD INDEX IF NOT EXISTS findings_pattern pattern TYPE set(64) GRANULARITY 1;
