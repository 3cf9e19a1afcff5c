// Package sqlite is the default, embedded Store: one file, pure Go (modernc.org/sqlite, no cgo),
// write-ahead logging so a crash at any moment leaves the last committed transaction intact.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a SQLite-backed store.Store.
type Store struct {
	// db writes: SQLite takes one writer at a time, and a single connection keeps the
	// transactions serial. rdb reads, several connections at once: with write-ahead logging
	// readers never wait for the writer, so a listing is not held up behind a document's write.
	db, rdb *sql.DB
	decoded eventCache // cache.go
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := s.backfillIndexes(ctx); err != nil { // index.go
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if s.rdb, err = sql.Open("sqlite", dsn+"&_pragma=query_only(1)"); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.rdb.SetMaxOpenConns(readers)
	s.rdb.SetMaxIdleConns(readers)
	return s, nil
}

// readers is how many read connections a store keeps at most.
const readers = 8

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.rdb.Close(), s.db.Close())
}

// migrate applies every embedded migration newer than the schema's version, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	}
	ms, err := store.ReadMigrations(migrations, "migrations")
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Version <= current {
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, m.Version, now()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// HasDocument implements store.Store.
func (s *Store) HasDocument(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.rdb.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// insertDocument writes the document row inside tx; added is false when a document with that
// content id is already stored, and then nothing else of it may be written.
func insertDocument(ctx context.Context, tx *sql.Tx, d doc.Document) (added bool, err error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO documents(id, source, url, title, published, text, origin, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		d.ID, d.Source, d.URL, d.Title, d.Published.UTC().Format(time.RFC3339), d.Text, d.Origin, now())
	if err != nil {
		return false, fmt.Errorf("store document %s: %w", d.ID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// AddDocument implements store.Store.
func (s *Store) AddDocument(ctx context.Context, d doc.Document, mentions []doc.Mention, events []doc.Event) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if added, err := insertDocument(ctx, tx, d); err != nil || !added {
		return false, err
	}
	eventOf := map[int]string{}
	for _, e := range events {
		body, err := json.Marshal(e)
		if err != nil {
			return false, err
		}
		var lat, lon any
		country := ""
		if e.Location != nil {
			lat, lon, country = e.Location.Lat, e.Location.Lon, e.Location.Country
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO events(id, type, acled_type, event_date, country, lat, lon, confidence, body, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET type=excluded.type, acled_type=excluded.acled_type, event_date=excluded.event_date,
			country=excluded.country, lat=excluded.lat, lon=excluded.lon, confidence=excluded.confidence,
			body=excluded.body, updated_at=excluded.updated_at`,
			e.ID, e.Type, e.ACLEDType, e.Date.Start.Format(doc.DateLayout), country, lat, lon, e.Confidence, string(body), now()); err != nil {
			return false, fmt.Errorf("store event %s: %w", e.ID, err)
		}
		if err := indexEvent(ctx, tx, e); err != nil { // index.go: FTS, R*Tree, sources, change sequence
			return false, err
		}
		if _, err := versionEvent(ctx, tx, e, d.ID, "report added"); err != nil { // fusion.go: history
			return false, err
		}
		// the earlier documents of the event were linked when they were stored
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_documents(event_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, e.ID, d.ID); err != nil {
			return false, fmt.Errorf("link event %s to %s: %w", e.ID, d.ID, err)
		}
		for _, i := range store.MentionIndexes(e, mentions) {
			eventOf[i] = e.ID
		}
	}
	for i, m := range mentions {
		body, err := json.Marshal(m)
		if err != nil {
			return false, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentions(doc_id, idx, event_id, body) VALUES (?, ?, ?, ?)`,
			d.ID, i, eventOf[i], string(body)); err != nil {
			return false, fmt.Errorf("store mention %d of %s: %w", i, d.ID, err)
		}
	}
	return true, tx.Commit()
}

// Event implements store.Store.
func (s *Store) Event(ctx context.Context, id string) (doc.Event, error) {
	var body string
	err := s.rdb.QueryRowContext(ctx, `SELECT body FROM events WHERE id = ?`, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		if target, ok, err := s.resolve(ctx, id); err != nil || ok { // fusion.go: an alias
			if err != nil {
				return doc.Event{}, err
			}
			return s.Event(ctx, target)
		}
		return doc.Event{}, store.ErrNotFound
	}
	if err != nil {
		return doc.Event{}, err
	}
	var e doc.Event
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		return doc.Event{}, fmt.Errorf("event %s: stored body unreadable: %w", id, err)
	}
	return e, nil
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id string) (doc.Document, error) {
	var d doc.Document
	var published string
	err := s.rdb.QueryRowContext(ctx, `SELECT id, source, url, title, published, text, origin FROM documents WHERE id = ?`, id).
		Scan(&d.ID, &d.Source, &d.URL, &d.Title, &published, &d.Text, &d.Origin)
	if errors.Is(err, sql.ErrNoRows) {
		return doc.Document{}, store.ErrNotFound
	}
	if err != nil {
		return doc.Document{}, err
	}
	d.Published, err = time.Parse(time.RFC3339, published)
	return d, err
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]doc.Event, error) {
	return s.listEvents(ctx, f) // index.go: the query plan for the filter's indexes
}

// Stats implements store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM mentions)`).
		Scan(&st.Documents, &st.Events, &st.Mentions)
	return st, err
}
