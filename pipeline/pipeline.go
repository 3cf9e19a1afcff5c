// Package pipeline wires the stages for every caller that ingests (the CLI, the server, a worker):
// a document in; its mentions extracted, fused with the stored reports into events and stored in one
// transaction.
package pipeline

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/fuse"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/store"
)

// Pipeline ingests documents into a store. Against a store that several processes write at once (a
// store.FusionLocker), any number of pipelines may Add at the same time; otherwise Add is not safe for
// concurrent use against one store: fusion reads the events it then writes.
type Pipeline struct {
	Extractor *extract.Extractor
	Store     store.Store
}

// Outcome says what one Add did.
type Outcome struct {
	Added    bool // false: the document was already stored, nothing changed
	Mentions int
	// Events are the ids of the events the document's mentions are part of, in mention order
	// (a near-copy's: those of the original it copies).
	Events []string
	// CopyOf is the content id of the stored report this document is a near-copy of ("" for none):
	// under another outlet's name the copy adds that outlet to the events as a source; under the
	// same outlet it adds nothing to them.
	CopyOf string
	// Changed counts the events created or given a new version, Removed those merged into others.
	Changed, Removed int
}

// Add extracts, fuses and stores one document. A document already stored adds nothing.
//
// Fusion: the document's near-copies among the stored documents are looked up by signature. A copy
// of a stored report joins that report's events as a further document (its mentions are kept but
// join no event); when the new document is the earlier of the two (a backfill), it becomes the
// original and the stored report the copy. Otherwise the stored events of each mention's country
// whose dates meet the mention's, with all their mentions, are fused again together with the new
// mentions (fuse.Cluster): the result is the canonical grouping of everything read so far,
// whatever the order of arrival. Events whose record changed are stored as new versions; events that
// no longer exist leave their id as an alias of the event they went into.
func (p *Pipeline) Add(ctx context.Context, d doc.Document) (Outcome, error) {
	if d.ID == "" {
		d.ID = doc.ContentID(d.Source, d.Text)
	}
	has, err := p.Store.HasDocument(ctx, d.ID)
	if err != nil || has {
		return Outcome{}, err
	}
	mentions := p.Extractor.Extract(d)
	f, out, unlock, err := p.fuseLocked(ctx, d, mentions)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s: fuse: %w", d.Origin, err)
	}
	defer unlock()
	added, err := p.Store.AddFused(ctx, f)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s: %w", d.Origin, err)
	}
	out.Added = added
	return out, nil
}

// Fuse works out everything storing document d with these mentions changes, without writing it:
// Add is Fuse, then store.AddFused.
func (p *Pipeline) Fuse(ctx context.Context, d doc.Document, mentions []doc.Mention) (store.Fused, Outcome, error) {
	f, out, _, err := p.fuse(ctx, d, mentions, ingest.Signature(d))
	return f, out, err
}

// fuse is Fuse with the document's near-duplicate signature, also returning the stored events it read.
func (p *Pipeline) fuse(ctx context.Context, d doc.Document, mentions []doc.Mention, sig ingest.MinHash) (store.Fused, Outcome, []doc.Event, error) {
	out := Outcome{Mentions: len(mentions)}
	// the store keeps publication times to the second
	self := doc.DocRef{ID: d.ID, Source: d.Source, Published: d.Published.UTC().Truncate(time.Second)}
	keys := sig.BandKeys()
	f := store.Fused{Document: d, Mentions: mentions, MinHash: sig.Bytes(), BandKeys: keys[:]}

	originals, err := p.nearCopies(ctx, self, sig)
	if err != nil {
		return f, out, nil, err
	}
	original := self
	for _, o := range originals {
		if earlier(o, original) {
			original = o
		}
	}
	if original.ID != self.ID {
		f.CopyOf, out.CopyOf = original.ID, original.ID
	}
	for _, o := range originals {
		if o.ID != original.ID {
			f.Demoted = append(f.Demoted, o.ID)
		}
	}
	if len(originals) > 0 {
		f.Original = original.ID
	}

	// the records to fuse: the new mentions, unless this is a copy
	var fresh []doc.MentionRecord
	q := store.NeighbourhoodQuery{Documents: slices.Clone(f.Demoted)}
	if f.CopyOf == "" {
		for i, m := range mentions {
			fresh = append(fresh, doc.MentionRecord{Doc: self, Idx: i, Mention: m})
		}
		q.Areas = areas(mentions)
	} else {
		q.Documents = append(q.Documents, f.CopyOf)
	}
	nb, err := p.Store.Neighbourhood(ctx, q)
	if err != nil {
		return f, out, nil, err
	}

	demoted := map[string]bool{}
	for _, id := range f.Demoted {
		demoted[id] = true
	}
	var members []doc.MentionRecord
	for _, sm := range nb.Mentions {
		if !demoted[sm.Doc.ID] {
			members = append(members, sm.MentionRecord)
		}
	}
	members = append(members, fresh...)
	copies := copiesAfter(nb, f, self, originals)

	var groups [][]doc.MentionRecord
	if f.CopyOf != "" && len(f.Demoted) == 0 {
		// a copy changes no grouping: the original's events take it as a further document
		groups = storedGroups(nb)
	} else {
		groups = fuse.Cluster(members)
	}
	f.Events, f.Removed = diff(nb, groups, copies, self.ID)
	out.Changed, out.Removed = len(f.Events), len(f.Removed)

	// the events of the document's (or its original's) mentions
	eventOf := map[store.MentionKey]string{}
	for _, g := range groups {
		id := fuse.ID(g)
		for _, r := range g {
			eventOf[store.MentionKey{Doc: r.Doc.ID, Idx: r.Idx}] = id
		}
	}
	lead := self.ID
	if f.CopyOf != "" {
		lead = f.CopyOf
	}
	for k := 0; ; k++ {
		id, ok := eventOf[store.MentionKey{Doc: lead, Idx: k}]
		if !ok {
			break
		}
		out.Events = append(out.Events, id)
	}
	return f, out, nb.Events, nil
}

