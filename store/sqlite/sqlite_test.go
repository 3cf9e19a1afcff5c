package sqlite

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

func day(s string) time.Time {
	t, err := time.Parse(doc.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func sample(text, source, date, country, typ string) (doc.Document, []doc.Mention, []doc.Event) {
	d := doc.Document{Source: source, Text: text, Published: day(date), Origin: "test"}
	d.ID = doc.ContentID(source, text)
	killed := 3
	m := doc.Mention{
		Type: typ, ACLEDType: "Explosions/Remote violence", ACLEDSubType: "Air/drone strike", Modality: doc.Occurred,
		Location:   &doc.Place{Name: "Idlib", Country: country, Lat: 35.93, Lon: 36.63, Precision: doc.PrecisionCity, Span: doc.Span{Start: 0, End: 5}},
		Date:       doc.When{Start: day(date), End: day(date), Precision: doc.DateDay},
		Fatalities: &killed,
		Evidence:   doc.Evidence{Doc: d.ID, Sentence: text, Span: doc.Span{Start: 0, End: len(text)}},
		Confidence: 0.8,
	}
	e := doc.Event{ID: "ev-" + d.ID[:8], Mention: m, Documents: []string{d.ID}, Supporting: []doc.Evidence{m.Evidence}}
	return d, []doc.Mention{m}, []doc.Event{e}
}

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestAddDocumentIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	d, ms, es := sample("Warplanes struck Idlib on Tuesday, killing three.", "Levant Ledger", "2025-12-20", "SYR", "ASSAULT")
	for i, want := range []bool{true, false, false} {
		added, err := s.AddDocument(ctx, d, ms, es)
		if err != nil {
			t.Fatal(err)
		}
		if added != want {
			t.Errorf("add #%d: added = %v, want %v", i+1, added, want)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != (store.Stats{Documents: 1, Events: 1, Mentions: 1}) {
		t.Errorf("stats after three adds of one document = %+v", st)
	}
}

func TestRoundTripAndFilters(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	docs := []struct{ text, source, date, country, typ string }{
		{"Warplanes struck Idlib.", "A", "2025-12-20", "SYR", "ASSAULT"},
		{"Drones hit Marib.", "B", "2025-12-18", "YEM", "ASSAULT"},
		{"Protesters rallied in Basra.", "C", "2025-12-10", "IRQ", "PROTEST"},
	}
	for _, x := range docs {
		d, ms, es := sample(x.text, x.source, x.date, x.country, x.typ)
		if _, err := s.AddDocument(ctx, d, ms, es); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    store.EventFilter
		want int
	}{
		{"all", store.EventFilter{}, 3},
		{"since", store.EventFilter{Since: day("2025-12-15")}, 2},
		{"until", store.EventFilter{Until: day("2025-12-18")}, 2},
		{"country", store.EventFilter{Country: "YEM"}, 1},
		{"type", store.EventFilter{Type: "PROTEST"}, 1},
		{"limit", store.EventFilter{Limit: 2}, 2},
		{"none", store.EventFilter{Country: "UKR"}, 0},
	}
	for _, tc := range tests {
		got, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want {
			t.Errorf("%s: %d events, want %d", tc.name, len(got), tc.want)
		}
	}
	all, _ := s.Events(ctx, store.EventFilter{})
	if all[0].Date.Start != day("2025-12-20") || all[2].Date.Start != day("2025-12-10") {
		t.Errorf("events not newest first: %v, %v", all[0].Date.Start, all[2].Date.Start)
	}
	if all[0].Location == nil || all[0].Location.Country != "SYR" || *all[0].Fatalities != 3 || all[0].Location.Span != (doc.Span{Start: 0, End: 5}) {
		t.Errorf("event did not round-trip: %+v", all[0])
	}
	// reopening runs no migration twice and keeps the data
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	st, _ := s2.Stats(ctx)
	if st.Documents != 3 {
		t.Errorf("after reopen: %d documents, want 3", st.Documents)
	}
	d, _, _ := sample(docs[0].text, docs[0].source, docs[0].date, "", "")
	got, err := s2.Document(ctx, d.ID)
	if err != nil || got.Text != docs[0].text || !got.Published.Equal(day("2025-12-20")) {
		t.Errorf("Document(%s) = %+v, %v", d.ID, got, err)
	}
	if _, err := s2.Event(ctx, "ev-missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event(missing) error = %v, want ErrNotFound", err)
	}
}

// A failure inside the transaction leaves nothing of the document behind: no half-written record.
func TestAddDocumentIsAtomic(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	d, ms, es := sample("Shelling hit Kharkiv.", "Kyiv Evening Post", "2025-12-19", "UKR", "ASSAULT")
	// a mention that cannot be encoded fails after the document and event rows were written: the
	// whole transaction must roll back
	bad := ms[0]
	bad.Confidence = math.NaN() // encoding/json refuses NaN
	if _, err := s.AddDocument(ctx, d, append(ms, bad), es); err == nil {
		t.Fatal("AddDocument with an unwritable mention succeeded")
	}
	st, _ := s.Stats(ctx)
	if st != (store.Stats{}) {
		t.Errorf("after a failed add the store holds %+v, want nothing", st)
	}
	has, _ := s.HasDocument(ctx, d.ID)
	if has {
		t.Error("document stored although its transaction failed")
	}
}
