package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// benchDocs reads the bundled sample reports (testdata/corpus/*.jsonl) as documents.
func benchDocs(b *testing.B) ([]doc.Document, int64) {
	b.Helper()
	files, err := filepath.Glob("../testdata/corpus/*.jsonl")
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus files: %v", err)
	}
	var docs []doc.Document
	var n int64
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct {
				Source, Published, Text string
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.Text == "" {
				continue
			}
			pub, _ := time.Parse(time.DateOnly, r.Published)
			if pub.IsZero() {
				pub, _ = time.Parse(time.RFC3339, r.Published)
			}
			docs = append(docs, doc.Document{Source: r.Source, Published: pub, Text: r.Text})
			n += int64(len(r.Text))
		}
		fh.Close()
	}
	return docs, n
}

// BenchmarkSentences is sentence splitting over the sample corpus (bytes of text per second).
func BenchmarkSentences(b *testing.B) {
	docs, n := benchDocs(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Sentences(d.Text)
		}
	}
}

// BenchmarkExtract is event coding, everything included (sentences, tokens, dictionaries, places,
// dates, roles, merging), over the sample corpus.
func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	docs, n := benchDocs(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			x.Extract(d)
		}
	}
}
