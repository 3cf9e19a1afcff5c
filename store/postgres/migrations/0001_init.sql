-- The whole schema of the PostgreSQL store: the same tables as the SQLite store's migrations
-- 0001–0003, with PostgreSQL's own indexes (GIN over tsvector for text, B-trees for the rest).

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    published   TIMESTAMPTZ NOT NULL,
    text        TEXT NOT NULL,
    origin      TEXT NOT NULL DEFAULT '',
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE mentions (
    doc_id   TEXT NOT NULL REFERENCES documents(id),
    idx      INTEGER NOT NULL,
    event_id TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_event ON mentions(event_id) WHERE event_id != '';

-- first_seq is the change sequence number of the event's first write, seq that of its latest:
-- a Change is New when they are equal.
CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    acled_type  TEXT NOT NULL,
    event_date  DATE NOT NULL,
    event_end   DATE NOT NULL,
    country     TEXT NOT NULL,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    confidence  DOUBLE PRECISION NOT NULL,
    n_sources   INTEGER NOT NULL DEFAULT 0,
    seq         BIGINT NOT NULL DEFAULT 0,
    first_seq   BIGINT NOT NULL DEFAULT 0,
    -- store.Words of the evidence sentences, actors and place (search), and of the actors alone
    -- (actors), with their positions, so phrases match as in the SQLite store
    search      TSVECTOR NOT NULL DEFAULT ''::tsvector,
    actors      TSVECTOR NOT NULL DEFAULT ''::tsvector,
    body        TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
-- the listing order, alone and after each equality filter
CREATE INDEX events_order ON events(event_date DESC, id);
CREATE INDEX events_country_order ON events(country, event_date DESC, id);
CREATE INDEX events_type_order ON events(type, event_date DESC, id);
CREATE INDEX events_acled_order ON events(acled_type, event_date DESC, id);
CREATE INDEX events_fusion ON events(country, event_date, event_end);
CREATE INDEX events_lon_lat ON events(lon, lat) WHERE lat IS NOT NULL;
CREATE INDEX events_seq ON events(seq);
CREATE INDEX events_search ON events USING GIN (search);
CREATE INDEX events_actors ON events USING GIN (actors);

CREATE TABLE event_documents (
    event_id TEXT NOT NULL REFERENCES events(id),
    doc_id   TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (event_id, doc_id)
);

CREATE TABLE doc_fusion (
    doc_id  TEXT PRIMARY KEY REFERENCES documents(id),
    minhash BYTEA NOT NULL,
    copy_of TEXT NOT NULL DEFAULT ''
);
CREATE INDEX doc_fusion_copy_of ON doc_fusion(copy_of) WHERE copy_of != '';

CREATE TABLE doc_bands (
    band_key BIGINT NOT NULL,
    doc_id   TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band_key, doc_id)
);

CREATE TABLE event_versions (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    change      TEXT NOT NULL,
    doc_id      TEXT NOT NULL DEFAULT '',
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (event_id, version)
);

CREATE TABLE event_aliases (
    alias    TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
);
CREATE INDEX event_aliases_event ON event_aliases(event_id);

-- The change counter: one row, updated as the last statement of each writing transaction. Its row
-- lock is held until commit, so numbers are handed out in commit order and a reader polling
-- "seq > last seen" never skips a write that commits late.
CREATE TABLE change_counter (
    one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    n   BIGINT NOT NULL
);
INSERT INTO change_counter(n) VALUES (0);

CREATE TABLE watches (
    id         TEXT PRIMARY KEY,
    filter     TEXT NOT NULL,
    webhook    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
