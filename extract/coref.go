package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"slices"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// Within-document coreference: words that stand for a party named before them become that party,
// so the role rules see "the group", "it", "its aircraft" or "he" as what they refer to. Each refers
// to the nearest compatible antecedent: in the sentence itself before the word, else in the sentences
// before it.

// memory is what earlier sentences of a report named, for the references of later ones.
type memory struct {
	group  *lexicon.ActorEntry // the last named armed group or organisation
	force  *lexicon.ActorEntry // the last named force, state or group of any armed kind
	person *lexicon.ActorEntry
	outlet *lexicon.Outlet
}

// groupKinds may be "the group", "the movement", "the organisation".
var groupKinds = wordset.SetFrom(map[string]bool{lexicon.KindArmedGroup: true, lexicon.KindMilitia: true, lexicon.KindOrg: true})

// forceKinds may be "its forces", "their fighters", "it" after a statement.
var forceKinds = wordset.SetFrom(map[string]bool{lexicon.KindArmedGroup: true, lexicon.KindMilitia: true, lexicon.KindMilitary: true,
	lexicon.KindPolice: true, lexicon.KindCoalition: true, lexicon.KindGovernment: true, lexicon.KindCountry: true,
	lexicon.KindDemonym: true})

// rememberReferents keeps the sentence's parties for the references of later sentences.
func (m *memory) rememberReferents(s *sentence) {
	for _, h := range s.actors {
		a := h.Actor
		switch {
		case a.Kind == lexicon.KindPerson:
			m.person = a
		case a.IsGeneric() || a.Name == "":
		case groupKinds.Has(a.Kind):
			m.group, m.force = a, a
		case forceKinds.Has(a.Kind):
			m.force = a
		}
	}
	if len(s.outlets) > 0 {
		m.outlet = s.outlets[len(s.outlets)-1].Outlet
	}
}

// resolveReferences turns the sentence's referring words into the parties they stand for.
func (x *Extractor) resolveReferences(s *sentence, m *memory) {
	for c := range s.eachCue("coref") {
		switch c.Cue.Value {
		case "outlet":
			if m.outlet != nil && !s.covered(c.First, c.Last) {
				s.outlets = append(s.outlets, lexicon.Hit{First: c.First, Last: c.Last, Outlet: m.outlet})
			}
		case "person":
			if a := s.antecedent(c.First, func(a *lexicon.ActorEntry) bool { return a.Kind == lexicon.KindPerson }, m.person); a != nil {
				s.refer(c.First, c.Last, a)
			}
		default: // "the group", "the militants": a named group
			if a := s.antecedent(c.First, func(a *lexicon.ActorEntry) bool { return groupKinds.Has(a.Kind) }, m.group); a != nil {
				s.refer(c.First, c.Last, a)
			}
		}
	}
	x.selfReports(s)
	x.possessives(s, m)
	// whether a road block is a protest depends on who blocked the road, known only now
	s.dropFalseTriggers()
}

// selfReports reads "the army said it had killed ..." and "the Houthis said they fired ...": the
// pronoun right after a party's statement is that party.
func (x *Extractor) selfReports(s *sentence) {
	for c := range s.eachCue("report") {
		k := c.Last + 1
		if s.norm(k) == "that" {
			k++
		}
		if n := s.norm(k); n != "it" && n != "they" || s.covered(k, k) {
			continue
		}
		for _, h := range s.actors {
			if h.Last < c.First && c.First-h.Last <= 2 && forceKinds.Has(h.Actor.Kind) {
				s.refer(k, k, h.Actor)
				break
			}
		}
	}
}

// possessives give an unnamed force the party its possessive points to: "the Israeli military said
// its aircraft struck" makes the aircraft Israel's, "the group said its fighters" the group's.
func (x *Extractor) possessives(s *sentence, m *memory) {
	for i, h := range s.actors {
		p := s.norm(h.First - 1)
		if p != "its" && p != "their" || !h.Actor.IsGeneric() || h.Actor.Country != "" || !forceKinds.Has(h.Actor.Kind) {
			continue
		}
		ante := s.antecedent(h.First-1, func(a *lexicon.ActorEntry) bool { return forceKinds.Has(a.Kind) && !a.IsGeneric() }, m.force)
		if ante == nil {
			continue
		}
		s.actors[i].Actor = x.forceOf(h.Actor, ante)
	}
}

// forceOf is the generic force (troops, aircraft, fighters) of a party: a named group's own, or a
// state's military or police.
func (x *Extractor) forceOf(generic, party *lexicon.ActorEntry) *lexicon.ActorEntry {
	switch party.Kind {
	case lexicon.KindArmedGroup, lexicon.KindMilitia, lexicon.KindCoalition, generic.Kind:
		// a group's fighters are the group; the army's aircraft are the army
		return party
	}
	if party.Country == "" {
		return generic
	}
	e := *generic
	e.Country = party.Country
	if e.Kind == lexicon.KindMilitary || e.Kind == lexicon.KindPolice {
		e.Name = lexicon.GenericKindName(e.Kind, x.lex.CountryName(party.Country))
	}
	return &e
}

// antecedent is the nearest party before token i of the sentence that fits, else the one earlier
// sentences left (which may be nil).
func (s *sentence) antecedent(i int, fits func(*lexicon.ActorEntry) bool, earlier *lexicon.ActorEntry) *lexicon.ActorEntry {
	for k := len(s.actors) - 1; k >= 0; k-- {
		if h := s.actors[k]; h.Last < i && fits(h.Actor) {
			return h.Actor
		}
	}
	return earlier
}

// refer makes tokens first..last an actor hit of the party, replacing a generic hit there ("the
// militants" is both a generic actor and a reference).
func (s *sentence) refer(first, last int, a *lexicon.ActorEntry) {
	for i, h := range s.actors {
		if overlaps(h.First, h.Last, first, last) {
			if h.Actor.IsGeneric() {
				s.actors[i] = lexicon.Hit{First: first, Last: last, Actor: a}
			}
			return
		}
	}
	hit := lexicon.Hit{First: first, Last: last, Actor: a}
	at, _ := slices.BinarySearchFunc(s.actors, first, func(h lexicon.Hit, t int) int { return h.First - t })
	s.actors = slices.Insert(s.actors, at, hit)
}

// covered reports whether an actor or outlet hit already spans tokens first..last.
func (s *sentence) covered(first, last int) bool {
	for _, h := range s.actors {
		if overlaps(h.First, h.Last, first, last) {
			return true
		}
	}
	for _, h := range s.outlets {
		if overlaps(h.First, h.Last, first, last) {
			return true
		}
	}
	return false
}
