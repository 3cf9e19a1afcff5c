package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/sitrep-dev/sitrep/doc"
)

// eventCache keeps events decoded from their stored JSON, by id and change number: decoding is
// most of a listing's cost, and the API lists the same recent events again and again. An event
// written again has a new change number, so a cached copy is never stale. The events it returns
// share their pointer fields (actors, place, tolls) with the cache: callers must not modify them.
type eventCache struct {
	mu sync.Mutex
	m  map[string]cachedEvent
}

type cachedEvent struct {
	seq int64
	e   doc.Event
}

// cacheSize bounds the cache; when full it starts afresh, which costs one decode per event.
const cacheSize = 20000

func (c *eventCache) event(id string, seq int64, body []byte) (doc.Event, error) {
	c.mu.Lock()
	hit, ok := c.m[id]
	c.mu.Unlock()
	if ok && hit.seq == seq && seq != 0 {
		return hit.e, nil
	}
	var e doc.Event
	if err := json.Unmarshal(body, &e); err != nil {
		return e, fmt.Errorf("stored event %s unreadable: %w", id, err)
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= cacheSize {
		c.m = make(map[string]cachedEvent, 1024)
	}
	c.m[id] = cachedEvent{seq: seq, e: e}
	c.mu.Unlock()
	return e, nil
}

// eventsByID returns the events with these ids, in this order (an id no longer stored is left
// out: another connection removed it since). It reads each event's change number first and its
// stored JSON only when the cache does not hold that state.
func (s *Store) eventsByID(ctx context.Context, ids []string) ([]doc.Event, error) {
	seqs := make(map[string]int64, len(ids))
	for part := range chunks(ids) {
		rows, err := s.rdb.QueryContext(ctx, `SELECT id, seq FROM events WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nil, err
		}
		if _, _, err := scanSeqs(rows, seqs); err != nil {
			return nil, err
		}
	}
	return s.eventsAt(ctx, ids, seqs)
}

// scanSeqs reads rows of (id, change number) into seqs (a new map when nil), and the ids in order.
func scanSeqs(rows *sql.Rows, seqs map[string]int64) ([]string, map[string]int64, error) {
	defer rows.Close()
	if seqs == nil {
		seqs = map[string]int64{}
	}
	var ids []string
	for rows.Next() {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		seqs[id] = seq
	}
	return ids, seqs, rows.Err()
}

// eventsAt returns the events with these ids, in this order, in the states numbered seqs (an id
// not in seqs is left out), from the cache or, where it lacks that state, from the stored JSON.
func (s *Store) eventsAt(ctx context.Context, ids []string, seqs map[string]int64) ([]doc.Event, error) {
	found := make(map[string]doc.Event, len(ids))
	var missing []string
	s.decoded.mu.Lock()
	for id, seq := range seqs {
		if hit, ok := s.decoded.m[id]; ok && hit.seq == seq && seq != 0 {
			found[id] = hit.e
		} else {
			missing = append(missing, id)
		}
	}
	s.decoded.mu.Unlock()
	for part := range chunks(missing) {
		rows, err := s.rdb.QueryContext(ctx, `SELECT id, seq, body FROM events WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var seq int64
			var body []byte
			if err := rows.Scan(&id, &seq, &body); err != nil {
				rows.Close()
				return nil, err
			}
			e, err := s.decoded.event(id, seq, body)
			if err != nil {
				rows.Close()
				return nil, err
			}
			found[id] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]doc.Event, 0, len(ids))
	for _, id := range ids {
		if e, ok := found[id]; ok {
			out = append(out, e)
		}
	}
	return out, nil
}
