-- Removals in the change feed, numbered from the same counter as writes: an event fusion removed
-- (merged into into_id, or left with no report) and its last state.
CREATE TABLE event_removals (
    seq      BIGINT PRIMARY KEY,
    event_id TEXT NOT NULL,
    into_id  TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL
);
