-- Disposal tickets, event-sourced. ticket_events is the source of truth: one
-- row per change (who, when, what, before and after), never updated. A
-- ticket's current state is the fold of its events (alerts/tickets/fold.ts).
-- Each event is inserted with insert_deduplication_token = ticket_id:seq, so
-- two writers racing for the same seq leave one row (the loser re-reads and
-- is told of the conflict), and a retried insert is a no-op.
CREATE TABLE IF NOT EXISTS ticket_events
(
    ticket_id  String,
    seq        UInt32,
    event_id   String,
    at         DateTime64(3, 'UTC'),
    actor      LowCardinality(String),
    type       LowCardinality(String),
    before     String CODEC(ZSTD(3)),
    after      String CODEC(ZSTD(3)),
    note       String CODEC(ZSTD(3))
)
ENGINE = MergeTree
ORDER BY (ticket_id, seq)
SETTINGS non_replicated_deduplication_window = 10000;

-- The board: the latest fold of each ticket, for listing, SLA sweeps and
-- similar-ticket search without replaying every log. Derived only (rebuilt
-- from ticket_events any time). Sorted for "open tickets by team, by
-- deadline"; a ticket whose team or deadline changes leaves a tombstone
-- (is_deleted = 1) at its old key. Read with FINAL.
CREATE TABLE IF NOT EXISTS ticket_board
(
    team          LowCardinality(String),
    deadline      DateTime64(3, 'UTC'),
    ticket_id     String,
    version       UInt32,
    is_deleted    UInt8,
    status        LowCardinality(String),
    priority      LowCardinality(String),
    owner         String,
    pattern       LowCardinality(String),
    finding_id    String,
    scope_pairs   Array(String),
    created_at    DateTime64(3, 'UTC'),
    response_ms   UInt64,
    escalated     UInt8,
    reminded_for  Int64,
    escalated_for Int64,
    resolved_at   Nullable(DateTime64(3, 'UTC')),
    resolution    String,
    title         String
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (team, deadline, ticket_id)
SETTINGS index_granularity = 1024;

ALTER TABLE ticket_board ADD INDEX IF NOT EXISTS ticket_board_id ticket_id TYPE bloom_filter GRANULARITY 1;
ALTER TABLE ticket_board ADD INDEX IF NOT EXISTS ticket_board_status status TYPE set(8) GRANULARITY 1;
