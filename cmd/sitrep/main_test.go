package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// The tests drive the real binary, as a user would.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sitrep-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "sitrep")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build sitrep: %v\n%s", err, out)
		os.Exit(1)
	}
	code := pgtest.Main(m) // m.Run, then stop the PostgreSQL server a test started, if any
	os.RemoveAll(dir)
	os.Exit(code)
}

const corpus = "../../testdata/corpus"

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

func stats(t *testing.T, db string) map[string]int {
	t.Helper()
	r := run(t, "", "stats", "--db", db)
	if r.code != 0 {
		t.Fatalf("stats: %s", r.stderr)
	}
	var s map[string]int
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("stats output %q: %v", r.stdout, err)
	}
	return s
}

func TestExtractFromStdin(t *testing.T) {
	text := "On December 20th the US-led coalition carried out an airstrike on Islamic State hideouts in Deir ez-Zor, killing at least nine militants, Al Hadath TV reported."
	r := run(t, text, "extract", "--published", "2025-12-22", "--source", "Example Daily", "--format", "jsonl", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var e struct {
		SubType    string `json:"acled_sub_event_type"`
		Fatalities *int   `json:"fatalities"`
		Date       struct{ Start string }
		Location   struct {
			Name string
			Span [2]int
		}
		Sources []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &e); err != nil {
		t.Fatalf("output %q: %v", r.stdout, err)
	}
	if e.SubType != "Air/drone strike" || e.Fatalities == nil || *e.Fatalities != 9 || e.Date.Start != "2025-12-20" {
		t.Errorf("coded %+v", e)
	}
	if got := text[e.Location.Span[0]:e.Location.Span[1]]; got != "Deir ez-Zor" {
		t.Errorf("location span covers %q", got)
	}
	names := fmt.Sprint(e.Sources)
	if !strings.Contains(names, "Al Hadath") || !strings.Contains(names, "Example Daily") {
		t.Errorf("sources %s lack the cited outlet or the document's own", names)
	}
}

func TestIngestCorpusIsIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	r := run(t, "", "ingest", "--db", db, "--progress", "none", corpus)
	if r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	first := stats(t, db)
	if first["documents"] < 60 || first["events"] < 30 || first["mentions"] < first["events"] {
		t.Fatalf("corpus gave %v", first)
	}
	r = run(t, "", "ingest", "--db", db, "--progress", "none", corpus)
	if r.code != 0 || !strings.Contains(r.stderr, fmt.Sprintf("0 added, %d already stored", first["documents"])) {
		t.Errorf("second ingest: exit %d, %s", r.code, r.stderr)
	}
	if again := stats(t, db); fmt.Sprint(again) != fmt.Sprint(first) {
		t.Errorf("re-ingest changed the store: %v → %v", first, again)
	}
	for _, format := range []string{"json", "jsonl", "csv", "geojson"} {
		r := run(t, "", "events", "--db", db, "--format", format)
		if r.code != 0 {
			t.Fatalf("events --format %s: %s", format, r.stderr)
		}
		n := 0
		switch format {
		case "json":
			var evs []map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &evs); err != nil {
				t.Fatal(err)
			}
			n = len(evs)
		case "jsonl":
			n = strings.Count(r.stdout, "\n")
		case "csv":
			rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows[0][:4], ",") != "event_date,time_precision,event_type,sub_event_type" {
				t.Errorf("csv header %v", rows[0])
			}
			n = len(rows) - 1
		case "geojson":
			var fc struct {
				Type     string
				Features []struct {
					Geometry *struct{ Coordinates []float64 }
				}
			}
			if err := json.Unmarshal([]byte(r.stdout), &fc); err != nil || fc.Type != "FeatureCollection" {
				t.Fatalf("geojson: %v %q", err, fc.Type)
			}
			n = len(fc.Features)
		}
		if n != first["events"] {
			t.Errorf("events --format %s printed %d events, want %d", format, n, first["events"])
		}
	}
	r = run(t, "", "events", "--db", db, "--country", "UKR", "--format", "jsonl")
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !strings.Contains(line, `"country":"UKR"`) {
			t.Errorf("--country UKR returned %s", line)
		}
	}
}

func TestIngestReportsBadInputAndKeepsGoodRecords(t *testing.T) {
	dir := t.TempDir()
	good := `{"source":"Test Wire","published":"2025-12-20","text":"Protesters rallied in Basra on Friday against power cuts."}`
	jsonl := good + "\n{not json\n" + `{"source":"Test Wire","published":"20/12/2025","text":"x"}` + "\n" +
		`{"source":"Test Wire","published":"2025-12-21","text":"Gunmen killed three farmers near Kidal on Saturday."}` + "\n"
	os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte(jsonl), 0o644)
	os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("%PDF-1.4"), 0o644)
	db := filepath.Join(t.TempDir(), "s.db")
	r := run(t, "", "ingest", "--db", db, "--progress", "none", filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "report.pdf"))
	if r.code == 0 {
		t.Error("bad input must give a non-zero exit status")
	}
	for _, want := range []string{"feed.jsonl:2", "feed.jsonl:3", "report.pdf", "2 bad records skipped"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if s := stats(t, db); s["documents"] != 2 {
		t.Errorf("the two valid records must be stored, got %v", s)
	}
	if r := run(t, "", "stats", "--db", filepath.Join(dir, "missing.db")); r.code == 0 || !strings.Contains(r.stderr, "missing.db") {
		t.Errorf("stats on a missing database: exit %d, %q", r.code, r.stderr)
	}
}

// Killing ingest at random moments and running it again must give exactly what one uninterrupted
// run gives: every document once, the same events.
func TestIngestSurvivesKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts the binary several times")
	}
	dir := t.TempDir()
	want := filepath.Join(dir, "clean.db")
	if r := run(t, "", "ingest", "--db", want, "--progress", "none", corpus); r.code != 0 {
		t.Fatal(r.stderr)
	}
	got := filepath.Join(dir, "killed.db")
	for i := 0; i < 4; i++ {
		cmd := exec.Command(binary, "ingest", "--db", got, "--progress", "none", corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rand.IntN(900)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	if r := run(t, "", "ingest", "--db", got, "--progress", "none", corpus); r.code != 0 {
		t.Fatalf("ingest after kills: %s", r.stderr)
	}
	if a, b := stats(t, want), stats(t, got); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("after kill -9 and restart: %v, uninterrupted: %v", b, a)
	}
	if a, b := eventIDs(t, want), eventIDs(t, got); a != b {
		t.Error("event ids differ between the interrupted and the uninterrupted run")
	}
}

func eventIDs(t *testing.T, db string) string {
	r := run(t, "", "events", "--db", db, "--format", "jsonl")
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var e struct {
			ID        string
			Documents []string
		}
		json.Unmarshal([]byte(line), &e)
		ids = append(ids, e.ID+fmt.Sprint(e.Documents))
	}
	sort.Strings(ids)
	return strings.Join(ids, "\n")
}

func TestBackupWhileStored(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "s.db"), filepath.Join(dir, "backup.db")
	if r := run(t, "", "ingest", "--db", db, "--progress", "none", filepath.Join(corpus, "wires.jsonl")); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := run(t, "", "backup", "--db", db, "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "checked") {
		t.Fatalf("backup: exit %d: %s", r.code, r.stderr)
	}
	if a, b := stats(t, db), stats(t, out); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("backup holds %v, source %v", b, a)
	}
	if r := run(t, "", "backup", "--db", db, "--out", out); r.code == 0 {
		t.Error("overwriting a backup must fail")
	}
}
