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

// Neighbourhood implements store.Fusion, in two round trips: the events' ids, then their bodies,
// mentions and copies together.
func (s *Store) Neighbourhood(ctx context.Context, q store.NeighbourhoodQuery) (store.Neighbourhood, error) {
	var nb store.Neighbourhood
	countries := make([]string, len(q.Areas))
	var los, his, sinces []string
	for i, a := range q.Areas {
		countries[i] = a.Country
		los = append(los, a.Since.AddDate(0, 0, -store.MaxEventSpanDays).Format(doc.DateLayout))
		his = append(his, a.Until.Format(doc.DateLayout))
		sinces = append(sinces, a.Since.Format(doc.DateLayout))
	}
	ids, err := queryStrings(ctx, s.pool, `SELECT id FROM (
			SELECT e.id FROM unnest($1::text[], $2::date[], $3::date[], $4::date[]) AS a(country, lo, hi, since)
			JOIN events e ON e.country = a.country AND e.event_date BETWEEN a.lo AND a.hi AND e.event_end >= a.since
			UNION
			SELECT event_id FROM mentions WHERE event_id != '' AND doc_id = ANY($5)) found
		ORDER BY id`, countries, los, his, sinces, q.Documents)
	if err != nil || len(ids) == 0 {
		return nb, err
	}
	var b pgx.Batch
	b.Queue(`SELECT body FROM events WHERE id = ANY($1) ORDER BY id`, ids).Query(func(rows pgx.Rows) error {
		nb.Events, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (doc.Event, error) {
			var body string
			if err := r.Scan(&body); err != nil {
				return doc.Event{}, err
			}
			return decodeEvent(body)
		})
		return err
	})
	b.Queue(`SELECT m.doc_id, m.idx, m.event_id, m.body, d.source, d.published, COALESCE(f.copy_of, '')
		FROM mentions m JOIN documents d ON d.id = m.doc_id LEFT JOIN doc_fusion f ON f.doc_id = m.doc_id
		WHERE m.event_id = ANY($1) ORDER BY m.doc_id, m.idx`, ids).Query(func(rows pgx.Rows) error {
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
		return err
	})
	b.Queue(`SELECT f.doc_id, d.source, d.published, f.copy_of
		FROM doc_fusion f JOIN documents d ON d.id = f.doc_id
		WHERE f.copy_of != '' AND f.copy_of IN (SELECT doc_id FROM mentions WHERE event_id = ANY($1)) ORDER BY f.doc_id`, ids).Query(func(rows pgx.Rows) error {
		nb.Copies, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (doc.DocRef, error) {
			var c doc.DocRef
			err := r.Scan(&c.ID, &c.Source, &c.Published, &c.CopyOf)
			c.Published = c.Published.UTC()
			return c, err
		})
		return err
	})
	if err := s.pool.SendBatch(ctx, &b).Close(); err != nil {
		return nb, err
	}
	return nb, nil
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
//
// A worker's database may be across a network, so the transaction takes four round trips whatever
// the number of events: the document row (whether it is new decides the rest), the stored versions
// and removed bodies, one batch of every other statement, and the commit.
func (s *Store) write(ctx context.Context, f store.Fused, relink bool) (added bool, err error) {
	d := f.Document
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if added, err = insertDocument(ctx, tx, d); err != nil || !added {
			return err
		}
		versions, removed, err := priorState(ctx, tx, f)
		if err != nil {
			return err
		}
		var b batch
		if f.MinHash != nil {
			b.add("store signature of "+d.ID, `INSERT INTO doc_fusion(doc_id, minhash, copy_of) VALUES ($1, $2, $3)`, d.ID, f.MinHash, f.CopyOf)
			b.add("store signature of "+d.ID, `INSERT INTO doc_bands(band_key, doc_id) SELECT DISTINCT k, $2 FROM unnest($1::bigint[]) AS k`, f.BandKeys, d.ID)
		}
		for _, o := range f.Demoted {
			what := fmt.Sprintf("mark %s a copy of %s", o, f.Original)
			b.add(what, `UPDATE doc_fusion SET copy_of = $1 WHERE doc_id = $2`, f.Original, o)
			b.add(what, `UPDATE doc_fusion SET copy_of = $1 WHERE copy_of != '' AND copy_of = $2`, f.Original, o)
			b.add(what, `UPDATE mentions SET event_id = '' WHERE doc_id = $1`, o)
		}
		if len(f.Mentions) > 0 {
			idx := make([]int32, len(f.Mentions))
			bodies := make([]string, len(f.Mentions))
			for i, m := range f.Mentions {
				body, err := json.Marshal(m)
				if err != nil {
					return fmt.Errorf("store mention %d of %s: %w", i, d.ID, err)
				}
				idx[i], bodies[i] = int32(i), string(body)
			}
			b.add("store mentions of "+d.ID, `INSERT INTO mentions(doc_id, idx, body) SELECT $1, i, b FROM unnest($2::int[], $3::text[]) AS m(i, b)`, d.ID, idx, bodies)
		}
		for _, r := range f.Removed {
			if e, ok := removed[r.ID]; ok {
				e.Version = versions[r.ID] + 1
				removed[r.ID] = e
				if err := removeEvent(&b, e, r, d.ID); err != nil {
					return err
				}
			}
		}
		for _, w := range f.Events {
			w.Event.Version = versions[w.Event.ID] + 1
			if err := putEvent(&b, w, d.ID, relink); err != nil {
				return err
			}
		}
		numberChanges(&b, f.Events, f.Removed, removed)
		return b.run(ctx, tx)
	})
	if err != nil {
		return false, err
	}
	return added, nil
}

