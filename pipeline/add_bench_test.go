package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
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
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct{ Source, Published, Title, URL, Text string }
			if json.Unmarshal(sc.Bytes(), &r) != nil || r.Text == "" {
				continue
			}
			pub, _ := time.Parse(time.DateOnly, r.Published)
			if pub.IsZero() {
				pub, _ = time.Parse(time.RFC3339, r.Published)
			}
			docs = append(docs, doc.Document{Source: r.Source, Published: pub, Title: r.Title, URL: r.URL, Text: r.Text})
			n += int64(len(r.Text))
		}
		fh.Close()
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
