-- Fusion across reports (fuse, ingest/dedup.go, store/sqlite/fusion.go).

-- The last day of the event's date range, beside event_date (its first): fusion looks for the events
-- of a country whose range meets a new mention's, through events_fusion.
ALTER TABLE events ADD COLUMN event_end TEXT NOT NULL DEFAULT '';
UPDATE events SET event_end = COALESCE(json_extract(body, '$.date.end'), event_date);
CREATE INDEX events_fusion ON events(country, event_date, event_end);

-- Each document's near-duplicate signature (ingest.MinHash.Bytes) and, for a near-copy, the original
-- it copies; its 16 LSH band keys in doc_bands, so copies are found with one indexed look-up.
CREATE TABLE doc_fusion (
    doc_id  TEXT PRIMARY KEY REFERENCES documents(id),
    minhash BLOB NOT NULL,
    copy_of TEXT NOT NULL DEFAULT ''
);
CREATE INDEX doc_fusion_copy_of ON doc_fusion(copy_of) WHERE copy_of != '';

CREATE TABLE doc_bands (
    band_key INTEGER NOT NULL,
    doc_id   TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band_key, doc_id)
) WITHOUT ROWID;

-- Every state an event has been in: nothing is overwritten silently. seq orders all writes.
CREATE TABLE event_versions (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    change      TEXT NOT NULL,
    doc_id      TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    UNIQUE (event_id, version)
);

-- Ids of events that were re-keyed or merged, and the event each became.
CREATE TABLE event_aliases (
    alias    TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
);
CREATE INDEX event_aliases_event ON event_aliases(event_id);

INSERT INTO event_versions(event_id, version, body, change, recorded_at)
    SELECT id, 1, body, 'stored before versioning', updated_at FROM events;
