package extract

import (
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// tollFromLaterSentences gives an attack the dead and wounded that the sentences after its own
// report without telling of another event: "Houthi forces shelled Hays. Three civilians were
// killed." Reports often give the toll last ("2 fatalities."), or add the other side's losses ("3
// Taliban were also killed").
func (x *Extractor) tollFromLaterSentences(d doc.Document, ms []doc.Mention, parsed []*sentence, coded map[*sentence]bool) []doc.Mention {
	// ms is in the order of its sentences: one pass keeps the last mention before each sentence
	drop := make([]bool, len(ms))
	lead, next := -1, 0
	lastOf := map[string]int{} // sub-event type → its last mention so far
	for _, s := range parsed {
		for next < len(ms) && ms[next].Evidence.Span.Start < s.Span.Start {
			if !drop[next] {
				lead = next
				lastOf[ms[next].ACLEDSubType] = next
			}
			next++
		}
		own := -1 // the mention s reported, if it was not merged into an earlier one
		if coded[s] {
			if next < len(ms) && ms[next].Evidence.Span == s.Span {
				own = next
			}
			if own < 0 || !casualtyOnly(ms[own], d.Text) {
				continue
			}
		}
		if own >= 0 && !casualtyWord(ms[own]) {
			// "in the clashes" names the clash told before, not the airstrike between
			if k, ok := lastOf[ms[own].ACLEDSubType]; ok {
				lead = k
			}
		}
		if lead < 0 || ms[lead].Type != "ASSAULT" || ms[lead].Modality != doc.Occurred {
			continue
		}
		if own >= 0 && !samePlaceAndTime(ms[lead], ms[own]) {
			continue
		}
		if own >= 0 {
			// the lead's event told again ("2 soldiers were killed in the clashes"): it bears the
			// lead out
			drop[own] = true
			ms[lead].Confidence = max(ms[lead].Confidence, ms[own].Confidence)
		}
		if s.hedged() {
			// "the Taliban claimed 20 soldiers were killed": a party's claim, not a toll
			continue
		}
		x.addToll(&ms[lead], d.Text, s.casualties(), s.addsToToll())
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// casualtyOnly reports a mention whose sentence tells only who died or was hurt ("Two civilians
// were killed.", "2 soldiers were killed in the clashes"): no one acts in it, and its trigger is a
// casualty word or the lead's event named again ("the clashes", "the attack").
func casualtyOnly(m doc.Mention, text string) bool {
	if m.Type != "ASSAULT" || m.Actor1 != nil {
		return false
	}
	if casualtyWord(m) {
		return true
	}
	before := strings.TrimRight(text[:m.Trigger.Span.Start], " ")
	return strings.HasSuffix(before, " the") && (strings.HasSuffix(before, "in the") || strings.HasSuffix(before, "during the"))
}

func casualtyWord(m doc.Mention) bool {
	switch strings.ToLower(m.Trigger.Text) {
	case "killed", "wounded", "injured", "died", "dead", "were killed", "was killed":
		return true
	}
	return false
}

// addToll folds a later sentence's counts into m: added to m's own where the sentence says they are
// more ("also", "another"), else the larger of the two (a toll restated).
func (x *Extractor) addToll(m *doc.Mention, text string, c casualtyCount, more bool) {
	m.Fatalities = combineCount(m.Fatalities, c.killed, more)
	m.Injured = combineCount(m.Injured, c.injured, more)
	sp := c.hurtCivilians
	if c.civilians != nil && *c.civilians > 0 {
		m.CivilianFatalities = combineCount(m.CivilianFatalities, c.civilians, more)
		sp = c.civilianSpan
	}
	if m.Actor2 == nil && m.Location != nil && m.Location.Country != "" && sp.Len() > 0 {
		// "1 civilian was killed", "3 civilians were injured": the attack hit civilians
		iso3 := m.Location.Country
		m.Actor2 = &doc.Actor{Text: text[sp.Start:sp.End], Name: lexicon.GenericKindName(lexicon.KindCivilians, x.lex.CountryName(iso3)),
			Country: iso3, Kind: lexicon.KindCivilians, Span: sp}
	}
}

func combineCount(have, add *int, more bool) *int {
	switch {
	case add == nil:
		return have
	case have == nil:
		n := *add
		return &n
	case more:
		n := *have + *add
		return &n
	default:
		n := max(*have, *add)
		return &n
	}
}

// addsToToll reports a sentence that counts casualties besides those already told: "three
// Taliban were also killed", "another two were wounded".
func (s *sentence) addsToToll() bool {
	for k := range s.toks {
		switch s.norm(k) {
		case "also", "another", "additional", "further":
			return true
		}
	}
	return false
}

// hedged reports a sentence whose counts are someone's claim or report rather than the writer's:
// a claim, a denial, a source cited ("said", "according to").
func (s *sentence) hedged() bool {
	if len(s.cuesOf("modality")) > 0 || len(s.outlets) > 0 {
		return true
	}
	for k := range s.toks {
		switch s.norm(k) {
		case "said", "says", "claimed", "claims", "according", "reportedly", "alleged", "allegedly":
			return true
		case "reported":
			// "5 fatalities were reported", "2 fatalities reported." state the toll; "the ministry
			// reported that" cites a party
			if !s.beVerb(k-1) && !(k+1 >= len(s.toks) || s.toks[k+1].Punct != "") {
				return true
			}
		}
	}
	return false
}
