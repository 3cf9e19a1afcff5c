package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// fixture stores a few events with distinct places, actors, sentences and outlet counts.
func fixture(t *testing.T) (*Store, []doc.Event) {
	t.Helper()
	ctx := context.Background()
	s, _ := openTemp(t)
	type row struct {
		text, date, country, typ, actor, place string
		lat, lon                               float64
		outlets                                int
	}
	rows := []row{
		{"Russian forces shelled Kharkiv overnight, killing two.", "2025-12-20", "UKR", "ASSAULT", "Russian Armed Forces", "Kharkiv", 49.99, 36.23, 3},
		{"A drone strike hit an oil depot in Odesa.", "2025-12-19", "UKR", "ASSAULT", "Russian Armed Forces", "Odesa", 46.48, 30.72, 1},
		{"Protesters rallied in Basra over power cuts.", "2025-12-18", "IRQ", "PROTEST", "Protesters", "Basra", 30.51, 47.81, 2},
		{"The Rapid Support Forces attacked El Fasher.", "2025-12-18", "SDN", "ASSAULT", "Rapid Support Forces", "El Fasher", 13.63, 25.35, 4},
		{"Warplanes struck Idlib; the Syrian Arab Army denied it.", "2025-12-10", "SYR", "ASSAULT", "Syrian Arab Army", "Idlib", 35.93, 36.63, 1},
		{"Fighters clashed near Suva, Fiji, across the date line.", "2025-12-09", "FJI", "FIGHT", "Fijian Police", "Suva", -18.14, 178.44, 1},
		{"Officials in Taveuni reported a clash.", "2025-12-08", "FJI", "FIGHT", "Fijian Police", "Taveuni", -16.8, -179.97, 1},
	}
	var events []doc.Event
	for i, r := range rows {
		d := doc.Document{Source: fmt.Sprintf("Outlet %d", i), Text: r.text, Published: day(r.date), Origin: "test"}
		d.ID = doc.ContentID(d.Source, d.Text)
		m := doc.Mention{
			Type: r.typ, ACLEDType: map[string]string{"ASSAULT": "Explosions/Remote violence", "PROTEST": "Protests", "FIGHT": "Battles"}[r.typ],
			Modality: doc.Occurred,
			Actor1:   &doc.Actor{Text: r.actor, Name: r.actor},
			Location: &doc.Place{Text: r.place, Name: r.place, Country: r.country, Lat: r.lat, Lon: r.lon, Precision: doc.PrecisionCity},
			Date:     doc.When{Start: day(r.date), End: day(r.date), Precision: doc.DateDay},
			Evidence: doc.Evidence{Doc: d.ID, Sentence: r.text, Span: doc.Span{Start: 0, End: len(r.text)}},
		}
		e := doc.Event{ID: fmt.Sprintf("ev-%02d", i), Mention: m, Documents: []string{d.ID}, Supporting: []doc.Evidence{m.Evidence}, Corroboration: r.outlets}
		if _, err := s.AddDocument(ctx, d, []doc.Mention{m}, []doc.Event{e}); err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	return s, events
}

func ids(events []doc.Event) []string {
	out := []string{}
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

func TestNewFilters(t *testing.T) {
	ctx := context.Background()
	s, all := fixture(t)
	tests := []struct {
		name string
		f    store.EventFilter
		want []string
	}{
		{"bbox ukraine", store.EventFilter{BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 40.5, MaxLat: 52.5}}, []string{"ev-00", "ev-01"}},
		{"bbox edge included", store.EventFilter{BBox: &store.BBox{MinLon: 36.23, MinLat: 49.99, MaxLon: 36.23, MaxLat: 49.99}}, []string{"ev-00"}},
		{"bbox antimeridian", store.EventFilter{BBox: &store.BBox{MinLon: 170, MinLat: -20, MaxLon: -170, MaxLat: -10}}, []string{"ev-05", "ev-06"}},
		{"bbox empty sea", store.EventFilter{BBox: &store.BBox{MinLon: -40, MinLat: 0, MaxLon: -30, MaxLat: 10}}, []string{}},
		{"actor prefix", store.EventFilter{Actor: "russian"}, []string{"ev-00", "ev-01"}},
		{"actor phrase", store.EventFilter{Actor: "rapid support"}, []string{"ev-03"}},
		{"actor words out of order", store.EventFilter{Actor: "support rapid"}, []string{}},
		{"q word, any case", store.EventFilter{Q: "KHARKIV"}, []string{"ev-00"}},
		{"q two words", store.EventFilter{Q: "drone odesa"}, []string{"ev-01"}},
		{"q phrase", store.EventFilter{Q: `"oil depot"`}, []string{"ev-01"}},
		{"q phrase miss", store.EventFilter{Q: `"depot oil"`}, []string{}},
		{"q prefix", store.EventFilter{Q: "shell*"}, []string{"ev-00"}},
		{"q place name", store.EventFilter{Q: "el fasher"}, []string{"ev-03"}},
		{"q actor name", store.EventFilter{Q: "Syrian"}, []string{"ev-04"}},
		{"q and since", store.EventFilter{Q: "clash*", Since: day("2025-12-09")}, []string{"ev-05"}},
		{"min_sources", store.EventFilter{MinSources: 2}, []string{"ev-00", "ev-02", "ev-03"}},
		{"combined", store.EventFilter{Country: "UKR", Q: "killing", MinSources: 2, Actor: "russian armed"}, []string{"ev-00"}},
		{"bbox and q", store.EventFilter{BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 40.5, MaxLat: 52.5}, Q: "drone"}, []string{"ev-01"}},
	}
	for _, tc := range tests {
		got, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if g := ids(got); !slices.Equal(g, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, g, tc.want)
		}
		// the in-memory Match that streams and watches use agrees with the store
		var matched []string
		for _, e := range all {
			if tc.f.Match(e) {
				matched = append(matched, e.ID)
			}
		}
		slices.Sort(matched)
		g := ids(got)
		slices.Sort(g)
		if !slices.Equal(matched, g) && !(len(matched) == 0 && len(g) == 0) {
			t.Errorf("%s: Match keeps %v, the store %v", tc.name, matched, g)
		}
	}
	if _, err := s.Events(ctx, store.EventFilter{Q: `"unclosed`}); err == nil {
		t.Error("an invalid filter was accepted")
	}
}

