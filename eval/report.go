package eval

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Report is the score of one gold set. Every metric is a pointer: nil (JSON null) means the set
// codes nothing the metric could be computed on (CASE has no places, GTD and UCDP no ACLED types).
// Shares are in [0, 1]. See the package documentation for exact definitions.
type Report struct {
	Set     string `json:"set"`
	Format  string `json:"format"`
	Records int    `json:"records"`

	Recall       *float64 `json:"recall"`
	EventType    *float64 `json:"event_type"`
	SubEventType *float64 `json:"sub_event_type"`
	Actors       *float64 `json:"actors"`
	Actor1       *float64 `json:"actor1"`
	Actor2       *float64 `json:"actor2"`
	// Place figures: over ACLED geo_precision 1 records only for ACLED sets (the README's advice:
	// precision 2 and 3 coordinates are a town near the event or a region's centre), over every
	// record with coordinates for GTD and UCDP. ByGeoPrecision has the split.
	PlaceKmMedian   *float64 `json:"place_km_median"`
	PlaceWithin25km *float64 `json:"place_within_25km"`
	PlaceWithin50km *float64 `json:"place_within_50km"`
	Country         *float64 `json:"country"`
	Date            *float64 `json:"date"`
	Fatalities      *float64 `json:"fatalities"`
	ExtraEvents     *float64 `json:"extra_events"`

	// N is the denominator of each metric (records it was computed over); for place_km_median,
	// the number of records whose top mention had a location.
	N map[string]int `json:"n"`
	// ByGeoPrecision splits the place figures by the gold precision code (ACLED geo_precision
	// 1-3, UCDP where_prec 1-7).
	ByGeoPrecision map[string]PlaceScore `json:"by_geo_precision,omitempty"`
	// Confusion counts CASE records by gold code (rows) and predicted code (columns): the top
	// mention's sub-type as a CASE code, "-" for no mention, "?" for a mention without an ACLED
	// sub-type. For an unseen gold code the predicted code is that of the best-ranked violent
	// mention when there is one (the error that matters there).
	Confusion map[string]map[string]int `json:"confusion,omitempty"`
	// Worst lists the WorstN records with the largest error score, for developers. It holds gold
	// text: never commit a report.
	Worst []Miss `json:"worst"`
}

// PlaceScore is the place figures of one group of records.
type PlaceScore struct {
	Records    int      `json:"records"` // records with gold coordinates
	Located    int      `json:"located"` // of which the top mention had a location
	KmMedian   *float64 `json:"place_km_median"`
	Within25km *float64 `json:"place_within_25km"`
	Within50km *float64 `json:"place_within_50km"`
}

// Miss is one badly scored record. Score is a heuristic for ordering only: 5 for a record with no
// mention, 3 for a violent event where none is expected, 1 per wrong type or sub-type, the
// unmatched share of actors, 1 for a missing location or km/100 (at most 2) beyond 25 km, and 0.5
// each for a wrong country, date or fatality count.
type Miss struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"` // the record text, cut at 300 bytes
	Gold   string   `json:"gold"`
	Got    string   `json:"got"`
	Errors []string `json:"errors"`
	Score  float64  `json:"score"`
	order  int
}

func (m *Miss) fail(weight float64, format string, args ...any) {
	m.Score += weight
	m.Errors = append(m.Errors, fmt.Sprintf(format, args...))
}

// metricNames lists the headline metrics in report order, with their JSON names.
var metricNames = []string{
	"recall", "event_type", "sub_event_type", "actors", "actor1", "actor2",
	"place_km_median", "place_within_25km", "place_within_50km",
	"country", "date", "fatalities", "extra_events",
}

