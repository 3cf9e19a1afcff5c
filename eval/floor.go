package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
)

// HeldOut names the gold sets kept out of development: nobody tunes the extractor on them, so
// their figures are the honest ones and the ones the regression floor (floor.json) guards.
var HeldOut = []string{"acled-2020-mideast", "acled-2020-afghanistan", "gtd-iraq-2012-2017"}

// DefaultTolerance is how far a figure may fall below its floor before CheckFloor reports it.
const DefaultTolerance = 0.02

// Floor is the regression floor: set name → metric JSON name → the lowest accepted value. It is
// stored as eval/floor.json, e.g.
//
//	{"acled-2020-mideast": {"recall": 0.91, "sub_event_type": 0.64, "place_km_median": 12.5}}
//
// For place_km_median and extra_events lower is better and the value is a ceiling instead.
type Floor map[string]map[string]float64

// lowerIsBetter lists the metrics whose floor is a ceiling.
var lowerIsBetter = map[string]bool{"place_km_median": true, "extra_events": true}

// LoadFloor reads a floor file.
func LoadFloor(path string) (Floor, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := ParseFloor(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// ParseFloor decodes a floor and checks that it names only known metrics.
func ParseFloor(b []byte) (Floor, error) {
	var f Floor
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	for set, ms := range f {
		for m, v := range ms {
			if _, ok := (Report{}).Metric(m); !ok {
				return nil, fmt.Errorf("set %q: unknown metric %q", set, m)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("set %q: metric %q: not a number", set, m)
			}
		}
	}
	return f, nil
}

// CheckFloor compares reports with the floor and returns one human-readable line per failure;
// none means the floor holds. Every (set, metric) in the floor is checked: a figure fails when it
// is below floor-tolerance, or, for the lower-is-better metrics, above floor+tolerance
// (extra_events) or above floor×(1+tolerance) (place_km_median, in km). A set of the floor with no
// report, or a metric the report leaves nil, is a failure too: a floor must not pass by going
// unmeasured. Pass DefaultTolerance unless there is a reason not to.
func CheckFloor(reports []Report, floor Floor, tolerance float64) []string {
	bySet := make(map[string]Report, len(reports))
	for _, r := range reports {
		bySet[r.Set] = r
	}
	var fails []string
	for _, set := range sortedKeys(floor) {
		r, ok := bySet[set]
		if !ok {
			fails = append(fails, fmt.Sprintf("%s: no report for this set (the floor lists it)", set))
			continue
		}
		ms := floor[set]
		names := sortedKeys(ms)
		slices.SortStableFunc(names, func(a, b string) int { return metricOrder(a) - metricOrder(b) })
		for _, m := range names {
			want := ms[m]
			v, known := r.Metric(m)
			switch {
			case !known:
				fails = append(fails, fmt.Sprintf("%s: unknown metric %q in floor", set, m))
			case v == nil:
				fails = append(fails, fmt.Sprintf("%s: %s not measured (floor %.3f)", set, m, want))
			case m == "place_km_median":
				if limit := want * (1 + tolerance); *v > limit {
					fails = append(fails, fmt.Sprintf("%s: %s %.1f km above ceiling %.1f km (+%.0f%% allowed: %.1f km)", set, m, *v, want, 100*tolerance, limit))
				}
			case lowerIsBetter[m]:
				if limit := want + tolerance; *v > limit+1e-9 {
					fails = append(fails, fmt.Sprintf("%s: %s %.3f above ceiling %.3f (+%.3f allowed: %.3f)", set, m, *v, want, tolerance, limit))
				}
			default:
				if limit := want - tolerance; *v < limit-1e-9 {
					fails = append(fails, fmt.Sprintf("%s: %s %.3f below floor %.3f (-%.3f allowed: %.3f)", set, m, *v, want, tolerance, limit))
				}
			}
		}
	}
	return fails
}

// NewFloor snapshots the measured headline metrics of the named sets (HeldOut when sets is nil),
// for writing a new floor.json once the extractor's figures are agreed.
func NewFloor(reports []Report, sets []string) Floor {
	if sets == nil {
		sets = HeldOut
	}
	f := Floor{}
	for _, r := range reports {
		if !slices.Contains(sets, r.Set) {
			continue
		}
		ms := map[string]float64{}
		for _, m := range metricNames {
			if v, _ := r.Metric(m); v != nil {
				ms[m] = math.Round(*v*1000) / 1000
			}
		}
		f[r.Set] = ms
	}
	return f
}

func metricOrder(m string) int {
	if i := slices.Index(metricNames, m); i >= 0 {
		return i
	}
	return len(metricNames)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
