package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

type roles struct {
	actor1, actor2 *doc.Actor
	unclear        bool // the roles were read against the usual order: confidence goes down
}

var beVerbs = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "got": true}

// words that introduce the target after a trigger: "strikes on", "attack against", "targeting"
var targetPreps = map[string]bool{"on": true, "against": true, "targeting": true, "at": true, "upon": true, "hitting": true, "killing": true, "into": true}

// words that end a clause for role purposes
var clauseBreaks = map[string]bool{";": true, ":": true, "—": true, "–": true}

// determiners and modifiers that mark a trigger as a noun: "an airstrike", "the attack", "a new wave of"
var nominalMarkers = map[string]bool{"a": true, "an": true, "the": true, "its": true, "their": true, "his": true, "her": true, "new": true, "fresh": true, "deadly": true, "suspected": true, "latest": true, "second": true, "another": true, "heavy": true, "renewed": true, "of": true}

func (x *Extractor) assignRoles(s *sentence, trig lexicon.Hit, st *docState) roles {
	var r roles
	before, after := -1, -1 // nearest actor hit before the trigger, first after
	for i, h := range s.actors {
		if h.Last < trig.First {
			if !s.isSourceActor(h) || before < 0 {
				before = i
			}
		} else if h.First > trig.Last && after < 0 && !s.clauseBreakBetween(trig.Last, h.First) {
			after = i
		}
	}
	passive := trig.First > 0 && (beVerbs[s.norm(trig.First-1)] || beVerbs[s.norm(trig.First-2)] && s.norm(trig.First-1) != "")
	by := -1 // actor after "by" following the trigger
	for i, h := range s.actors {
		if h.First > trig.Last && h.First-trig.Last <= 6 && s.precededBy(h.First, "by") {
			by = i
			break
		}
	}
	target := -1 // actor after a target preposition following the trigger
	for i, h := range s.actors {
		if h.First > trig.Last && h.First-trig.Last <= 8 && s.precededByAny(h.First, targetPreps) {
			target = i
			break
		}
	}
	nominal := trig.First > 0 && (nominalMarkers[s.norm(trig.First-1)] || s.toks[trig.First-1].Possessive || s.adjacentActor(trig.First) >= 0)
	adjacent := s.adjacentActor(trig.First)

	b1, b2 := s.between(trig)
	switch {
	case b1 >= 0:
		r.actor1 = x.actor(s, s.actors[b1], st, true)
		if b2 >= 0 {
			r.actor2 = x.actor(s, s.actors[b2], st, true)
		}
	case passive:
		if by >= 0 {
			r.actor1 = x.actor(s, s.actors[by], st, true)
		}
		if before >= 0 {
			r.actor2 = x.actor(s, s.actors[before], st, false)
		}
	case nominal:
		if adjacent >= 0 {
			r.actor1 = x.actor(s, s.actors[adjacent], st, true)
		} else if by >= 0 {
			r.actor1 = x.actor(s, s.actors[by], st, true)
		} else if before >= 0 && s.isSourceActor(s.actors[before]) == false {
			// "Israel launched an airstrike": the subject of a light verb acts
			r.actor1 = x.actor(s, s.actors[before], st, true)
		}
		if target >= 0 {
			r.actor2 = x.actor(s, s.actors[target], st, false)
		} else if after >= 0 && after != by {
			r.actor2 = x.actor(s, s.actors[after], st, false)
			r.unclear = true
		}
	default:
		if before >= 0 {
			r.actor1 = x.actor(s, s.actors[before], st, true)
		}
		switch {
		case target >= 0:
			r.actor2 = x.actor(s, s.actors[target], st, false)
		case after >= 0:
			r.actor2 = x.actor(s, s.actors[after], st, false)
		}
		if r.actor1 == nil && r.actor2 != nil && by < 0 {
			r.unclear = true
		}
	}
	if r.actor1 == nil {
		r.actor1 = s.corefActor(trig, st)
	}
	if r.actor2 == nil && trig.Action.Type == "ASSAULT" {
		r.actor2 = x.victims(s, trig, st)
	}
	if r.actor1 != nil && r.actor2 != nil && r.actor1.Span == r.actor2.Span {
		r.actor2 = nil
	}
	return r
}

// adjacentActor returns the actor hit that ends right before token i ("Israeli airstrike", "an IS
// attack", "Russia's shelling"), skipping one article, or -1.
func (s *sentence) adjacentActor(i int) int {
	for k, h := range s.actors {
		// an actor phrase may share its last word with the trigger: "Ukrainian drone" + "drone attack"
		if h.First < i && (h.Last == i-1 || h.Last == i || (h.Last == i-2 && nominalMarkers[s.norm(i-1)])) {
			return k
		}
	}
	return -1
}

