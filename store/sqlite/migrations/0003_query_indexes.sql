-- Indexes behind the API's filters: keyset order, the filter columns, an R*Tree over the event
-- coordinates and FTS5 over the evidence sentences, actor and place names. index.go keeps them in
-- step with events inside AddDocument's transaction; rows written before this migration (seq = 0)
-- are indexed by Open right after it.
ALTER TABLE events ADD COLUMN n_sources INTEGER NOT NULL DEFAULT 0; -- Event.Corroboration
ALTER TABLE events ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;       -- change sequence, grows with each write
-- ikey: the event's key in events_fts and events_rtree, (days since 0001-01-01 of event_date) << 40
-- | (seq of the event's first write), so the full-text index walks events newest day first
ALTER TABLE events ADD COLUMN ikey INTEGER;

-- by ikey, covering the filter columns: the walks of the FTS5 and R*Tree keys test an event here
-- without reading its row (ikey is unique by construction)
CREATE UNIQUE INDEX events_ikey ON events(ikey, id, event_date, country, type, acled_type, n_sources, lat, lon);

CREATE INDEX events_seq ON events(seq);

-- The listing order (event date newest first, then id), alone and after each equality filter. Each
-- index also covers the other filter columns, so a walk in listing order tests them without reading
-- the row; only the events that pass are read. They replace 0001's date indexes.
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_country_date;
CREATE INDEX events_order ON events(event_date DESC, id, country, type, acled_type, n_sources, lat, lon);
CREATE INDEX events_country_order ON events(country, event_date DESC, id, type, acled_type, n_sources, lat, lon);
CREATE INDEX events_type_order ON events(type, event_date DESC, id, country, acled_type, n_sources, lat, lon);
CREATE INDEX events_acled_order ON events(acled_type, event_date DESC, id, country, type, n_sources, lat, lon);

-- rowid = events.ikey; the text is store.Words of each field, joined by spaces
CREATE VIRTUAL TABLE events_fts USING fts5(
    sentences, actors, places,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- id = events.ikey; a point is a box of zero size
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

-- the API's watches: a filter (as query parameters) and the webhook that gets each new match
CREATE TABLE watches (
    id         TEXT PRIMARY KEY,
    filter     TEXT NOT NULL,
    webhook    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
