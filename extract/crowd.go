package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// riotAct reports a trigger that is itself a riot cue: "threw stones", "hurled rocks".
func (s *sentence) riotAct(trig lexicon.Hit) bool {
	for c := range s.eachCue("riot") {
		if c.First <= trig.Last && trig.First <= c.Last {
			return true
		}
	}
	return false
}

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
