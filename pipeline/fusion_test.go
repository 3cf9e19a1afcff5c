package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

// The fusion gold set's figures with the real extractor meet their targets: precision at least 0.95
// (measured: 1.000, 140 of 140 pairs), recall at least 0.90 (measured: 0.979, 140 of 143). The three
// pairs fusion misses are lost by geoparsing first (Kanbalu missing from the gazetteer).
const (
	wantPrecision = 0.95
	recallFloor   = 0.96
)

var extractor = sync.OnceValues(extract.Default)

func newPipeline(t testing.TB) (*Pipeline, *sqlite.Store) {
	t.Helper()
	x, err := extractor()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Pipeline{Extractor: x, Store: st}, st
}

var goldSet = sync.OnceValues(func() (eval.FusionGold, error) { return eval.ReadFusionGold("../testdata/fusion") })

func gold(t testing.TB) eval.FusionGold {
	t.Helper()
	g, err := goldSet()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// byRecord finds gold documents by record id.
func byRecord(t testing.TB, g eval.FusionGold, ids ...string) []doc.Document {
	t.Helper()
	var out []doc.Document
	for _, id := range ids {
		found := false
		for _, d := range g.Docs {
			if g.Record[d.ID] == id {
				out, found = append(out, d), true
			}
		}
		if !found {
			t.Fatalf("no gold record %s", id)
		}
	}
	return out
}

func lead(st *sqlite.Store) func(context.Context, string) (string, error) {
	return func(ctx context.Context, id string) (string, error) {
		evs, err := st.DocumentEvents(ctx, id)
		if err != nil || len(evs) == 0 {
			return "", err
		}
		return evs[0], nil
	}
}

func run(t *testing.T, perm []int) (eval.FusionScore, string) {
	t.Helper()
	p, st := newPipeline(t)
	add := func(ctx context.Context, d doc.Document) error { _, err := p.Add(ctx, d); return err }
	score, _, err := eval.RunFusion(context.Background(), gold(t), perm, add, lead(st))
	if err != nil {
		t.Fatal(err)
	}
	return score, snapshot(t, st)
}

// snapshot is every stored event's id, reports and reconciled record, version aside, sorted.
func snapshot(t *testing.T, st store.Store) string {
	t.Helper()
	evs, err := st.Events(context.Background(), store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range evs {
		e.Version = 0
		b, _ := json.Marshal(e)
		lines = append(lines, string(b))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestFusionGoldSet(t *testing.T) {
	g := gold(t)
	// the set's shape: at least 120 reports of at least 40 events, 2–6 reports each
	reports := len(g.Record)
	perEvent := map[string]int{}
	for _, key := range g.Event {
		perEvent[key]++
	}
	if reports < 120 || len(perEvent) < 40 {
		t.Errorf("gold set: %d documents of %d events, want at least 120 of 40", reports, len(perEvent))
	}
	for key, n := range perEvent {
		if n < 2 || n > 6 {
			t.Errorf("gold event %s has %d reports, want 2–6", key, n)
		}
	}
	s, _ := run(t, nil)
	t.Logf("pairwise precision %.3f (%d/%d), recall %.3f (%d/%d); %d gold events, %d system events",
		s.Precision, s.TruePairs, s.SystemPairs, s.Recall, s.TruePairs, s.GoldPairs, s.GoldEvents, s.SystemEvents)
	for _, x := range s.Split {
		t.Logf("split: %s", x)
	}
	for _, x := range s.Merged {
		t.Logf("merged: %s", x)
	}
	if s.Precision < wantPrecision {
		t.Errorf("precision %.3f, want at least %.2f", s.Precision, wantPrecision)
	}
	if s.Recall < recallFloor {
		t.Errorf("recall %.3f below the floor %.2f", s.Recall, recallFloor)
	}
}

// Ingesting the gold set in other orders gives the same events: ids, reports and records.
func TestFusionIsOrderIndependent(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the gold set four times")
	}
	_, want := run(t, nil)
	n := len(gold(t).Docs)
	for seed := uint64(1); seed <= 3; seed++ {
		perm := rand.New(rand.NewPCG(seed, 2026)).Perm(n)
		if _, got := run(t, perm); got != want {
			t.Errorf("order %d gives other events:\n%s", seed, firstDiff(want, got))
		}
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "want " + la[i] + "\n got " + lb[i]
		}
	}
	return fmt.Sprintf("%d events, want %d", len(lb), len(la))
}

// Each report updates the event at once and adds a version; earlier versions stay as they were.
func TestIncrementalVersions(t *testing.T) {
	ctx := context.Background()
	g := gold(t)
	docs := byRecord(t, g, "rsm-0118-marib", "cw-0118-marib", "hc-0119-marib", "aw-0119-marib")
	p, st := newPipeline(t)
	var id string
	for i, d := range docs {
		out, err := p.Add(ctx, d)
		if err != nil || !out.Added {
			t.Fatalf("add %s: %+v, %v", g.Record[d.ID], out, err)
		}
		if i == 0 {
			id = out.Events[0]
		}
		e, err := st.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Version != i+1 || len(e.Outlets) != i+1 {
			t.Errorf("after %d reports: version %d, outlets %v", i+1, e.Version, e.Outlets)
		}
		if i == 2 && (e.Grade != doc.GradeContested || fmt.Sprint(e.DeniedBy) != "[Houthis]") {
			t.Errorf("after the denial: grade %q, denied by %v", e.Grade, e.DeniedBy)
		}
	}
	hist, err := st.EventHistory(ctx, id)
	if err != nil || len(hist) != len(docs) {
		t.Fatalf("history: %d versions, %v", len(hist), err)
	}
	for i, v := range hist {
		if v.Event.Version != i+1 || len(v.Event.Documents) != i+1 || v.Doc != docs[i].ID {
			t.Errorf("version %d: %d documents, caused by %s", v.Event.Version, len(v.Event.Documents), v.Doc)
		}
	}
	if hist[0].Change != "created" || hist[1].Change != "report added" || hist[0].Event.Grade != doc.GradeSingle {
		t.Errorf("changes %q, %q; first grade %q", hist[0].Change, hist[1].Change, hist[0].Event.Grade)
	}
}

// A report published before the event's first one re-keys the event; the old id stays an alias and
// the history runs through both.
func TestBackfillRekeys(t *testing.T) {
	ctx := context.Background()
	g := gold(t)
	docs := byRecord(t, g, "rsm-0118-marib", "cw-0118-marib", "hc-0119-marib")
	p, st := newPipeline(t)
	for _, d := range docs[1:] {
		if _, err := p.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := st.DocumentEvents(ctx, docs[1].ID)
	out, err := p.Add(ctx, docs[0]) // the earliest report, last
	if err != nil {
		t.Fatal(err)
	}
	after := out.Events[0]
	if before[0] == after {
		t.Fatalf("the earliest report did not re-key the event %s", after)
	}
	e, err := st.Event(ctx, before[0])
	if err != nil || e.ID != after || e.Corroboration != 3 {
		t.Errorf("Event(old id) = %s with %d outlets, %v; want %s", e.ID, e.Corroboration, err, after)
	}
	hist, err := st.EventHistory(ctx, before[0])
	if err != nil {
		t.Fatal(err)
	}
	var changes []string
	for _, v := range hist {
		changes = append(changes, v.Event.ID+" "+v.Change)
	}
	want := fmt.Sprintf("[%[1]s created %[1]s report added %[1]s merged into %[2]s %[2]s created; took reports of %[1]s]", before[0], after)
	if fmt.Sprint(changes) != want {
		t.Errorf("history\n got %v\nwant %s", changes, want)
	}
	// the same id as when the reports arrive in order
	q, st2 := newPipeline(t)
	for _, d := range docs {
		if _, err := q.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if inOrder, _ := st2.DocumentEvents(ctx, docs[1].ID); inOrder[0] != after {
		t.Errorf("id %s in order, %s after a backfill", inOrder[0], after)
	}
}

func TestNearCopies(t *testing.T) {
	ctx := context.Background()
	g := gold(t)
	docs := byRecord(t, g, "cw-0112-kharkiv", "nsb-0112-kharkiv", "hc-0122-mogadishu", "hc-0122-mogadishu-upd")
	wire, syndicated, mog, mogResend := docs[0], docs[1], docs[2], docs[3]
	p, st := newPipeline(t)
	for _, d := range []doc.Document{wire, mog} {
		if _, err := p.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	stats0, _ := st.Stats(ctx)
	kharkiv, _ := st.DocumentEvents(ctx, wire.ID)
	mogEvent, _ := st.DocumentEvents(ctx, mog.ID)
	mogBefore, _ := st.Event(ctx, mogEvent[0])

	t.Run("exact re-send by the same outlet adds nothing", func(t *testing.T) {
		again := mog
		again.ID, again.Origin = "", "elsewhere.jsonl:9"
		again.Text = strings.ReplaceAll(mog.Text, " ", "  ")
		out, err := p.Add(ctx, again)
		if err != nil || out.Added {
			t.Errorf("Add = %+v, %v; want nothing added", out, err)
		}
		if st1, _ := st.Stats(ctx); st1 != stats0 {
			t.Errorf("stats %+v, were %+v", st1, stats0)
		}
	})
	t.Run("syndicated copy under another outlet adds a source, not an event", func(t *testing.T) {
		out, err := p.Add(ctx, syndicated)
		if err != nil || !out.Added || out.CopyOf != wire.ID || fmt.Sprint(out.Events) != fmt.Sprint(kharkiv) {
			t.Fatalf("Add = %+v, %v; want a copy of %s joining %v", out, err, wire.ID, kharkiv)
		}
		st1, _ := st.Stats(ctx)
		if st1.Events != stats0.Events || st1.Documents != stats0.Documents+1 {
			t.Errorf("stats %+v, were %+v: want one more document and no new event", st1, stats0)
		}
		e, _ := st.Event(ctx, kharkiv[0])
		if !slices.Contains(e.Documents, syndicated.ID) || e.Corroboration != 1 || e.Version != 2 {
			t.Errorf("event documents %v, corroboration %d, version %d", e.Documents, e.Corroboration, e.Version)
		}
		var entry *doc.Attribution
		for i := range e.Sources {
			if e.Sources[i].Name == syndicated.Source {
				entry = &e.Sources[i]
			}
		}
		if entry == nil || entry.CopyOf != wire.Source || fmt.Sprint(entry.Documents) != "["+syndicated.ID+"]" {
			t.Errorf("source entry of the syndicating outlet: %+v", entry)
		}
	})
	t.Run("a re-sent copy with an edit under the same outlet adds nothing", func(t *testing.T) {
		out, err := p.Add(ctx, mogResend)
		if err != nil || out.CopyOf != mog.ID {
			t.Fatalf("Add = %+v, %v; want a copy of %s", out, err, mog.ID)
		}
		e, _ := st.Event(ctx, mogEvent[0])
		if a, b := jsonOf(e), jsonOf(mogBefore); a != b {
			t.Errorf("the event changed:\n%s\n%s", b, a)
		}
	})
	t.Run("the copy first, then the original", func(t *testing.T) {
		q, st2 := newPipeline(t)
		for _, d := range []doc.Document{syndicated, wire} {
			if _, err := q.Add(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		r, st3 := newPipeline(t)
		for _, d := range []doc.Document{wire, syndicated} {
			if _, err := r.Add(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if a, b := snapshot(t, st2), snapshot(t, st3); a != b {
			t.Errorf("copy first:\n%s\noriginal first:\n%s", a, b)
		}
	})
}

func jsonOf(e doc.Event) string {
	b, _ := json.Marshal(e)
	return string(b)
}