// Metric returns a headline metric by its JSON name; ok is false for an unknown name. The value
// is nil when the metric does not apply to the set.
func (r Report) Metric(name string) (v *float64, ok bool) {
	switch name {
	case "recall":
		return r.Recall, true
	case "event_type":
		return r.EventType, true
	case "sub_event_type":
		return r.SubEventType, true
	case "actors":
		return r.Actors, true
	case "actor1":
		return r.Actor1, true
	case "actor2":
		return r.Actor2, true
	case "place_km_median":
		return r.PlaceKmMedian, true
	case "place_within_25km":
		return r.PlaceWithin25km, true
	case "place_within_50km":
		return r.PlaceWithin50km, true
	case "country":
		return r.Country, true
	case "date":
		return r.Date, true
	case "fatalities":
		return r.Fatalities, true
	case "extra_events":
		return r.ExtraEvents, true
	case "records":
		v := float64(r.Records)
		return &v, true
	}
	return nil, false
}

// WriteTable prints the reports as aligned text: one column per set, one row per metric ("-"
// where a metric does not apply), then the place figures by gold precision and, for CASE sets,
// the confusion of gold and predicted codes.
func WriteTable(w io.Writer, reports []Report) error {
	var buf bytes.Buffer
	if err := writeTable(&buf, reports); err != nil {
		return err
	}
	// tabwriter pads the last column too: drop trailing blanks
	lines := strings.Split(buf.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

func writeTable(w io.Writer, reports []Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	line := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t") }
	head := []string{"metric"}
	recs := []string{"records"}
	for _, r := range reports {
		head = append(head, r.Set)
		recs = append(recs, strconv.Itoa(r.Records))
	}
	line(head...)
	line(recs...)
	for _, m := range metricNames {
		cells := []string{m}
		for _, r := range reports {
			v, _ := r.Metric(m)
			cells = append(cells, fmtMetric(m, v))
		}
		line(cells...)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	for _, r := range reports {
		if len(r.ByGeoPrecision) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: place by gold precision\n", r.Set)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "precision\trecords\tlocated\tkm_median\twithin_25km\twithin_50km\t")
		keys := slices.SortedFunc(maps.Keys(r.ByGeoPrecision), func(a, b string) int {
			ia, _ := strconv.Atoi(a)
			ib, _ := strconv.Atoi(b)
			return cmp.Or(cmp.Compare(ia, ib), strings.Compare(a, b))
		})
		for _, k := range keys {
			p := r.ByGeoPrecision[k]
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t\n", k, p.Records, p.Located,
				fmtMetric("place_km_median", p.KmMedian), fmtMetric("", p.Within25km), fmtMetric("", p.Within50km))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	for _, r := range reports {
		if len(r.Confusion) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: gold code (records, share right) -> predicted codes\n", r.Set)
		for _, row := range confusionRows(r.Confusion) {
			fmt.Fprintln(w, row)
		}
	}
	return nil
}

// confusionRows renders each gold row as "GOLD (n, right): PRED count, PRED count, ...", the
// predicted codes in descending count. For a gold unseen code every non-violent prediction
// (including "-" and "?") is right.
func confusionRows(c map[string]map[string]int) []string {
	golds := slices.Sorted(maps.Keys(c))
	width := 0
	for _, g := range golds {
		width = max(width, len(g))
	}
	var out []string
	for _, g := range golds {
		preds := c[g]
		total := 0
		for _, n := range preds {
			total += n
		}
		right := preds[g]
		if caseUnseen[g] {
			right = 0
			for p, n := range preds {
				if !isViolentCode(p) {
					right += n
				}
			}
		}
		keys := slices.SortedFunc(maps.Keys(preds), func(a, b string) int {
			return cmp.Or(cmp.Compare(preds[b], preds[a]), strings.Compare(a, b))
		})
		cells := make([]string, len(keys))
		for i, k := range keys {
			cells[i] = fmt.Sprintf("%s %d", k, preds[k])
		}
		out = append(out, fmt.Sprintf("  %-*s %4d %5.2f  %s", width, g, total, float64(right)/float64(total), strings.Join(cells, ", ")))
	}
	return out
}

func fmtMetric(name string, v *float64) string {
	if v == nil {
		return "-"
	}
	if name == "place_km_median" {
		return strconv.FormatFloat(*v, 'f', 1, 64)
	}
	return strconv.FormatFloat(*v, 'f', 3, 64)
}
