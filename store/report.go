package store

import (
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Report is one stored document as evidence of one event: the document (its text included, which
// every span of the mentions points into), when it was stored, and the mentions of the event it holds.
type Report struct {
	Document   doc.Document  `json:"document"`
	IngestedAt time.Time     `json:"ingested_at"`
	Mentions   []doc.Mention `json:"mentions"`
}

// Change is one event as it stood after a write, with the write's sequence number: sequence numbers
// grow with every event written or removed, by any process writing to the store, and are never
// reused.
type Change struct {
	Seq   int64
	New   bool // the event's first write; false: an update of a stored event
	Event doc.Event
	// Removed: fusion found the event to be part of another (Into, whose own change follows) or
	// left with no report (Into is ""); Event is its last state.
	Removed bool
	Into    string
}

// Watch is a standing query: each new event that passes Filter is posted to Webhook.
type Watch struct {
	ID      string    `json:"id"`
	Filter  string    `json:"filter"` // the API's query parameters, e.g. "country=SYR&type=ASSAULT"
	Webhook string    `json:"webhook"`
	Created time.Time `json:"created"`
}
