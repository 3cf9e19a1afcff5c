package extract

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Which of a sentence's places is the event's: sentences written for this project.
func TestEventPlace(t *testing.T) {
	x := extractor(t)
	cases := []struct{ text, want string }{
		// a street named after another city: the event is in the city the sentence names
		{"Taxi drivers protested on the Kirkuk Road in Sulaymaniyah city on Monday.", "As Sulaymānīyah"},
		// a district filed under its governorate: the district, not the governorate's seat
		{"On 4 March, Saudi artillery shelled Bayt Zuhayr (Monabbih, Sadah), killing a civilian.", "Monabbih"},
		// a state's forces point to the territory they police too: not Belém, Brazil
		{"Israeli forces raided Bethlehem overnight and arrested two Palestinians.", "Bethlehem"},
		// a square in a district of a big city
		{"Construction workers protested at Ulus square in Altindag town, Ankara.", "Altındağ"},
		// two towns: the one the text files under its province
		{"Ukrainians living in Antalya staged a protest in Manavgat town, Antalya.", "Manavgat"},
		// a base filed under its province, and a base beside its namesake town: the base
		{"A drone attack on Ain al-Asad air base in Anbar caused no casualties.", "Al Asad Air Base"},
		{"Rockets hit Balad airbase near the town of Balad on Sunday.", "Balad Southeast Airport / Joint Base Balad"},
	}
	for _, c := range cases {
		ms := x.Extract(doc.Document{ID: "t", Text: c.text, Published: time.Date(2022, 3, 5, 0, 0, 0, 0, time.UTC)})
		if len(ms) == 0 || ms[0].Location == nil {
			t.Errorf("%q: no event place", c.text)
			continue
		}
		if got := ms[0].Location.Name; got != c.want {
			t.Errorf("%q: place %q, want %q", c.text, got, c.want)
		}
	}
}

// A road named after a town far abroad is where the report is: "the Castello road" in an Aleppo
// report is not in Castelló de la Plana, Spain. Not so a town nearby ("the Homs highway").
func TestFacilityNamedAfterTownAbroad(t *testing.T) {
	x := extractor(t)
	text := "Government forces and the Syrian Democratic Forces clashed in Aleppo on Monday, killing four people. " +
		"The two sides agreed on Tuesday to pull back fighters and reopen the Castello road."
	ms := x.Extract(doc.Document{ID: "t", Text: text, Published: time.Date(2025, 12, 23, 0, 0, 0, 0, time.UTC)})
	if len(ms) < 2 {
		t.Fatalf("%d events, want the clash and the agreement", len(ms))
	}
	for _, m := range ms {
		if m.Location == nil || m.Location.Country != "SYR" {
			t.Errorf("%s (%q): place %+v, want one in Syria", m.ACLEDSubType, m.Evidence.Sentence, m.Location)
		}
	}
}
