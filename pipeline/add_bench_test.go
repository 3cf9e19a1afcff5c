package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

// BenchmarkPipelineAdd is end to end: Add (extraction, fusion, one SQLite transaction) of each
// bundled sample report into a new temporary store, bytes of report text per second. Opening the
// store is not timed.
func BenchmarkPipelineAdd(b *testing.B) {
	ctx := context.Background()
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []doc.Document
	var n int64
	files, _ := filepath.Glob("../testdata/corpus/*.jsonl")
	for _, f := range files {
		ds, _, err := ingest.Read(f, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range ds {
			docs = append(docs, d)
			n += int64(len(d.Text))
		}
	}
	dir := b.TempDir()
	b.SetBytes(n)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		p := &Pipeline{Extractor: x, Store: st}
		b.StartTimer()
		for _, d := range docs {
			if out, err := p.Add(ctx, d); err != nil || !out.Added {
				b.Fatalf("Add: added %v, %v", out.Added, err)
			}
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
