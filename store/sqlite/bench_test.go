package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// BenchmarkQuery measures listings with the API's typical filters on a store of one million
// generated events (or SITREP_BENCH_EVENTS), and reports each filter's latency percentiles.
// Building the store takes minutes, so it runs only under -bench and never with -short:
//
//	make bench-query    (go test -run '^$' -bench Query -benchtime 1x ./store/sqlite)
//
// SITREP_BENCH_DB=PATH (make's BENCH_DB) keeps the generated database at PATH and reuses it on the
// next run. The events are spread over five years and ten conflict areas, with realistic sentences,
// actors and outlet counts; the filters are those of the API and the web page.
func BenchmarkQuery(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of 1,000,000 events: not with -short")
	}
	ctx := context.Background()
	n := 1_000_000
	if v := os.Getenv("SITREP_BENCH_EVENTS"); v != "" {
		fmt.Sscan(v, &n)
	}
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	s := benchStore(b, ctx, path, n)
	defer s.Close()
	if p := os.Getenv("SITREP_BENCH_PRAGMA"); p != "" { // experiments: "cache_size = -65536"
		if _, err := s.db.ExecContext(ctx, "PRAGMA "+p); err != nil {
			b.Fatal(err)
		}
	}
	day := func(s string) time.Time { t, _ := time.Parse(doc.DateLayout, s); return t }
	page1, err := s.Events(ctx, store.EventFilter{Limit: 100, Country: "UKR"})
	if err != nil || len(page1) == 0 {
		b.Fatalf("first page: %d events, %v", len(page1), err)
	}
	filters := []struct {
		name string
		f    store.EventFilter
	}{
		{"latest", store.EventFilter{}},
		{"month", store.EventFilter{Since: day("2024-03-01"), Until: day("2024-03-31")}},
		{"country", store.EventFilter{Country: "SYR"}},
		{"type", store.EventFilter{Type: "PROTEST"}},
		{"acled_type", store.EventFilter{ACLEDType: "Battles"}},
		{"bbox_ukraine", store.EventFilter{BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 40.5, MaxLat: 52.5}}},
		{"bbox_city", store.EventFilter{BBox: &store.BBox{MinLon: 36.9, MinLat: 36.0, MaxLon: 37.4, MaxLat: 36.4}}},
		{"q_place", store.EventFilter{Q: "Kharkiv"}},
		{"q_phrase", store.EventFilter{Q: `"drone strike"`}},
		{"q_common_word", store.EventFilter{Q: "people"}},
		{"actor", store.EventFilter{Actor: "Wagner"}},
		{"min_sources", store.EventFilter{MinSources: 3}},
		{"country_type_since", store.EventFilter{Country: "SDN", Type: "ASSAULT", Since: day("2024-01-01")}},
		{"bbox_q_since", store.EventFilter{BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 40.5, MaxLat: 52.5}, Q: "shelling", Since: day("2023-06-01")}},
		{"cursor_page2", store.EventFilter{Country: "UKR", Cursor: store.NextCursor(page1[len(page1)-1])}},
	}
	const runs = 200
	for _, tc := range filters {
		b.Run(tc.name, func(b *testing.B) {
			f := tc.f
			f.Limit = 100
			var lat []time.Duration
			got := 0
			for b.Loop() {
				for range runs {
					t0 := time.Now()
					evs, err := s.Events(ctx, f)
					lat = append(lat, time.Since(t0))
					if err != nil {
						b.Fatal(err)
					}
					got = len(evs)
				}
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(got), "events")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// benchStore opens the store at path, generating n events into it unless it already holds them.
func benchStore(b *testing.B, ctx context.Context, path string, n int) *Store {
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Events >= n {
		return s
	}
	// a large page cache while generating (minutes, not an hour); the measurements run with the
	// store's own settings
	var cache int
	if err := s.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		b.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA cache_size = -1048576`); err != nil {
		b.Fatal(err)
	}
	defer s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
	t0 := time.Now()
	rng := rand.New(rand.NewPCG(1, 2))
	const perDoc = 2000
	for i := st.Events / perDoc; i*perDoc < n; i++ {
		d := doc.Document{Source: "bench", Text: fmt.Sprintf("bench document %d", i), Published: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
		d.ID = doc.ContentID(d.Source, d.Text)
		events := make([]doc.Event, 0, perDoc)
		for j := 0; j < perDoc && i*perDoc+j < n; j++ {
			events = append(events, benchEvent(rng, i*perDoc+j, d.ID))
		}
		if _, err := s.AddDocument(ctx, d, nil, events); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("generated %d events in %s", n, time.Since(t0).Round(time.Second))
	return s
}

type hotspot struct {
	country  string
	lat, lon float64
	places   []string
	weight   int
}

var hotspots = []hotspot{
	{"UKR", 48.5, 35.0, []string{"Kharkiv", "Donetsk", "Bakhmut", "Zaporizhzhia", "Kherson", "Odesa", "Kyiv"}, 30},
	{"SYR", 35.5, 38.0, []string{"Aleppo", "Idlib", "Deir ez-Zor", "Raqqa", "Homs", "Daraa"}, 15},
	{"SDN", 14.0, 29.0, []string{"El Fasher", "Khartoum", "Omdurman", "Nyala", "Babanusa"}, 12},
	{"YEM", 15.0, 45.0, []string{"Marib", "Taiz", "Hodeidah", "Sanaa", "Harib"}, 8},
	{"MLI", 16.0, -2.0, []string{"Menaka", "Gao", "Timbuktu", "Mopti"}, 6},
	{"PSE", 31.4, 34.4, []string{"Khan Younis", "Rafah", "Gaza City", "Jenin"}, 10},
	{"IRQ", 33.3, 44.4, []string{"Baghdad", "Basra", "Mosul", "Kirkuk"}, 5},
	{"MMR", 21.0, 96.0, []string{"Sagaing", "Mandalay", "Lashio"}, 5},
	{"COD", -1.5, 29.0, []string{"Goma", "Bunia", "Beni"}, 5},
	{"NGA", 11.8, 13.1, []string{"Maiduguri", "Zamfara", "Kaduna"}, 4},
}

var benchTypes = []struct{ plover, acled, sub, verb string }{
	{"ASSAULT", "Explosions/Remote violence", "Air/drone strike", "drone strike hit"},
	{"ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling struck"},
	{"FIGHT", "Battles", "Armed clash", "clashes broke out in"},
	{"ASSAULT", "Violence against civilians", "Attack", "gunmen attacked villagers in"},
	{"PROTEST", "Protests", "Peaceful protest", "protesters rallied in"},
	{"COERCE", "Strategic developments", "Arrests", "security forces detained activists in"},
	{"AGREE", "Strategic developments", "Agreement", "a local truce was agreed in"},
	{"THREATEN", "Strategic developments", "Other", "commanders threatened an offensive on"},
}

var benchActors = []string{"Russian Armed Forces", "Ukrainian Armed Forces", "Syrian Arab Army", "Hayat Tahrir al-Sham",
	"Rapid Support Forces", "Sudanese Armed Forces", "Houthis", "Wagner Group", "JNIM", "Islamic State", "Israeli Defense Forces",
	"Hamas", "Tatmadaw", "M23", "Boko Haram", "Civilians", "Protesters", "Police"}

func benchEvent(rng *rand.Rand, i int, docID string) doc.Event {
	total := 0
	for _, h := range hotspots {
		total += h.weight
	}
	pick := rng.IntN(total)
	var h hotspot
	for _, x := range hotspots {
		if pick < x.weight {
			h = x
			break
		}
		pick -= x.weight
	}
	t := benchTypes[rng.IntN(len(benchTypes))]
	place := h.places[rng.IntN(len(h.places))]
	a1 := benchActors[rng.IntN(len(benchActors))]
	a2 := benchActors[rng.IntN(len(benchActors))]
	date := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(5*365))
	killed := rng.IntN(12)
	var fatal *int
	verb := strings.Fields(t.verb)
	sentence := fmt.Sprintf("%s: %s %s %s on %s, killing %d people, officials said.", a1, strings.Join(verb[:len(verb)-1], " "), verb[len(verb)-1], place, date.Format("January 2"), killed)
	if t.plover == "PROTEST" || t.plover == "AGREE" {
		sentence = fmt.Sprintf("In %s, %s %s on %s.", place, a1, t.verb, date.Format("January 2"))
	} else {
		fatal = &killed
	}
	outlets := 1 + int(rng.ExpFloat64()*0.8)
	m := doc.Mention{
		Type: t.plover, ACLEDType: t.acled, ACLEDSubType: t.sub, Modality: doc.Occurred,
		Actor1:     &doc.Actor{Text: a1, Name: a1, Kind: "armed_group"},
		Actor2:     &doc.Actor{Text: a2, Name: a2, Kind: "armed_group"},
		Location:   &doc.Place{Text: place, Name: place, Country: h.country, Lat: h.lat + rng.NormFloat64()*1.5, Lon: h.lon + rng.NormFloat64()*1.5, Precision: doc.PrecisionCity},
		Date:       doc.When{Start: date, End: date, Precision: doc.DateDay},
		Fatalities: fatal,
		Evidence:   doc.Evidence{Doc: docID, Sentence: sentence, Span: doc.Span{Start: 0, End: len(sentence)}},
		Confidence: 0.5 + rng.Float64()/2,
	}
	e := doc.Event{ID: fmt.Sprintf("ev-%016x", uint64(i)*0x9E3779B97F4A7C15), Mention: m, Documents: []string{docID},
		Supporting: []doc.Evidence{m.Evidence}, Corroboration: outlets}
	for k := range outlets {
		e.Outlets = append(e.Outlets, fmt.Sprintf("Outlet %d", k))
	}
	return e
}
