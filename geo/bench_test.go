package geo

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// benchText is realistic conflict reporting: the test sentences plus filler prose, so that most
// tokens are ordinary words as in real articles.
func benchText() []string {
	var out []string
	filler := []string{
		"The attack came a day after the government said it had agreed to a ceasefire with the armed groups, which have fought for control of the area since last year.",
		"According to the monitoring group, at least twelve people were killed and dozens wounded, most of them civilians who had returned to their homes in recent weeks.",
		"Officials did not respond to requests for comment, and it was not possible to independently verify the reports of casualties or the identity of the attackers.",
		"Humanitarian agencies warned that the fighting had displaced thousands of families and cut access to water, fuel and medical supplies across the region.",
	}
	for i, c := range placeCases {
		out = append(out, c.text, filler[i%len(filler)])
	}
	return out
}

func BenchmarkFind(b *testing.B) {
	g := gaz(b)
	sents := benchText()
	toks := make([][]doc.Token, len(sents))
	n := 0
	for i, s := range sents {
		toks[i] = doc.Tokenize(s, 0)
		n += len(s) + 1
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range toks {
			g.Find(t)
		}
	}
}

// BenchmarkTokenizeFind includes doc.Tokenize, for comparison.
func BenchmarkTokenizeFind(b *testing.B) {
	g := gaz(b)
	sents := benchText()
	b.SetBytes(int64(len(strings.Join(sents, " "))))
	for b.Loop() {
		for _, s := range sents {
			g.Find(doc.Tokenize(s, 0))
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	g := gaz(b)
	var found [][]Found
	for _, s := range benchText() {
		found = append(found, g.Find(doc.Tokenize(s, 0)))
	}
	ctx := g.DocumentContext(found)
	b.ReportAllocs()
	for b.Loop() {
		for _, fs := range found {
			for _, f := range fs {
				g.Resolve(f, ctx)
			}
		}
	}
}

// BenchmarkLoad is the cost of loading the embedded gazetteer (Default does it once per process).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}
