package extract_test

// TestAccuracy measures the extractor against testdata/sentences.tsv: single news sentences written
// for this project, each with the fields a careful coder would give it. It is the regression
// measure later changes are judged by:
//
//	go test -v -run Accuracy ./extract
//
// prints the per-field accuracy and every row that misses a field, with what the extractor gave.
//
// testdata/sentences.tsv: tab-separated, UTF-8; lines starting with "#" and blank lines are skipped;
// the first other line is the header (exactly the column names of sentenceColumns). In every
// expected column an empty cell means "not checked" and "-" means "must be empty" (no actor, no
// place, no count, no source other than the document's own outlet). A row whose plover cell is "-"
// must yield no event at all; its other expected cells must be empty.

import (
	"bufio"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/extract"
)

// accuracyFloors are the lowest per-field accuracies TestAccuracy accepts. They were set to the
// figures measured when the test set was written, minus 0.02, rounded down to two decimals: a floor
// is a regression guard, not a claim of quality. When a change to the extractor raises a figure,
// raise its floor here too (to the new figure minus 0.02), so that later changes cannot silently
// give the gain back. Never lower a floor to make a change pass without saying why in the commit.
var accuracyFloors = map[string]float64{
	"event_precision":     0.95,
	"event_recall":        0.97,
	"plover":              0.91,
	"acled_sub_event":     0.89,
	"modality":            0.95,
	"actor1":              0.85,
	"actor2":              0.79,
	"place":               0.93,
	"country":             0.93,
	"date":                0.96,
	"fatalities":          0.88,
	"injured":             0.96,
	"civilian_fatalities": 0.98,
	"source":              0.94,
}

// testSource is the outlet every test document comes from; it is not a source the text cites.
const testSource = "Test Wire"

// sentenceColumns is the header of testdata/sentences.tsv.
var sentenceColumns = []string{"published", "text", "plover", "acled_sub_event_type", "modality", "actor1", "actor2",
	"place", "country", "date", "fatalities", "injured", "civilian_fatalities", "source"}

// the checked fields, in the order the report lists them; each maps to its column
var fieldColumns = []struct{ field, column string }{
	{"plover", "plover"},
	{"acled_sub_event", "acled_sub_event_type"},
	{"modality", "modality"},
	{"actor1", "actor1"},
	{"actor2", "actor2"},
	{"place", "place"},
	{"country", "country"},
	{"date", "date"},
	{"fatalities", "fatalities"},
	{"injured", "injured"},
	{"civilian_fatalities", "civilian_fatalities"},
	{"source", "source"},
}

type sentenceRow struct {
	line      int
	published time.Time
	text      string
	noEvent   bool
	want      map[string]string // column → expected cell ("" not checked, "-" must be empty)
}

// readSentences parses the test set, failing on the first malformed row with its line number.
func readSentences(t *testing.T, path string) []sentenceRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []sentenceRow
	header := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(raw) == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		cells := strings.Split(raw, "\t")
		if !header {
			if !slices.Equal(cells, sentenceColumns) {
				t.Fatalf("%s:%d: header is %q, want %q", path, line, cells, sentenceColumns)
			}
			header = true
			continue
		}
		if len(cells) != len(sentenceColumns) {
			t.Fatalf("%s:%d: %d cells, want %d (%s)", path, line, len(cells), len(sentenceColumns), strings.Join(sentenceColumns, ", "))
		}
		r := sentenceRow{line: line, text: cells[1], want: map[string]string{}}
		if r.published, err = time.Parse(doc.DateLayout, cells[0]); err != nil {
			t.Fatalf("%s:%d: published %q is not YYYY-MM-DD", path, line, cells[0])
		}
		if strings.TrimSpace(r.text) == "" || r.text != strings.TrimSpace(r.text) {
			t.Fatalf("%s:%d: text is empty or has leading or trailing space", path, line)
		}
		for i, c := range sentenceColumns[2:] {
			v := cells[i+2]
			if v != strings.TrimSpace(v) {
				t.Fatalf("%s:%d: %s cell %q has leading or trailing space", path, line, c, v)
			}
			r.want[c] = v
		}
		r.noEvent = r.want["plover"] == "-"
		if r.noEvent {
			for _, c := range sentenceColumns[3:] {
				if r.want[c] != "" {
					t.Fatalf("%s:%d: a no-event row (plover \"-\") must leave %s empty, has %q", path, line, c, r.want[c])
				}
			}
		} else if r.want["plover"] == "" {
			t.Fatalf("%s:%d: plover is empty: give the expected type, or \"-\" for a sentence with no event", path, line)
		}
		if d := r.want["date"]; d != "" {
			if _, err := time.Parse(doc.DateLayout, d); err != nil {
				t.Fatalf("%s:%d: date %q is not YYYY-MM-DD", path, line, d)
			}
		}
		for _, c := range []string{"fatalities", "injured", "civilian_fatalities"} {
			if v := r.want[c]; v != "" && v != "-" {
				if n, err := strconv.Atoi(v); err != nil || n < 0 {
					t.Fatalf("%s:%d: %s %q is not a count or \"-\"", path, line, c, v)
				}
			}
		}
		if m := r.want["modality"]; m != "" && !slices.Contains([]string{doc.Occurred, doc.Threatened, doc.Denied, doc.Claimed, doc.Planned, doc.Hypothetical}, m) {
			t.Fatalf("%s:%d: modality %q is not one of occurred, threatened, denied, claimed, planned, hypothetical", path, line, m)
		}
		if c := r.want["country"]; c != "" && c != "-" && (len(c) != 3 || strings.ToUpper(c) != c) {
			t.Fatalf("%s:%d: country %q is not an ISO3 code", path, line, c)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !header {
		t.Fatalf("%s: no header", path)
	}
	return rows
}

