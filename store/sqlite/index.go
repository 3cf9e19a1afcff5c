package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// The query indexes of migration 0003 (events_fts, events_rtree, events.n_sources and events.seq)
// are written here, inside AddDocument's transaction, so a listing never sees an event its indexes
// do not know.

// indexEvent brings the query indexes of event e, whose row tx has just written, up to date and
// gives the row the next change sequence number.
func indexEvent(ctx context.Context, tx *sql.Tx, e doc.Event) error {
	var rowid int64
	var old sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT rowid, ikey FROM events WHERE id = ?`, e.ID).Scan(&rowid, &old); err != nil {
		return fmt.Errorf("index event %s: %w", e.ID, err)
	}
	if err := indexRow(ctx, tx, rowid, old, e); err != nil {
		return fmt.Errorf("index event %s: %w", e.ID, err)
	}
	return nil
}

const (
	ikeyShift = 40
	ikeyLow   = 1<<ikeyShift - 1
)

// dayNumber is the number of days from 0001-01-01 to t's day (0 for earlier times).
func dayNumber(t time.Time) int64 {
	d := t.Unix()/86400 + 719162
	if t.Unix() < 0 && t.Unix()%86400 != 0 {
		d--
	}
	return max(d, 0)
}

// ikeyRange is the range of index keys of events dated from since to until (zero: open).
func ikeyRange(since, until time.Time) (lo, hi int64) {
	lo, hi = 0, math.MaxInt64
	if !since.IsZero() {
		lo = dayNumber(since) << ikeyShift
	}
	if !until.IsZero() {
		hi = (dayNumber(until)+1)<<ikeyShift - 1
	}
	return lo, hi
}

func indexRow(ctx context.Context, tx *sql.Tx, rowid int64, old sql.NullInt64, e doc.Event) error {
	seq, err := nextChange(ctx, tx)
	if err != nil {
		return err
	}
	low := seq & ikeyLow
	if old.Valid {
		low = old.Int64 & ikeyLow
		if _, err := tx.ExecContext(ctx, `DELETE FROM events_fts WHERE rowid = ?`, old.Int64); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM events_rtree WHERE id = ?`, old.Int64); err != nil {
			return err
		}
	}
	ikey := dayNumber(e.Date.Start)<<ikeyShift | low
	if _, err := tx.ExecContext(ctx, `UPDATE events SET n_sources = ?, seq = ?, ikey = ? WHERE rowid = ?`,
		e.Corroboration, seq, ikey, rowid); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts(rowid, sentences, actors, places) VALUES (?, ?, ?, ?)`,
		ikey, ftsText(store.SentenceTexts(e)), ftsText(store.ActorTexts(e)), ftsText(store.PlaceTexts(e))); err != nil {
		return err
	}
	if l := e.Location; l != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)`,
			ikey, l.Lon, l.Lon, l.Lat, l.Lat); err != nil {
			return err
		}
	}
	return nil
}

// nextChange takes the next change sequence number (migration 0004's counter).
func nextChange(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `UPDATE change_counter SET n = n + 1 RETURNING n`).Scan(&seq)
	return seq, err
}

// ftsText is what the full-text index holds for some texts: their normalised words (store.Words),
// so the index and the queries fold case, accents and apostrophes alike.
func ftsText(texts []string) string {
	var b strings.Builder
	for i, t := range texts {
		if i > 0 {
			b.WriteString(" . ")
		}
		b.WriteString(strings.Join(store.Words(t), " "))
	}
	return b.String()
}

