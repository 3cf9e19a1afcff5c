package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// The text filters work on store.Words, written into tsvector and tsquery literals directly rather
// than through to_tsvector's parser: the words, folding and phrase semantics are then exactly the
// SQLite store's and store.EventFilter.Match's.

// maxPosition is the largest word position a tsvector holds.
const maxPosition = 16383

// tsvector is the literal of the words of texts with their positions; gap positions are left
// between two texts (a gap of 2 or more keeps a phrase from running from one text into the next).
func tsvector(texts []string, gap int) string {
	var b strings.Builder
	pos := 0
	for i, t := range texts {
		if i > 0 {
			pos += gap
		}
		for _, w := range store.Words(t) {
			pos = min(pos+1, maxPosition)
			b.WriteString(quoteLexeme(w))
			fmt.Fprintf(&b, ":%d ", pos)
		}
	}
	return b.String()
}

// quoteLexeme quotes a word for a tsvector or tsquery literal.
func quoteLexeme(w string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w) + "'"
}

// tsquery is the literal of terms, all required: each a phrase of its words, the last a prefix
// when the term says so.
func tsquery(terms []store.Term) string {
	var parts []string
	for _, t := range terms {
		words := make([]string, len(t.Words))
		for i, w := range t.Words {
			words[i] = quoteLexeme(w)
		}
		if t.Prefix {
			words[len(words)-1] += ":*"
		}
		parts = append(parts, "("+strings.Join(words, " <-> ")+")")
	}
	return strings.Join(parts, " & ")
}

// Events implements store.Store: one statement whose conditions PostgreSQL plans over the listing
// indexes, the GIN text indexes and the coordinates index.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]doc.Event, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if !f.Since.IsZero() {
		where = append(where, "event_date >= "+arg(f.Since.Format(doc.DateLayout))+"::date")
	}
	if !f.Until.IsZero() {
		where = append(where, "event_date <= "+arg(f.Until.Format(doc.DateLayout))+"::date")
	}
	if f.Country != "" {
		where = append(where, "country = "+arg(f.Country))
	}
	if f.Type != "" {
		where = append(where, "type = "+arg(f.Type))
	}
	if f.ACLEDType != "" {
		where = append(where, "acled_type = "+arg(f.ACLEDType))
	}
	if f.MinSources > 0 {
		where = append(where, "n_sources >= "+arg(f.MinSources))
	}
	if b := f.BBox; b != nil {
		where = append(where, "lat BETWEEN "+arg(b.MinLat)+" AND "+arg(b.MaxLat))
		if b.MinLon <= b.MaxLon {
			where = append(where, "lon BETWEEN "+arg(b.MinLon)+" AND "+arg(b.MaxLon))
		} else { // across the antimeridian
			where = append(where, "(lon >= "+arg(b.MinLon)+" OR lon <= "+arg(b.MaxLon)+")")
		}
	}
	terms, err := store.ParseQuery(f.Q)
	if err != nil {
		return nil, err
	}
	if len(terms) > 0 {
		where = append(where, "search @@ "+arg(tsquery(terms))+"::tsquery")
	}
	if f.Actor != "" {
		where = append(where, "actors @@ "+arg(tsquery([]store.Term{store.ActorTerm(f.Actor)}))+"::tsquery")
	}
	if f.Cursor != "" {
		date, id, _ := store.DecodeCursor(f.Cursor) // Validate checked it
		d, i := arg(date), arg(id)
		where = append(where, "(event_date < "+d+"::date OR (event_date = "+d+"::date AND id > "+i+"))")
	}
	q := `SELECT body FROM events`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY event_date DESC, id"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (doc.Event, error) {
		var body string
		if err := r.Scan(&body); err != nil {
			return doc.Event{}, err
		}
		return decodeEvent(body)
	})
}

// EventReports implements store.Feed: the documents behind an event, in the order they were stored,
// each with the mentions of the event it holds. An unknown event has none.
func (s *Store) EventReports(ctx context.Context, id string) ([]store.Report, error) {
	rows, err := s.pool.Query(ctx, `SELECT d.id, d.source, d.url, d.title, d.published, d.text, d.ingested_at, COALESCE(m.body, '')
		FROM event_documents ed JOIN documents d ON d.id = ed.doc_id
		LEFT JOIN mentions m ON m.doc_id = d.id AND m.event_id = ed.event_id
		WHERE ed.event_id = $1 ORDER BY d.ingested_at, d.id, m.idx`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Report
	for rows.Next() {
		var d doc.Document
		var at time.Time
		var body string
		if err := rows.Scan(&d.ID, &d.Source, &d.URL, &d.Title, &d.Published, &d.Text, &at, &body); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Document.ID != d.ID {
			d.Published = d.Published.UTC()
			out = append(out, store.Report{Document: d, IngestedAt: at.UTC(), Mentions: []doc.Mention{}})
		}
		if body != "" {
			m, err := decodeMention(body)
			if err != nil {
				return nil, fmt.Errorf("stored mention of %s: %w", d.ID, err)
			}
			r := &out[len(out)-1]
			r.Mentions = append(r.Mentions, m)
		}
	}
	return out, rows.Err()
}

// Changes implements store.Feed.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]store.Change, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, new, body, removed, into_id FROM (
			SELECT c.seq, c.seq = c.first_seq AS new, e.body, false AS removed, '' AS into_id
			FROM event_changes c JOIN events e ON e.id = c.event_id WHERE c.seq > $1
			UNION ALL
			SELECT seq, false, body, true, into_id FROM event_removals WHERE seq > $1) changes
		ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Change, error) {
		var c store.Change
		var body string
		if err := r.Scan(&c.Seq, &c.New, &body, &c.Removed, &c.Into); err != nil {
			return c, err
		}
		c.Event, err = decodeEvent(body)
		return c, err
	})
}

// LastChange implements store.Feed.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	err := s.pool.QueryRow(ctx, `SELECT n FROM change_counter`).Scan(&seq)
	return seq, err
}

// AddWatch implements store.Watches.
func (s *Store) AddWatch(ctx context.Context, w store.Watch) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO watches(id, filter, webhook, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (id) DO UPDATE SET filter = excluded.filter, webhook = excluded.webhook`, w.ID, w.Filter, w.Webhook, w.Created.UTC())
	return err
}

// DeleteWatch implements store.Watches.
func (s *Store) DeleteWatch(ctx context.Context, id string) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM watches WHERE id = $1`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// Watches implements store.Watches.
func (s *Store) Watches(ctx context.Context) ([]store.Watch, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, filter, webhook, created_at FROM watches ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Watch, error) {
		var w store.Watch
		err := r.Scan(&w.ID, &w.Filter, &w.Webhook, &w.Created)
		w.Created = w.Created.UTC()
		return w, err
	})
	if out == nil {
		out = []store.Watch{}
	}
	return out, err
}
