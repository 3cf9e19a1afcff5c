package eval

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

func fp(v float64) *float64 { return &v }

func TestReportJSON(t *testing.T) {
	recs, _ := Read("testdata/acled2022.csv", "")
	rep := Score("acled-test", FormatACLED, recs, func(doc.Document) []doc.Mention { return nil })
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"set", "records", "recall", "event_type", "sub_event_type", "actors", "actor1", "actor2",
		"place_km_median", "place_within_25km", "place_within_50km", "country", "date", "fatalities", "extra_events",
		"by_geo_precision", "worst"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if string(m["place_km_median"]) != "null" {
		t.Errorf("unmeasured metric should be null, got %s", m["place_km_median"])
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil || back.Set != "acled-test" || !near(back.Recall, 0) || len(back.Worst) != 4 {
		t.Errorf("round trip: %v %+v", err, back)
	}
	// metricNames and Report.Metric agree with the JSON names
	for _, name := range metricNames {
		if _, ok := m[name]; !ok {
			t.Errorf("metric %q is not a JSON field", name)
		}
		if _, ok := rep.Metric(name); !ok {
			t.Errorf("Metric(%q) unknown", name)
		}
	}
	if _, ok := rep.Metric("bogus"); ok {
		t.Error("Metric(bogus) known")
	}
}

func TestWriteTable(t *testing.T) {
	reports := []Report{
		{Set: "acled-2020-mideast", Records: 1168, Recall: fp(0.9123), EventType: fp(0.5), PlaceKmMedian: fp(12.345),
			ByGeoPrecision: map[string]PlaceScore{"1": {Records: 10, Located: 9, KmMedian: fp(3.21), Within25km: fp(0.8), Within50km: fp(0.9)}, "10": {Records: 1}, "2": {Records: 2}}},
		{Set: "case2021-task2", Records: 1019, Recall: fp(0.75), SubEventType: fp(0.25),
			Confusion: map[string]map[string]int{"AIR_STRIKE": {"AIR_STRIKE": 3, "ART_MISS_ATTACK": 1}, "DIPLO": {"-": 1, "AGREEMENT": 1, "ARMED_CLASH": 2}}},
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, reports); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(out, "\n")
	// header, records and one row per metric, right-aligned to one width
	if !strings.Contains(lines[0], "acled-2020-mideast") || !strings.Contains(lines[0], "case2021-task2") {
		t.Errorf("header: %q", lines[0])
	}
	for i := 0; i < 2+len(metricNames); i++ {
		if len(lines[i]) != len(lines[0]) {
			t.Errorf("line %d not aligned:\n%s", i, out)
			break
		}
	}
	for _, want := range []string{
		"0.912", "12.3", "1168", // values, km with one decimal
		"acled-2020-mideast: place by gold precision",
		"case2021-task2: gold code",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	row := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				return l
			}
		}
		return ""
	}
	if r := row("event_type"); !strings.HasSuffix(r, "-") || !strings.Contains(r, "0.500") {
		t.Errorf("event_type row %q: want 0.500 and - (not applicable)", r)
	}
	// precision rows in numeric order
	var precs []string
	for _, l := range lines {
		if f := strings.Fields(l); len(f) == 6 && strings.Contains("1 2 10", f[0]) {
			precs = append(precs, f[0])
		}
	}
	if !slices.Equal(precs, []string{"1", "2", "10"}) {
		t.Errorf("precision rows not in numeric order:\n%s", out)
	}
	// confusion rows: most frequent prediction first; an unseen code is right unless violent
	if r := row("AIR_STRIKE"); !strings.Contains(r, "4  0.75  AIR_STRIKE 3, ART_MISS_ATTACK 1") {
		t.Errorf("confusion row %q", r)
	}
	if r := row("DIPLO"); !strings.Contains(r, "4  0.50  ARMED_CLASH 2, - 1, AGREEMENT 1") {
		t.Errorf("confusion row %q", r)
	}
}

func TestWriteTableEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "\n"); got != 2+len(metricNames) {
		t.Errorf("%d lines:\n%s", got, buf.String())
	}
	if !slices.Contains(strings.Fields(buf.String()), "extra_events") {
		t.Error("metric names missing")
	}
}
