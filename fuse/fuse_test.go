package fuse

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

func mention(sub, day, place string, geoID int, killed *int, conf float64, actor1 *doc.Actor) doc.Mention {
	t, _ := time.Parse(doc.DateLayout, day)
	return doc.Mention{
		Type: "ASSAULT", ACLEDSubType: sub, Modality: doc.Occurred,
		Location:   &doc.Place{Name: place, Country: "SYR", Precision: doc.PrecisionCity, GeonameID: geoID},
		Date:       doc.When{Start: t, End: t, Precision: doc.DateDay},
		Fatalities: killed, Confidence: conf, Actor1: actor1,
		Sources: []doc.Attribution{{Name: "SOHR"}},
	}
}

func ptr(n int) *int { return &n }

func TestKeySeparatesDistinctEvents(t *testing.T) {
	base := mention("Air/drone strike", "2025-12-20", "Deir ez-Zor", 170794, nil, 0.8, nil)
	same := mention("Air/drone strike", "2025-12-20", "Deir ez-Zor", 170794, ptr(9), 0.6, &doc.Actor{Name: "US-led coalition"})
	if Key(base) != Key(same) {
		t.Error("two reports of one strike (one naming the actor, one the toll) must share a key")
	}
	for name, other := range map[string]doc.Mention{
		"another day":   mention("Air/drone strike", "2025-12-21", "Deir ez-Zor", 170794, nil, 0.8, nil),
		"another place": mention("Air/drone strike", "2025-12-20", "Raqqa", 172955, nil, 0.8, nil),
		"another type":  mention("Shelling/artillery/missile attack", "2025-12-20", "Deir ez-Zor", 170794, nil, 0.8, nil),
	} {
		if Key(base) == Key(other) {
			t.Errorf("%s: must not share the key %s", name, Key(base))
		}
	}
}

func TestMergeIsOrderIndependentAndReconciles(t *testing.T) {
	a := mention("Air/drone strike", "2025-12-20", "Deir ez-Zor", 170794, ptr(7), 0.9, nil)
	b := mention("Air/drone strike", "2025-12-20", "Deir ez-Zor", 170794, ptr(9), 0.6, &doc.Actor{Name: "US-led coalition"})
	da := doc.Document{ID: "d1", Source: "Levant Ledger"}
	db := doc.Document{ID: "d2", Source: "Sahel Wire"}
	e1 := Merge(nil, a, da)
	e1 = Merge(&e1, b, db)
	e2 := Merge(nil, b, db)
	e2 = Merge(&e2, a, da)
	for _, e := range []doc.Event{e1, e2} {
		if e.ID != e1.ID || e.ID != ID(Key(a)) {
			t.Errorf("id %s depends on arrival order", e.ID)
		}
		if e.Corroboration != 2 || len(e.Documents) != 2 || len(e.Supporting) != 2 {
			t.Errorf("corroboration %d, documents %v", e.Corroboration, e.Documents)
		}
		if e.Fatalities == nil || *e.Fatalities != 9 {
			t.Errorf("fatalities %v, want the highest report, 9", e.Fatalities)
		}
		if e.Actor1 == nil || e.Actor1.Name != "US-led coalition" {
			t.Errorf("actor1 %v: the report that names the actor must fill it", e.Actor1)
		}
		if e.Confidence != 0.9 {
			t.Errorf("confidence %v: the most confident report's coding leads", e.Confidence)
		}
	}
	// merging must leave the event it was given as it was
	before := len(e1.Documents)
	_ = Merge(&e1, a, doc.Document{ID: "d0", Source: "Another Outlet"})
	if len(e1.Documents) != before || e1.Documents[0] != "d1" {
		t.Errorf("Merge changed its input event: documents %v", e1.Documents)
	}
	// the same outlet again adds a document but not corroboration
	e3 := Merge(&e1, a, doc.Document{ID: "d3", Source: "Levant Ledger"})
	if e3.Corroboration != 2 {
		t.Errorf("a second report from one outlet raised corroboration to %d", e3.Corroboration)
	}
}
