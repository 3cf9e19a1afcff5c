package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// strikeEffects are what a strike does as the subject of its clause: "one strike engaged an ISIL
// tactical unit", "two strikes destroyed a bridge", "a strike killed five".
var strikeEffects = wordset.SetFrom(map[string]bool{"engaged": true, "destroyed": true, "struck": true, "hit": true,
	"killed": true, "targeted": true, "damaged": true, "suppressed": true, "wounded": true, "injured": true,
	"levelled": true, "leveled": true, "flattened": true, "demolished": true, "destroying": true, "killing": true,
	"disabled": true, "produced": true, "impacted": true, "cratered": true, "denied": true, "immobilized": true,
	"immobilised": true, "neutralized": true, "neutralised": true, "eliminated": true})

// strikeCounters make "strike" a counted noun: "one strike", "a strike", "the strikes", "another
// coalition strike".
var strikeCounters = wordset.SetFrom(map[string]bool{"a": true, "an": true, "the": true, "another": true,
	"several": true, "multiple": true, "further": true, "additional": true, "these": true, "those": true,
	"both": true, "subsequent": true, "separate": true, "one": true, "two": true, "three": true})

// strikeSubject returns the verb that a counted "strike" or "strikes" does ("one strike engaged an
// ISIL tactical unit"), or -1. Such a strike is the event, from the air, and whatever the clause
// goes on to name (an engagement, a destroyed vehicle, a mortar system, an explosives facility) is
// what it hit, not another event.
func (s *sentence) strikeSubject(h lexicon.Hit) int {
	if h.First != h.Last || !aerialNouns.Has(s.norm(h.First)) || !strikeEffects.Has(s.norm(h.Last+1)) {
		return -1
	}
	for k := h.First - 1; k >= 0 && h.First-k <= 3; k-- {
		if s.toks[k+1].Punct != "" {
			return -1 // a break between k and the strike
		}
		if strikeCounters.Has(s.norm(k)) || s.isCount(k) {
			return h.Last + 1
		}
	}
	return -1
}

var aerialNouns = wordset.SetFrom(map[string]bool{"strike": true, "strikes": true})

// strikeDoes reports that b is said of the strike h: a trigger in the rest of the clause whose
// subject h is.
func (s *sentence) strikeDoes(h, b lexicon.Hit) bool {
	v := s.strikeSubject(h)
	if v < 0 || b.First < v {
		return false
	}
	for k := v + 1; k <= b.First; k++ {
		if s.toks[k].Punct == ";" && !s.continuesStrike(k) {
			return false
		}
	}
	return true
}

// continuesStrike reports a clause after a semicolon that goes on listing what the strike did
// ("one strike engaged a tactical unit; destroyed two buildings; and damaged a tunnel").
func (s *sentence) continuesStrike(k int) bool {
	if s.norm(k) == "and" {
		k++
	}
	return strikeEffects.Has(s.norm(k))
}
