package eval

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// fake returns fixed mentions per record id, and records what it was given.
type fake struct {
	byID map[string][]doc.Mention
	seen []doc.Document
}

func (f *fake) extract(d doc.Document) []doc.Mention {
	f.seen = append(f.seen, d)
	return f.byID[d.ID]
}

func when(s string) doc.When { d := day0(s); return doc.When{Start: d, End: d, Precision: doc.DateDay} }

func near(v *float64, want float64) bool { return v != nil && math.Abs(*v-want) < 1e-6 }

func checkMetrics(t *testing.T, rep Report, want map[string]float64, nilMetrics ...string) {
	t.Helper()
	for m, w := range want {
		v, ok := rep.Metric(m)
		if !ok {
			t.Fatalf("unknown metric %s", m)
		}
		if !near(v, w) {
			got := "nil"
			if v != nil {
				got = fmt.Sprintf("%.4f", *v)
			}
			t.Errorf("%s = %s, want %.4f", m, got, w)
		}
	}
	for _, m := range nilMetrics {
		if v, _ := rep.Metric(m); v != nil {
			t.Errorf("%s = %v, want nil (not applicable)", m, *v)
		}
	}
}

func strconvF(f float64) string {
	return strings.TrimSpace(strings.Replace(fmtMetric("", &f), "", "", 1))
}

// kmNorth is the latitude offset of a point km kilometres north.
func kmNorth(km float64) float64 { return km / (earthRadiusKm * math.Pi / 180) }

