package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"strings"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// aerialVerbs are generic attack words that, from a state's forces with no other weapon named,
// mean an attack from the air.
var aerialVerbs = wordset.SetFrom(map[string]bool{"strike": true, "strikes": true, "bombed": true, "bombing": true, "bombings": true})

// raidWords are what a coalition's aircraft fly: "carried out 14 raids".
var raidWords = wordset.SetFrom(map[string]bool{"raid": true, "raids": true})

// groundWords before a raid put it on the ground: "a ground raid", "a commando raid".
var groundWords = wordset.SetFrom(map[string]bool{"ground": true, "commando": true, "night": true, "security": true,
	"house": true, "helicopter": true, "airborne": true})

// withoutOverlap drops the cues that are the trigger's own words.
func withoutOverlap(ins []lexicon.Hit, trig lexicon.Hit) []lexicon.Hit {
	out := make([]lexicon.Hit, 0, len(ins))
	for _, h := range ins {
		if h.Last < trig.First || h.First > trig.Last {
			out = append(out, h)
		}
	}
	return out
}

// before keeps the cues that end before the trigger.
func before(ins []lexicon.Hit, trig lexicon.Hit) []lexicon.Hit {
	out := make([]lexicon.Hit, 0, len(ins))
	for _, h := range ins {
		if h.Last < trig.First {
			out = append(out, h)
		}
	}
	return out
}

// unitWords name military formations; written with a capital, or after an ordinal ("5th
// Armored Division", "the 47th Brigade", "Liwaa al-Waqas").
var unitWords = wordset.SetFrom(map[string]bool{"division": true, "brigade": true, "brigades": true, "battalion": true,
	"regiment": true, "corps": true, "liwaa": true, "liwa": true})

// postWords are the posts of armed forces an attack's object may be: "attacked a checkpoint".
var postWords = wordset.SetFrom(map[string]bool{"checkpoint": true, "checkpoints": true, "outpost": true, "outposts": true,
	"barracks": true, "garrison": true, "convoy": true, "patrol": true, "post": true, "posts": true,
	"checkposts": true, "base": true, "bases": true, "positions": true})

// unitObject reports a military unit in the object of the trigger, before the clause ends, or an
// armed post right after it ("attacked a checkpoint in Nad Ali").
func (s *sentence) unitObject(trig lexicon.Hit) bool {
	for k := trig.Last + 1; k < len(s.toks) && k <= trig.Last+10; k++ {
		if p := s.toks[k].Punct; p != "" && p != "-" {
			return false
		}
		if unitWords.Has(s.norm(k)) && startsUpper(s.toks[k].Text) {
			return true
		}
		if postWords.Has(s.norm(k)) && k <= trig.Last+3 {
			return true
		}
	}
	return false
}

// namesOperation reports a trigger phrase built on "operation" ("operation against", "clearance
// operation").
func (s *sentence) namesOperation(trig lexicon.Hit) bool {
	for k := trig.First; k <= trig.Last; k++ {
		if strings.HasPrefix(s.norm(k), "operation") {
			return true
		}
	}
	return false
}
