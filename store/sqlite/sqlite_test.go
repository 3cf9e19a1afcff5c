package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/storetest"
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
	m := doc.Mention{
		Type: typ, ACLEDType: "Explosions/Remote violence", ACLEDSubType: "Air/drone strike", Modality: doc.Occurred,
		Location: &doc.Place{Name: "Idlib", Country: country, Lat: 35.93, Lon: 36.63, Precision: doc.PrecisionCity},
		Date:     doc.When{Start: day(date), End: day(date), Precision: doc.DateDay},
		Evidence: doc.Evidence{Doc: d.ID, Sentence: text, Span: doc.Span{Start: 0, End: len(text)}},
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

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Served {
		s, _ := openTemp(t)
		return s
	})
}

// Reopening runs no migration twice and keeps the data.
func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	d, ms, es := sample("Warplanes struck Idlib.", "A", "2025-12-20", "SYR", "ASSAULT")
	if _, err := s.AddDocument(ctx, d, ms, es); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if st, _ := s2.Stats(ctx); st != (store.Stats{Documents: 1, Events: 1, Mentions: 1}) {
		t.Errorf("after reopen: %+v", st)
	}
}

// A database written before migration 0003 is indexed when it is opened.
func TestBackfillIndexes(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	d, ms, es := sample("Warplanes struck Idlib.", "A", "2025-12-20", "SYR", "ASSAULT")
	if _, err := s.AddDocument(ctx, d, ms, es); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE events SET seq = 0, ikey = NULL, n_sources = 0`, `DELETE FROM events_fts`, `DELETE FROM events_rtree`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Events(ctx, store.EventFilter{Q: "warplanes"}); len(got) != 0 {
		t.Fatal("index not cleared")
	}
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	for _, f := range []store.EventFilter{{Q: "warplanes"}, {BBox: &store.BBox{MinLon: 36, MinLat: 35, MaxLon: 37, MaxLat: 36}}} {
		if got, err := s2.Events(ctx, f); err != nil || len(got) != 1 {
			t.Errorf("after reopening, %+v finds %d events, %v", f, len(got), err)
		}
	}
}
