package geo

import (
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// Names the gazetteer matches only as the start of a longer name, names ending in an article, and
// names of streets and buildings: what Find marks and what Resolve makes of it. Sentences written
// for this project.
func TestPartialAndFacilityNames(t *testing.T) {
	g := gaz(t)
	cases := []struct {
		sentences  []string
		name       string // Found.Text; "" when no name may start at forbid
		forbid     string // a name Find must not return
		partial    bool
		facility   bool
		unresolved bool // Resolve must drop it in the document's context
	}{
		// a prefix of a longer Arabic name the gazetteer lacks, abroad: dropped
		{[]string{"Militants attacked Liwa al-Tafuf fighters near Ramadi in Iraq."}, "Liwa", "", true, false, true},
		// ... and when only its skeleton matches a town's name, it is not found at all
		{[]string{"An IED hit a car in Ghadir al Bostan village, Quneitra."}, "", "Ghadir", false, false, false},
		{[]string{"Regime forces shelled the villages of Jabal al-Zawiya in southern Idleb."}, "", "Jabal", false, false, false},
		// a prefix in the country the document is about stays ("Nawa al-Gharbiya" is by Nawa)
		{[]string{"Syrian regime forces shelled Nawa al-Gharbiya overnight."}, "Nawa", "", true, false, false},
		// an article never ends a name: not "Umm Al"
		{[]string{"Turkish drones struck Umm Al-Khair village in the Raqqa countryside."}, "", "Umm Al", false, false, false},
		// English words that are also article forms do not make a prefix
		{[]string{"Fighting went on in Aleppo as Syrian forces advanced."}, "Aleppo", "", false, false, false},
		// streets, squares and buildings named after a place (a town far away of that name is
		// then dropped, as any small town abroad would be)
		{[]string{"Dozens marched from Falka Square to the parliament in Baghdad."}, "Falka", "", false, true, true},
		{[]string{"Taxi drivers blocked the Kirkuk Road in Sulaymaniyah."}, "Kirkuk", "", false, true, false},
		// a village the gazetteer lacks, named like a town only its own name points to, in a
		// document about another country: dropped (inside the Qamishli countryside, nothing of
		// its name lies: not even found)
		{[]string{"Gunmen killed a woman in the Dhabana village in the Quamishli countryside, Hasakeh."}, "", "Dhabana village", false, false, false},
		{[]string{"Gunmen killed a woman in the Dhabana village near the border, Hasakeh."}, "Dhabana village", "", false, false, true},
	}
	for _, c := range cases {
		var all [][]Found
		for _, s := range c.sentences {
			all = append(all, g.Find(doc.Tokenize(s, 0)))
		}
		ctx := g.DocumentContext(all)
		last := all[len(all)-1]
		var got *Found
		for i := range last {
			if c.forbid != "" && last[i].Text == c.forbid {
				t.Errorf("%q: found %q", c.sentences[len(c.sentences)-1], c.forbid)
			}
			if c.name != "" && last[i].Text == c.name {
				got = &last[i]
			}
		}
		if c.name == "" {
			continue
		}
		if got == nil {
			t.Errorf("%q: %q not found", c.sentences[len(c.sentences)-1], c.name)
			continue
		}
		if got.Partial != c.partial || got.Facility != c.facility {
			t.Errorf("%q: %q partial %v facility %v, want %v %v", c.sentences[len(c.sentences)-1], c.name, got.Partial, got.Facility, c.partial, c.facility)
		}
		p, ok := g.Resolve(*got, ctx)
		if ok == c.unresolved {
			t.Errorf("%q: %q resolved %v (%s, %s), want %v", c.sentences[len(c.sentences)-1], c.name, ok, p.Name, p.Country, !c.unresolved)
		}
	}
}

// A name the text gives as the area around another is marked Container, the other Inside.
func TestContainerMarks(t *testing.T) {
	g := gaz(t)
	found := g.Find(doc.Tokenize("Saudi artillery hit Bayt Zuhayr (Monabbih, Sadah) on Friday.", 0))
	marks := map[string][2]bool{}
	for _, f := range found {
		marks[f.Text] = [2]bool{f.Inside, f.Container}
	}
	if m := marks["Monabbih"]; m != [2]bool{true, false} {
		t.Errorf("Monabbih inside, container = %v, want true, false (found %v)", m, marks)
	}
	if m := marks["Sadah"]; !m[1] {
		t.Errorf("Sadah not marked as a container (found %v)", marks)
	}
}
