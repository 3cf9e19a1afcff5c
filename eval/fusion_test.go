package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScoreFusion(t *testing.T) {
	gold := map[string]string{"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E2", "f": "E3"}
	tests := []struct {
		name              string
		system            map[string]string
		precision, recall float64
		split, merged     int
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, 1, 1, 0, 0},
		{"all apart", map[string]string{}, 1, 0, 2, 0},
		// pairs: gold ab ac bc de (4); system ab de df ef (4), of which ab de are right
		{"a split and a merge", map[string]string{"a": "x", "b": "x", "c": "w", "d": "y", "e": "y", "f": "y"}, 0.5, 0.5, 1, 1},
		{"everything one event", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "f": "x"}, 4.0 / 15, 1, 0, 1},
	}
	for _, tc := range tests {
		s := ScoreFusion(gold, tc.system, nil)
		if !approx(s.Precision, tc.precision) || !approx(s.Recall, tc.recall) || len(s.Split) != tc.split || len(s.Merged) != tc.merged {
			t.Errorf("%s: precision %.3f recall %.3f split %v merged %v; want %.3f %.3f %d %d",
				tc.name, s.Precision, s.Recall, s.Split, s.Merged, tc.precision, tc.recall, tc.split, tc.merged)
		}
		if s.GoldPairs != 4 || s.Documents != 6 || s.GoldEvents != 3 {
			t.Errorf("%s: %+v", tc.name, s)
		}
	}
}

func approx(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestReadFusionGold(t *testing.T) {
	g, err := ReadFusionGold("../testdata/fusion")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Docs) < 120 || len(g.Docs) != len(g.Event) {
		t.Errorf("%d documents, %d with gold events", len(g.Docs), len(g.Event))
	}
	dir := t.TempDir()
	write := func(name, body string) { os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644) }
	write("r.jsonl", `{"id":"a","source":"S","published":"2026-01-01","text":"Drones hit Odesa."}`+"\n"+
		`{"id":"b","source":"S","published":"2026-01-01","text":"Drones  hit Odesa."}`+"\n")
	write("gold.tsv", "doc\tevent\na\tE1\n")
	if _, err := ReadFusionGold(dir); err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("a report without a gold line: %v", err)
	}
	write("gold.tsv", "doc\tevent\na\tE1\nb\tE2\n")
	if _, err := ReadFusionGold(dir); err == nil || !strings.Contains(err.Error(), "same document") {
		t.Errorf("one document under two events: %v", err)
	}
	write("gold.tsv", "doc\tevent\na\tE1\nb\tE1\n")
	if g, err := ReadFusionGold(dir); err != nil || len(g.Docs) != 1 {
		t.Errorf("an exact re-send counts once: %d documents, %v", len(g.Docs), err)
	}
}
