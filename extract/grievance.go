package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// grievanceWords, shortly before a word of police action, make that action what the protest is
// about, not how it was met: "protested over the arrests of teacher activists", "protesting the
// arrest of 15 activists", "against Turkish intervention", "demanding the release of students".
var grievanceWords = wordset.SetFrom(map[string]bool{
	"over": true, "against": true, "protesting": true, "protested": true, "protest": true, "denounce": true,
	"denouncing": true, "denounced": true, "condemn": true, "condemning": true, "condemned": true,
	"demand": true, "demanding": true, "demanded": true, "release": true, "about": true, "for": true,
})

// relativeWords open a clause about other people: "students who were arrested", "their colleague
// who is detained".
var relativeWords = wordset.SetFrom(map[string]bool{"who": true, "whom": true, "which": true, "whose": true})

// metByForce reports whether a cue of kind ("intervention", "excessive") tells how the sentence's
// protest was met, leaving out those that name its grievance ("over the arrests of"), other
// people's fate ("who were arrested") or a crowd that left by itself ("dispersed peacefully").
func (s *sentence) metByForce(kind string) bool {
	for c := range s.eachCue(kind) {
		if s.norm(c.Last+1) == "of" || s.norm(c.Last+1) == "peacefully" {
			continue
		}
		grievance := false
		for k := c.First - 1; k >= 0 && k >= c.First-4; k-- {
			if grievanceWords.Has(s.norm(k)) || relativeWords.Has(s.norm(k)) {
				grievance = true
				break
			}
			if s.norm(k) == "and" || s.toks[k+1].Punct != "" {
				break // "suppressed a protest and detained a protester": a new clause
			}
		}
		if !grievance {
			return true
		}
	}
	return false
}

// grievance reports a trigger that names what a protest in the sentence is about, or other people's
// fate told in a relative clause: "demanding the release of detainees abducted by the Houthis",
// "families who claim their children have been kidnapped by the PKK staged a protest".
func (s *sentence) grievance(t lexicon.Hit) bool {
	if t.Action.ACLEDType == "Protests" || t.Action.ACLEDType == "Riots" || !s.hasProtestWord() {
		return false
	}
	for k := t.First - 1; k >= 0 && k >= t.First-6; k-- {
		if s.toks[k].IsCapitalised() {
			break // a name ends the phrase: "the United Front for Democracy against Dictatorship hurled"
		}
		if grievanceWords.Has(s.norm(k)) || relativeWords.Has(s.norm(k)) {
			return true
		}
		if clauseBreaks.Has(s.toks[k+1].Punct) || s.toks[k+1].Punct == "," {
			break
		}
	}
	return false
}
