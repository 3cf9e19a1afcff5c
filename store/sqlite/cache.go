package sqlite

import (
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