var accuracyExtractor = sync.OnceValues(extract.Default)

// got reads the value of one column off a mention, in the TSV's terms ("-" for empty).
func got(m doc.Mention, column string) string {
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	count := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	actor := func(a *doc.Actor) string {
		if a == nil {
			return "-"
		}
		return dash(a.Name)
	}
	switch column {
	case "plover":
		return dash(m.Type)
	case "acled_sub_event_type":
		return dash(m.ACLEDSubType)
	case "modality":
		return dash(m.Modality)
	case "actor1":
		return actor(m.Actor1)
	case "actor2":
		return actor(m.Actor2)
	case "place":
		// the place as written; a country filled in from the actors has no words in the text
		if m.Location == nil || m.Location.Span.Len() == 0 {
			return "-"
		}
		return dash(m.Location.Text)
	case "country":
		if m.Location == nil {
			return "-"
		}
		return dash(m.Location.Country)
	case "date":
		if m.Date.Start.IsZero() {
			return "-"
		}
		return m.Date.Start.Format(doc.DateLayout)
	case "fatalities":
		return count(m.Fatalities)
	case "injured":
		return count(m.Injured)
	case "civilian_fatalities":
		return count(m.CivilianFatalities)
	case "source":
		var names []string
		for _, s := range m.Sources {
			if s.Name != testSource {
				names = append(names, s.Name)
			}
		}
		if len(names) == 0 {
			return "-"
		}
		return strings.Join(names, "|")
	}
	panic("unknown column " + column)
}

// matches compares one expected cell with the mention's value. A source matches when it is any of
// the sources the mention lists.
func matches(column, want, have string) bool {
	if column == "source" && want != "-" {
		return slices.Contains(strings.Split(have, "|"), want)
	}
	return want == have
}

// spanErrors checks that every span of a mention covers exactly the words it claims.
func spanErrors(text string, m doc.Mention) []string {
	var errs []string
	check := func(what string, sp doc.Span, claimed string) {
		if !sp.Valid(len(text)) {
			errs = append(errs, fmt.Sprintf("%s span %v outside the text (%d bytes)", what, sp, len(text)))
			return
		}
		if text[sp.Start:sp.End] != claimed {
			errs = append(errs, fmt.Sprintf("%s span %v covers %q, not %q", what, sp, text[sp.Start:sp.End], claimed))
		}
	}
	check("trigger", m.Trigger.Span, m.Trigger.Text)
	if m.Trigger.Text == "" {
		errs = append(errs, "empty trigger")
	}
	for i, a := range []*doc.Actor{m.Actor1, m.Actor2} {
		if a != nil {
			check(fmt.Sprintf("actor%d", i+1), a.Span, a.Text)
		}
	}
	for what, p := range map[string]*doc.Place{"place": m.Location, "origin": m.Origin} {
		if p != nil && (p.Span.Len() > 0 || p.Text != "") {
			check(what, p.Span, p.Text)
		}
	}
	if m.Date.Span.Len() > 0 || m.Date.Text != "" {
		check("date", m.Date.Span, m.Date.Text)
	}
	check("evidence", m.Evidence.Span, m.Evidence.Sentence)
	if e := m.CivilianEvidence; e != nil {
		check("civilian evidence", e.Span, e.Text)
	}
	return errs
}

type tally struct{ ok, n int }

func (t tally) share() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return float64(t.ok) / float64(t.n)
}

