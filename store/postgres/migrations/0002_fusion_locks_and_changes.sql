-- Takes the fusion locks of one writer in one round trip, in the order given (sorted by the
-- caller), so two writers never deadlock. Session locks: they outlive the transactions in between.
CREATE FUNCTION sitrep_lock_fusion(keys BIGINT[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    k BIGINT;
BEGIN
    FOREACH k IN ARRAY keys LOOP
        PERFORM pg_advisory_lock(k);
    END LOOP;
END
$$;

-- Change numbers move out of events into their own small table: numbering a write then updates a
-- narrow row instead of writing the event's row a second time (a second copy of its full-text
-- index entries).
CREATE TABLE event_changes (
    event_id  TEXT PRIMARY KEY,
    seq       BIGINT NOT NULL,
    first_seq BIGINT NOT NULL
);
INSERT INTO event_changes(event_id, seq, first_seq) SELECT id, seq, first_seq FROM events WHERE seq > 0;
CREATE INDEX event_changes_seq ON event_changes(seq);
DROP INDEX events_seq;
ALTER TABLE events DROP COLUMN seq, DROP COLUMN first_seq;