func TestScoreACLED(t *testing.T) {
	recs, err := Read("testdata/acled2022.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	// FIX0001: all right, plus a second, distinct, lower-confidence mention listed first.
	// FIX0002: type right, sub-type wrong, one of two actors, 30 km off (precision 2), date
	//          wrong, fatalities nil (= gold 0).
	// FIX0003: type wrong, protesters matched, place exact, right country, date and fatalities.
	// FIX0004: nothing extracted.
	f := &fake{byID: map[string][]doc.Mention{
		"FIX0001": {
			{Type: "COERCE", ACLEDType: Protests, ACLEDSubType: "Peaceful protest", Confidence: 0.4,
				Location: &doc.Place{Name: "Elsewhere", Lat: 16, Lon: 44, Country: "YEM"}, Date: when("2022-03-05")},
			{Type: "ASSAULT", ACLEDType: Explosions, ACLEDSubType: "Air/drone strike", Confidence: 0.9,
				Actor1: &doc.Actor{Name: "Saudi-led coalition", Kind: "coalition"}, Actor2: &doc.Actor{Text: "civilians", Kind: "civilians"},
				Location: &doc.Place{Name: "Qaryat Nur", Lat: 15.1 + kmNorth(10), Lon: 44.2, Country: "YEM"},
				Date:     when("2022-03-05"), Fatalities: intp(3)},
		},
		"FIX0002": {
			{Type: "FIGHT", ACLEDType: Battles, ACLEDSubType: "Government regains territory", Confidence: 0.8,
				Actor1: &doc.Actor{Country: "SYR", Kind: "military"}, Actor2: &doc.Actor{Name: "Hezbollah"},
				Location: &doc.Place{Name: "Tell Abyadun", Lat: 35.2 + kmNorth(30), Lon: 38.9, Country: "SYR"},
				Date:     when("2022-03-07")},
		},
		"FIX0003": {
			{Type: "PROTEST", ACLEDType: Riots, ACLEDSubType: "Violent demonstration", Confidence: 0.7,
				Actor1:   &doc.Actor{Kind: "protesters"},
				Location: &doc.Place{Name: "Madinat Test", Lat: 33.3, Lon: 44.4, Country: "IRQ"},
				Date:     when("2022-03-07"), Fatalities: intp(0)},
		},
	}}
	rep := Score("acled-test", FormatACLED, recs, f.extract)

	checkMetrics(t, rep, map[string]float64{
		"records":           4,
		"recall":            0.75,
		"event_type":        0.5,
		"sub_event_type":    0.25,
		"actors":            (1 + 0.5 + 1 + 0) / 4,
		"actor1":            0.75,
		"actor2":            1.0 / 3, // gold actor2 coded in FIX0001, FIX0002, FIX0004
		"place_km_median":   5,       // precision-1 records only: 10 km and 0 km
		"place_within_25km": 1,
		"place_within_50km": 1,
		"country":           0.75,
		"date":              0.5,
		"fatalities":        0.75,
		"extra_events":      0.25,
	})
	if rep.N["place_within_25km"] != 2 || rep.N["actor2"] != 3 || rep.N["recall"] != 4 {
		t.Errorf("denominators %v", rep.N)
	}
	p2 := rep.ByGeoPrecision["2"]
	if p2.Records != 1 || !near(p2.KmMedian, 30) || !near(p2.Within25km, 0) || !near(p2.Within50km, 1) {
		t.Errorf("precision 2: %+v", p2)
	}
	p3 := rep.ByGeoPrecision["3"]
	if p3.Records != 1 || p3.Located != 0 || p3.KmMedian != nil || !near(p3.Within25km, 0) {
		t.Errorf("precision 3: %+v", p3)
	}
	if rep.Confusion != nil {
		t.Error("confusion matrix on a non-CASE set")
	}

	// documents passed to the extractor
	if len(f.seen) != 4 || f.seen[0].ID != "FIX0001" || f.seen[0].Source != "acled-test" ||
		!f.seen[0].Published.Equal(day0("2022-03-05")) || f.seen[0].Text != recs[0].Text {
		t.Errorf("documents: %+v", f.seen[0])
	}

	// worst: the missed record first, then FIX0002 (sub-type, actor, place 30 km, date)
	if len(rep.Worst) != 3 || rep.Worst[0].ID != "FIX0004" || rep.Worst[1].ID != "FIX0002" || rep.Worst[2].ID != "FIX0003" {
		ids := []string{}
		for _, w := range rep.Worst {
			ids = append(ids, w.ID)
		}
		t.Fatalf("worst %v", ids)
	}
	w := rep.Worst[1]
	for _, want := range []string{"sub_event_type", "actors", "30 km off", "date: gold 2022-03-06 got 2022-03-07"} {
		if !strings.Contains(strings.Join(w.Errors, "\n"), want) {
			t.Errorf("worst FIX0002 errors %q lack %q", w.Errors, want)
		}
	}
	if !strings.Contains(w.Gold, "Armed clash") || !strings.Contains(w.Got, "Government regains territory") {
		t.Errorf("gold/got: %q / %q", w.Gold, w.Got)
	}
}

func TestScoreEmptyAndNothing(t *testing.T) {
	rep := Score("empty", FormatACLED, nil, func(doc.Document) []doc.Mention { return nil })
	if rep.Records != 0 || rep.Recall != nil || len(rep.Worst) != 0 {
		t.Errorf("empty set: %+v", rep)
	}
	recs, _ := Read("testdata/acled2022.csv", "")
	rep = Score("x", FormatACLED, recs, func(doc.Document) []doc.Mention { return nil })
	checkMetrics(t, rep, map[string]float64{
		"recall": 0, "event_type": 0, "actors": 0, "place_within_25km": 0, "country": 0, "date": 0,
		"fatalities":   0.5, // two of the four gold counts are 0
		"extra_events": 0,
	}, "place_km_median")
}

func TestScoreCASE(t *testing.T) {
	recs, err := Read("testdata/case.tsv", "")
	if err != nil {
		t.Fatal(err)
	}
	m := func(sub string) doc.Mention {
		return doc.Mention{ACLEDType: EventTypeOf(sub), ACLEDSubType: sub, Confidence: 0.5}
	}
	f := &fake{byID: map[string][]doc.Mention{
		"1": {m("Air/drone strike")},             // right
		"2": {m("Attack")},                       // wrong
		"3": nil,                                 // missed
		"4": nil,                                 // unseen, correctly nothing
		"5": {m("Armed clash")},                  // unseen, but a violent event
		"6": {m("Looting/property destruction")}, // right
	}}
	rep := Score("case-test", FormatCASE, recs, f.extract)
	checkMetrics(t, rep, map[string]float64{
		"recall":         4.0 / 6,
		"sub_event_type": 0.5,
		"event_type":     0.5,
		"extra_events":   0,
	}, "actors", "place_km_median", "place_within_25km", "country", "date", "fatalities")
	want := map[string]map[string]int{
		"AIR_STRIKE":        {"AIR_STRIKE": 1},
		"ARMED_CLASH":       {"ATTACK": 1},
		"PEACE_PROTEST":     {LabelNone: 1},
		"NATURAL_DISASTER":  {LabelNone: 1},
		"DIPLO":             {"ARMED_CLASH": 1},
		"PROPERTY_DISTRUCT": {"PROPERTY_DISTRUCT": 1},
	}
	if len(rep.Confusion) != len(want) {
		t.Fatalf("confusion %v", rep.Confusion)
	}
	for g, row := range want {
		for p, n := range row {
			if rep.Confusion[g][p] != n {
				t.Errorf("confusion[%s][%s] = %d, want %d (all: %v)", g, p, rep.Confusion[g][p], n, rep.Confusion)
			}
		}
	}
	// a non-violent mention on an unseen record is fine; one without an ACLED type shows as "?"
	f.byID["5"] = []doc.Mention{m("Agreement")}
	f.byID["4"] = []doc.Mention{{Type: "CONSULT", Confidence: 0.5}}
	f.byID["3"] = []doc.Mention{{Type: "PROTEST", Confidence: 0.5}}
	rep = Score("case-test", FormatCASE, recs, f.extract)
	checkMetrics(t, rep, map[string]float64{"recall": 1})
	if rep.Confusion["DIPLO"]["AGREEMENT"] != 1 || rep.Confusion["NATURAL_DISASTER"][LabelNoACLED] != 1 || rep.Confusion["PEACE_PROTEST"][LabelNoACLED] != 1 {
		t.Errorf("confusion %v", rep.Confusion)
	}
}

func TestScoreUCDPAndGTD(t *testing.T) {
	recs, err := Read("testdata/ucdp.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	f := &fake{byID: map[string][]doc.Mention{
		// in the date range (second day), UCDP "Government of" matched by the army, 40 km off
		"900001": {{Confidence: 1, Actor1: &doc.Actor{Country: "SYR", Kind: "military"}, Actor2: &doc.Actor{Text: "rebels", Country: "SYR", Kind: "armed_group"},
			Location: &doc.Place{Lat: 35 + kmNorth(40), Lon: 37, Country: "SYR"}, Date: when("2016-04-02"), Fatalities: intp(2)}},
		// one day out of range, IS by alias, civilians, 5 deaths expected but 4 found
		"900002": {{Confidence: 1, Actor1: &doc.Actor{Name: "ISIL"}, Actor2: &doc.Actor{Kind: "civilians"},
			Location: &doc.Place{Lat: 34.5, Lon: 43.5, Country: "IRQ"}, Date: when("2015-06-11"), Fatalities: intp(4)}},
		// "Government of Yemen" vs Houthis; no location
		"900003": {{Confidence: 1, Actor1: &doc.Actor{Name: "Houthis", Country: "YEM", Kind: "armed_group"}, Date: when("2019-02-10")}},
	}}
	rep := Score("ucdp-test", FormatUCDP, recs, f.extract)
	checkMetrics(t, rep, map[string]float64{
		"recall":            1,
		"actors":            (1 + 1 + 0.5) / 3,
		"actor1":            2.0 / 3,
		"actor2":            1,
		"place_km_median":   20, // 40 and 0; the unlocated record is left out of the median
		"place_within_25km": 1.0 / 3,
		"place_within_50km": 2.0 / 3,
		"country":           2.0 / 3,
		"date":              2.0 / 3,
		"fatalities":        2.0 / 3,
	}, "event_type", "sub_event_type")
	if len(rep.ByGeoPrecision) != 3 || rep.ByGeoPrecision["4"].Records != 1 {
		t.Errorf("UCDP where_prec split: %+v", rep.ByGeoPrecision)
	}

	grecs, err := Read("testdata/gtd.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	g := &fake{byID: map[string][]doc.Mention{
		"line:2": {{Confidence: 1, Actor1: &doc.Actor{Name: "Islamic State"}, Location: &doc.Place{Lat: 33.5, Lon: 44.1, Country: "IRQ"},
			Date: when("2014-02-03"), Fatalities: intp(4)}},
		// unknown day: any day of July 2015 is right
		"line:4": {{Confidence: 1, Actor1: &doc.Actor{Name: "al-Qaeda in Iraq"}, Date: when("2015-07-29")}},
		"line:5": {{Confidence: 1, Actor1: &doc.Actor{Text: "gunmen", Kind: "unidentified"}, Date: when("2016-11-19")}},
	}}
	rep = Score("gtd-test", FormatGTD, grecs, g.extract)
	checkMetrics(t, rep, map[string]float64{
		"recall":            1,
		"actors":            2.0 / 3,
		"actor1":            2.0 / 3,
		"place_within_25km": 1.0 / 3,
		"date":              2.0 / 3,
		"fatalities":        1, // gold killed 4, 0 and (not coded)
	}, "actor2", "event_type", "sub_event_type")
	if rep.N["fatalities"] != 2 {
		t.Errorf("fatalities denominator %d, want 2", rep.N["fatalities"])
	}
	if len(rep.ByGeoPrecision) != 0 {
		t.Errorf("GTD has no precision codes: %+v", rep.ByGeoPrecision)
	}
}

