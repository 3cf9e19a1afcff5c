package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
)

// Prior weighs countries that a collection of reports is about, for the names its reports leave
// ambiguous: a protest "in Tripoli (Tripoli)" with nothing else to place it is in Lebanon when the
// feed is about the Levant, in Libya when it is about North Africa. It counts as much as one
// unambiguous town name of the report itself, so any place the report names outweighs it.
type Prior map[string]int

const (
	// priorMinDocs is the smallest collection that says what it is about.
	priorMinDocs = 20
	// priorShare is the share of a collection's placed reports a country must hold to be in its
	// prior (and at least priorMinCountryDocs reports).
	priorShare          = 0.02
	priorMinCountryDocs = 3
	priorWeight         = 2
)

// CollectionPrior reads the places of every document (the first half of Extract: no event is
// coded) and returns the countries that the collection's reports are mostly about: each report
// votes for the country its own place names weigh most for (see geo.DocumentContext), and a
// country with at least priorShare of the votes gets priorWeight. It returns nil for a collection
// of fewer than priorMinDocs placed reports.
func (x *Extractor) CollectionPrior(docs []doc.Document) Prior {
	votes := map[string]int{}
	n := 0
	for _, d := range docs {
		if c := x.mainCountry(d); c != "" {
			votes[c]++
			n++
		}
	}
	if n < priorMinDocs {
		return nil
	}
	p := Prior{}
	for c, v := range votes {
		if v >= priorMinCountryDocs && float64(v) >= priorShare*float64(n) {
			p[c] = priorWeight
		}
	}
	return p
}

// mainCountry is the country d's place names weigh most for ("" if they weigh for none, or two tie).
func (x *Extractor) mainCountry(d doc.Document) string {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	_, found := x.read(d, sc)
	ctx := x.gaz.DocumentContext(found)
	best, bestW, tie := "", 0, false
	for c, w := range ctx.Countries {
		switch {
		case w > bestW:
			best, bestW, tie = c, w, false
		case w == bestW:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// WithPrior returns an Extractor like x that weighs the prior's countries in every document.
func (x *Extractor) WithPrior(p Prior) *Extractor {
	y := *x
	y.prior = p
	return &y
}
