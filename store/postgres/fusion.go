package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// NearDuplicates implements store.Fusion.
func (s *Store) NearDuplicates(ctx context.Context, keys []int64) ([]store.DocSignature, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT f.doc_id, d.source, d.published, f.copy_of, f.minhash
		FROM doc_bands b JOIN doc_fusion f ON f.doc_id = b.doc_id JOIN documents d ON d.id = b.doc_id
		WHERE b.band_key = ANY($1) ORDER BY f.doc_id`, keys)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DocSignature, error) {
		var ds store.DocSignature
		err := r.Scan(&ds.Doc.ID, &ds.Doc.Source, &ds.Doc.Published, &ds.Doc.CopyOf, &ds.MinHash)
		ds.Doc.Published = ds.Doc.Published.UTC()
		return ds, err
	})
}

// Neighbourhood implements store.Fusion.
func (s *Store) Neighbourhood(ctx context.Context, q store.NeighbourhoodQuery) (store.Neighbourhood, error) {
	var nb store.Neighbourhood
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, a := range q.Areas {
		found, err := queryStrings(ctx, s.pool, `SELECT id FROM events WHERE country = $1 AND event_date BETWEEN $2::date AND $3::date AND event_end >= $4::date ORDER BY id`,
			a.Country, a.Since.AddDate(0, 0, -store.MaxEventSpanDays).Format(doc.DateLayout), a.Until.Format(doc.DateLayout), a.Since.Format(doc.DateLayout))
		if err != nil {
			return nb, err
		}
		for _, id := range found {
			add(id)
		}
	}
	if len(q.Documents) > 0 {
		found, err := queryStrings(ctx, s.pool, `SELECT DISTINCT event_id FROM mentions WHERE event_id != '' AND doc_id = ANY($1) ORDER BY event_id`, q.Documents)
		if err != nil {
			return nb, err
		}
		for _, id := range found {
			add(id)
		}
	}
	if len(ids) == 0 {
		return nb, nil
	}
	// the events in the order they were found, as the SQLite store gives them
	rows, err := s.pool.Query(ctx, `SELECT body FROM events e JOIN unnest($1::text[]) WITH ORDINALITY AS o(id, n) ON o.id = e.id ORDER BY o.n`, ids)
	if err != nil {
		return nb, err
	}
	nb.Events, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (doc.Event, error) {
		var body string
		if err := r.Scan(&body); err != nil {
			return doc.Event{}, err
		}
		return decodeEvent(body)
	})
	if err != nil {
		return nb, err
	}
	rows, err = s.pool.Query(ctx, `SELECT m.doc_id, m.idx, m.event_id, m.body, d.source, d.published, COALESCE(f.copy_of, '')
		FROM mentions m JOIN documents d ON d.id = m.doc_id LEFT JOIN doc_fusion f ON f.doc_id = m.doc_id
		WHERE m.event_id = ANY($1) ORDER BY m.doc_id, m.idx`, ids)
	if err != nil {
		return nb, err
	}
	nb.Mentions, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.StoredMention, error) {
		var sm store.StoredMention
		var body string
		if err := r.Scan(&sm.Doc.ID, &sm.Idx, &sm.Event, &body, &sm.Doc.Source, &sm.Doc.Published, &sm.Doc.CopyOf); err != nil {
			return sm, err
		}
		sm.Doc.Published = sm.Doc.Published.UTC()
		if err := json.Unmarshal([]byte(body), &sm.Mention); err != nil {
			return sm, fmt.Errorf("stored mention %d of %s unreadable: %w", sm.Idx, sm.Doc.ID, err)
		}
		return sm, nil
	})
	if err != nil {
		return nb, err
	}
	var docs []string
	for _, m := range nb.Mentions {
		if !slices.Contains(docs, m.Doc.ID) {
			docs = append(docs, m.Doc.ID)
		}
	}
	rows, err = s.pool.Query(ctx, `SELECT f.doc_id, d.source, d.published, f.copy_of
		FROM doc_fusion f JOIN documents d ON d.id = f.doc_id WHERE f.copy_of != '' AND f.copy_of = ANY($1) ORDER BY f.doc_id`, docs)
	if err != nil {
		return nb, err
	}
	nb.Copies, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (doc.DocRef, error) {
		var c doc.DocRef
		err := r.Scan(&c.ID, &c.Source, &c.Published, &c.CopyOf)
		c.Published = c.Published.UTC()
		return c, err
	})
	return nb, err
}

// querier is what both a pool and a transaction can run.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func queryStrings(ctx context.Context, q querier, sql string, args ...any) ([]string, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// AddFused implements store.Fusion.
func (s *Store) AddFused(ctx context.Context, f store.Fused) (bool, error) {
	return s.write(ctx, f, true)
}

// write stores f in one transaction. relink: an event's documents are exactly Event.Documents
// (fusion); otherwise the document is linked to its events beside their earlier documents
// (AddDocument).
func (s *Store) write(ctx context.Context, f store.Fused, relink bool) (added bool, err error) {
	d := f.Document
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if added, err = insertDocument(ctx, tx, d); err != nil || !added {
			return err
		}
		if f.MinHash != nil {
			if _, err := tx.Exec(ctx, `INSERT INTO doc_fusion(doc_id, minhash, copy_of) VALUES ($1, $2, $3)`, d.ID, f.MinHash, f.CopyOf); err != nil {
				return fmt.Errorf("store signature of %s: %w", d.ID, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO doc_bands(band_key, doc_id) SELECT DISTINCT k, $2 FROM unnest($1::bigint[]) AS k`, f.BandKeys, d.ID); err != nil {
				return fmt.Errorf("store signature of %s: %w", d.ID, err)
			}
		}
		for _, o := range f.Demoted {
			for _, q := range []string{`UPDATE doc_fusion SET copy_of = $1 WHERE doc_id = $2`, `UPDATE doc_fusion SET copy_of = $1 WHERE copy_of != '' AND copy_of = $2`} {
				if _, err := tx.Exec(ctx, q, f.Original, o); err != nil {
					return fmt.Errorf("mark %s a copy of %s: %w", o, f.Original, err)
				}
			}
			if _, err := tx.Exec(ctx, `UPDATE mentions SET event_id = '' WHERE doc_id = $1`, o); err != nil {
				return err
			}
		}
		if len(f.Mentions) > 0 {
			idx := make([]int32, len(f.Mentions))
			bodies := make([]string, len(f.Mentions))
			for i, m := range f.Mentions {
				b, err := json.Marshal(m)
				if err != nil {
					return fmt.Errorf("store mention %d of %s: %w", i, d.ID, err)
				}
				idx[i], bodies[i] = int32(i), string(b)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO mentions(doc_id, idx, body) SELECT $1, i, b FROM unnest($2::int[], $3::text[]) AS m(i, b)`, d.ID, idx, bodies); err != nil {
				return fmt.Errorf("store mentions of %s: %w", d.ID, err)
			}
		}
		for _, r := range f.Removed {
			if err := removeEvent(ctx, tx, r, d.ID); err != nil {
				return err
			}
		}
		for _, w := range f.Events {
			if err := putEvent(ctx, tx, w, d.ID, relink); err != nil {
				return err
			}
		}
		return numberChanges(ctx, tx, f.Events)
	})
	if err != nil {
		return false, err
	}
	return added, nil
}

// numberChanges gives each written event the next change sequence number. It runs last: the
// counter's row stays locked until commit, so numbers are handed out in commit order.
func numberChanges(ctx context.Context, tx pgx.Tx, writes []store.EventWrite) error {
	if len(writes) == 0 {
		return nil
	}
	var last int64
	if err := tx.QueryRow(ctx, `UPDATE change_counter SET n = n + $1 RETURNING n`, len(writes)).Scan(&last); err != nil {
		return err
	}
	ids := make([]string, len(writes))
	seqs := make([]int64, len(writes))
	for i, w := range writes {
		ids[i], seqs[i] = w.Event.ID, last-int64(len(writes)-1-i)
	}
	_, err := tx.Exec(ctx, `UPDATE events e SET seq = c.seq, first_seq = CASE WHEN e.first_seq = 0 THEN c.seq ELSE e.first_seq END
		FROM unnest($1::text[], $2::bigint[]) AS c(id, seq) WHERE e.id = c.id`, ids, seqs)
	return err
}

// putEvent writes an event as its next version, with its links to its mentions and documents.
func putEvent(ctx context.Context, tx pgx.Tx, w store.EventWrite, docID string, relink bool) error {
	e := w.Event
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM event_versions WHERE event_id = $1`, e.ID).Scan(&e.Version); err != nil {
		return err
	}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("store event %s: %w", e.ID, err)
	}
	var lat, lon *float64
	country := ""
	if l := e.Location; l != nil {
		lat, lon, country = &l.Lat, &l.Lon, l.Country
	}
	if _, err := tx.Exec(ctx, `INSERT INTO events(id, type, acled_type, event_date, event_end, country, lat, lon, confidence, n_sources, search, actors, body)
		VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9, $10, $11::tsvector, $12::tsvector, $13)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, acled_type = excluded.acled_type, event_date = excluded.event_date,
		event_end = excluded.event_end, country = excluded.country, lat = excluded.lat, lon = excluded.lon,
		confidence = excluded.confidence, n_sources = excluded.n_sources, search = excluded.search, actors = excluded.actors,
		body = excluded.body, updated_at = clock_timestamp()`,
		e.ID, e.Type, e.ACLEDType, e.Date.Start.Format(doc.DateLayout), e.Date.End.Format(doc.DateLayout), country, lat, lon,
		e.Confidence, e.Corroboration, tsvector(store.SearchTexts(e), 0), tsvector(store.ActorTexts(e), 2), string(body)); err != nil {
		return fmt.Errorf("store event %s: %w", e.ID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_versions(event_id, version, body, change, doc_id) VALUES ($1, $2, $3, $4, $5)`,
		e.ID, e.Version, string(body), w.Change, docID); err != nil {
		return fmt.Errorf("store version %d of event %s: %w", e.Version, e.ID, err)
	}
	links := e.Documents
	if relink {
		if _, err := tx.Exec(ctx, `DELETE FROM event_documents WHERE event_id = $1`, e.ID); err != nil {
			return err
		}
	} else {
		links = []string{docID}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_documents(event_id, doc_id) SELECT $1, d FROM unnest($2::text[]) AS d ON CONFLICT DO NOTHING`, e.ID, links); err != nil {
		return fmt.Errorf("link event %s to its documents: %w", e.ID, err)
	}
	if len(w.Members) > 0 {
		docs := make([]string, len(w.Members))
		idx := make([]int32, len(w.Members))
		for i, k := range w.Members {
			docs[i], idx[i] = k.Doc, int32(k.Idx)
		}
		if _, err := tx.Exec(ctx, `UPDATE mentions m SET event_id = $1 FROM unnest($2::text[], $3::int[]) AS k(d, i)
			WHERE m.doc_id = k.d AND m.idx = k.i`, e.ID, docs, idx); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `DELETE FROM event_aliases WHERE alias = $1`, e.ID)
	return err
}