func TestRank(t *testing.T) {
	mk := func(conf float64, start int, typ, sub string) doc.Mention {
		return doc.Mention{Confidence: conf, Type: typ, ACLEDSubType: sub, Evidence: doc.Evidence{Span: doc.Span{Start: start, End: start + 5}}}
	}
	tests := []struct {
		name string
		in   []doc.Mention
		want []int // indexes of in, best first
	}{
		{"confidence", []doc.Mention{mk(0.2, 0, "A", ""), mk(0.9, 50, "B", ""), mk(0.5, 0, "C", "")}, []int{1, 2, 0}},
		{"earliest evidence", []doc.Mention{mk(0.5, 40, "A", ""), mk(0.5, 10, "B", "")}, []int{1, 0}},
		{"type name", []doc.Mention{mk(0.5, 10, "PROTEST", ""), mk(0.5, 10, "ASSAULT", "")}, []int{1, 0}},
		{"sub-type", []doc.Mention{mk(0.5, 10, "ASSAULT", "Attack"), mk(0.5, 10, "ASSAULT", "Air/drone strike")}, []int{1, 0}},
		{"stable", []doc.Mention{mk(0.5, 10, "ASSAULT", "X"), mk(0.5, 10, "ASSAULT", "X")}, []int{0, 1}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		in := append([]doc.Mention(nil), tt.in...)
		for i := range in {
			in[i].Trigger.Text = string(rune('a' + i)) // identity
		}
		got := Rank(in)
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %d mentions", tt.name, len(got))
		}
		for i, w := range tt.want {
			if got[i].Trigger.Text != in[w].Trigger.Text {
				t.Errorf("%s: position %d is %s, want %s", tt.name, i, got[i].Trigger.Text, in[w].Trigger.Text)
			}
		}
		for i := range in { // input untouched
			if in[i].Trigger.Text != string(rune('a'+i)) {
				t.Errorf("%s: Rank reordered its input", tt.name)
			}
		}
	}
}

