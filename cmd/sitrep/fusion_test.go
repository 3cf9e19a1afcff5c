package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalFusion(t *testing.T) {
	r := run(t, "", "eval", "--fusion", "../../testdata/fusion", "--json")
	if r.code != 0 {
		t.Fatalf("eval --fusion: exit %d: %s", r.code, r.stderr)
	}
	var s struct {
		Documents         int
		Precision, Recall float64
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("output %q: %v", r.stdout, err)
	}
	if s.Documents < 120 || s.Precision < 0.95 || s.Recall < 0.80 {
		t.Errorf("eval --fusion: %+v", s)
	}
	r = run(t, "", "eval", "--fusion", "../../testdata/fusion")
	if r.code != 0 || !strings.Contains(r.stdout, "pairwise precision") {
		t.Errorf("eval --fusion (table): exit %d, %q", r.code, r.stdout)
	}
}

// `events --history` shows how an event grew, report by report.
func TestEventsHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if r := run(t, "", "ingest", "--db", db, "--progress", "none", "../../testdata/fusion"); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	r := run(t, "", "events", "--db", db, "--country", "YEM", "--min-sources", "4", "--format", "jsonl")
	if r.code != 0 {
		t.Fatalf("events: %s", r.stderr)
	}
	var e struct {
		ID            string
		Corroboration int
		Version       int
		Grade         string
	}
	if err := json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &e); err != nil || e.ID == "" {
		t.Fatalf("events output %q: %v", r.stdout, err)
	}
	r = run(t, "", "events", "--db", db, "--history", e.ID)
	if r.code != 0 {
		t.Fatalf("events --history: %s", r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != e.Version {
		t.Errorf("%d versions printed, the event is at version %d", len(lines), e.Version)
	}
	var first, last struct {
		Change string
		Event  struct{ Version, Corroboration int }
	}
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[len(lines)-1]), &last)
	if first.Change != "created" || first.Event.Version != 1 || first.Event.Corroboration != 1 || last.Event.Corroboration != e.Corroboration {
		t.Errorf("history from %+v to %+v", first, last)
	}
	if r := run(t, "", "events", "--db", db, "--history", "ev-0000000000000000"); r.code == 0 || !strings.Contains(r.stderr, "no event") {
		t.Errorf("history of an unknown id: exit %d, %q", r.code, r.stderr)
	}
}
