package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// fusedDoc is a document with one mention in country on date, and the event write that holds it.
func fusedDoc(text, source, date, country, eventID string) (store.Fused, doc.Mention) {
	d := doc.Document{Source: source, Text: text, Published: day(date), Origin: "test"}
	d.ID = doc.ContentID(source, text)
	mm := doc.Mention{
		Type: "ASSAULT", ACLEDType: "Explosions/Remote violence", ACLEDSubType: "Air/drone strike", Modality: doc.Occurred,
		Location:   &doc.Place{Name: "Idlib", Country: country, Lat: 35.93, Lon: 36.63, Precision: doc.PrecisionCity},
		Date:       doc.When{Start: day(date), End: day(date), Precision: doc.DateDay},
		Evidence:   doc.Evidence{Doc: d.ID, Sentence: text, Span: doc.Span{Start: 0, End: len(text)}},
		Confidence: 0.8,
	}
	e := doc.Event{ID: eventID, Mention: mm, Documents: []string{d.ID}, Supporting: []doc.Evidence{mm.Evidence}, Outlets: []string{source}, Corroboration: 1}
	return store.Fused{
		Document: d, Mentions: []doc.Mention{mm},
		MinHash: make([]byte, 256), BandKeys: []int64{byteSum(text), 7},
		Events: []store.EventWrite{{Event: e, Members: []store.MentionKey{{Doc: d.ID, Idx: 0}}, Change: "created"}},
	}, mm
}

func TestAddFusedVersionsAndAliases(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	f1, _ := fusedDoc("Warplanes struck Idlib on Tuesday.", "A", "2026-01-13", "SYR", "ev-1")
	if added, err := s.AddFused(ctx, f1); err != nil || !added {
		t.Fatalf("AddFused = %v, %v", added, err)
	}
	if added, err := s.AddFused(ctx, f1); err != nil || added {
		t.Fatalf("AddFused of a stored document = %v, %v; want false, nil", added, err)
	}
	// a second report: ev-1 grows, and a second event ev-2 appears
	f2, m2 := fusedDoc("Jets hit Idlib on Tuesday, killing two.", "B", "2026-01-13", "SYR", "ev-2")
	grown := f1.Events[0].Event
	grown.Documents = append(grown.Documents, f2.Document.ID)
	grown.Corroboration = 2
	f2.Events = append(f2.Events, store.EventWrite{Event: grown, Members: []store.MentionKey{{Doc: f1.Document.ID, Idx: 0}}, Change: "report added"})
	if _, err := s.AddFused(ctx, f2); err != nil {
		t.Fatal(err)
	}
	e1, err := s.Event(ctx, "ev-1")
	if err != nil || e1.Version != 2 || e1.Corroboration != 2 {
		t.Fatalf("ev-1 after the second report: version %d, corroboration %d, %v", e1.Version, e1.Corroboration, err)
	}
	// a third report shows ev-2 is ev-1: ev-2 goes, its id stays as an alias
	f3, _ := fusedDoc("Idlib was bombed on Tuesday.", "C", "2026-01-14", "SYR", "ev-1")
	merged := grown
	merged.Corroboration = 3
	merged.Supporting = append(merged.Supporting, m2.Evidence)
	f3.Events[0] = store.EventWrite{Event: merged, Members: []store.MentionKey{{Doc: f1.Document.ID}, {Doc: f2.Document.ID}, {Doc: f3.Document.ID}}, Change: "took reports of ev-2"}
	f3.Removed = []store.Removal{{ID: "ev-2", Into: "ev-1", Change: "merged into ev-1"}}
	if _, err := s.AddFused(ctx, f3); err != nil {
		t.Fatal(err)
	}
	viaAlias, err := s.Event(ctx, "ev-2")
	if err != nil || viaAlias.ID != "ev-1" || viaAlias.Version != 3 {
		t.Errorf("Event(ev-2) after the merge = %s v%d, %v; want ev-1 v3", viaAlias.ID, viaAlias.Version, err)
	}
	st, _ := s.Stats(ctx)
	if st.Events != 1 || st.Documents != 3 {
		t.Errorf("stats %+v, want 3 documents, 1 event", st)
	}
	hist, err := s.EventHistory(ctx, "ev-2")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range hist {
		got = append(got, fmt.Sprintf("%s v%d %s", v.Event.ID, v.Event.Version, v.Change))
	}
	want := "[ev-1 v1 created ev-2 v1 created ev-1 v2 report added ev-2 v2 merged into ev-1 ev-1 v3 took reports of ev-2]"
	if fmt.Sprint(got) != want {
		t.Errorf("history\n got %v\nwant %s", got, want)
	}
	evs, err := s.DocumentEvents(ctx, f2.Document.ID)
	if err != nil || fmt.Sprint(evs) != "[ev-1]" {
		t.Errorf("DocumentEvents = %v, %v", evs, err)
	}
	if _, err := s.EventHistory(ctx, "ev-none"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("history of an unknown id: %v", err)
	}
}

