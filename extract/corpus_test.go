package extract

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
)

const corpusDir = "../testdata/corpus"

// corpusDocs reads the bundled sample corpus keyed as EXPECTED.tsv names documents: the JSONL id,
// the HTML file name, the feed item's guid.
func corpusDocs(t *testing.T) map[string]doc.Document {
	t.Helper()
	out := map[string]doc.Document{}
	for _, f := range []string{"wires.jsonl", "regional.jsonl"} {
		fh, err := os.Open(filepath.Join(corpusDir, f))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct{ ID, Source, Published, Text string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			pub, err := time.Parse(doc.DateLayout, r.Published[:10])
			if err != nil {
				t.Fatalf("%s %s: %v", f, r.ID, err)
			}
			out[r.ID] = doc.Document{ID: r.ID, Source: r.Source, Published: pub, Text: r.Text}
		}
		fh.Close()
	}
	for _, pattern := range []string{"html/*.html", "feeds/*"} {
		files, _ := filepath.Glob(filepath.Join(corpusDir, pattern))
		for _, f := range files {
			docs, _, err := ingest.Read(f, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range docs {
				key := filepath.Base(f)
				if i := strings.Index(d.Origin, "#"); i >= 0 {
					key = d.Origin[i+1:]
				}
				out[key] = d
			}
		}
	}
	return out
}

// TestCorpusEvents scores the extractor on the project's own sample corpus against
// testdata/corpus/EXPECTED.tsv: for each event a report states as done, is there a mention of the
// same sub-event type (or PLOVER type), in the same country, on the same day? And do the reports
// that state no event yield no violent event? Floors are the figures measured when the test was
// written, less 0.02: raise them as the extractor improves.
func TestCorpusEvents(t *testing.T) {
	x := extractor(t)
	docs := corpusDocs(t)
	fh, err := os.Open(filepath.Join(corpusDir, "EXPECTED.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.Comma, r.LazyQuotes = '\t', true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cache := map[string][]doc.Mention{}
	extracted := func(id string) []doc.Mention {
		if ms, ok := cache[id]; ok {
			return ms
		}
		d, ok := docs[id]
		if !ok {
			t.Fatalf("EXPECTED.tsv names %q, not in the corpus", id)
		}
		cache[id] = x.Extract(d)
		return cache[id]
	}
	var events, typed, placed, dated, quiet, quietOK int
	for _, row := range rows[1:] {
		id, key, plover, sub, modality, country, date := row[0], row[1], row[2], row[3], row[4], row[8], row[9]
		ms := extracted(id)
		if key == "none" {
			quiet++
			violent := false
			for _, m := range ms {
				violent = violent || m.Type == "ASSAULT"
			}
			if !violent {
				quietOK++
			} else {
				t.Logf("no-event report %s: got %s %s", id, ms[0].Type, ms[0].ACLEDSubType)
			}
			continue
		}
		if modality != doc.Occurred {
			continue
		}
		events++
		var match *doc.Mention
		for i, m := range ms {
			if (sub != "" && m.ACLEDSubType == sub) || (sub == "" && m.Type == plover) {
				match = &ms[i]
				break
			}
		}
		if match == nil {
			t.Logf("%s %s: no %s%s mention", id, key, sub, plover)
			continue
		}
		typed++
		if match.Location != nil && match.Location.Country == country {
			placed++
		}
		if match.Date.Start.Format(doc.DateLayout) == date {
			dated++
		}
	}
	share := func(n, d int) float64 { return float64(n) / float64(max(d, 1)) }
	got := map[string]float64{
		"event found with its type": share(typed, events),
		"country, of those found":   share(placed, typed),
		"date, of those found":      share(dated, typed),
		"no-event reports quiet":    share(quietOK, quiet),
	}
	floors := map[string]float64{
		"event found with its type": 0.87,
		"country, of those found":   0.94,
		"date, of those found":      0.81,
		"no-event reports quiet":    0.55,
	}
	for k, v := range got {
		t.Logf("%-28s %.3f (floor %.2f)", k, v, floors[k])
		if v < floors[k] {
			t.Errorf("%s = %.3f, below the floor %.2f", k, v, floors[k])
		}
	}
}