// numberChanges queues, last, the numbering of the transaction's changes: its removals, then its
// writes, in order. The counter's row stays locked until commit, so numbers are handed out in commit
// order.
func numberChanges(b *batch, writes []store.EventWrite, removals []store.Removal, removed map[string]doc.Event) {
	var gone, into, bodies []string
	for _, r := range removals {
		if e, ok := removed[r.ID]; ok {
			body, _ := json.Marshal(e) // it was read from JSON
			gone, into, bodies = append(gone, r.ID), append(into, r.Into), append(bodies, string(body))
		}
	}
	ids := make([]string, len(writes))
	for i, w := range writes {
		ids[i] = w.Event.ID
	}
	if len(gone)+len(ids) == 0 {
		return
	}
	b.add("number the changes", `UPDATE change_counter SET n = n + $1`, len(gone)+len(ids))
	if len(gone) > 0 {
		b.add("number the removals", `INSERT INTO event_removals(seq, event_id, into_id, body)
			SELECT (SELECT n FROM change_counter) - $4::int + o.i, o.id, o.into_id, o.body
			FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS o(id, into_id, body, i)`,
			gone, into, bodies, len(gone)+len(ids))
	}
	if len(ids) > 0 {
		// an event stored again after a removal starts afresh: its first write is this one
		b.add("number the writes", `INSERT INTO event_changes(event_id, seq, first_seq)
			SELECT o.id, (SELECT n FROM change_counter) - $2::int + o.i, (SELECT n FROM change_counter) - $2::int + o.i
			FROM unnest($1::text[]) WITH ORDINALITY AS o(id, i)
			ON CONFLICT (event_id) DO UPDATE SET seq = excluded.seq`, ids, len(ids))
	}
}

// priorState reads what the transaction builds on: the latest version number of each event it
// writes or removes, and the stored body of each event it removes.
func priorState(ctx context.Context, tx pgx.Tx, f store.Fused) (map[string]int, map[string]doc.Event, error) {
	var ids, gone []string
	for _, w := range f.Events {
		ids = append(ids, w.Event.ID)
	}
	for _, r := range f.Removed {
		ids, gone = append(ids, r.ID), append(gone, r.ID)
	}
	versions := map[string]int{}
	removed := map[string]doc.Event{}
	if len(ids) == 0 {
		return versions, removed, nil
	}
	rows, err := tx.Query(ctx, `SELECT event_id, MAX(version) FROM event_versions WHERE event_id = ANY($1) GROUP BY event_id`, ids)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id string
		var v int
		if err := rows.Scan(&id, &v); err != nil {
			rows.Close()
			return nil, nil, err
		}
		versions[id] = v
	}
	if rows.Close(); rows.Err() != nil {
		return nil, nil, rows.Err()
	}
	if len(gone) == 0 {
		return versions, removed, nil
	}
	rows, err = tx.Query(ctx, `SELECT id, body FROM events WHERE id = ANY($1)`, gone)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			rows.Close()
			return nil, nil, err
		}
		e, err := decodeEvent(body)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("event %s: %w", id, err)
		}
		removed[id] = e
	}
	rows.Close()
	return versions, removed, rows.Err()
}

// batch is statements sent together, each with what it does for its error message.
type batch struct {
	b    pgx.Batch
	what []string
}

func (q *batch) add(what, sql string, args ...any) {
	q.b.Queue(sql, args...)
	q.what = append(q.what, what)
}

