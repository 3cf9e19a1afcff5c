package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/fuse"
	"github.com/sitrep-dev/sitrep/ingest"
)

// BenchmarkAddDocument is store writes: each bundled sample report stored with its mentions and an
// event per mention, in its own transaction, into a store that grows as the benchmark runs (every
// round stores the reports again under new outlet names). Bytes are those of the reports' text.
func BenchmarkAddDocument(b *testing.B) {
	ctx := context.Background()
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	type report struct {
		d        doc.Document
		mentions []doc.Mention
	}
	var reports []report
	var n int64
	files, _ := filepath.Glob("../../testdata/corpus/*.jsonl")
	for _, f := range files {
		ds, _, err := ingest.Read(f, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range ds {
			reports = append(reports, report{d, x.Extract(d)})
			n += int64(len(d.Text))
		}
	}
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetBytes(n)
	b.ReportAllocs()
	round := 0
	for b.Loop() {
		round++
		for _, r := range reports {
			d := r.d
			d.Source = fmt.Sprintf("%s %d", d.Source, round)
			d.ID = doc.ContentID(d.Source, d.Text)
			events := make([]doc.Event, len(r.mentions))
			for i, m := range r.mentions {
				events[i] = fuse.Single(d, i, m)
			}
			if added, err := s.AddDocument(ctx, d, r.mentions, events); err != nil || !added {
				b.Fatalf("AddDocument: added %v, %v", added, err)
			}
		}
	}
}
