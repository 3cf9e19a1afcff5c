-- Change numbers from a counter that never goes back, and removals in the change feed. Until now the
-- next number was the largest one still held by an event, so removing the event that held it let
-- the next write reuse its number (a reader polling "after N" then missed that write).
CREATE TABLE change_counter (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    n   INTEGER NOT NULL
);
INSERT INTO change_counter(one, n) SELECT 1, COALESCE(MAX(seq), 0) FROM events;

-- An event fusion removed (merged into into_id, or left with no report): its last state.
CREATE TABLE event_removals (
    seq      INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    into_id  TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL
);
