package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFloor(t *testing.T) {
	floor, err := LoadFloor("testdata/floor_example.json")
	if err != nil {
		t.Fatal(err)
	}
	good := []Report{
		{Set: "acled-2020-mideast", Recall: fp(0.90), SubEventType: fp(0.585), PlaceKmMedian: fp(10.19), ExtraEvents: fp(0.115)},
		{Set: "gtd-iraq-2012-2017", Actors: fp(0.95)},
		{Set: "acled-2022-mideast", Recall: fp(0.01)}, // not in the floor: not checked
	}
	tests := []struct {
		name  string
		edit  func(r []Report) []Report
		floor Floor
		want  []string // substrings, one per expected failure, in order
	}{
		{"all within tolerance", nil, floor, nil},
		{"below floor", func(r []Report) []Report { r[0].SubEventType = fp(0.579); return r }, floor,
			[]string{"acled-2020-mideast: sub_event_type 0.579 below floor 0.600"}},
		{"exactly at the tolerance edge", func(r []Report) []Report { r[0].Recall = fp(0.88); return r }, floor, nil},
		{"km above ceiling", func(r []Report) []Report { r[0].PlaceKmMedian = fp(10.3); return r }, floor,
			[]string{"place_km_median 10.3 km above ceiling 10.0 km"}},
		{"extra events above ceiling", func(r []Report) []Report { r[0].ExtraEvents = fp(0.2); return r }, floor,
			[]string{"extra_events 0.200 above ceiling 0.100"}},
		{"higher is fine for ceilings", func(r []Report) []Report { r[0].PlaceKmMedian = fp(1); r[0].ExtraEvents = fp(0); return r }, floor, nil},
		{"several, in metric order", func(r []Report) []Report {
			r[0].ExtraEvents, r[0].Recall = fp(0.5), fp(0.1)
			r[1].Actors = fp(0.5)
			return r
		}, floor, []string{"acled-2020-mideast: recall", "acled-2020-mideast: extra_events", "gtd-iraq-2012-2017: actors 0.500"}},
		{"unmeasured metric", func(r []Report) []Report { r[1].Actors = nil; return r }, floor,
			[]string{"gtd-iraq-2012-2017: actors not measured"}},
		{"missing set", func(r []Report) []Report { return r[:1] }, floor,
			[]string{"gtd-iraq-2012-2017: no report"}},
		{"unknown metric", nil, Floor{"gtd-iraq-2012-2017": {"vibes": 1}}, []string{`unknown metric "vibes"`}},
		{"empty floor", nil, Floor{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reps := append([]Report(nil), good...)
			if tt.edit != nil {
				reps = tt.edit(reps)
			}
			got := CheckFloor(reps, tt.floor, DefaultTolerance)
			if len(got) != len(tt.want) {
				t.Fatalf("failures %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("failure %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestParseFloor(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"a": {"recall": 0.5}}`, ""},
		{`{"a": {"place_km_median": 12}}`, ""},
		{`{"a": {"recal": 0.5}}`, "unknown metric"},
		{`{"a": {"recall": "high"}}`, "cannot unmarshal"},
		{`[1,2]`, "cannot unmarshal"},
		{`{`, "unexpected end"},
	} {
		_, err := ParseFloor([]byte(tt.in))
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("ParseFloor(%s) error %v, want %q", tt.in, err, tt.want)
		}
	}
	if _, err := LoadFloor("testdata/no-such-floor.json"); err == nil {
		t.Error("LoadFloor on a missing file: no error")
	}
}

func TestNewFloorRoundTrip(t *testing.T) {
	reps := []Report{
		{Set: "acled-2020-mideast", Records: 3, Recall: fp(0.91234), PlaceKmMedian: fp(7.5)},
		{Set: "acled-2022-mideast", Recall: fp(0.5)},
		{Set: "gtd-iraq-2012-2017", Actors: fp(0.8)},
	}
	f := NewFloor(reps, nil)
	if len(f) != 2 || f["acled-2020-mideast"]["recall"] != 0.912 || len(f["acled-2020-mideast"]) != 2 || f["gtd-iraq-2012-2017"]["actors"] != 0.8 {
		t.Fatalf("NewFloor = %v", f)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "floor.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := LoadFloor(path)
	if err != nil {
		t.Fatal(err)
	}
	if fails := CheckFloor(reps, back, DefaultTolerance); len(fails) != 0 {
		t.Errorf("a fresh floor fails its own reports: %q", fails)
	}
	if got := NewFloor(reps, []string{"acled-2022-mideast"}); len(got) != 1 || got["acled-2022-mideast"]["recall"] != 0.5 {
		t.Errorf("NewFloor(named sets) = %v", got)
	}
}