// between finds "between X and Y" after the trigger: both sides of a clash.
func (s *sentence) between(trig lexicon.Hit) (int, int) {
	for k := trig.Last + 1; k < len(s.toks) && k <= trig.Last+4; k++ {
		if s.norm(k) != "between" {
			continue
		}
		first, second := -1, -1
		for i, h := range s.actors {
			if h.First > k && first < 0 {
				first = i
			} else if first >= 0 && h.First > s.actors[first].Last && second < 0 {
				second = i
			}
		}
		return first, second
	}
	return -1, -1
}

// precededBy reports whether word stands right before token i, articles and modifiers skipped ("by a
// Turkish drone").
func (s *sentence) precededBy(i int, word string) bool {
	k := i - 1
	for k >= 0 && i-k <= 3 && nominalMarkers[s.norm(k)] && s.norm(k) != word {
		k--
	}
	return k >= 0 && s.norm(k) == word
}

func (s *sentence) precededByAny(i int, words map[string]bool) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if words[s.norm(k)] {
			return true
		}
		if !nominalMarkers[s.norm(k)] && k != i-1 {
			return false
		}
	}
	return false
}

func (s *sentence) clauseBreakBetween(a, b int) bool {
	for k := a + 1; k <= b && k < len(s.toks); k++ {
		if clauseBreaks[s.toks[k].Punct] {
			return true
		}
	}
	return false
}

// isSourceActor reports an actor that is cited rather than acting: "according to the army", "the
// ministry said".
func (s *sentence) isSourceActor(h lexicon.Hit) bool {
	if h.First >= 2 && s.norm(h.First-2) == "according" && s.norm(h.First-1) == "to" {
		return true
	}
	if h.First >= 3 && s.norm(h.First-3) == "according" && s.norm(h.First-2) == "to" {
		return true
	}
	for _, c := range s.cuesOf("report") {
		if c.First == h.Last+1 {
			return true
		}
	}
	return false
}

// actor turns an actor hit into a doc.Actor, resolving bare countries and demonyms by their role: a
// country that acts in violence is its military, otherwise its government.
func (x *Extractor) actor(s *sentence, h lexicon.Hit, st *docState, acting bool) *doc.Actor {
	e := *h.Actor
	a := &doc.Actor{Text: s.text(st.doc, h.First, h.Last), Name: e.Name, Country: e.Country, Kind: e.Kind, Span: s.span(h.First, h.Last)}
	if e.Kind == lexicon.KindCountry || e.Kind == lexicon.KindDemonym {
		kind := lexicon.KindGovernment
		if trig, ok := s.mainTrigger(); ok && (trig.Action.Type == "ASSAULT" || trig.Action.Type == "THREATEN") && acting {
			kind = lexicon.KindMilitary
		}
		if !acting && e.Kind == lexicon.KindDemonym {
			kind = lexicon.KindCivilians
		}
		a.Kind = kind
		a.Name = lexicon.GenericKindName(kind, x.lex.CountryName(e.Country))
	}
	return a
}

// corefActor resolves "the group" and its kin to the nearest armed group named earlier.
func (s *sentence) corefActor(trig lexicon.Hit, st *docState) *doc.Actor {
	c := s.cue("coref")
	if c == nil || c.Last >= trig.First || len(st.actors) == 0 {
		return nil
	}
	a := st.actors[len(st.actors)-1]
	a.Text = st.doc.Text[s.span(c.First, c.Last).Start:s.span(c.First, c.Last).End]
	a.Span = s.span(c.First, c.Last)
	return &a
}

// fillActorCountries gives actors named without a country ("troops", "civilians", "police") a
// country: for forces, that of the last force of their kind the report named ("Israeli forces ...
// soldiers fired"), else the country of the event's place; and names them as their kind of it.
func (x *Extractor) fillActorCountries(m *doc.Mention, st *docState) {
	for _, a := range []*doc.Actor{m.Actor1, m.Actor2} {
		if a == nil || a.Country != "" {
			continue
		}
		country := ""
		if m.Location != nil {
			country = m.Location.Country
		}
		switch a.Kind {
		case lexicon.KindMilitary, lexicon.KindPolice:
			if c := st.kindCountry[a.Kind]; c != "" {
				country = c
			}
		case lexicon.KindCivilians, lexicon.KindProtesters:
		default:
			continue
		}
		if country == "" {
			continue
		}
		a.Country = country
		if a.Name == "" || a.Kind == lexicon.KindCivilians || a.Kind == lexicon.KindProtesters {
			a.Name = lexicon.GenericKindName(a.Kind, x.lex.CountryName(country))
		}
	}
}

