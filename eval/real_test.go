package eval

import (
	"os"
	"path/filepath"
	"testing"
)

// goldDir finds the shared gold data; tests that need it skip when it is absent. Set
// SITREP_EVAL_DATA to point elsewhere.
func goldDir(t *testing.T) string {
	t.Helper()
	for _, d := range []string{os.Getenv("SITREP_EVAL_DATA"), "../shared/eval", "../../shared/eval", "/work/shared/eval"} {
		if d == "" {
			continue
		}
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	t.Skip("gold data not found (set SITREP_EVAL_DATA)")
	return ""
}

// TestRealGoldFiles reads every supported gold set, checks its size against the data README and
// that the scorer gives a perfect extractor perfect marks. It logs aggregate figures only, never
// rows (the data's terms forbid copying it).
func TestRealGoldFiles(t *testing.T) {
	dir := goldDir(t)
	sets := []struct {
		name, format string
		records      int
	}{
		{"acled-2022-mideast", FormatACLED, 1364},
		{"acled-2020-mideast", FormatACLED, 1168},
		{"acled-2020-afghanistan", FormatACLED, 496},
		{"case2021-task2", FormatCASE, 1019},
		{"gtd-iraq-2012-2017", FormatGTD, 2900},
		{"ucdp-ged-sample", FormatUCDP, 1000},
	}
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			path := filepath.Join(dir, s.name)
			if _, err := os.Stat(path); err != nil {
				t.Skip(err)
			}
			format, err := Detect(path)
			if err != nil || format != s.format {
				t.Fatalf("Detect = %q, %v; want %q", format, err, s.format)
			}
			recs, err := Read(path, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != s.records {
				t.Errorf("%d records, want %d", len(recs), s.records)
			}
			ids := map[string]bool{}
			noCountry, noText, unparsed := 0, 0, 0
			for _, r := range recs {
				if ids[r.ID] {
					t.Errorf("duplicate id %q", r.ID)
				}
				ids[r.ID] = true
				if r.Text == "" {
					noText++
				}
				if s.format != FormatCASE && r.Gold.Country == "" {
					noCountry++
				}
				for _, a := range r.Gold.Actors {
					if ga := ParseGoldActor(a, scheme(format)); a != "" && len(ga.Names) == 0 && len(ga.Patterns) == 0 {
						unparsed++
					}
				}
			}
			if noCountry > 0 {
				t.Errorf("%d records with a country the table lacks", noCountry)
			}
			if unparsed > 0 {
				t.Errorf("%d gold actors resolve to nothing", unparsed)
			}
			t.Logf("%d records, %d with empty text", len(recs), noText)

			rep := Run2(t, s.name, format, recs)
			for _, m := range metricNames {
				v, _ := rep.Metric(m)
				if v == nil {
					continue
				}
				want := 1.0
				if m == "place_km_median" || m == "extra_events" {
					want = 0
				}
				if *v < want-1e-9 || *v > want+1e-9 {
					t.Errorf("oracle %s = %.4f, want %v", m, *v, want)
				}
			}
		})
	}
}

func Run2(t *testing.T, set, format string, recs []Record) Report {
	t.Helper()
	return Score(set, format, recs, oracle(recs, format))
}
