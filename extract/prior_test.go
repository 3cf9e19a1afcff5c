package extract

import (
	"fmt"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// feed makes one short report per town, as a monitor's feed about one country reads.
func feed(format string, towns []string) []doc.Document {
	var docs []doc.Document
	for i, t := range towns {
		docs = append(docs, doc.Document{
			ID: fmt.Sprintf("%s-%d", t, i), Source: "feed", Published: published("2020-05-02"),
			Text: fmt.Sprintf(format, t),
		})
	}
	return docs
}

var (
	lebanon = []string{"Beirut", "Sidon", "Tyre", "Baalbek", "Zahle", "Nabatieh", "Jounieh", "Byblos", "Halba",
		"Hermel", "Aley", "Baabda", "Batroun", "Zgharta", "Bcharre", "Jezzine", "Marjayoun", "Rashaya", "Chtaura",
		"Bint Jbeil", "Akkar", "Minyeh"}
	libya = []string{"Misrata", "Benghazi", "Sirte", "Zawiya", "Gharyan", "Tarhuna", "Sabha", "Derna", "Ajdabiya",
		"Zliten", "Tobruk", "Bani Walid", "Sabratha", "Zuwara", "Al Bayda", "Murzuq", "Ubari", "Ghadames", "Kufra",
		"Brega", "Ras Lanuf", "Jufra"}
)

// A report that names only "Tripoli (Tripoli)" is in Lebanon in a feed about Lebanon and in Libya in
// one about Libya; read alone, the larger city (Libya's capital) wins.
func TestCollectionPriorPlacesAmbiguousNames(t *testing.T) {
	x := extractor(t)
	tripoli := doc.Document{ID: "tripoli", Source: "feed", Published: published("2020-05-02"),
		Text: "On 1 May 2020, protesters gathered in front of the central bank branch in Tripoli (Tripoli) to denounce the rising prices."}
	country := func(x *Extractor) string {
		ms := x.Extract(tripoli)
		if len(ms) == 0 || ms[0].Location == nil {
			return ""
		}
		return ms[0].Location.Country
	}
	tests := []struct {
		name  string
		feed  []doc.Document
		prior string // the country the prior must hold
		want  string
	}{
		{"alone", nil, "", "LBY"},
		{"Lebanese feed", feed("On 30 April 2020, protesters blocked the main road in %s with burning tires in protest of the economic conditions.", lebanon), "LBN", "LBN"},
		{"Libyan feed", feed("On 30 April 2020, LNA forces shelled GNA positions near %s with artillery.", append(libya, libya...)), "LBY", "LBY"},
		{"too few reports", feed("On 30 April 2020, protesters blocked the main road in %s.", lebanon[:5]), "", "LBY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := x.CollectionPrior(append(tc.feed, tripoli))
			if tc.prior == "" && p != nil {
				t.Errorf("prior = %v, want none", p)
			}
			if tc.prior != "" && p[tc.prior] == 0 {
				t.Errorf("prior = %v, want it to hold %s", p, tc.prior)
			}
			if got := country(x.WithPrior(p)); got != tc.want {
				t.Errorf("Tripoli placed in %q, want %q", got, tc.want)
			}
		})
	}
}

// The prior weighs no more than one town the report names: a report that places itself keeps its
// own country, and the Extractor it came from is unchanged.
func TestCollectionPriorYieldsToTheReport(t *testing.T) {
	x := extractor(t)
	p := x.CollectionPrior(feed("On 30 April 2020, protesters blocked the main road in %s with burning tires.", lebanon))
	if p["LBN"] == 0 {
		t.Fatalf("prior = %v, want LBN", p)
	}
	d := doc.Document{ID: "misrata", Source: "feed", Published: published("2020-05-02"),
		Text: "On 1 May 2020, GNA forces clashed with LNA fighters in Tripoli, a day after LNA shelling hit Misrata and Zliten."}
	for _, y := range []*Extractor{x.WithPrior(p), x} {
		ms := y.Extract(d)
		if len(ms) == 0 || ms[0].Location == nil || ms[0].Location.Country != "LBY" {
			t.Fatalf("got %+v, want the clash in Libya", ms)
		}
	}
	if x.prior != nil {
		t.Error("WithPrior changed the Extractor it was called on")
	}
}

// A prior is no evidence from the report: a village name that only a country of the prior has (a
// Sanaa quarter) stays implausible in a report that names only Syrian places.
func TestCollectionPriorMakesNothingAbroadPlausible(t *testing.T) {
	x := extractor(t).WithPrior(Prior{"SYR": 2, "YEM": 2, "IRQ": 2, "LBN": 2})
	d := doc.Document{ID: "raqqa", Source: "feed", Published: published("2022-01-09"),
		Text: "On 8 January 2022, Turkish forces shelled Khaneh village in the countryside of Tell Abiad in Ar Raqqa governorate. The shelling of Khaneh, Salibi and Sawan killed two civilians."}
	ms := x.Extract(d)
	if len(ms) == 0 || ms[0].Location == nil || ms[0].Location.Country != "SYR" {
		t.Fatalf("got %+v, want the shelling in Syria", ms)
	}
}
