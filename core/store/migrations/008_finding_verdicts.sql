-- People's verdicts on findings (was the detector / attribution right?), the
-- data behind the attribution-accuracy KPI. Append-only: a reviewer may change
-- their mind, and the latest verdict per finding counts (argMax by
-- reviewed_at; the engine also keeps only the latest row once parts merge).
-- finding_at (the finding's first_seen) and pattern are copied in so the KPI
-- windows and drills down without joining the findings table.
CREATE TABLE IF NOT EXISTS finding_verdicts
(
    finding_id   String,
    pattern      LowCardinality(String),
    finding_at   DateTime64(3, 'UTC'),
    verdict      Enum8('correct' = 1, 'incorrect' = 2),
    reviewer     String,
    reviewed_at  DateTime64(3, 'UTC') DEFAULT now64(3),
    note         String DEFAULT ''
)
ENGINE = ReplacingMergeTree(reviewed_at)
PARTITION BY toYYYYMM(finding_at)
ORDER BY (finding_id)
TTL toDateTime(finding_at) + INTERVAL 800 DAY;
