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
	// Event returns one event, or ErrNotFound. The id of an event fusion has since re-keyed or merged
	// into another (an alias) returns the event it became.
	Event(ctx context.Context, id string) (doc.Event, error)
	// Fusion is what the pipeline needs to fuse reports into events (fusion.go).
	Fusion
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
//
// Validate says what is wrong with a filter that came from outside (the API's query parameters, the
// CLI's flags); ParseBBox, NextCursor and Match (filter.go) complete it.
type EventFilter struct {
	Since, Until time.Time // event date range, inclusive; zero means open
	// BBox keeps events whose coordinates lie inside the box; nil means anywhere. Events without
	// coordinates never pass a box.
	BBox    *BBox
	Country string // ISO3
	// Actor keeps events either of whose actors (canonical name or the words of the text) matches
	// this phrase: whole words in order, case and accents ignored ("rapid support" matches "Rapid
	// Support Forces").
	Actor     string
	Type      string // PLOVER type
	ACLEDType string
	// Q is full-text search over the evidence sentences, actor and place names: every word must
	// occur (case and accents ignored); "double quotes" make a phrase; a trailing * makes a prefix.
	Q          string
	MinSources int // at least this many independent outlets (Event.Corroboration); 0 means any
	Limit      int // 0 means no limit
	// Cursor continues a listing after the last event of the previous page (NextCursor of that
	// event): keyset pagination on (event date, id), stable while events are added.
	Cursor string
}

// Stats is what `sitrep stats` prints.
type Stats struct {
	Documents int `json:"documents"`
	Events    int `json:"events"`
	Mentions  int `json:"mentions"`
}

// Feed is what the server reads besides Store: the evidence behind an event and the change feed
// behind the live stream and the watches.
type Feed interface {
	// EventReports returns the documents behind an event with the event's mentions in each.
	EventReports(ctx context.Context, id string) ([]Report, error)
	// Changes returns events written after sequence number after, oldest first, at most limit.
	// Sequence numbers are given in commit order, so a reader that polls never skips a write.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// LastChange is the sequence number of the latest write (0 for an empty store).
	LastChange(ctx context.Context) (int64, error)
}

// Watches keeps the server's standing queries.
type Watches interface {
	// AddWatch stores a watch (replacing one with the same id).
	AddWatch(ctx context.Context, w Watch) error
	// DeleteWatch removes a watch; ErrNotFound if there is none with this id.
	DeleteWatch(ctx context.Context, id string) error
	// Watches lists the stored watches, oldest first.
	Watches(ctx context.Context) ([]Watch, error)
}

// Served is everything `sitrep serve` needs of a store; both implementations provide it.
type Served interface {
	Store
	Feed
	Watches
}

// FusionLocker is implemented by stores that several processes write at once (PostgreSQL). Fusion
// reads the events around a document and then rewrites them, so two writers fusing reports of the
// same area at the same time would each miss the other's events: the pipeline holds the locks of the
// areas and near-duplicate bands it reads and writes from before its read until its write commits.
type FusionLocker interface {
	// LockFusion waits for and holds the locks named by keys (any strings; order does not matter)
	// until unlock is called. It takes them in one global order, so two holders never deadlock.
	LockFusion(ctx context.Context, keys []string) (unlock func(), err error)
}

// MentionIndexes finds which of a document's mentions an event holds, by their evidence: what
// AddDocument links.
func MentionIndexes(e doc.Event, mentions []doc.Mention) []int {
	var out []int
	for i, m := range mentions {
		for _, ev := range e.Supporting {
			if ev == m.Evidence {
				out = append(out, i)
				break
			}
		}
	}
	return out
}
