// Package postgres is the store for a team: PostgreSQL (through pgx), written by any number of
// `sitrep worker` and `sitrep ingest` processes and read by any number of `sitrep serve` instances at
// once. It passes the same conformance suite as the SQLite store (store/storetest).
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a PostgreSQL-backed store.Served and store.FusionLocker.
type Store struct {
	pool *pgxpool.Pool
}

var (
	_ store.Served       = (*Store)(nil)
	_ store.FusionLocker = (*Store)(nil)
)

// IsURL reports whether a --db value names a PostgreSQL database rather than a SQLite file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url (postgres://user:password@host:port/db) and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres %s: %w", redact(cfg), err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres %s: %w", redact(cfg), err)
	}
	return s, nil
}

// redact names a database for an error message without its password.
func redact(cfg *pgxpool.Config) string {
	return fmt.Sprintf("%s@%s:%d/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
}

// Close closes every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// migrationLock is the advisory lock key that serialises schema migrations: several workers
// starting at once must not apply the same migration twice.
const migrationLock = 0x5175_7265_7030 // "sitrep0"

// migrate applies every embedded migration newer than the schema's version, each in its own
// transaction, under an advisory lock.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	var current int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
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
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			// no arguments: the simple protocol, which takes several statements at once
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version) VALUES ($1)`, m.Version)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// HasDocument implements store.Store.
func (s *Store) HasDocument(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.pool.QueryRow(ctx, `SELECT 1 FROM documents WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// insertDocument writes the document row inside tx; added is false when a document with that
// content id is already stored, and then nothing else of it may be written.
func insertDocument(ctx context.Context, tx pgx.Tx, d doc.Document) (bool, error) {
	tag, err := tx.Exec(ctx, `INSERT INTO documents(id, source, url, title, published, text, origin)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
		d.ID, d.Source, d.URL, d.Title, d.Published.UTC().Truncate(1e9), d.Text, d.Origin)
	if err != nil {
		return false, fmt.Errorf("store document %s: %w", d.ID, err)
	}
	return tag.RowsAffected() > 0, nil
}

// AddDocument implements store.Store: the document, its mentions and the given events as they are
// (no fusion), in one transaction.
func (s *Store) AddDocument(ctx context.Context, d doc.Document, mentions []doc.Mention, events []doc.Event) (bool, error) {
	f := store.Fused{Document: d, Mentions: mentions}
	for _, e := range events {
		w := store.EventWrite{Event: e, Change: "report added"}
		for _, i := range store.MentionIndexes(e, mentions) {
			w.Members = append(w.Members, store.MentionKey{Doc: d.ID, Idx: i})
		}
		f.Events = append(f.Events, w)
	}
	// the earlier documents of the events were linked when they were stored
	return s.write(ctx, f, false)
}

// Event implements store.Store.
func (s *Store) Event(ctx context.Context, id string) (doc.Event, error) {
	var body string
	err := s.pool.QueryRow(ctx, `SELECT body FROM events WHERE id = $1
		UNION ALL SELECT e.body FROM event_aliases a JOIN events e ON e.id = a.event_id WHERE a.alias = $1 LIMIT 1`, id).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return doc.Event{}, store.ErrNotFound
	}
	if err != nil {
		return doc.Event{}, err
	}
	return decodeEvent(body)
}

func decodeEvent(body string) (doc.Event, error) {
	var e doc.Event
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		return e, fmt.Errorf("stored event unreadable: %w", err)
	}
	return e, nil
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id string) (doc.Document, error) {
	var d doc.Document
	err := s.pool.QueryRow(ctx, `SELECT id, source, url, title, published, text, origin FROM documents WHERE id = $1`, id).
		Scan(&d.ID, &d.Source, &d.URL, &d.Title, &d.Published, &d.Text, &d.Origin)
	if errors.Is(err, pgx.ErrNoRows) {
		return doc.Document{}, store.ErrNotFound
	}
	d.Published = d.Published.UTC()
	return d, err
}

// Stats implements store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM mentions)`).
		Scan(&st.Documents, &st.Events, &st.Mentions)
	return st, err
}

func decodeMention(body string) (doc.Mention, error) {
	var m doc.Mention
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		return m, fmt.Errorf("stored mention unreadable: %w", err)
	}
	return m, nil
}