func (q *batch) run(ctx context.Context, tx pgx.Tx) error {
	if len(q.what) == 0 {
		return nil
	}
	res := tx.SendBatch(ctx, &q.b)
	for _, what := range q.what {
		if _, err := res.Exec(); err != nil {
			res.Close()
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return res.Close()
}

// putEvent queues an event's new version (w.Event.Version is set), with its links to its mentions
// and documents.
func putEvent(b *batch, w store.EventWrite, docID string, relink bool) error {
	e := w.Event
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("store event %s: %w", e.ID, err)
	}
	var lat, lon *float64
	country := ""
	if l := e.Location; l != nil {
		lat, lon, country = &l.Lat, &l.Lon, l.Country
	}
	what := "store event " + e.ID
	b.add(what, `INSERT INTO events(id, type, acled_type, event_date, event_end, country, lat, lon, confidence, n_sources, search, actors, body)
		VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9, $10, $11::tsvector, $12::tsvector, $13)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, acled_type = excluded.acled_type, event_date = excluded.event_date,
		event_end = excluded.event_end, country = excluded.country, lat = excluded.lat, lon = excluded.lon,
		confidence = excluded.confidence, n_sources = excluded.n_sources, search = excluded.search, actors = excluded.actors,
		body = excluded.body, updated_at = clock_timestamp()`,
		e.ID, e.Type, e.ACLEDType, e.Date.Start.Format(doc.DateLayout), e.Date.End.Format(doc.DateLayout), country, lat, lon,
		e.Confidence, e.Corroboration, tsvector(store.SearchTexts(e), 0), tsvector(store.ActorTexts(e), 2), string(body))
	b.add(fmt.Sprintf("store version %d of event %s", e.Version, e.ID),
		`INSERT INTO event_versions(event_id, version, body, change, doc_id) VALUES ($1, $2, $3, $4, $5)`, e.ID, e.Version, string(body), w.Change, docID)
	links := e.Documents
	if relink {
		b.add(what, `DELETE FROM event_documents WHERE event_id = $1`, e.ID)
	} else {
		links = []string{docID}
	}
	b.add("link event "+e.ID+" to its documents", `INSERT INTO event_documents(event_id, doc_id) SELECT $1, d FROM unnest($2::text[]) AS d ON CONFLICT DO NOTHING`, e.ID, links)
	if len(w.Members) > 0 {
		docs := make([]string, len(w.Members))
		idx := make([]int32, len(w.Members))
		for i, k := range w.Members {
			docs[i], idx[i] = k.Doc, int32(k.Idx)
		}
		b.add(what, `UPDATE mentions m SET event_id = $1 FROM unnest($2::text[], $3::int[]) AS k(d, i) WHERE m.doc_id = k.d AND m.idx = k.i`, e.ID, docs, idx)
	}
	b.add(what, `DELETE FROM event_aliases WHERE alias = $1`, e.ID)
	return nil
}

// removeEvent queues the removal of an event that fusion found to be part of another (or to have
// no report left), keeping its last state (e, its Version set) in its history and its id as an
// alias of the event it went into.
func removeEvent(b *batch, e doc.Event, r store.Removal, docID string) error {
	last, err := json.Marshal(e)
	if err != nil {
		return err
	}
	what := "remove event " + r.ID
	b.add(what, `INSERT INTO event_versions(event_id, version, body, change, doc_id) VALUES ($1, $2, $3, $4, $5)`,
		e.ID, e.Version, string(last), r.Change, docID)
	for _, q := range []string{`DELETE FROM event_documents WHERE event_id = $1`, `UPDATE mentions SET event_id = '' WHERE event_id = $1`,
		`DELETE FROM events WHERE id = $1`, `DELETE FROM event_changes WHERE event_id = $1`} {
		b.add(what, q, r.ID)
	}
	if r.Into == "" || r.Into == r.ID {
		return nil
	}
	b.add(what, `INSERT INTO event_aliases(alias, event_id) VALUES ($1, $2) ON CONFLICT (alias) DO UPDATE SET event_id = excluded.event_id`, r.ID, r.Into)
	b.add(what, `UPDATE event_aliases SET event_id = $1 WHERE event_id = $2`, r.Into, r.ID)
	return nil
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
	if _, err := conn.Exec(ctx, `SELECT sitrep_lock_fusion($1)`, ids); err != nil {
		unlock()
		return nil, fmt.Errorf("lock fusion: %w", err)
	}
	return unlock, nil
}
