package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// supportMarkers close a phrase that tells what backed an event rather than the event: "PKK
// militants attacked Turkish forces, in conjunction with Turkish airstrikes", "a QSD patrol,
// supported by Coalition warplanes, clashed with ...". The pairs are the marker's last two words.
var supportMarkers = map[[2]string]bool{
	{"conjunction", "with"}: true, {"supported", "by"}: true, {"backed", "by"}: true,
	{"accompanied", "by"}: true, {"covered", "by"}: true, {"assisted", "by"}: true,
	{"support", "of"}: true, {"cover", "of"}: true, {"aided", "by"}: true,
	// the act answered: "Israeli aircraft targeted Hamas positions in response to rocket fire"
	{"response", "to"}: true, {"retaliation", "for"}: true, {"reprisal", "for"}: true, {"revenge", "for"}: true,
}

// supportStarts are the first words of supportMarkers, tested before the pair is: they are rarer
// than the last ("by", "of").
var supportStarts = func() wordset.Set {
	var first []string
	for m := range supportMarkers {
		first = append(first, m[0])
	}
	return wordset.SetOf(first...)
}()

// supportSpan is how many words a support phrase may hold before its trigger or weapon ("in
// conjunction with Turkish army airstrikes").
const supportSpan = 4

// clauseWords end a support phrase: what follows them is a clause of its own ("militants backed
// by Ankara reported that they have taken control").
var clauseWords = wordset.SetFrom(map[string]bool{"that": true, "which": true, "who": true, "when": true,
	"after": true, "while": true, "as": true, "have": true, "has": true, "had": true, "were": true, "was": true})

// inSupport reports whether token i stands in a support phrase: a support marker at most
// supportSpan words before it, with no punctuation or clause word in between.
func (s *sentence) inSupport(i int) bool {
	for k := i - 1; k >= 1 && k >= i-supportSpan-1; k-- {
		if s.toks[k+1].Punct != "" && s.toks[k+1].Punct != "-" {
			return false
		}
		if supportStarts.Has(s.norm(k-1)) && supportMarkers[[2]string{s.norm(k - 1), s.norm(k)}] {
			return true
		}
		if clauseWords.Has(s.norm(k)) {
			return false
		}
	}
	return false
}

// instrumentsFor returns the sentence's weapon cues that bear on the event of trigger trig: those in
// a support phrase only when the trigger is in one too, and none that names the target.
func (s *sentence) instrumentsFor(trig lexicon.Hit) []lexicon.Hit {
	all := s.cuesOf("instrument")
	support := s.inSupport(trig.First)
	out := all[:0]
	for _, h := range all {
		if (support || !s.inSupport(h.First)) && !s.targetWeapon(h, trig) && !s.nonLethal(h) {
			out = append(out, h)
		}
	}
	return out
}

// exchangeWords make two sides' fire one battle: "exchanged shelling", "a shelling exchange",
// "traded fire".
var exchangeWords = wordset.SetFrom(map[string]bool{"exchanged": true, "exchange": true, "exchanges": true, "exchanging": true, "traded": true, "trading": true})

// exchange reports whether a word of exchange stands right before the trigger ("exchanged
// shelling", "exchanged artillery shelling") or right after it ("a shelling exchange"), for a
// trigger that is not a bombing ("set off suicide bombs and exchanged gunfire").
func (s *sentence) exchange(trig lexicon.Hit) bool {
	switch trig.Action.ACLEDSubType {
	case "Suicide bomb", "Remote explosive/landmine/IED", "Grenade":
		return false
	}
	for k := max(trig.First-2, 0); k <= trig.Last+1 && k < len(s.toks); k++ {
		if exchangeWords.Has(s.norm(k)) {
			return true
		}
	}
	// "to shell back", "fired back", "returned fire"
	return s.norm(trig.Last+1) == "back" || s.norm(trig.First-1) == "returned"
}

// targetWeapon reports an instrument cue that names the target, not the weapon: "attacked
// Turkish army helicopters", "opened fire at an airborne helicopter".
func (s *sentence) targetWeapon(c lexicon.Hit, trig lexicon.Hit) bool {
	if c.First <= trig.Last {
		return false
	}
	for k := c.First - 1; k > trig.Last && c.First-k <= 5; k-- {
		if targetPreps.Has(s.norm(k)) {
			return true
		}
	}
	// right after a transitive attack verb: "attacked Turkish army helicopters"; but what is
	// fired or launched is the weapon ("fired a mortar at a wedding")
	if c.First == trig.Last+1 || firingVerbs.Has(s.norm(trig.Last)) {
		return false
	}
	for k := trig.Last + 1; k < c.First; k++ {
		if s.toks[k].Punct != "" || !(startsUpper(s.toks[k].Text) || nominalMarkers.Has(s.norm(k)) || s.norm(k) == "army" || s.norm(k) == "airborne") {
			return false
		}
	}
	return true
}

var firingVerbs = wordset.SetFrom(map[string]bool{"fired": true, "firing": true, "fire": true, "fires": true,
	"launched": true, "launching": true, "lobbed": true, "hurled": true})

// nonLethal reports a hit inside the name of a riot-control weapon: "stun grenades", "rubber
// bullets", "tear gas canisters" (the actions file lists them as how a protest was met).
func (s *sentence) nonLethal(h lexicon.Hit) bool {
	for _, t := range s.triggers {
		if t.Action.ACLEDSubType == "Protest with intervention" && t.Action.Specificity == 1 && t.First <= h.Last && h.First <= t.Last {
			return true
		}
	}
	return false
}
