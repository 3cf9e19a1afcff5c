package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/lexicon"
	"github.com/sitrep-dev/sitrep/when"
)

// sentence is one sentence with everything the dictionaries, gazetteer and date rules found in it.
type sentence struct {
	doc.Sentence
	toks     []doc.Token
	actors   []lexicon.Hit // actor hits, places and outlets removed
	outlets  []lexicon.Hit
	triggers []lexicon.Hit
	cues     []lexicon.Hit
	places   []geo.Found
	resolved []resolvedPlace
	dates    []doc.When
}

type resolvedPlace struct {
	found geo.Found
	place doc.Place
}

func (x *Extractor) parse(d doc.Document, s doc.Sentence) *sentence {
	ps := &sentence{Sentence: s, toks: doc.Tokenize(s.Text, s.Span.Start)}
	ps.places = x.gaz.Find(ps.toks)
	var names []lexicon.Hit
	for _, h := range x.lex.Scan(ps.toks) {
		switch {
		case h.Action != nil:
			ps.triggers = append(ps.triggers, h)
		case h.Cue != nil:
			ps.cues = append(ps.cues, h)
		default:
			names = append(names, h)
		}
	}
	// A name is a place or an actor, not both. A bare country after a locative word is a place ("in
	// Syria"), else an actor ("Syria said"); any other actor or outlet name wins over a place it
	// overlaps ("Syrian Observatory", "US Air Force" against "The US").
	var keptPlaces []geo.Found
	for _, p := range ps.places {
		lost := false
		for _, h := range names {
			if overlaps(h.First, h.Last, p.First, p.Last) && !(h.Actor != nil && h.Actor.AlsoPlace && (isLocative(p.Cue) || p.Bearing != "" || p.Qualifier != "")) {
				lost = true
			}
		}
		if !lost {
			keptPlaces = append(keptPlaces, p)
		}
	}
	ps.places = keptPlaces
	for _, h := range names {
		asPlace := false
		for _, p := range ps.places {
			asPlace = asPlace || overlaps(h.First, h.Last, p.First, p.Last)
		}
		switch {
		case asPlace:
		case h.Outlet != nil:
			ps.outlets = append(ps.outlets, h)
		default:
			ps.actors = append(ps.actors, h)
		}
	}
	ps.actors = qualifyGeneric(ps.actors)
	ps.dates = when.Find(s.Text, s.Span.Start, d.Published)
	return ps
}

func overlaps(a1, a2, b1, b2 int) bool { return a1 <= b2 && b1 <= a2 }

func isBareCountry(h lexicon.Hit) bool {
	return h.Actor != nil && (h.Actor.Kind == lexicon.KindCountry || h.Actor.Kind == lexicon.KindDemonym)
}

// isLocative reports whether the word before a name makes it a place: "in Syria", "across Yemen".
func isLocative(cue string) bool { return cue != "" && cue != "by" && cue != "with" }

// cue returns the first cue hit of a kind, or nil.
func (s *sentence) cue(kind string) *lexicon.Hit {
	for i := range s.cues {
		if s.cues[i].Cue.Kind == kind {
			return &s.cues[i]
		}
	}
	return nil
}

// cuesOf returns every cue hit of a kind.
func (s *sentence) cuesOf(kind string) []lexicon.Hit {
	var out []lexicon.Hit
	for _, h := range s.cues {
		if h.Cue.Kind == kind {
			out = append(out, h)
		}
	}
	return out
}

// span is the document span of tokens first..last.
func (s *sentence) span(first, last int) doc.Span {
	return doc.Span{Start: s.toks[first].Span.Start, End: s.toks[last].Span.End}
}

// text is the document text of tokens first..last.
func (s *sentence) text(d doc.Document, first, last int) string {
	sp := s.span(first, last)
	return d.Text[sp.Start:sp.End]
}

// norm is the normalised word at i, or "" out of range.
func (s *sentence) norm(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Norm
}

// qualifyGeneric joins a named actor or a country word to the generic actor right after it: "al-Shabaab
// militants" is al-Shabaab, "Syrian rebels" are rebels of Syria.
func qualifyGeneric(hits []lexicon.Hit) []lexicon.Hit {
	out := hits[:0]
	for i := 0; i < len(hits); i++ {
		h := hits[i]
		if i+1 < len(hits) && hits[i+1].First == h.Last+1 && hits[i+1].Actor.IsGeneric() && !h.Actor.IsGeneric() {
			next := hits[i+1]
			joined := lexicon.Hit{First: h.First, Last: next.Last, Actor: h.Actor}
			if isBareCountry(h) {
				e := *next.Actor
				e.Country = h.Actor.Country
				joined.Actor = &e
			}
			out = append(out, joined)
			i++
			continue
		}
		out = append(out, h)
	}
	return out
}
