// Package store defines where sitrep keeps documents, mentions and events. Implementations live in
// subpackages, one per database (sqlite is the default); they all pass the same conformance tests.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// ErrNotFound is returned by look-ups of an id that is not stored.
var ErrNotFound = errors.New("not found")

// Store is sitrep's persistence. Every method is safe for concurrent use.
type Store interface {
	// HasDocument reports whether a document with this content id is stored.
	HasDocument(ctx context.Context, id string) (bool, error)
	// AddDocument stores a document, its mentions and the events those mentions are now part of, in
	// one transaction: all of it or none. A document already stored is left as it is and added is false.
	AddDocument(ctx context.Context, d doc.Document, mentions []doc.Mention, events []doc.Event) (added bool, err error)
	// Event returns one event, or ErrNotFound.
	Event(ctx context.Context, id string) (doc.Event, error)
	// Document returns one document, or ErrNotFound.
	Document(ctx context.Context, id string) (doc.Document, error)
	// Events returns the events that pass the filter, newest event date first.
	Events(ctx context.Context, f EventFilter) ([]doc.Event, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// EventFilter selects events. The zero value selects every event. The CLI, the API and the store share
// it so their options never drift apart.
type EventFilter struct {
	Since, Until time.Time // event date range, inclusive; zero means open
	Country      string    // ISO3
	Type         string    // PLOVER type
	ACLEDType    string
	Limit        int // 0 means no limit
}

// Stats is what `sitrep stats` prints.
type Stats struct {
	Documents int `json:"documents"`
	Events    int `json:"events"`
	Mentions  int `json:"mentions"`
}