func TestAccuracy(t *testing.T) {
	x, err := accuracyExtractor()
	if err != nil {
		t.Fatal(err)
	}
	rows := readSentences(t, "testdata/sentences.tsv")
	if len(rows) < 250 {
		t.Errorf("the test set has %d sentences; keep at least 250", len(rows))
	}

	all := map[string]*tally{}     // field → over every row that checks it (a missed event misses the field)
	inFound := map[string]*tally{} // field → over the rows where an event was found
	for _, fc := range fieldColumns {
		all[fc.field], inFound[fc.field] = &tally{}, &tally{}
	}
	var tp, fp, fn, tn int
	spans := tally{}
	confusion := map[string]int{} // "want → got" sub-event types
	var failures []string

	for _, r := range rows {
		d := doc.Document{ID: fmt.Sprintf("line%d", r.line), Source: testSource, Text: r.text, Published: r.published}
		ms := x.Extract(d)
		for _, m := range ms {
			spans.n++
			if errs := spanErrors(r.text, m); len(errs) > 0 {
				t.Errorf("line %d: %s\n  %s", r.line, r.text, strings.Join(errs, "\n  "))
			} else {
				spans.ok++
			}
		}
		ranked := eval.Rank(ms)
		if r.noEvent {
			if len(ranked) == 0 {
				tn++
			} else {
				fp++
				m := ranked[0]
				failures = append(failures, fmt.Sprintf("line %d: %s\n    want no event, got %s / %s (trigger %q, conf %.2f)",
					r.line, r.text, m.Type, m.ACLEDSubType, m.Trigger.Text, m.Confidence))
			}
			continue
		}
		if len(ranked) == 0 {
			fn++
			for _, fc := range fieldColumns {
				if r.want[fc.column] != "" {
					all[fc.field].n++
				}
			}
			failures = append(failures, fmt.Sprintf("line %d: %s\n    no event (want %s / %s)", r.line, r.text, r.want["plover"], r.want["acled_sub_event_type"]))
			confusion[r.want["acled_sub_event_type"]+" → (none)"]++
			continue
		}
		tp++
		m := ranked[0]
		var misses []string
		for _, fc := range fieldColumns {
			want := r.want[fc.column]
			if want == "" {
				continue
			}
			have := got(m, fc.column)
			ok := matches(fc.column, want, have)
			all[fc.field].n++
			inFound[fc.field].n++
			if ok {
				all[fc.field].ok++
				inFound[fc.field].ok++
			} else {
				misses = append(misses, fmt.Sprintf("%s = %q, want %q", fc.field, have, want))
			}
		}
		if w := r.want["acled_sub_event_type"]; w != "" && w != m.ACLEDSubType {
			confusion[w+" → "+got(m, "acled_sub_event_type")]++
		}
		if len(misses) > 0 {
			failures = append(failures, fmt.Sprintf("line %d: %s\n    %s\n    (trigger %q, conf %.2f)",
				r.line, r.text, strings.Join(misses, "; "), m.Trigger.Text, m.Confidence))
		}
	}

	measured := map[string]float64{}
	events := tp + fn
	measured["event_precision"] = tally{tp, tp + fp}.share()
	measured["event_recall"] = tally{tp, events}.share()
	var b strings.Builder
	fmt.Fprintf(&b, "%d sentences: %d with an event, %d without; found %d of %d events, %d false events in %d no-event sentences\n",
		len(rows), events, fp+tn, tp, events, fp, fp+tn)
	fmt.Fprintf(&b, "%-16s %8s %8s %10s   %s\n", "field", "accuracy", "floor", "n", "accuracy where an event was found")
	fmt.Fprintf(&b, "%-16s %8.3f %8.2f %10s\n", "event_precision", measured["event_precision"], accuracyFloors["event_precision"], fmt.Sprintf("%d/%d", tp, tp+fp))
	fmt.Fprintf(&b, "%-16s %8.3f %8.2f %10s\n", "event_recall", measured["event_recall"], accuracyFloors["event_recall"], fmt.Sprintf("%d/%d", tp, events))
	for _, fc := range fieldColumns {
		a, f := all[fc.field], inFound[fc.field]
		measured[fc.field] = a.share()
		fmt.Fprintf(&b, "%-16s %8.3f %8.2f %10s   %.3f (%d/%d)\n", fc.field, a.share(), accuracyFloors[fc.field],
			fmt.Sprintf("%d/%d", a.ok, a.n), f.share(), f.ok, f.n)
	}
	fmt.Fprintf(&b, "%-16s %8.3f %8s %10s\n", "spans", spans.share(), "1.00", fmt.Sprintf("%d/%d", spans.ok, spans.n))
	t.Log("\n" + b.String())

	if len(confusion) > 0 {
		keys := make([]string, 0, len(confusion))
		for k := range confusion {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if confusion[a] != confusion[b] {
				return confusion[b] - confusion[a]
			}
			return strings.Compare(a, b)
		})
		var c strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&c, "  %3d  %s\n", confusion[k], k)
		}
		t.Log("sub-event type confusions (want → got):\n" + c.String())
	}
	if len(failures) > 0 {
		t.Logf("%d rows with a miss:\n%s", len(failures), strings.Join(failures, "\n"))
	}

	// the floors, and a line to paste when the figures rise
	var suggest []string
	for _, k := range slices.Sorted(maps.Keys(measured)) {
		suggest = append(suggest, fmt.Sprintf("%q: %.2f", k, math.Floor((measured[k]-0.02)*100+1e-9)/100))
		floor, ok := accuracyFloors[k]
		if !ok {
			t.Errorf("no floor for %s (measured %.3f)", k, measured[k])
			continue
		}
		if math.IsNaN(measured[k]) || measured[k] < floor {
			t.Errorf("%s accuracy %.3f is below its floor %.2f", k, measured[k], floor)
		}
	}
	for k := range accuracyFloors {
		if _, ok := measured[k]; !ok {
			t.Errorf("floor for %s, a field the test does not measure", k)
		}
	}
	t.Logf("floors at the measured figures minus 0.02: %s", strings.Join(suggest, ", "))
}
