CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL,
    text        TEXT NOT NULL,
    origin      TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL
);

CREATE TABLE mentions (
    doc_id   TEXT NOT NULL REFERENCES documents(id),
    idx      INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_event ON mentions(event_id);

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    type           TEXT NOT NULL,
    acled_type     TEXT NOT NULL,
    event_date     TEXT NOT NULL,
    country        TEXT NOT NULL,
    lat            REAL,
    lon            REAL,
    confidence     REAL NOT NULL,
    body           TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_country_date ON events(country, event_date);

CREATE TABLE event_documents (
    event_id TEXT NOT NULL REFERENCES events(id),
    doc_id   TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (event_id, doc_id)
);
