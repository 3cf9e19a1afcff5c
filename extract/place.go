package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// resolvePlaces picks a gazetteer entry for every place name of the sentence, in the document's context.
func (x *Extractor) resolvePlaces(s *sentence, st *docState) {
	for _, f := range s.places {
		if p, ok := x.gaz.Resolve(f, st.ctx); ok {
			s.resolved = append(s.resolved, resolvedPlace{found: f, place: p})
		}
	}
}

// eventPlace picks where the event happened: the most precise place the sentence names, never one a
// strike was launched from (that is the origin). A name the text gives as the area around another
// ("Sadah" in "Ar Raqw (Monabbih, Sadah)") or that names a building or street ("Falka Square",
// "Damascus Gate") stands back for the sentence's other places; among equally precise places, one
// the text files under its area ("Manavgat town, Antalya") goes first.
func (s *sentence) eventPlace() (loc, origin *doc.Place) {
	origins := s.cuesOf("origin")
	var best, fallback *resolvedPlace
	for i := range s.resolved {
		r := &s.resolved[i]
		isOrigin := r.found.Cue == "from" && len(origins) > 0
		for _, o := range origins {
			if o.Last < r.found.First && r.found.First-o.Last <= 4 {
				isOrigin = true
			}
		}
		if isOrigin {
			if origin == nil {
				p := r.place
				origin = &p
			}
			continue
		}
		if fallback == nil || betterPlace(r, fallback) {
			fallback = r
		}
		if r.found.Container || r.found.Facility || s.quoted(r.found.First, r.found.Last) {
			continue
		}
		if best == nil || betterPlace(r, best) {
			best = r
		}
	}
	if best == nil || fallback != nil && doc.MorePrecise(fallback.place.Precision, best.place.Precision) && !finerThanAdmin1(best.place.Precision) {
		best = fallback
	}
	if best != nil {
		p := best.place
		loc = &p
	}
	return loc, origin
}

// betterPlace reports whether a is a better event place than b, which comes before it in the sentence.
func betterPlace(a, b *resolvedPlace) bool {
	if doc.MorePrecise(a.place.Precision, b.place.Precision) {
		return true
	}
	return a.place.Precision == b.place.Precision && a.found.Inside && !b.found.Inside
}

// finerThanAdmin1 reports whether a precision is a site, a town or a district: a place the sentence
// names that precisely is where the event is, even when a building named after another place is finer.
func finerThanAdmin1(p string) bool {
	return p == doc.PrecisionPoint || p == doc.PrecisionCity || p == doc.PrecisionNear || p == doc.PrecisionAdmin2
}

// countryPlace is the fallback location when no sentence of an event names its place: the first
// place the report names elsewhere, else the country of the actors (the target's first, since
// events mostly happen where the target is).
func (x *Extractor) countryPlace(a1, a2 *doc.Actor, st *docState) *doc.Place {
	if f := st.ctx.First; f != nil {
		if p, ok := x.gaz.Resolve(*f, st.ctx); ok {
			return &p
		}
	}
	for _, a := range []*doc.Actor{a2, a1} {
		if a == nil || a.Country == "" || a.Kind == lexicon.KindPerson {
			continue
		}
		if p := x.countryPoint(a.Country); p != nil {
			return p
		}
	}
	return nil
}

// countryPoint is a country as an event's place, at country precision; nil for a code the
// gazetteer lacks.
func (x *Extractor) countryPoint(iso3 string) *doc.Place {
	c, ok := x.gaz.CountryByISO3(iso3)
	if !ok {
		return nil
	}
	return &doc.Place{Name: c.Name, Country: c.Country, Lat: c.Lat, Lon: c.Lon, Precision: doc.PrecisionCountry}
}

// quoted reports a name inside quotation marks ("'in Najran'"): a source's words, which monitors
// place by the frame the report gives around them.
func (s *sentence) quoted(first, last int) bool {
	open := false
	for j := first; j >= 0 && first-j <= 3; j-- {
		if strings.ContainsAny(s.toks[j].Punct, "'‘\"“") {
			open = true
			break
		}
	}
	if !open {
		return false
	}
	if last+1 < len(s.toks) {
		return strings.ContainsAny(s.toks[last+1].Punct, "'’\"”")
	}
	r, _ := utf8.DecodeRuneInString(s.Text[min(len(s.Text), s.toks[last].Span.End-s.Span.Start):])
	return strings.ContainsRune("'’\"”", r)
}

// codedPlace finds the place a monitor's note says it coded the event to ("(coded to Al Buqa)",
// "Coded to Al Anbar capital Ramadi city.", "Coded as Soran district."): the note's own
// statement of where it put the event, which overrides the places the story names. Of several
// places in the phrase, the most precise.
func codedPlace(parsed []*sentence) *doc.Place {
	for _, s := range parsed {
		var best *resolvedPlace
		for i := range s.resolved {
			r := &s.resolved[i]
			if !s.afterCoded(r.found.First) {
				continue
			}
			if best == nil || doc.MorePrecise(r.place.Precision, best.place.Precision) {
				best = r
			}
		}
		if best != nil {
			p := best.place
			return &p
		}
	}
	return nil
}

// afterCoded reports a name right after "coded to" or "coded as", an article apart at most
// ("coded to Al Buqa"), or after the word "capital" in such a phrase ("Coded to Al Anbar capital
// Ramadi city"). "(coded as Police Forces of Israel)" codes an actor, not a place.
func (s *sentence) afterCoded(first int) bool {
	k := first - 1
	if k >= 0 && s.norm(k) == "the" && s.toks[first].Punct == "" {
		k--
	}
	if k >= 1 && s.norm(k) == "capital" {
		for j := k - 1; j >= 1 && k-j <= 5; j-- {
			if n := s.norm(j); (n == "to" || n == "as") && s.norm(j-1) == "coded" {
				return true
			}
		}
		return false
	}
	return k >= 1 && s.toks[k+1].Punct == "" && (s.norm(k) == "to" || s.norm(k) == "as") && s.norm(k-1) == "coded"
}
