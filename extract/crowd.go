package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// riotAct reports a trigger that is itself a riot cue: "threw stones", "hurled rocks".
func (s *sentence) riotAct(trig lexicon.Hit) bool { return s.coveredByCue("riot", trig) }

// bareNationality reports an actor span that is a nationality alone ("Palestinian" in "Palestinian
// youths"), which the roles made a country's military.
func (s *sentence) bareNationality(sp doc.Span) bool {
	for _, h := range s.actors {
		if s.span(h.First, h.Last) == sp {
			return h.Actor.Kind == lexicon.KindDemonym
		}
	}
	return false
}

// buildingNouns are the buildings a crowd burns or storms: "burned the Iranian consulate".
var buildingNouns = wordset.SetFrom(map[string]bool{"consulate": true, "embassy": true, "headquarters": true, "office": true,
	"offices": true, "building": true, "buildings": true, "station": true, "courthouse": true, "parliament": true})

// burnedBuilding reports a building burned, torched or set on fire: "protesters burned the Iranian
// consulate in Najaf".
func (s *sentence) burnedBuilding() bool {
	for k := range s.toks {
		switch s.norm(k) {
		case "burned", "burnt", "torched", "burning", "torching":
		default:
			continue
		}
		for j := k + 1; j < len(s.toks) && j <= k+4; j++ {
			if s.toks[j].Punct != "" {
				break
			}
			if buildingNouns.Has(s.norm(j)) {
				return true
			}
		}
	}
	return false
}
