package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// Victims named one by one count as one each; ages, and numbers another verb governs, are no
// count of the dead.
func TestFatalityCounts(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text            string
		killed, civilin int // -1: none
	}{
		{"Taliban militants shot dead a tribal elder in Kandahar on Thursday.", 1, 1},
		{"An Israeli drone struck a motorcycle near Bint Jbeil on Tuesday, killing its rider.", 1, -1},
		{"Gunmen killed a woman and her two children in Kidal on Monday.", 3, 3},
		{"A roadside bomb killed a district commissioner and two of his bodyguards in Lower Shabelle on Friday.", 3, -1},
		{"An Israeli drone strike killed a 12-year-old boy in Khan Younis on Monday.", 1, 1},
		{"NDS forces raided a hideout in Khogyani on Wednesday, killing four militants and arresting two.", 4, -1},
		{"An airstrike killed two fighters and three children in Idlib on Sunday.", 5, 3},
		{"An explosion in a mosque in Kabul killed the imam and injured eight worshippers.", 1, 1},
		{"A civilian was killed by Taliban gunfire in Shah Joy district on Thursday.", 1, -1},
		{"Gunmen attacked the house of a local official in Logar, killing him and his son.", 2, -1},
		{"Police detained a man in Basra on Monday.", -1, -1},
	}
	for _, tc := range tests {
		ms := x.Extract(doc.Document{ID: "t", Source: "Test Wire", Text: tc.text, Published: published("2025-12-22")})
		if len(ms) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		killed, civ := -1, -1
		if ms[0].Fatalities != nil {
			killed = *ms[0].Fatalities
		}
		if ms[0].CivilianFatalities != nil {
			civ = *ms[0].CivilianFatalities
		}
		if killed != tc.killed || civ != tc.civilin {
			t.Errorf("%s: killed %d (civilians %d), want %d (%d)", tc.text, killed, civ, tc.killed, tc.civilin)
		}
	}
}