// removeEvent deletes an event that fusion found to be part of another (or to have no report left),
// keeping its last state in its history and its id as an alias of the event it went into.
func removeEvent(ctx context.Context, tx pgx.Tx, r store.Removal, docID string) error {
	var body string
	err := tx.QueryRow(ctx, `SELECT body FROM events WHERE id = $1`, r.ID).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	e, err := decodeEvent(body)
	if err != nil {
		return err
	}
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM event_versions WHERE event_id = $1`, e.ID).Scan(&e.Version); err != nil {
		return err
	}
	last, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_versions(event_id, version, body, change, doc_id) VALUES ($1, $2, $3, $4, $5)`,
		e.ID, e.Version, string(last), r.Change, docID); err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM event_documents WHERE event_id = $1`, `UPDATE mentions SET event_id = '' WHERE event_id = $1`, `DELETE FROM events WHERE id = $1`} {
		if _, err := tx.Exec(ctx, q, r.ID); err != nil {
			return fmt.Errorf("remove event %s: %w", r.ID, err)
		}
	}
	if r.Into == "" || r.Into == r.ID {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_aliases(alias, event_id) VALUES ($1, $2)
		ON CONFLICT (alias) DO UPDATE SET event_id = excluded.event_id`, r.ID, r.Into); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE event_aliases SET event_id = $1 WHERE event_id = $2`, r.Into, r.ID)
	return err
}

// EventHistory implements store.Fusion.
func (s *Store) EventHistory(ctx context.Context, id string) ([]store.EventVersion, error) {
	target := id
	err := s.pool.QueryRow(ctx, `SELECT event_id FROM event_aliases WHERE alias = $1`, id).Scan(&target)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT body, change, doc_id, recorded_at FROM event_versions
		WHERE event_id = $1 OR event_id IN (SELECT alias FROM event_aliases WHERE event_id = $1) ORDER BY seq`, target)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.EventVersion, error) {
		var v store.EventVersion
		var body string
		if err := r.Scan(&body, &v.Change, &v.Doc, &v.RecordedAt); err != nil {
			return v, err
		}
		v.RecordedAt = v.RecordedAt.UTC()
		v.Event, err = decodeEvent(body)
		return v, err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, store.ErrNotFound
	}
	return out, nil
}

// DocumentEvents implements store.Fusion.
func (s *Store) DocumentEvents(ctx context.Context, docID string) ([]string, error) {
	return queryStrings(ctx, s.pool, `SELECT m.event_id FROM mentions m
		WHERE m.doc_id = COALESCE((SELECT NULLIF(copy_of, '') FROM doc_fusion WHERE doc_id = $1), $1) ORDER BY m.idx`, docID)
}

// LockFusion implements store.FusionLocker with session advisory locks on one pooled connection:
// they outlive the transactions fusion runs in between, and they go with the connection if the
// process dies.
func (s *Store) LockFusion(ctx context.Context, keys []string) (func(), error) {
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, int64(xxhash.Sum64String(k)))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	unlock := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock_all()`); err != nil {
			// a connection whose locks may still be held must not go back to the pool
			conn.Conn().Close(ctx)
		}
		conn.Release()
	}
	for _, id := range ids {
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, id); err != nil {
			unlock()
			return nil, fmt.Errorf("lock fusion: %w", err)
		}
	}
	return unlock, nil
}
