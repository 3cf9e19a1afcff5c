package geo

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
)

var precisions = map[string]bool{doc.PrecisionPoint: true, doc.PrecisionCity: true, doc.PrecisionNear: true,
	doc.PrecisionAdmin2: true, doc.PrecisionAdmin1: true, doc.PrecisionRegion: true, doc.PrecisionCountry: true}

// FuzzFind checks Find and Resolve never panic and keep their invariants on any text: names in
// order, not overlapping, inside the tokens and the text, each with candidates that resolve to a
// valid point.
func FuzzFind(f *testing.F) {
	for _, c := range placeCases {
		f.Add(c.text)
	}
	for _, c := range cueCases {
		f.Add(c.text)
	}
	g := gaz(f)
	f.Fuzz(func(t *testing.T, text string) {
		toks := doc.Tokenize(text, 7)
		found := g.Find(toks)
		prev := -1
		var all [][]Found
		all = append(all, found)
		ctx := g.DocumentContext(all)
		for _, x := range found {
			if x.First <= prev || x.First > x.Last || x.Last >= len(toks) {
				t.Fatalf("bad token range %d..%d after %d (%d tokens)", x.First, x.Last, prev, len(toks))
			}
			prev = x.Last
			if x.Span.Start != toks[x.First].Span.Start || x.Span.End != toks[x.Last].Span.End || !(doc.Span{Start: x.Span.Start - 7, End: x.Span.End - 7}).Valid(len(text)) {
				t.Fatalf("bad span %v for %q", x.Span, x.Text)
			}
			if x.Text == "" || len(x.Candidates) == 0 || len(x.Candidates) > maxCandidates {
				t.Fatalf("empty text or %d candidates", len(x.Candidates))
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Text) {
				t.Fatalf("invalid UTF-8 in %q", x.Text)
			}
			p, ok := g.Resolve(x, ctx)
			if !ok {
				// only a small town far from the document's countries is given up
				if p2, ok2 := g.Resolve(x, Context{}); !ok2 || p2.Precision == doc.PrecisionCountry {
					t.Fatalf("Resolve failed for %q without context", x.Text)
				}
				continue
			}
			if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				t.Fatalf("%q: bad point %v,%v", x.Text, p.Lat, p.Lon)
			}
			if !precisions[p.Precision] || p.Country == "" || p.Name == "" {
				t.Fatalf("%q: bad place %+v", x.Text, p)
			}
		}
	})
}