// sources are the outlets the sentence cites, actors it cites ("the ministry said"), and the
// document's own outlet.
func (x *Extractor) sources(s *sentence, st *docState) []doc.Attribution {
	var out []doc.Attribution
	seen := map[string]bool{}
	add := func(name string, sp doc.Span) {
		if name == "" || seen[name] {
			return
		}
		seen[name] = true
		out = append(out, doc.Attribution{Name: name, Span: sp})
	}
	for _, h := range s.outlets {
		add(h.Outlet.Name, s.span(h.First, h.Last))
	}
	for _, h := range s.actors {
		if s.isSourceActor(h) {
			a := x.actor(s, h, st, false)
			if h.Actor.Kind == lexicon.KindCountry || h.Actor.Kind == lexicon.KindDemonym {
				a.Name = lexicon.GenericKindName(lexicon.KindGovernment, x.lex.CountryName(h.Actor.Country))
			}
			add(a.Name, a.Span)
		}
	}
	add(st.doc.Source, doc.Span{})
	return out
}

// crowdActor makes the crowd itself the actor of a protest or riot: whoever the text says gathered
// ("retirees", "a women group", "protesters") are Protesters, or Rioters, of the country it
// happened in. A named organiser stays in the text but the actor is the crowd, as monitors code it.
func (x *Extractor) crowdActor(s *sentence, trig lexicon.Hit, m *doc.Mention) {
	if m.Type != "PROTEST" || m.Location == nil || m.Location.Country == "" {
		return
	}
	if m.Actor1 != nil && (m.Actor1.Kind == lexicon.KindPolice || m.Actor1.Kind == lexicon.KindMilitary) {
		// "police dispersed protesters": the crowd is the first party, the force the second
		m.Actor2 = m.Actor1
		m.Actor1 = nil
	}
	name := lexicon.GenericKindName(lexicon.KindProtesters, x.lex.CountryName(m.Location.Country))
	if m.ACLEDType == "Riots" {
		name = "Rioters (" + x.lex.CountryName(m.Location.Country) + ")"
	}
	a := &doc.Actor{Name: name, Country: m.Location.Country, Kind: lexicon.KindProtesters}
	switch {
	case m.Actor1 != nil && m.Actor1.Kind != lexicon.KindGovernment:
		a.Text, a.Span = m.Actor1.Text, m.Actor1.Span
	default:
		a.Text, a.Span = m.Trigger.Text, m.Trigger.Span
	}
	if m.Actor1 != nil && m.Actor1.Kind == lexicon.KindGovernment && m.Actor2 == nil {
		// protests are mostly against the government the text names
		m.Actor2 = m.Actor1
	}
	m.Actor1 = a
}

// unknownPerpetrator names the author of a bombing the text does not name: monitors code an IED
// or an attack by "unknown gunmen" to an unidentified armed group of the country. Generic armed
// actors ("militants", "gunmen") with no group named are that same unidentified group.
func (x *Extractor) unknownPerpetrator(trig lexicon.Hit, m *doc.Mention) {
	if m.Location == nil || m.Location.Country == "" || m.Type != "ASSAULT" || m.Modality != doc.Occurred {
		return
	}
	name := "Unidentified armed group (" + x.lex.CountryName(m.Location.Country) + ")"
	if a := m.Actor1; a != nil && a.Country == "" && (a.Kind == lexicon.KindUnknown || a.Name == "Militants") {
		a.Name, a.Kind, a.Country = name, lexicon.KindUnknown, m.Location.Country
		return
	}
	if m.Actor1 == nil && m.ACLEDSubType == "Remote explosive/landmine/IED" {
		m.Actor1 = &doc.Actor{Text: m.Trigger.Text, Name: name, Country: m.Location.Country, Kind: lexicon.KindUnknown, Span: m.Trigger.Span}
	}
}

// casualtyVerbs introduce the people an attack hit: "killing two civilians", "injuring a child".
var casualtyVerbs = map[string]bool{"killing": true, "killed": true, "injuring": true, "injured": true, "wounding": true,
	"wounded": true, "targeting": true, "hitting": true, "shot": true, "kidnapped": true, "abducted": true}

// victims finds the civilians an attack struck when no target stands next to the trigger: the first
// civilian actor after a casualty verb anywhere later in the sentence.
func (x *Extractor) victims(s *sentence, trig lexicon.Hit, st *docState) *doc.Actor {
	for _, h := range s.actors {
		if h.First <= trig.Last || h.Actor.Kind != lexicon.KindCivilians {
			continue
		}
		for k := h.First - 1; k >= 0 && k >= h.First-4; k-- {
			if casualtyVerbs[s.norm(k)] {
				return x.actor(s, h, st, false)
			}
		}
	}
	return nil
}