func TestNeighbourhoodAndNearDuplicates(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for i, x := range []struct{ text, date, country, id string }{
		{"Strike one.", "2026-01-10", "SYR", "ev-a"},
		{"Strike two.", "2026-01-12", "SYR", "ev-b"},
		{"Strike three.", "2026-01-12", "YEM", "ev-c"},
		{"Strike four.", "2026-02-20", "SYR", "ev-d"},
	} {
		f, _ := fusedDoc(x.text, fmt.Sprint("outlet", i), x.date, x.country, x.id)
		if _, err := s.AddFused(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// a copy of the first document
	orig, _ := fusedDoc("Strike one.", "outlet0", "2026-01-10", "SYR", "")
	cp, _ := fusedDoc("Strike one, copied.", "Copycat", "2026-01-11", "SYR", "")
	cp.Events, cp.CopyOf = nil, orig.Document.ID
	if _, err := s.AddFused(ctx, cp); err != nil {
		t.Fatal(err)
	}
	nb, err := s.Neighbourhood(ctx, store.NeighbourhoodQuery{Areas: []store.Area{{Country: "SYR", Since: day("2026-01-11"), Until: day("2026-01-15")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Events) != 1 || nb.Events[0].ID != "ev-b" || len(nb.Mentions) != 1 || nb.Mentions[0].Event != "ev-b" {
		t.Errorf("area SYR 11–15 January: events %v, mentions %d", eventIDs(nb.Events), len(nb.Mentions))
	}
	nb, err = s.Neighbourhood(ctx, store.NeighbourhoodQuery{Documents: []string{orig.Document.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(eventIDs(nb.Events)) != "[ev-a]" || len(nb.Copies) != 1 || nb.Copies[0].ID != cp.Document.ID || nb.Copies[0].CopyOf != orig.Document.ID {
		t.Errorf("the first document's events %v, copies %+v", eventIDs(nb.Events), nb.Copies)
	}
	if evs, _ := s.DocumentEvents(ctx, cp.Document.ID); fmt.Sprint(evs) != "[ev-a]" {
		t.Errorf("a copy's events %v: want its original's", evs)
	}
	near, err := s.NearDuplicates(ctx, []int64{byteSum("Strike one."), 99})
	if err != nil || len(near) != 1 || near[0].Doc.ID != orig.Document.ID || len(near[0].MinHash) != 256 || !near[0].Doc.Published.Equal(day("2026-01-10")) {
		t.Errorf("NearDuplicates = %+v, %v", near, err)
	}
}

func eventIDs(es []doc.Event) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// A failure anywhere in the transaction leaves nothing of the document: no signature, no version.
func TestAddFusedIsAtomic(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	f, _ := fusedDoc("Shelling hit Kharkiv.", "Kyiv Evening Post", "2026-01-12", "UKR", "ev-x")
	f.Events[0].Event.Confidence = math.NaN() // encoding/json refuses NaN, after the document, mentions and signature
	if _, err := s.AddFused(ctx, f); err == nil {
		t.Fatal("AddFused with an unwritable event succeeded")
	}
	var n int
	for _, table := range []string{"documents", "mentions", "doc_fusion", "doc_bands", "event_versions", "events"} {
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s holds %d rows after a failed add (%v)", table, n, err)
		}
	}
}

func byteSum(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		n += int64(s[i])
	}
	return n
}
