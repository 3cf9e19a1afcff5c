// Package storetest is the conformance suite every store passes unchanged: the SQLite store and the
// PostgreSQL store run it from their own tests with a function that opens an empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// Opener opens an empty store for one test; the store is closed when the test ends.
type Opener func(t *testing.T) store.Served

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		run  func(*testing.T, Opener)
	}{
		{"AddDocumentIsIdempotent", testAddDocumentIsIdempotent},
		{"RoundTripAndFilters", testRoundTripAndFilters},
		{"AddDocumentIsAtomic", testAddDocumentIsAtomic},
		{"Filters", testFilters},
		{"FiltersAgreeWithMatch", testFiltersAgreeWithMatch},
		{"CursorPagination", testCursorPagination},
		{"IndexesFollowUpdates", testIndexesFollowUpdates},
		{"AddFusedVersionsAndAliases", testAddFusedVersionsAndAliases},
		{"NeighbourhoodAndNearDuplicates", testNeighbourhoodAndNearDuplicates},
		{"AddFusedIsAtomic", testAddFusedIsAtomic},
		{"ChangeFeedAfterRemovals", testChangeFeedAfterRemovals},
		{"Watches", testWatches},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open) })
	}
}

func day(s string) time.Time {
	t, err := time.Parse(doc.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ids(events []doc.Event) []string {
	out := []string{}
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

// sample is a document with one air strike mention and the event holding it.
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

func testAddDocumentIsIdempotent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
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

func testRoundTripAndFilters(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
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
	if len(all) != 3 {
		t.Fatalf("%d events stored, want 3", len(all))
	}
	if all[0].Date.Start != day("2025-12-20") || all[2].Date.Start != day("2025-12-10") {
		t.Errorf("events not newest first: %v, %v", all[0].Date.Start, all[2].Date.Start)
	}
	if all[0].Location == nil || all[0].Location.Country != "SYR" || *all[0].Fatalities != 3 || all[0].Location.Span != (doc.Span{Start: 0, End: 5}) {
		t.Errorf("event did not round-trip: %+v", all[0])
	}
	d, _, _ := sample(docs[0].text, docs[0].source, docs[0].date, "", "")
	got, err := s.Document(ctx, d.ID)
	if err != nil || got.Text != docs[0].text || !got.Published.Equal(day("2025-12-20")) || got.Source != "A" {
		t.Errorf("Document(%s) = %+v, %v", d.ID, got, err)
	}
	if _, err := s.Document(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Event(ctx, "ev-missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event(missing) error = %v, want ErrNotFound", err)
	}
	if has, err := s.HasDocument(ctx, d.ID); !has || err != nil {
		t.Errorf("HasDocument(stored) = %v, %v", has, err)
	}
}

// A failure inside the transaction leaves nothing of the document behind: no half-written record.
func testAddDocumentIsAtomic(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
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
	if has, _ := s.HasDocument(ctx, d.ID); has {
		t.Error("document stored although its transaction failed")
	}
}

// fixture stores a few events with distinct places, actors, sentences and outlet counts.
func fixture(t *testing.T, open Opener) (store.Served, []doc.Event) {
	t.Helper()
	ctx := context.Background()
	s := open(t)
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

func testFilters(t *testing.T, open Opener) {
	ctx := context.Background()
	s, all := fixture(t, open)
	tests := []struct {
		name string
		f    store.EventFilter
		want []string
	}{
		{"bbox ukraine", store.EventFilter{BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 40.5, MaxLat: 52.5}}, []string{"ev-00", "ev-01"}},
		{"bbox edge included", store.EventFilter{BBox: &store.BBox{MinLon: 36.23, MinLat: 49.99, MaxLon: 36.23, MaxLat: 49.99}}, []string{"ev-00"}},
		{"bbox antimeridian", store.EventFilter{BBox: &store.BBox{MinLon: 170, MinLat: -20, MaxLon: -170, MaxLat: -10}}, []string{"ev-05", "ev-06"}},
		{"bbox empty sea", store.EventFilter{BBox: &store.BBox{MinLon: -40, MinLat: 0, MaxLon: -30, MaxLat: 10}}, []string{}},
		{"actor word", store.EventFilter{Actor: "russian"}, []string{"ev-00", "ev-01"}},
		{"actor phrase", store.EventFilter{Actor: "rapid support"}, []string{"ev-03"}},
		{"actor words out of order", store.EventFilter{Actor: "support rapid"}, []string{}},
		{"q word, any case", store.EventFilter{Q: "KHARKIV"}, []string{"ev-00"}},
		{"q two words", store.EventFilter{Q: "drone odesa"}, []string{"ev-01"}},
		{"q phrase", store.EventFilter{Q: `"oil depot"`}, []string{"ev-01"}},
		{"q phrase miss", store.EventFilter{Q: `"depot oil"`}, []string{}},
		{"q prefix", store.EventFilter{Q: "shell*"}, []string{"ev-00"}},
		{"q place name", store.EventFilter{Q: "el fasher"}, []string{"ev-03"}},
		{"q actor name", store.EventFilter{Q: "Syrian"}, []string{"ev-04"}},
		{"q quote in a word", store.EventFilter{Q: `o'clock`}, []string{}},
		{"q and since", store.EventFilter{Q: "clash*", Since: day("2025-12-09")}, []string{"ev-05"}},
		{"min_sources", store.EventFilter{MinSources: 2}, []string{"ev-00", "ev-02", "ev-03"}},
		{"acled type", store.EventFilter{ACLEDType: "Battles"}, []string{"ev-05", "ev-06"}},
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

var (
	genActors = []string{"Russian Armed Forces", "Ukrainian Armed Forces", "Syrian Arab Army", "Hayat Tahrir al-Sham",
		"Rapid Support Forces", "Sudanese Armed Forces", "Houthis", "Islamic State", "Civilians", "Protesters"}
	genPlaces = []struct {
		name, country string
		lat, lon      float64
	}{
		{"Kharkiv", "UKR", 49.99, 36.23}, {"Odesa", "UKR", 46.48, 30.72}, {"Idlib", "SYR", 35.93, 36.63},
		{"Deir ez-Zor", "SYR", 35.33, 40.14}, {"El Fasher", "SDN", 13.63, 25.35}, {"Marib", "YEM", 15.46, 45.32},
	}
	genTypes = []struct{ plover, acled, verb string }{
		{"ASSAULT", "Explosions/Remote violence", "shelled"}, {"FIGHT", "Battles", "clashed with"},
		{"PROTEST", "Protests", "marched against"}, {"COERCE", "Strategic developments", "arrested"},
	}
)

// generated is n events with varied dates (many sharing a day), places, actors, types and sentences.
func generated(seed uint64, n int, docID string) []doc.Event {
	rng := rand.New(rand.NewPCG(seed, seed))
	var out []doc.Event
	for i := range n {
		p := genPlaces[rng.IntN(len(genPlaces))]
		ty := genTypes[rng.IntN(len(genTypes))]
		a1, a2 := genActors[rng.IntN(len(genActors))], genActors[rng.IntN(len(genActors))]
		date := day("2025-01-01").AddDate(0, 0, rng.IntN(12))
		sentence := fmt.Sprintf("%s %s %s in %s on %s, killing %d people.", a1, ty.verb, a2, p.name, date.Format("January 2"), rng.IntN(9))
		m := doc.Mention{
			Type: ty.plover, ACLEDType: ty.acled, Modality: doc.Occurred,
			Actor1:   &doc.Actor{Text: a1, Name: a1},
			Actor2:   &doc.Actor{Text: a2, Name: a2},
			Location: &doc.Place{Text: p.name, Name: p.name, Country: p.country, Lat: p.lat + rng.NormFloat64(), Lon: p.lon + rng.NormFloat64(), Precision: doc.PrecisionCity},
			Date:     doc.When{Start: date, End: date, Precision: doc.DateDay},
			Evidence: doc.Evidence{Doc: docID, Sentence: sentence, Span: doc.Span{Start: 0, End: len(sentence)}},
		}
		out = append(out, doc.Event{ID: fmt.Sprintf("ev-%04d", i), Mention: m, Documents: []string{docID},
			Supporting: []doc.Evidence{m.Evidence}, Corroboration: 1 + rng.IntN(4)})
	}
	return out
}

func storeGenerated(t *testing.T, s store.Served, n int) []doc.Event {
	t.Helper()
	d := doc.Document{Source: "generated", Text: "many events", Published: day("2025-12-31")}
	d.ID = doc.ContentID(d.Source, d.Text)
	events := generated(7, n, d.ID)
	if _, err := s.AddDocument(context.Background(), d, nil, events); err != nil {
		t.Fatal(err)
	}
	return events
}

// Every filter lists exactly the events Match keeps, in listing order: random filters over
// generated events.
func testFiltersAgreeWithMatch(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	all := storeGenerated(t, s, 300)
	slices.SortFunc(all, func(a, b doc.Event) int {
		if c := b.Date.Start.Compare(a.Date.Start); c != 0 {
			return c
		}
		return cmpString(a.ID, b.ID)
	})
	rng := rand.New(rand.NewPCG(11, 11))
	words := []string{"shelled", "kharkiv", "killing", "deir", "march*", "\"clashed with\"", "\"rapid support\"", "ez zor", "idl*", "people"}
	for i := range 150 {
		var f store.EventFilter
		if rng.IntN(3) == 0 {
			f.Since = day("2025-01-01").AddDate(0, 0, rng.IntN(12))
		}
		if rng.IntN(3) == 0 {
			f.Until = day("2025-01-01").AddDate(0, 0, rng.IntN(12))
			if !f.Since.IsZero() && f.Since.After(f.Until) {
				f.Since, f.Until = f.Until, f.Since
			}
		}
		if rng.IntN(4) == 0 {
			f.Country = genPlaces[rng.IntN(len(genPlaces))].country
		}
		if rng.IntN(4) == 0 {
			f.Type = genTypes[rng.IntN(len(genTypes))].plover
		}
		if rng.IntN(5) == 0 {
			f.ACLEDType = genTypes[rng.IntN(len(genTypes))].acled
		}
		if rng.IntN(4) == 0 {
			f.MinSources = rng.IntN(5)
		}
		if rng.IntN(3) == 0 {
			lon, lat := 20+rng.Float64()*30, 10+rng.Float64()*40
			f.BBox = &store.BBox{MinLon: lon, MinLat: lat, MaxLon: lon + rng.Float64()*15, MaxLat: lat + rng.Float64()*15}
		}
		if rng.IntN(3) == 0 {
			f.Q = words[rng.IntN(len(words))]
		}
		if rng.IntN(4) == 0 {
			f.Actor = []string{"armed forces", "houthis", "islamic", "sudanese armed forces", "state islamic"}[rng.IntN(5)]
		}
		var want []string
		for _, e := range all {
			if f.Match(e) {
				want = append(want, e.ID)
			}
		}
		got, err := s.Events(ctx, f)
		if err != nil {
			t.Fatalf("filter %d %+v: %v", i, f, err)
		}
		if g := ids(got); !slices.Equal(g, want) && !(len(g) == 0 && len(want) == 0) {
			t.Errorf("filter %d %+v:\n store %v\n Match %v", i, f, g, want)
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Pages of a cursor listing are the full listing cut in pieces, whatever the filter.
func testCursorPagination(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	storeGenerated(t, s, 300)
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
// where the filters find it, and nothing is found under the old ones; the change feed and the
// evidence follow.
func testIndexesFollowUpdates(t *testing.T, open Opener) {
	ctx := context.Background()
	s, all := fixture(t, open)
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
	if last, _ := s.LastChange(ctx); len(changes) == 1 && last != changes[0].Seq {
		t.Errorf("LastChange = %d, want the update's %d", last, changes[0].Seq)
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

func byteSum(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		n += int64(s[i])
	}
	return n
}

func testAddFusedVersionsAndAliases(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
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
	if st.Events != 1 || st.Documents != 3 || st.Mentions != 3 {
		t.Errorf("stats %+v, want 3 documents, 3 mentions, 1 event", st)
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
	reports, err := s.EventReports(ctx, "ev-1")
	if err != nil || len(reports) != 2 {
		t.Errorf("EventReports(ev-1) = %d reports, %v; want the 2 documents it lists", len(reports), err)
	}
}

func testNeighbourhoodAndNearDuplicates(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
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
		t.Errorf("area SYR 11–15 January: events %v, mentions %d", ids(nb.Events), len(nb.Mentions))
	}
	nb, err = s.Neighbourhood(ctx, store.NeighbourhoodQuery{Documents: []string{orig.Document.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ids(nb.Events)) != "[ev-a]" || len(nb.Copies) != 1 || nb.Copies[0].ID != cp.Document.ID || nb.Copies[0].CopyOf != orig.Document.ID {
		t.Errorf("the first document's events %v, copies %+v", ids(nb.Events), nb.Copies)
	}
	if evs, _ := s.DocumentEvents(ctx, cp.Document.ID); fmt.Sprint(evs) != "[ev-a]" {
		t.Errorf("a copy's events %v: want its original's", evs)
	}
	near, err := s.NearDuplicates(ctx, []int64{byteSum("Strike one."), 99})
	if err != nil || len(near) != 1 || near[0].Doc.ID != orig.Document.ID || len(near[0].MinHash) != 256 || !near[0].Doc.Published.Equal(day("2026-01-10")) {
		t.Errorf("NearDuplicates = %+v, %v", near, err)
	}
}

// A failure anywhere in the transaction leaves nothing of the document: no signature, no version.
func testAddFusedIsAtomic(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	f, _ := fusedDoc("Shelling hit Kharkiv.", "Kyiv Evening Post", "2026-01-12", "UKR", "ev-x")
	f.Events[0].Event.Confidence = math.NaN() // encoding/json refuses NaN, after the document, mentions and signature
	if _, err := s.AddFused(ctx, f); err == nil {
		t.Fatal("AddFused with an unwritable event succeeded")
	}
	if st, _ := s.Stats(ctx); st != (store.Stats{}) {
		t.Errorf("after a failed add the store holds %+v", st)
	}
	if near, _ := s.NearDuplicates(ctx, f.BandKeys); len(near) != 0 {
		t.Errorf("the failed document's signature was kept: %+v", near)
	}
	if _, err := s.EventHistory(ctx, "ev-x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the failed event has a history: %v", err)
	}
	if last, _ := s.LastChange(ctx); last != 0 {
		t.Errorf("LastChange = %d after a failed add", last)
	}
}

func testWatches(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if ws, err := s.Watches(ctx); err != nil || len(ws) != 0 {
		t.Fatalf("Watches of an empty store = %v, %v", ws, err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, w := range []store.Watch{
		{ID: "w1", Filter: "country=SYR", Webhook: "http://127.0.0.1:9/a", Created: at},
		{ID: "w2", Filter: "type=PROTEST", Webhook: "http://127.0.0.1:9/b", Created: at.Add(time.Second)},
		{ID: "w1", Filter: "country=YEM", Webhook: "http://127.0.0.1:9/c", Created: at},
	} {
		if err := s.AddWatch(ctx, w); err != nil {
			t.Fatalf("AddWatch #%d: %v", i, err)
		}
	}
	ws, err := s.Watches(ctx)
	if err != nil || len(ws) != 2 || ws[0].ID != "w1" || ws[0].Filter != "country=YEM" || ws[1].ID != "w2" || !ws[0].Created.Equal(at) {
		t.Errorf("Watches = %+v, %v", ws, err)
	}
	if err := s.DeleteWatch(ctx, "w1"); err != nil {
		t.Error(err)
	}
	if err := s.DeleteWatch(ctx, "w1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// The change feed numbers removals as well as writes, and never reuses a number: removing the event
// that holds the latest number must not hand that number to the next write.
func testChangeFeedAfterRemovals(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	f1, _ := fusedDoc("Warplanes struck Idlib on Tuesday.", "A", "2026-01-13", "SYR", "ev-1")
	f2, _ := fusedDoc("Jets hit Idlib on Tuesday, killing two.", "B", "2026-01-13", "SYR", "ev-2")
	for _, f := range []store.Fused{f1, f2} {
		if _, err := s.AddFused(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.LastChange(ctx)
	// a third report merges ev-2 (the latest write) into ev-1
	f3, _ := fusedDoc("Idlib was bombed on Tuesday.", "C", "2026-01-13", "SYR", "ev-1")
	merged := f1.Events[0].Event
	merged.Documents = []string{f1.Document.ID, f2.Document.ID, f3.Document.ID}
	f3.Events[0] = store.EventWrite{Event: merged, Members: []store.MentionKey{{Doc: f1.Document.ID}, {Doc: f2.Document.ID}, {Doc: f3.Document.ID}}, Change: "took reports of ev-2"}
	f3.Removed = []store.Removal{{ID: "ev-2", Into: "ev-1", Change: "merged into ev-1"}}
	if _, err := s.AddFused(ctx, f3); err != nil {
		t.Fatal(err)
	}
	// a fourth report, a new event on the same day
	f4, _ := fusedDoc("Shelling hit Maarat al-Numan on Tuesday.", "D", "2026-01-13", "SYR", "ev-4")
	if _, err := s.AddFused(ctx, f4); err != nil {
		t.Fatal(err)
	}
	changes, err := s.Changes(ctx, before, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, c := range changes {
		kind := "updated"
		switch {
		case c.Removed:
			kind = "removed into " + c.Into
		case c.New:
			kind = "new"
		}
		got = append(got, c.Event.ID+" "+kind)
		if c.Seq != before+int64(i)+1 {
			t.Errorf("change %d has number %d, want %d: numbers are consecutive and never reused", i, c.Seq, before+int64(i)+1)
		}
	}
	if want := "[ev-2 removed into ev-1 ev-1 updated ev-4 new]"; fmt.Sprint(got) != want {
		t.Errorf("changes after %d: %v, want %s", before, got, want)
	}
	if last, _ := s.LastChange(ctx); last != before+3 {
		t.Errorf("LastChange = %d, want %d", last, before+3)
	}
	if len(changes) > 0 && changes[0].Removed && changes[0].Event.Location == nil {
		t.Error("a removal carries no last state of the event")
	}
}