func TestDistinctMentions(t *testing.T) {
	loc := func(name string) *doc.Place { return &doc.Place{Name: name, Lat: 1, Lon: 2} }
	a := doc.Mention{ACLEDSubType: "Armed clash", Location: loc("Testburg"), Date: when("2022-01-01")}
	sameButActors := a
	sameButActors.Actor1 = &doc.Actor{Name: "Other"}
	otherPlace := a
	otherPlace.Location = loc("Testville")
	otherDay := a
	otherDay.Date = when("2022-01-02")
	plover := doc.Mention{Type: "FIGHT", Location: loc("Testburg"), Date: when("2022-01-01")}
	tests := []struct {
		ms   []doc.Mention
		want int
	}{
		{nil, 0}, {[]doc.Mention{a}, 1}, {[]doc.Mention{a, sameButActors}, 1},
		{[]doc.Mention{a, otherPlace}, 2}, {[]doc.Mention{a, otherDay, otherPlace}, 3}, {[]doc.Mention{a, plover}, 2},
	}
	for i, tt := range tests {
		if got := distinctMentions(tt.ms); got != tt.want {
			t.Errorf("case %d: %d distinct, want %d", i, got, tt.want)
		}
	}
}

func TestInRange(t *testing.T) {
	from, to := day0("2020-01-10"), day0("2020-01-12")
	tests := []struct {
		t    time.Time
		want bool
	}{
		{time.Time{}, false}, {day0("2020-01-09"), false}, {day0("2020-01-10"), true},
		{day0("2020-01-12").Add(23 * time.Hour), true}, {day0("2020-01-13"), false},
	}
	for _, tt := range tests {
		if got := inRange(tt.t, from, to); got != tt.want {
			t.Errorf("inRange(%v) = %v", tt.t, got)
		}
	}
}

