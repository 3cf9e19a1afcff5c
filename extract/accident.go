package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// hostileWords say someone meant the harm: a gas blast "planted" or "claimed" by a group is an
// attack, not an accident.
var hostileWords = wordset.SetFrom(map[string]bool{"attack": true, "attacks": true, "attacker": true, "attackers": true,
	"attacked": true, "bomber": true, "bombers": true, "militants": true, "terrorist": true,
	"terrorists": true, "terror": true, "targeted": true, "targeting": true, "planted": true,
	"claimed": true, "suicide": true, "ied": true, "ieds": true, "shelling": true, "shelled": true,
	"airstrike": true, "airstrikes": true, "drone": true, "drones": true, "rocket": true, "rockets": true,
	"missile": true, "missiles": true, "sabotage": true, "arson": true, "gunmen": true, "shot": true})

// accident reports a sentence about an accident or a disaster (a gas blast, a chemical spill, a
// plane crash, a flood) with no sign that anyone meant it: its explosion or deaths are no political
// violence. (A protest about one is still a protest: the caller asks only of violent triggers.)
func (s *sentence) accident() bool {
	if s.cue("accident") == nil {
		return false
	}
	for k := range s.toks {
		if hostileWords.Has(s.norm(k)) {
			return false
		}
	}
	for _, h := range s.actors {
		if k := h.Actor.Kind; k == lexicon.KindArmedGroup || k == lexicon.KindUnknown {
			return false
		}
	}
	return true
}