// backfillIndexes indexes the events written before migration 0003 (seq = 0), in batches.
func (s *Store) backfillIndexes(ctx context.Context) error {
	for {
		n, err := s.backfillBatch(ctx, 1000)
		if err != nil {
			return fmt.Errorf("index existing events: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

func (s *Store) backfillBatch(ctx context.Context, size int) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT rowid, ikey, body FROM events WHERE seq = 0 LIMIT ?`, size)
	if err != nil {
		return 0, err
	}
	type row struct {
		rowid int64
		ikey  sql.NullInt64
		e     doc.Event
	}
	var batch []row
	for rows.Next() {
		var r row
		var body string
		if err := rows.Scan(&r.rowid, &r.ikey, &body); err != nil {
			rows.Close()
			return 0, err
		}
		if err := json.Unmarshal([]byte(body), &r.e); err != nil {
			rows.Close()
			return 0, fmt.Errorf("stored event unreadable: %w", err)
		}
		batch = append(batch, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, r := range batch {
		if err := indexRow(ctx, tx, r.rowid, r.ikey, r.e); err != nil {
			return 0, err
		}
	}
	return len(batch), tx.Commit()
}

// ftsQuery is the FTS5 MATCH expression for the filter's Q and Actor, or "" when it has neither.
func ftsQuery(f store.EventFilter) (string, error) {
	terms, err := store.ParseQuery(f.Q)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, t := range terms {
		parts = append(parts, ftsPhrase(t))
	}
	if f.Actor != "" {
		if t := store.ActorTerm(f.Actor); len(t.Words) > 0 {
			parts = append(parts, "actors : "+ftsPhrase(t))
		}
	}
	return strings.Join(parts, " AND "), nil
}

func ftsPhrase(t store.Term) string {
	p := `"` + strings.ReplaceAll(strings.Join(t.Words, " "), `"`, `""`) + `"`
	if t.Prefix {
		p += "*"
	}
	return p
}

// capCount bounds the counts that choose a plan: a set of more candidates than this is walked in
// date order rather than collected and sorted.
const capCount = 3000

// listEvents runs a listing. The plan follows the filter's most selective index:
//   - a bounding box with few events in it: the R*Tree's keys of those events, walked newest day first;
//   - full text (q, actor): the FTS5 index walked newest day first (its keys begin with the day),
//     each match checked against the other conditions, until the page is full;
//   - otherwise: the date-ordered index of a column filter (or of the date alone) walked newest
//     first, each row checked, until the page is full.
func (s *Store) listEvents(ctx context.Context, f store.EventFilter) ([]doc.Event, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	match, err := ftsQuery(f)
	if err != nil {
		return nil, err
	}
	lo, hi := ikeyRange(f.Since, f.Until)
	var cursorDate, cursorID string
	if f.Cursor != "" {
		cursorDate, cursorID, _ = store.DecodeCursor(f.Cursor) // Validate checked it
		d, _ := time.Parse(doc.DateLayout, cursorDate)
		hi = min(hi, (dayNumber(d)+1)<<ikeyShift-1)
	}
	smallBox := false
	var boxKeys []int64
	if f.BBox != nil {
		// the box's keys, unless there are too many to sort
		boxKeys, err = s.boxKeys(ctx, f.BBox, lo, hi)
		if err != nil {
			return nil, err
		}
		nBox := len(boxKeys)
		smallBox = nBox < capCount
		if smallBox && match != "" {
			nText, err := s.count(ctx, `SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?`, match, lo, hi)
			if err != nil {
				return nil, err
			}
			smallBox = nBox <= nText
		}
	}

	where, args := columnConditions(f)
	if cursorID != "" {
		where, args = append(where, "(event_date < ? OR (event_date = ? AND id > ?))"), append(args, cursorDate, cursorDate, cursorID)
	}
	switch {
	case smallBox:
		if match != "" {
			where, args = append(where, "EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND rowid = events.ikey)"), append(args, match)
		}
		return s.walkBox(ctx, boxKeys, where, args, f.Limit)
	case match != "":
		return s.walkText(ctx, match, lo, hi, where, args, f.Limit)
	}
	q := `SELECT id, seq FROM events`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY event_date DESC, id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	ids, seqs, err := scanSeqs(rows, nil)
	if err != nil {
		return nil, err
	}
	return s.eventsAt(ctx, ids, seqs)
}

// page collects a listing walked in index key order (newest day first; within a day, in key
// order): it is full once it holds limit events and the last one's day is complete. The walks read
// only the covering index events_ikey; events then reads the page's bodies, in listing order (date,
// then id).
type page struct {
	limit int
	hits  []hit
}

type hit struct {
	day int64 // ikey >> ikeyShift
	id  string
}

// add adds a hit and reports whether the walk must go on.
func (p *page) add(ikey int64, id string) bool {
	h := hit{day: ikey >> ikeyShift, id: id}
	if p.limit > 0 && len(p.hits) >= p.limit && h.day != p.hits[p.limit-1].day {
		return false
	}
	p.hits = append(p.hits, h)
	return true
}

func (p *page) events(ctx context.Context, s *Store) ([]doc.Event, error) {
	hits := p.hits
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].day != hits[j].day {
			return hits[i].day > hits[j].day
		}
		return hits[i].id < hits[j].id
	})
	if p.limit > 0 && len(hits) > p.limit {
		hits = hits[:p.limit]
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	return s.eventsByID(ctx, ids)
}

func placeholderList(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// walkText lists the events that match a full-text query and the column conditions: the FTS5
// index walked in descending key order (its keys are ikeys, which begin with the event's day), each
// match tested on the covering index events_ikey, until the page is full.
func (s *Store) walkText(ctx context.Context, match string, lo, hi int64, where []string, args []any, limit int) ([]doc.Event, error) {
	// CROSS JOIN keeps the full-text index as the outer loop; FTS5 gives its rows in rowid order
	q := `SELECT events.ikey, events.id FROM events_fts CROSS JOIN events INDEXED BY events_ikey ON events.ikey = events_fts.rowid
		WHERE events_fts MATCH ? AND events_fts.rowid BETWEEN ? AND ?`
	for _, w := range where {
		q += " AND " + w
	}
	q += " ORDER BY events_fts.rowid DESC"
	rows, err := s.rdb.QueryContext(ctx, q, append([]any{match, lo, hi}, args...)...)
	if err != nil {
		return nil, err
	}
	p := &page{limit: limit}
	for rows.Next() {
		var ikey int64
		var id string
		if err := rows.Scan(&ikey, &id); err != nil {
			rows.Close()
			return nil, err
		}
		if !p.add(ikey, id) {
			break
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return p.events(ctx, s)
}

// boxKeys returns the R*Tree keys of the events in a box dated lo to hi (ikeys), or capCount of
// them when there are more.
func (s *Store) boxKeys(ctx context.Context, b *store.BBox, lo, hi int64) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM events_rtree WHERE `+rtreeWhere(b)+` AND id BETWEEN ? AND ? LIMIT `+fmt.Sprint(capCount),
		append(rtreeArgs(b), lo, hi)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// walkBox lists the events of a box that holds few (fewer than capCount): their keys (boxKeys),
// sorted newest first, tested in chunks, in that order, on the covering index events_ikey against
// the column conditions (the exact box among them), until the page is full.
func (s *Store) walkBox(ctx context.Context, keys []int64, where []string, args []any, limit int) ([]doc.Event, error) {
	slices.SortFunc(keys, func(a, b int64) int { return cmp.Compare(b, a) })
	p := &page{limit: limit}
	const chunk = 200
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		q := `SELECT ikey, id FROM events INDEXED BY events_ikey WHERE ikey IN (` + placeholderList(len(part)) + `)`
		qargs := make([]any, 0, len(part)+len(args))
		for _, k := range part {
			qargs = append(qargs, k)
		}
		for _, w := range where {
			q += " AND " + w
		}
		rows, err := s.rdb.QueryContext(ctx, q, append(qargs, args...)...)
		if err != nil {
			return nil, err
		}
		found := map[int64]string{}
		for rows.Next() {
			var k int64
			var id string
			if err := rows.Scan(&k, &id); err != nil {
				rows.Close()
				return nil, err
			}
			found[k] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, k := range part {
			if id, ok := found[k]; ok && !p.add(k, id) {
				return p.events(ctx, s)
			}
		}
	}
	return p.events(ctx, s)
}

// columnConditions are the filter's conditions on the events table's own columns (the box as a
// check of the coordinates).
func columnConditions(f store.EventFilter) ([]string, []any) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where, args = append(where, "event_date >= ?"), append(args, f.Since.Format(doc.DateLayout))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "event_date <= ?"), append(args, f.Until.Format(doc.DateLayout))
	}
	if f.Country != "" {
		where, args = append(where, "country = ?"), append(args, f.Country)
	}
	if f.Type != "" {
		where, args = append(where, "type = ?"), append(args, f.Type)
	}
	if f.ACLEDType != "" {
		where, args = append(where, "acled_type = ?"), append(args, f.ACLEDType)
	}
	if f.MinSources > 0 {
		where, args = append(where, "n_sources >= ?"), append(args, f.MinSources)
	}
	if b := f.BBox; b != nil {
		where, args = append(where, "lat BETWEEN ? AND ?"), append(args, b.MinLat, b.MaxLat)
		if b.MinLon <= b.MaxLon {
			where, args = append(where, "lon BETWEEN ? AND ?"), append(args, b.MinLon, b.MaxLon)
		} else { // across the antimeridian
			where, args = append(where, "(lon >= ? OR lon <= ?)"), append(args, b.MinLon, b.MaxLon)
		}
	}
	return where, args
}

// rtreeWhere is the R*Tree condition for a box; rtreeArgs its arguments. The R*Tree stores 32-bit
// floats rounded outwards, so it selects the points whose rounded box meets the query box; the exact
// test is on the coordinates (columnConditions).
func rtreeWhere(b *store.BBox) string {
	if b.MinLon <= b.MaxLon {
		return "max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?"
	}
	return "(max_lon >= ? OR min_lon <= ?) AND max_lat >= ? AND min_lat <= ?"
}

func rtreeArgs(b *store.BBox) []any { return []any{b.MinLon, b.MaxLon, b.MinLat, b.MaxLat} }

// count counts the rows of a query, up to capCount.
func (s *Store) count(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+` LIMIT `+fmt.Sprint(capCount)+`)`, args...).Scan(&n)
	return n, err
}

// EventReports returns the documents behind an event, in the order they were stored, each with the
// mentions of the event it holds. An unknown event has none.
func (s *Store) EventReports(ctx context.Context, id string) ([]store.Report, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT d.id, d.source, d.url, d.title, d.published, d.text, d.ingested_at, COALESCE(m.body, '')
		FROM event_documents ed JOIN documents d ON d.id = ed.doc_id
		LEFT JOIN mentions m ON m.doc_id = d.id AND m.event_id = ed.event_id
		WHERE ed.event_id = ? ORDER BY d.id, m.idx`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Report
	for rows.Next() {
		var d doc.Document
		var published, ingested, body string
		if err := rows.Scan(&d.ID, &d.Source, &d.URL, &d.Title, &published, &d.Text, &ingested, &body); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Document.ID != d.ID {
			d.Published, _ = time.Parse(time.RFC3339, published)
			at, _ := time.Parse(time.RFC3339Nano, ingested)
			out = append(out, store.Report{Document: d, IngestedAt: at, Mentions: []doc.Mention{}})
		}
		if body != "" {
			var m doc.Mention
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				return nil, fmt.Errorf("stored mention of %s unreadable: %w", d.ID, err)
			}
			r := &out[len(out)-1]
			r.Mentions = append(r.Mentions, m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].IngestedAt.Before(out[j].IngestedAt) })
	return out, nil
}

// Changes returns the events written or removed after sequence number after, oldest first, at
// most limit of them. Every writer of the database numbers its writes, so a reader polling Changes
// sees what other processes store too.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]store.Change, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT seq, new, body, removed, into_id FROM (
			SELECT seq, (ikey & ?) = (seq & ?) AS new, body, 0 AS removed, '' AS into_id FROM events WHERE seq > ?
			UNION ALL
			SELECT seq, 0, body, 1, into_id FROM event_removals WHERE seq > ?)
		ORDER BY seq LIMIT ?`,
		int64(ikeyLow), int64(ikeyLow), after, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Change
	for rows.Next() {
		var c store.Change
		var body string
		if err := rows.Scan(&c.Seq, &c.New, &body, &c.Removed, &c.Into); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &c.Event); err != nil {
			return nil, fmt.Errorf("stored event unreadable: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastChange is the sequence number of the latest write (0 for an empty store).
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	err := s.rdb.QueryRowContext(ctx, `SELECT n FROM change_counter`).Scan(&seq)
	return seq, err
}
