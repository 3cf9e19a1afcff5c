package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// Fusion's tables are those of migration 0002: events.event_end (with events_fusion, the index of
// events by country and day), doc_fusion and doc_bands (near-duplicate signatures), event_versions
// and event_aliases.

// chunk is how many values one IN (...) list takes.
const chunk = 400

// NearDuplicates implements store.Fusion.
func (s *Store) NearDuplicates(ctx context.Context, keys []int64) ([]store.DocSignature, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT f.doc_id, d.source, d.published, f.copy_of, f.minhash
		FROM doc_bands b JOIN doc_fusion f ON f.doc_id = b.doc_id JOIN documents d ON d.id = b.doc_id
		WHERE b.band_key IN (`+placeholders(len(keys))+`) ORDER BY f.doc_id`, anys(keys)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.DocSignature
	for rows.Next() {
		var ds store.DocSignature
		var published string
		if err := rows.Scan(&ds.Doc.ID, &ds.Doc.Source, &published, &ds.Doc.CopyOf, &ds.MinHash); err != nil {
			return nil, err
		}
		if ds.Doc.Published, err = time.Parse(time.RFC3339, published); err != nil {
			return nil, fmt.Errorf("document %s: stored publication time %q: %w", ds.Doc.ID, published, err)
		}
		out = append(out, ds)
	}
	return out, rows.Err()
}

// Neighbourhood implements store.Fusion.
func (s *Store) Neighbourhood(ctx context.Context, q store.NeighbourhoodQuery) (store.Neighbourhood, error) {
	var nb store.Neighbourhood
	ids := map[string]bool{}
	var order []string
	add := func(id string) {
		if id != "" && !ids[id] {
			ids[id] = true
			order = append(order, id)
		}
	}
	for _, a := range q.Areas {
		rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM events INDEXED BY events_fusion
			WHERE country = ? AND event_date BETWEEN ? AND ? AND event_end >= ?`,
			a.Country, a.Since.AddDate(0, 0, -store.MaxEventSpanDays).Format(doc.DateLayout), a.Until.Format(doc.DateLayout),
			a.Since.Format(doc.DateLayout))
		if err != nil {
			return nb, err
		}
		if err := scanStrings(rows, add); err != nil {
			return nb, err
		}
	}
	for part := range chunks(q.Documents) {
		rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT event_id FROM mentions WHERE event_id != '' AND doc_id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nb, err
		}
		if err := scanStrings(rows, add); err != nil {
			return nb, err
		}
	}
	memberDocs := map[string]bool{}
	var docList []string
	for part := range chunks(order) {
		rows, err := s.rdb.QueryContext(ctx, `SELECT body FROM events WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nb, err
		}
		for rows.Next() {
			var body string
			var e doc.Event
			if err := rows.Scan(&body); err != nil {
				rows.Close()
				return nb, err
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				rows.Close()
				return nb, fmt.Errorf("stored event unreadable: %w", err)
			}
			nb.Events = append(nb.Events, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nb, err
		}
		rows, err = s.rdb.QueryContext(ctx, `SELECT m.doc_id, m.idx, m.event_id, m.body, d.source, d.published, COALESCE(f.copy_of, '')
			FROM mentions m JOIN documents d ON d.id = m.doc_id LEFT JOIN doc_fusion f ON f.doc_id = m.doc_id
			WHERE m.event_id IN (`+placeholders(len(part))+`) ORDER BY m.doc_id, m.idx`, anys(part)...)
		if err != nil {
			return nb, err
		}
		for rows.Next() {
			var sm store.StoredMention
			var body, published string
			if err := rows.Scan(&sm.Doc.ID, &sm.Idx, &sm.Event, &body, &sm.Doc.Source, &published, &sm.Doc.CopyOf); err != nil {
				rows.Close()
				return nb, err
			}
			if err := json.Unmarshal([]byte(body), &sm.Mention); err != nil {
				rows.Close()
				return nb, fmt.Errorf("stored mention %d of %s unreadable: %w", sm.Idx, sm.Doc.ID, err)
			}
			sm.Doc.Published, _ = time.Parse(time.RFC3339, published)
			nb.Mentions = append(nb.Mentions, sm)
			if !memberDocs[sm.Doc.ID] {
				memberDocs[sm.Doc.ID] = true
				docList = append(docList, sm.Doc.ID)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nb, err
		}
	}
	for part := range chunks(docList) {
		rows, err := s.rdb.QueryContext(ctx, `SELECT f.doc_id, d.source, d.published, f.copy_of
			FROM doc_fusion f JOIN documents d ON d.id = f.doc_id WHERE f.copy_of != '' AND f.copy_of IN (`+placeholders(len(part))+`) ORDER BY f.doc_id`, anys(part)...)
		if err != nil {
			return nb, err
		}
		for rows.Next() {
			var c doc.DocRef
			var published string
			if err := rows.Scan(&c.ID, &c.Source, &published, &c.CopyOf); err != nil {
				rows.Close()
				return nb, err
			}
			c.Published, _ = time.Parse(time.RFC3339, published)
			nb.Copies = append(nb.Copies, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nb, err
		}
	}
	return nb, nil
}

// AddFused implements store.Fusion.
func (s *Store) AddFused(ctx context.Context, f store.Fused) (bool, error) {
	d := f.Document
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if added, err := insertDocument(ctx, tx, d); err != nil || !added {
		return false, err
	}
	if f.MinHash != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO doc_fusion(doc_id, minhash, copy_of) VALUES (?, ?, ?)`, d.ID, f.MinHash, f.CopyOf); err != nil {
			return false, fmt.Errorf("store signature of %s: %w", d.ID, err)
		}
		for _, k := range f.BandKeys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO doc_bands(band_key, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, k, d.ID); err != nil {
				return false, fmt.Errorf("store signature of %s: %w", d.ID, err)
			}
		}
	}
	for _, o := range f.Demoted {
		for _, q := range []string{`UPDATE doc_fusion SET copy_of = ? WHERE doc_id = ?`, `UPDATE doc_fusion SET copy_of = ? WHERE copy_of != '' AND copy_of = ?`} {
			if _, err := tx.ExecContext(ctx, q, f.Original, o); err != nil {
				return false, fmt.Errorf("mark %s a copy of %s: %w", o, f.Original, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentions SET event_id = '' WHERE doc_id = ?`, o); err != nil {
			return false, err
		}
	}
	for i, m := range f.Mentions {
		body, err := json.Marshal(m)
		if err != nil {
			return false, fmt.Errorf("store mention %d of %s: %w", i, d.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentions(doc_id, idx, event_id, body) VALUES (?, ?, '', ?)`, d.ID, i, string(body)); err != nil {
			return false, fmt.Errorf("store mention %d of %s: %w", i, d.ID, err)
		}
	}
	for _, r := range f.Removed {
		if err := removeEvent(ctx, tx, r, d.ID); err != nil {
			return false, err
		}
	}
	for _, w := range f.Events {
		if err := putEvent(ctx, tx, w, d.ID); err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// putEvent writes an event as its next version, with its links to its mentions and documents.
func putEvent(ctx context.Context, tx *sql.Tx, w store.EventWrite, docID string) error {
	e := w.Event
	var lat, lon any
	country := ""
	if e.Location != nil {
		lat, lon, country = e.Location.Lat, e.Location.Lon, e.Location.Country
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events(id, type, acled_type, event_date, country, lat, lon, confidence, body, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?)
		ON CONFLICT(id) DO UPDATE SET type=excluded.type, acled_type=excluded.acled_type, event_date=excluded.event_date,
		country=excluded.country, lat=excluded.lat, lon=excluded.lon, confidence=excluded.confidence, updated_at=excluded.updated_at`,
		e.ID, e.Type, e.ACLEDType, e.Date.Start.Format(doc.DateLayout), country, lat, lon, e.Confidence, now()); err != nil {
		return fmt.Errorf("store event %s: %w", e.ID, err)
	}
	e, err := versionEvent(ctx, tx, e, docID, w.Change)
	if err != nil {
		return err
	}
	if err := indexEvent(ctx, tx, e); err != nil { // index.go
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_documents WHERE event_id = ?`, e.ID); err != nil {
		return err
	}
	for _, id := range e.Documents {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_documents(event_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, e.ID, id); err != nil {
			return fmt.Errorf("link event %s to %s: %w", e.ID, id, err)
		}
	}
	for _, k := range w.Members {
		if _, err := tx.ExecContext(ctx, `UPDATE mentions SET event_id = ? WHERE doc_id = ? AND idx = ?`, e.ID, k.Doc, k.Idx); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM event_aliases WHERE alias = ?`, e.ID)
	return err
}

// versionEvent numbers the event's new state, stores it as the event's body and keeps it in the
// event's history. The events row must exist.
func versionEvent(ctx context.Context, tx *sql.Tx, e doc.Event, docID, change string) (doc.Event, error) {
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM event_versions WHERE event_id = ?`, e.ID).Scan(&e.Version); err != nil {
		return e, err
	}
	body, err := json.Marshal(e)
	if err != nil {
		return e, fmt.Errorf("store event %s: %w", e.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET body = ?, event_end = ? WHERE id = ?`, string(body), e.Date.End.Format(doc.DateLayout), e.ID); err != nil {
		return e, fmt.Errorf("store event %s: %w", e.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_versions(event_id, version, body, change, doc_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
		e.ID, e.Version, string(body), change, docID, now()); err != nil {
		return e, fmt.Errorf("store version %d of event %s: %w", e.Version, e.ID, err)
	}
	return e, nil
}

// removeEvent deletes an event that fusion found to be part of another (or to have no report left),
// keeping its last state in its history and its id as an alias of the event it went into.
func removeEvent(ctx context.Context, tx *sql.Tx, r store.Removal, docID string) error {
	var body string
	var ikey sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT body, ikey FROM events WHERE id = ?`, r.ID).Scan(&body, &ikey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var e doc.Event
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		return fmt.Errorf("stored event %s unreadable: %w", r.ID, err)
	}
	last, err := versionEvent(ctx, tx, e, docID, r.Change)
	if err != nil {
		return err
	}
	seq, err := nextChange(ctx, tx) // index.go
	if err != nil {
		return err
	}
	lastBody, err := json.Marshal(last)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_removals(seq, event_id, into_id, body) VALUES (?, ?, ?, ?)`, seq, r.ID, r.Into, string(lastBody)); err != nil {
		return fmt.Errorf("remove event %s: %w", r.ID, err)
	}
	for _, q := range []string{`DELETE FROM event_documents WHERE event_id = ?`, `UPDATE mentions SET event_id = '' WHERE event_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, r.ID); err != nil {
			return err
		}
	}
	if ikey.Valid { // the query indexes of migration 0003 (index.go)
		if _, err := tx.ExecContext(ctx, `DELETE FROM events_fts WHERE rowid = ?`, ikey.Int64); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM events_rtree WHERE id = ?`, ikey.Int64); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id = ?`, r.ID); err != nil {
		return fmt.Errorf("remove event %s: %w", r.ID, err)
	}
	if r.Into == "" || r.Into == r.ID {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_aliases(alias, event_id) VALUES (?, ?)
		ON CONFLICT(alias) DO UPDATE SET event_id = excluded.event_id`, r.ID, r.Into); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE event_aliases SET event_id = ? WHERE event_id = ?`, r.Into, r.ID)
	return err
}

// resolve returns the event an id names now: the id itself, or the event it is an alias of.
func (s *Store) resolve(ctx context.Context, id string) (string, bool, error) {
	var target string
	err := s.rdb.QueryRowContext(ctx, `SELECT event_id FROM event_aliases WHERE alias = ?`, id).Scan(&target)
	if errors.Is(err, sql.ErrNoRows) {
		return id, false, nil
	}
	return target, err == nil, err
}

// EventHistory implements store.Fusion.
func (s *Store) EventHistory(ctx context.Context, id string) ([]store.EventVersion, error) {
	target, _, err := s.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT body, change, doc_id, recorded_at FROM event_versions
		WHERE event_id = ? OR event_id IN (SELECT alias FROM event_aliases WHERE event_id = ?) ORDER BY seq`, target, target)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.EventVersion
	for rows.Next() {
		var v store.EventVersion
		var body, at string
		if err := rows.Scan(&body, &v.Change, &v.Doc, &at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &v.Event); err != nil {
			return nil, fmt.Errorf("stored version of %s unreadable: %w", id, err)
		}
		v.RecordedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, store.ErrNotFound
	}
	return out, nil
}

// DocumentEvents implements store.Fusion.
func (s *Store) DocumentEvents(ctx context.Context, docID string) ([]string, error) {
	var orig string
	err := s.rdb.QueryRowContext(ctx, `SELECT copy_of FROM doc_fusion WHERE doc_id = ?`, docID).Scan(&orig)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if orig != "" {
		docID = orig
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT event_id FROM mentions WHERE doc_id = ? ORDER BY idx`, docID)
	if err != nil {
		return nil, err
	}
	var out []string
	err = scanStrings(rows, func(s string) { out = append(out, s) })
	return out, err
}

func scanStrings(rows *sql.Rows, f func(string)) error {
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		f(v)
	}
	return rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// chunks yields xs in pieces of at most chunk values, for IN lists.
func chunks(xs []string) func(func([]string) bool) {
	return func(yield func([]string) bool) {
		for len(xs) > 0 {
			n := min(len(xs), chunk)
			if !yield(xs[:n]) {
				return
			}
			xs = xs[n:]
		}
	}
}