// areas are the countries and days whose stored events the mentions may join.
func areas(mentions []doc.Mention) []store.Area {
	var out []store.Area
	seen := map[store.Area]bool{}
	for _, m := range mentions {
		start, end, ok := fuse.Window(m)
		if !fuse.Fusable(m) || !ok {
			continue
		}
		a := store.Area{Country: m.Location.Country, Since: start, Until: end.AddDate(0, 0, fuse.ReportedSlackDays)}
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// earlier orders documents by publication time, then content id: the earlier of two near-copies
// is the original, whatever order they arrived in.
func earlier(a, b doc.DocRef) bool {
	if c := a.Published.Compare(b.Published); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}

// nearCopies returns the stored originals of the documents this one nearly copies.
func (p *Pipeline) nearCopies(ctx context.Context, self doc.DocRef, sig ingest.MinHash) ([]doc.DocRef, error) {
	keys := sig.BandKeys()
	cands, err := p.Store.NearDuplicates(ctx, keys[:])
	if err != nil {
		return nil, err
	}
	byID := map[string]doc.DocRef{}
	for _, c := range cands {
		byID[c.Doc.ID] = c.Doc
	}
	found := map[string]doc.DocRef{}
	for _, c := range cands {
		if c.Doc.ID == self.ID {
			continue
		}
		m, err := ingest.ParseMinHash(c.MinHash)
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", c.Doc.ID, err)
		}
		if sig.Similarity(m) < ingest.NearDuplicate {
			continue
		}
		o := c.Doc
		if o.CopyOf != "" {
			orig, ok := byID[o.CopyOf]
			if !ok {
				d, err := p.Store.Document(ctx, o.CopyOf)
				if err != nil {
					return nil, fmt.Errorf("original %s of %s: %w", o.CopyOf, o.ID, err)
				}
				orig = doc.DocRef{ID: d.ID, Source: d.Source, Published: d.Published.UTC()}
			}
			o = orig
		}
		o.CopyOf = ""
		found[o.ID] = o
	}
	out := make([]doc.DocRef, 0, len(found))
	for _, o := range found {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b doc.DocRef) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// copiesAfter is every near-copy the events will know once f is stored: the stored ones (those of a
// demoted original now copy the new original), the demoted originals themselves, and the new
// document when it is a copy.
func copiesAfter(nb store.Neighbourhood, f store.Fused, self doc.DocRef, originals []doc.DocRef) []doc.DocRef {
	demoted := map[string]bool{}
	for _, id := range f.Demoted {
		demoted[id] = true
	}
	var out []doc.DocRef
	for _, c := range nb.Copies {
		if demoted[c.CopyOf] {
			c.CopyOf = f.Original
		}
		out = append(out, c)
	}
	for _, o := range originals {
		if demoted[o.ID] {
			o.CopyOf = f.Original
			out = append(out, o)
		}
	}
	if f.CopyOf != "" {
		self.CopyOf = f.CopyOf
		out = append(out, self)
	}
	return out
}

// storedGroups are the stored events' mentions, grouped as stored.
func storedGroups(nb store.Neighbourhood) [][]doc.MentionRecord {
	byEvent := map[string][]doc.MentionRecord{}
	var ids []string
	for _, sm := range nb.Mentions {
		if _, ok := byEvent[sm.Event]; !ok {
			ids = append(ids, sm.Event)
		}
		byEvent[sm.Event] = append(byEvent[sm.Event], sm.MentionRecord)
	}
	out := make([][]doc.MentionRecord, 0, len(ids))
	for _, id := range ids {
		out = append(out, byEvent[id])
	}
	return out
}

// diff compares the fused groups with the stored events of the neighbourhood: the events to write
// (new, or whose record changed) and those to remove.
func diff(nb store.Neighbourhood, groups [][]doc.MentionRecord, copies []doc.DocRef, docID string) ([]store.EventWrite, []store.Removal) {
	old := map[string]doc.Event{}
	for _, e := range nb.Events {
		old[e.ID] = e
	}
	wasIn := map[store.MentionKey]string{} // where each stored mention was
	oldMembers := map[string][]doc.MentionRecord{}
	for _, sm := range nb.Mentions {
		wasIn[store.MentionKey{Doc: sm.Doc.ID, Idx: sm.Idx}] = sm.Event
		oldMembers[sm.Event] = append(oldMembers[sm.Event], sm.MentionRecord)
	}
	isIn := map[store.MentionKey]string{}
	newIDs := map[string]bool{}
	var writes []store.EventWrite
	for _, g := range groups {
		e := fuse.Build(g, copies)
		newIDs[e.ID] = true
		var keys []store.MentionKey
		from := map[string]bool{}
		fresh := false
		for _, r := range g {
			k := store.MentionKey{Doc: r.Doc.ID, Idx: r.Idx}
			keys = append(keys, k)
			isIn[k] = e.ID
			switch prev, ok := wasIn[k]; {
			case !ok:
				fresh = true
			case prev != e.ID:
				from[prev] = true
			}
		}
		before, existed := old[e.ID]
		if existed && sameRecord(before, e) {
			continue
		}
		writes = append(writes, store.EventWrite{Event: e, Members: keys, Change: change(existed, fresh, from, before, e, docID)})
	}
	var removed []store.Removal
	for _, e := range nb.Events {
		if newIDs[e.ID] {
			continue
		}
		into := ""
		if ms := oldMembers[e.ID]; len(ms) > 0 {
			into = isIn[keyOf(fuse.Seed(ms))]
			if into == "" { // its first report is now a copy: where most of its reports went
				votes := map[string]int{}
				for _, r := range ms {
					if id := isIn[keyOf(r)]; id != "" {
						votes[id]++
					}
				}
				for id, n := range votes {
					if n > votes[into] || n == votes[into] && id < into {
						into = id
					}
				}
			}
			if into == "" { // none left: the event of the report that replaced it
				seed := fuse.Seed(ms).Mention
				for _, g := range groups {
					if fuse.Compatible(seed, g[0].Mention).Merge || subsumes(g, seed) {
						into = fuse.ID(g)
						break
					}
				}
			}
		}
		c := "removed: its reports are now copies of another"
		if into != "" {
			c = "merged into " + into
		}
		removed = append(removed, store.Removal{ID: e.ID, Into: into, Change: c})
	}
	return writes, removed
}

// subsumes reports whether a group holds a mention coded like m (a copy's twin).
func subsumes(g []doc.MentionRecord, m doc.Mention) bool {
	for _, r := range g {
		if r.Mention.Type == m.Type && r.Mention.ACLEDSubType == m.ACLEDSubType && r.Mention.Date.Start.Equal(m.Date.Start) {
			return true
		}
	}
	return false
}

func keyOf(r doc.MentionRecord) store.MentionKey { return store.MentionKey{Doc: r.Doc.ID, Idx: r.Idx} }

// sameRecord compares two states of an event, version aside.
func sameRecord(a, b doc.Event) bool {
	a.Version, b.Version = 0, 0
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// change says, for the history, what made an event's new version.
func change(existed, fresh bool, from map[string]bool, before, after doc.Event, docID string) string {
	var parts []string
	if !existed {
		parts = append(parts, "created")
	}
	if existed && fresh {
		parts = append(parts, "report added")
	}
	if len(from) > 0 {
		ids := make([]string, 0, len(from))
		for id := range from {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		parts = append(parts, "took reports of "+strings.Join(ids, ", "))
	}
	if existed && !fresh && len(from) == 0 {
		switch {
		case slices.Contains(after.Documents, docID) && !slices.Contains(before.Documents, docID):
			parts = append(parts, "copy added")
		case len(after.Supporting) < len(before.Supporting):
			parts = append(parts, "reports moved to another event")
		default:
			parts = append(parts, "updated")
		}
	}
	return strings.Join(parts, "; ")
}
