package pipeline

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
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

// BenchmarkIngestGrowth shows that fusion keeps ingest near-linear: the cost of adding a document
// (near-copy look-up, candidate events by country and day, re-fusion, the store's transaction) is
// measured once the store holds 10 000 documents and again at 100 000, on a synthetic stream with
// the density of a busy feed — 20 events a day in 25 countries, each reported by one to four
// outlets over two days, one report in twenty a syndicated copy — so the store grows with time,
// as a real one does, and the neighbourhood of a new report does not. Extraction is left out (its
// cost does not depend on the store): the mentions are generated with the documents.
//
// It runs only under -bench (populating takes minutes) and ignores b.N:
//
//	go test -run '^$' -bench IngestGrowth -benchtime 1x ./pipeline
func BenchmarkIngestGrowth(b *testing.B) {
	if testing.Short() {
		b.Skip("populates a store with 100 000 documents")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "growth.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	p := &Pipeline{Store: st}
	gen := newStream(1)
	add := func(n int) time.Duration {
		var spent time.Duration
		for range n {
			d, ms := gen.next()
			t0 := time.Now()
			f, _, err := p.Fuse(ctx, d, ms)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := st.AddFused(ctx, f); err != nil {
				b.Fatal(err)
			}
			spent += time.Since(t0)
		}
		return spent
	}
	const measured = 2000
	perDoc := map[int]float64{}
	b.ResetTimer()
	for _, size := range growthSizes {
		b.StopTimer()
		add(size - gen.count)
		b.StartTimer()
		perDoc[size] = float64(add(measured).Microseconds()) / measured
		b.Logf("%d documents stored: %.0f µs per document", size, perDoc[size])
	}
	small, large := growthSizes[0], growthSizes[1]
	b.ReportMetric(perDoc[small], fmt.Sprintf("µs/doc@%dk", small/1000))
	b.ReportMetric(perDoc[large], fmt.Sprintf("µs/doc@%dk", large/1000))
	b.ReportMetric(perDoc[large]/perDoc[small], "growth")
}

// stream generates reports of synthetic events in publication order.
type stream struct {
	r       *rand.Rand
	count   int
	day     time.Time
	pending []report // reports to publish, in order
	events  int
}

type report struct {
	d  doc.Document
	ms []doc.Mention
}

const (
	eventsPerDay = 20
	countries    = 25
	townsEach    = 12
)

var (
	outlets   = []string{"Atlas Wire", "Continental Wire", "Harbor Line News", "Crescent Daily", "Dnipro Herald", "Savanna Times", "Horn Courier", "Tigris Times", "Red Sea Monitor", "Sahel Observer"}
	subTypes  = []string{"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Armed clash", "Attack"}
	acledType = map[string]string{"Air/drone strike": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
		"Remote explosive/landmine/IED": "Explosions/Remote violence", "Armed clash": "Battles", "Attack": "Violence against civilians"}
	words = strings.Fields(`the a of in on at killed wounded residents officials said local sources attack strike village town
		market road convoy checkpoint near north south east west fighters soldiers civilians drone missile shelling bomb
		witnesses hospital police army group claimed denied statement morning evening night district province regional
		governor ministry rescue teams rubble fire damaged houses school mosque bridge vehicle patrol camp base`)
)

func newStream(seed uint64) *stream {
	return &stream{r: rand.New(rand.NewPCG(seed, 42)), day: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// next returns the next document and its mentions.
func (s *stream) next() (doc.Document, []doc.Mention) {
	// a report published before the next day to generate cannot be preceded by one of that day's
	for len(s.pending) == 0 || !s.pending[0].d.Published.Before(s.day) {
		s.newDay()
	}
	r := s.pending[0]
	s.pending = s.pending[1:]
	s.count++
	return r.d, r.ms
}

// newDay makes the day's events and their reports (published that day and the next).
func (s *stream) newDay() {
	var reps []report
	for range eventsPerDay {
		s.events++
		c := s.r.IntN(countries)
		town := s.r.IntN(townsEach)
		place := &doc.Place{Name: fmt.Sprintf("Town %d-%d", c, town), Country: fmt.Sprintf("C%02d", c),
			Lat: float64(c*3) + float64(town)*0.4, Lon: 20 + float64(town)*0.4, Precision: doc.PrecisionCity, GeonameID: 1000*c + town + 1}
		sub := subTypes[s.r.IntN(len(subTypes))]
		var a1 *doc.Actor
		if s.r.IntN(2) == 0 {
			a1 = &doc.Actor{Name: fmt.Sprintf("Group %d-%d", c, s.r.IntN(3)), Kind: "armed_group", Country: place.Country}
		}
		killed := s.r.IntN(12)
		var first string
		for k := range 1 + s.r.IntN(4) {
			published := s.day.Add(time.Duration(s.r.IntN(48*60)) * time.Minute)
			outlet := outlets[s.r.IntN(len(outlets))]
			var text string
			if k > 0 && s.r.IntN(20) == 0 {
				text = strings.Replace(first, "said", "reported", 1) // a syndicated copy with an edit
			} else {
				text = s.text(place.Name)
			}
			if k == 0 {
				first = text
			}
			d := doc.Document{Source: outlet, Published: published, Text: text, Origin: "bench"}
			d.ID = doc.ContentID(outlet, text)
			sentence := text[:strings.IndexByte(text, '.')+1]
			date := doc.When{Start: s.day, End: s.day, Precision: doc.DateDay}
			if s.r.IntN(5) == 0 {
				p := published.Truncate(24 * time.Hour)
				date = doc.When{Start: p, End: p, Precision: doc.DateReported}
			}
			n := killed + s.r.IntN(2)
			m := doc.Mention{Type: "ASSAULT", ACLEDType: acledType[sub], ACLEDSubType: sub, Modality: doc.Occurred,
				Trigger: doc.Phrase{Text: "strike", Span: doc.Span{Start: 0, End: 6}}, Actor1: a1, Location: place, Date: date,
				Fatalities: &n, Evidence: doc.Evidence{Doc: d.ID, Sentence: sentence, Span: doc.Span{Start: 0, End: len(sentence)}},
				Sources: []doc.Attribution{{Name: outlet}}, Confidence: 0.5 + 0.1*float64(s.r.IntN(5))}
			reps = append(reps, report{d: d, ms: []doc.Mention{m}})
		}
	}
	s.pending = append(s.pending, reps...)
	slices.SortStableFunc(s.pending, func(a, b report) int { return a.d.Published.Compare(b.d.Published) })
	s.day = s.day.Add(24 * time.Hour)
}

func (s *stream) text(town string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A strike hit %s, officials said.", town)
	for range 60 {
		b.WriteByte(' ')
		b.WriteString(words[s.r.IntN(len(words))])
	}
	fmt.Fprintf(&b, " %d.", s.r.Uint64())
	return b.String()
}

// growthSizes are the store sizes BenchmarkIngestGrowth measures at; SITREP_GROWTH="2000,10000"
// measures at others (a quick check).
var growthSizes = func() []int {
	var a, b int
	if _, err := fmt.Sscanf(os.Getenv("SITREP_GROWTH"), "%d,%d", &a, &b); err == nil && 0 < a && a < b {
		return []int{a, b}
	}
	return []int{10_000, 100_000}
}()
