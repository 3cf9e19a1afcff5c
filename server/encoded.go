package server

import (
	"bufio"
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
	events  versioned // an event's JSON
	details versioned // GET /api/events/{id}'s answer: the event, its reports and its history
}

// versioned keeps bytes by id and version.
type versioned struct {
	mu sync.Mutex
	m  map[string]encodedEvent
}

type encodedEvent struct {
	version int
	json    []byte
}

// maxEncoded bounds each cache; when full it starts afresh.
const maxEncoded = 20000

func (c *versioned) get(id string, version int) ([]byte, bool) {
	if version <= 0 { // not a stored state
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	hit, ok := c.m[id]
	return hit.json, ok && hit.version == version
}

func (c *versioned) put(id string, version int, b []byte) {
	if version <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxEncoded {
		c.m = make(map[string]encodedEvent, 1024)
	}
	c.m[id] = encodedEvent{version: version, json: b}
}

// compactJSON encodes v as writeJSON does (HTML characters unescaped), without the newline.
func compactJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// encode returns e as JSON, as writeJSON writes it, without a newline.
func (c *encodedEvents) encode(e doc.Event) ([]byte, error) {
	if j, ok := c.events.get(e.ID, e.Version); ok {
		return j, nil
	}
	j, err := compactJSON(e)
	if err != nil {
		return nil, err
	}
	c.events.put(e.ID, e.Version, j)
	return j, nil
}

// writers are the buffers listings are written through: a listing can be hundreds of kilobytes,
// and building it in one growing buffer per request is garbage the collector then has to chase.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

func bufferedTo(w io.Writer) *bufio.Writer {
	b := writers.Get().(*bufio.Writer)
	b.Reset(w)
	return b
}

func release(b *bufio.Writer) {
	b.Reset(nil)
	writers.Put(b)
}

// writeList writes the JSON listing (eventList's fields) from the kept encodings.
func (c *encodedEvents) writeList(w io.Writer, events []doc.Event, next string) error {
	b := bufferedTo(w)
	defer release(b)
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
		q, err := compactJSON(next)
		if err != nil {
			return err
		}
		b.Write(q)
	}
	b.WriteString("}\n")
	return b.Flush()
}

// writeLines writes JSON Lines, one event a line, from the kept encodings.
func (c *encodedEvents) writeLines(w io.Writer, events []doc.Event) error {
	b := bufferedTo(w)
	defer release(b)
	for _, e := range events {
		j, err := c.encode(e)
		if err != nil {
			return err
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.Flush()
}
