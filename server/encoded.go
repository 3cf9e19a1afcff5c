package server

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"sync"

	"github.com/sitrep-dev/sitrep/doc"
)

// encodedEvents keeps each event's JSON by id and version: encoding is most of what a listing costs
// once the store has the events, and the API lists the same recent events again and again. A stored
// event gets a new version with every write, so a kept encoding is never stale.
type encodedEvents struct {
	mu sync.Mutex
	m  map[string]encodedEvent
}

type encodedEvent struct {
	version int
	json    []byte
}

// maxEncoded bounds the cache; when full it starts afresh.
const maxEncoded = 20000

// encode returns e as JSON, as writeJSON writes it (HTML characters unescaped), without a newline.
func (c *encodedEvents) encode(e doc.Event) ([]byte, error) {
	if e.Version > 0 {
		c.mu.Lock()
		hit, ok := c.m[e.ID]
		c.mu.Unlock()
		if ok && hit.version == e.Version {
			return hit.json, nil
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	out := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	if e.Version > 0 {
		c.mu.Lock()
		if c.m == nil || len(c.m) >= maxEncoded {
			c.m = make(map[string]encodedEvent, 1024)
		}
		c.m[e.ID] = encodedEvent{version: e.Version, json: out}
		c.mu.Unlock()
	}
	return out, nil
}

// writeList writes the JSON listing (eventList's fields) from the kept encodings.
func (c *encodedEvents) writeList(w io.Writer, events []doc.Event, next string) error {
	var b bytes.Buffer
	b.WriteString(`{"events":[`)
	for i, e := range events {
		j, err := c.encode(e)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(j)
	}
	b.WriteString(`],"count":`)
	b.WriteString(strconv.Itoa(len(events)))
	if next != "" {
		b.WriteString(`,"next_cursor":`)
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(next)
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	b.WriteString("}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeLines writes JSON Lines, one event a line, from the kept encodings.
func (c *encodedEvents) writeLines(w io.Writer, events []doc.Event) error {
	var b bytes.Buffer
	for _, e := range events {
		j, err := c.encode(e)
		if err != nil {
			return err
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}