func TestHaversine(t *testing.T) {
	deg := earthRadiusKm * math.Pi / 180 // one degree of a great circle
	tests := []struct {
		lat1, lon1, lat2, lon2, want float64
	}{
		{0, 0, 0, 0, 0},
		{0, 0, 0, 1, deg},
		{10, 20, 11, 20, deg},
		{0, 179.5, 0, -179.5, deg},                 // across the antimeridian
		{90, 0, -90, 0, 180 * deg},                 // pole to pole
		{0, 0, 0, 180, 180 * deg},                  // antipodes
		{51.5074, -0.1278, 48.8566, 2.3522, 343.6}, // London–Paris
	}
	for _, tt := range tests {
		got := Haversine(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
		if math.Abs(got-tt.want) > 0.5 {
			t.Errorf("Haversine(%v,%v,%v,%v) = %.2f, want %.2f", tt.lat1, tt.lon1, tt.lat2, tt.lon2, got, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	recs, _ := Read("testdata/gtd.csv", "")
	rep, err := Run("testdata/gtd.csv", "", oracle(recs, FormatGTD))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Set != "gtd" || rep.Format != FormatGTD || rep.Records != 3 || !near(rep.Recall, 1) || !near(rep.Actors, 1) {
		t.Errorf("Run: %+v", rep)
	}
	if _, err := Run("testdata/no-such-file.csv", "", oracle(nil, "")); err == nil {
		t.Error("Run on a missing file: no error")
	}
	if _, err := Run("testdata/gtd.csv", "acled", oracle(nil, "")); err == nil {
		t.Error("Run with the wrong format: no error")
	}
}

func TestOracleOnFixtures(t *testing.T) {
	for _, file := range []string{"acled2022.csv", "acled2020.csv", "acled2020_afg.csv", "case.tsv", "gtd.csv", "ucdp.csv"} {
		format, _ := Detect("testdata/" + file)
		recs, err := Read("testdata/"+file, format)
		if err != nil {
			t.Fatal(err)
		}
		rep := Score(file, format, recs, oracle(recs, format))
		for _, m := range metricNames {
			v, _ := rep.Metric(m)
			want := 1.0
			if m == "place_km_median" || m == "extra_events" {
				want = 0
			}
			if v != nil && !near(v, want) {
				t.Errorf("%s: oracle %s = %v, want %v", file, m, *v, want)
			}
		}
		if len(rep.Worst) != 0 {
			t.Errorf("%s: oracle has misses: %+v", file, rep.Worst)
		}
	}
}
