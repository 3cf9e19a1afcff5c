package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// How a protest was met is read from the whole report, but police action that is the protest's
// grievance, or other people's fate, does not count.
func TestProtestMetByForce(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		name, text, want string
	}{
		{"later sentence: police moved the protesters out",
			"Dismissed public workers held a protest on Yuksel Street in Ankara on Monday to demand their jobs back. Police intervened in the protest and moved the protesters out of the area by force.",
			"Protest with intervention"},
		{"later sentence: police tried to disperse the protesting workers",
			"Tyre factory workers protested outside the presidential palace in Tehran on Sunday. Police intervened and attempted to disperse the protesting workers.",
			"Protest with intervention"},
		{"later sentence: live fire",
			"Hundreds of people marched in Khartoum on Thursday against military rule. Security forces opened fire on protesters, killing two.",
			"Excessive force against protesters"},
		{"arrests are the grievance",
			"Teachers protested outside the education department in Sanandaj on Thursday over the arrests of union activists.",
			"Peaceful protest"},
		{"protesting an arrest",
			"Women activists staged a demonstration in Mardin on Wednesday, protesting the arrest of 15 politicians.",
			"Peaceful protest"},
		{"others who were detained",
			"Students rallied outside the courthouse in Istanbul on Friday to demand the release of two classmates who were detained last week.",
			"Peaceful protest"},
		{"intervention abroad is the grievance",
			"Residents organised a protest in Manbij on Tuesday against Turkish intervention in northern Syria.",
			"Peaceful protest"},
		{"the crowd left by itself",
			"Farmers blocked the highway near Akcakale on Saturday to protest power cuts. The crowd later dispersed peacefully.",
			"Peaceful protest"},
		{"a protest suppressed and a protester detained",
			"Israeli police suppressed a Palestinian protest in Sheikh Jarrah on Friday and detained a protester.",
			"Protest with intervention"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := x.Extract(doc.Document{ID: "t", Source: "Test Wire", Text: tc.text, Published: published("2025-12-22")})
			var got []string
			for _, m := range ms {
				if m.ACLEDType == "Protests" {
					got = append(got, m.ACLEDSubType)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("protest sub-types %q, want [%q]", got, tc.want)
			}
		})
	}
}
