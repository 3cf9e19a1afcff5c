// Package pipeline wires the stages for every caller that ingests (the CLI, the server, a worker):
// a document in; its mentions extracted, fused into events and stored in one transaction.
package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/fuse"
	"github.com/sitrep-dev/sitrep/store"
)

// Pipeline ingests documents into a store. Add is not safe for concurrent use against one store:
// fusion reads the events it then writes.
type Pipeline struct {
	Extractor *extract.Extractor
	Store     store.Store
}

// Outcome says what one Add did.
type Outcome struct {
	Added    bool // false: the document was already stored, nothing changed
	Mentions int
	Events   []string // ids of the events the document created or joined
}

// Add extracts, fuses and stores one document. A document already stored adds nothing.
func (p *Pipeline) Add(ctx context.Context, d doc.Document) (Outcome, error) {
	if d.ID == "" {
		d.ID = doc.ContentID(d.Source, d.Text)
	}
	has, err := p.Store.HasDocument(ctx, d.ID)
	if err != nil || has {
		return Outcome{}, err
	}
	mentions := p.Extractor.Extract(d)
	events := map[string]*doc.Event{}
	var order []string
	for _, m := range mentions {
		id := fuse.ID(fuse.Key(m))
		existing := events[id]
		if existing == nil {
			e, err := p.Store.Event(ctx, id)
			switch {
			case err == nil:
				existing = &e
			case !errors.Is(err, store.ErrNotFound):
				return Outcome{}, fmt.Errorf("%s: fuse: %w", d.Origin, err)
			}
		}
		merged := fuse.Merge(existing, m, d)
		if events[id] == nil {
			order = append(order, id)
		}
		events[id] = &merged
	}
	list := make([]doc.Event, 0, len(order))
	for _, id := range order {
		list = append(list, *events[id])
	}
	added, err := p.Store.AddDocument(ctx, d, mentions, list)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s: %w", d.Origin, err)
	}
	return Outcome{Added: added, Mentions: len(mentions), Events: order}, nil
}