// Pages of a cursor listing are the full listing cut in pieces, with every plan.
func TestCursorPagination(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	rng := rand.New(rand.NewPCG(7, 7))
	d := doc.Document{Source: "bench", Text: "many", Published: day("2025-12-31")}
	d.ID = doc.ContentID(d.Source, d.Text)
	var events []doc.Event
	for i := range 300 {
		events = append(events, benchEvent(rng, i, d.ID))
	}
	// many events share a day: the order within a day (by id) must hold across pages
	for i := range events {
		events[i].Date.Start = day("2025-01-01").AddDate(0, 0, i%7)
	}
	if _, err := s.AddDocument(ctx, d, nil, events); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.EventFilter{
		{},
		{Q: "people"},
		{Country: "UKR"},
		{BBox: &store.BBox{MinLon: 30, MinLat: 44, MaxLon: 40, MaxLat: 52}},
		{BBox: &store.BBox{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}, Q: "people"},
	} {
		full, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(full) == 0 {
			t.Fatalf("%+v: no events", f)
		}
		for i := 1; i < len(full); i++ {
			a, b := full[i-1], full[i]
			if a.Date.Start.Before(b.Date.Start) || a.Date.Start.Equal(b.Date.Start) && a.ID > b.ID {
				t.Fatalf("%+v: listing out of order at %d", f, i)
			}
		}
		var paged []doc.Event
		f.Limit = 17
		for range 100 {
			page, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, page...)
			if len(page) < f.Limit {
				break
			}
			f.Cursor = store.NextCursor(page[len(page)-1])
		}
		if !slices.Equal(ids(paged), ids(full)) {
			t.Errorf("%+v: pages give %d events, the listing %d (or another order)", f, len(paged), len(full))
		}
	}
}

// Updating an event moves its index entries: a new sentence is searchable, a new date or place is
// where the filters find it, and nothing is found under the old ones.
func TestIndexesFollowUpdates(t *testing.T) {
	ctx := context.Background()
	s, all := fixture(t)
	e := all[1]
	d := doc.Document{Source: "Second Outlet", Text: "Ukrainian officials said a second drone hit the Odesa port warehouse.", Published: day("2025-12-21")}
	d.ID = doc.ContentID(d.Source, d.Text)
	m := e.Mention
	m.Evidence = doc.Evidence{Doc: d.ID, Sentence: d.Text, Span: doc.Span{Start: 0, End: len(d.Text)}}
	e.Supporting = append(e.Supporting, m.Evidence)
	e.Date = doc.When{Start: day("2025-12-21"), End: day("2025-12-21"), Precision: doc.DateDay}
	loc := *e.Location
	loc.Lat, loc.Lon = 46.5, 30.8
	e.Location = &loc
	e.Corroboration = 2
	before, _ := s.LastChange(ctx)
	if _, err := s.AddDocument(ctx, d, []doc.Mention{m}, []doc.Event{e}); err != nil {
		t.Fatal(err)
	}
	check := func(name string, f store.EventFilter, want []string) {
		t.Helper()
		got, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), want) {
			t.Errorf("%s: got %v, want %v", name, ids(got), want)
		}
	}
	if c, _ := s.Changes(ctx, 0, 1); len(c) != 1 || !c[0].New {
		t.Errorf("first write not marked new: %+v", c)
	}
	check("new sentence", store.EventFilter{Q: "warehouse"}, []string{"ev-01"})
	check("old sentence still supports it", store.EventFilter{Q: "oil depot"}, []string{"ev-01"})
	check("new date", store.EventFilter{Since: day("2025-12-21"), Q: "odesa"}, []string{"ev-01"})
	check("not at the old date", store.EventFilter{Until: day("2025-12-19"), Q: "odesa"}, []string{})
	check("new place", store.EventFilter{BBox: &store.BBox{MinLon: 30.79, MinLat: 46.49, MaxLon: 30.81, MaxLat: 46.51}}, []string{"ev-01"})
	check("not at the old place", store.EventFilter{BBox: &store.BBox{MinLon: 30.71, MinLat: 46.47, MaxLon: 30.73, MaxLat: 46.49}}, []string{})
	check("sources", store.EventFilter{MinSources: 2, Country: "UKR"}, []string{"ev-01", "ev-00"})

	changes, err := s.Changes(ctx, before, 10)
	if err != nil || len(changes) != 1 || changes[0].Event.ID != "ev-01" || changes[0].Seq <= before || changes[0].New {
		t.Errorf("Changes after %d = %+v, %v", before, changes, err)
	}
	reports, err := s.EventReports(ctx, "ev-01")
	if err != nil || len(reports) != 2 {
		t.Fatalf("EventReports = %d reports, %v", len(reports), err)
	}
	if reports[1].Document.ID != d.ID || len(reports[1].Mentions) != 1 || reports[1].Mentions[0].Evidence.Sentence != d.Text {
		t.Errorf("second report = %+v", reports[1])
	}
	if r, err := s.EventReports(ctx, "ev-missing"); err != nil || len(r) != 0 {
		t.Errorf("EventReports(missing) = %v, %v", r, err)
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
