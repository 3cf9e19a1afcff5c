package store

import (
	"context"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Fusion is the part of Store behind cross-document fusion: near-duplicate look-up, the stored
// events around a new document with their mentions, one transaction that writes a document with every
// event it changes, and the versions each event went through.
type Fusion interface {
	// NearDuplicates returns the stored documents sharing any of these band keys
	// (ingest.MinHash.BandKeys) with their signatures, for the caller to check the similarity.
	NearDuplicates(ctx context.Context, bandKeys []int64) ([]DocSignature, error)
	// Neighbourhood returns the stored events a new document's mentions could join — those of each
	// area's country whose date range meets the area's — and the events holding mentions of the given
	// documents; with the mentions each of them holds and the stored near-copies of those mentions'
	// documents.
	Neighbourhood(ctx context.Context, q NeighbourhoodQuery) (Neighbourhood, error)
	// AddFused stores a document, its mentions, its signature and every event it creates, changes or
	// removes, in one transaction: all of it or none. Each event written gets the next version number
	// and a row in its history; a removed event's id becomes an alias of the event it went into. A
	// document already stored is left as it is and added is false.
	AddFused(ctx context.Context, f Fused) (added bool, err error)
	// EventHistory returns every version of an event, oldest first, including the versions stored
	// under ids that are now its aliases; ErrNotFound for an id never stored.
	EventHistory(ctx context.Context, id string) ([]EventVersion, error)
	// DocumentEvents returns, for each of a document's mentions in order, the id of the event it is
	// part of ("" for none). A near-copy answers for the original it copies.
	DocumentEvents(ctx context.Context, docID string) ([]string, error)
}

// MaxEventSpanDays bounds how long before an area's first day the stored events Neighbourhood
// returns may begin: an event whose date range is longer (fusion leaves those alone) is not found.
// It keeps the look-up an index range scan, and tells the pipeline which days' locks a look-up needs.
const MaxEventSpanDays = 40

// DocSignature is a stored document's near-duplicate signature (ingest.MinHash.Bytes).
type DocSignature struct {
	Doc     doc.DocRef
	MinHash []byte
}

// Area is a country and a range of days, inclusive.
type Area struct {
	Country      string
	Since, Until time.Time
}

// NeighbourhoodQuery selects the events Neighbourhood returns.
type NeighbourhoodQuery struct {
	Areas     []Area
	Documents []string
}

// Neighbourhood is a set of stored events with everything fusion needs to re-fuse them.
type Neighbourhood struct {
	Events []doc.Event
	// Mentions are the mentions the events hold, each with the event that holds it.
	Mentions []StoredMention
	// Copies are the stored near-copies of the mentions' documents.
	Copies []doc.DocRef
}

// StoredMention is a stored mention and the event that holds it.
type StoredMention struct {
	doc.MentionRecord
	Event string
}

// MentionKey identifies a stored mention: its document and its index among that document's mentions.
type MentionKey struct {
	Doc string
	Idx int
}

// Fused is everything one document changes, written by AddFused in one transaction.
type Fused struct {
	Document doc.Document
	Mentions []doc.Mention
	// MinHash and BandKeys are the document's near-duplicate signature (ingest.Signature).
	MinHash  []byte
	BandKeys []int64
	// CopyOf is the content id of the stored original this document is a near-copy of ("" when it
	// is an original); a copy's mentions belong to no event.
	CopyOf string
	// Demoted are stored originals that become near-copies of Original (this document when CopyOf is
	// ""): their mentions leave their events and their copies follow them.
	Demoted  []string
	Original string
	// Events are the events created or changed; Removed the events that no longer exist.
	Events  []EventWrite
	Removed []Removal
}

// EventWrite is one event to store as its new version, with the mentions it holds.
type EventWrite struct {
	Event   doc.Event
	Members []MentionKey
	Change  string // what happened, for the history: "created", "report added", "merged", ...
}

// Removal is an event that no longer exists: its id becomes an alias of Into ("" when its reports
// went nowhere).
type Removal struct {
	ID, Into, Change string
}

// EventVersion is one stored state of an event.
type EventVersion struct {
	Event      doc.Event `json:"event"`
	Change     string    `json:"change"`
	Doc        string    `json:"doc,omitempty"` // the document whose arrival made the change
	RecordedAt time.Time `json:"recorded_at"`
}
