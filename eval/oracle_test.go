package eval

import (
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
)

// oracle builds an extractor that answers every record with a mention made from its own gold
// coding: a perfect extractor. It checks the scorer end to end (every metric should be 1, or 0
// for extra_events), and that ParseGoldActor accepts the actors it implies.
func oracle(recs []Record, format string) Extractor {
	byID := make(map[string]Record, len(recs))
	for _, r := range recs {
		byID[r.ID] = r
	}
	return func(d doc.Document) []doc.Mention {
		r, ok := byID[d.ID]
		if !ok || r.Gold.NoEvent {
			return nil
		}
		g := r.Gold
		m := doc.Mention{Type: "ASSAULT", ACLEDType: g.EventType, ACLEDSubType: g.SubEventType, Confidence: 0.9}
		if g.HasCoords || g.Country != "" {
			m.Location = &doc.Place{Lat: g.Lat, Lon: g.Lon, Country: g.Country, Name: "somewhere"}
		}
		if !g.Date.IsZero() {
			m.Date = doc.When{Start: g.Date, End: g.Date, Precision: doc.DateDay}
		}
		if g.Fatalities != nil {
			n := *g.Fatalities
			m.Fatalities = &n
		}
		as := make([]*doc.Actor, 2)
		for i, name := range g.Actors {
			if i < 2 && name != "" {
				as[i] = actorFor(ParseGoldActor(name, scheme(format)))
			}
		}
		m.Actor1, m.Actor2 = as[0], as[1]
		return []doc.Mention{m}
	}
}

// actorFor invents a sitrep actor that the gold actor should match: its first name, else an
// unnamed actor of its first pattern.
func actorFor(g GoldActor) *doc.Actor {
	if len(g.Names) > 0 {
		return &doc.Actor{Name: strings.ToUpper(g.Names[0]), Kind: "armed_group"}
	}
	if len(g.Patterns) > 0 {
		p := g.Patterns[0]
		return &doc.Actor{Country: p.Country, Kind: p.Kinds[0]}
	}
	return &doc.Actor{Name: "no-such-actor"}
}
