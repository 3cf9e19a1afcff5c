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
			"Laid-off miners held a protest outside the energy ministry in Ankara on Monday. Police intervened in the protest and pushed the protesters back by force.",
			"Protest with intervention"},
		{"later sentence: police tried to disperse the protesting workers",
			"Sugar mill workers protested outside the governor's office in Ahvaz on Sunday. Police intervened and tried to disperse the protesting workers.",
			"Protest with intervention"},
		{"later sentence: live fire",
			"Hundreds of people marched in Khartoum on Thursday against military rule. Security forces opened fire on protesters, killing two.",
			"Excessive force against protesters"},
		{"arrests are the grievance",
			"Nurses protested outside the health directorate in Isfahan on Thursday over the arrests of union activists.",
			"Peaceful protest"},
		{"protesting an arrest",
			"Lawyers staged a demonstration in Izmir on Wednesday, protesting the arrest of three colleagues.",
			"Peaceful protest"},
		{"others who were detained",
			"Students rallied outside the courthouse in Ankara on Friday to demand the release of two classmates who were detained last week.",
			"Peaceful protest"},
		{"intervention abroad is the grievance",
			"Residents organised a protest in Manbij on Tuesday against Turkish intervention in northern Syria.",
			"Peaceful protest"},
		{"the crowd left by itself",
			"Farmers blocked the highway near Viransehir on Saturday to protest water shortages. The crowd later dispersed peacefully.",
			"Peaceful protest"},
		{"a protest suppressed and a protester detained",
			"Israeli police suppressed a Palestinian protest in Silwan on Friday and detained a protester.",
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
