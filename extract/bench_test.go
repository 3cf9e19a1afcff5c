package extract

import (
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
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
		ds, _, err := ingest.Read(f, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range ds {
			docs = append(docs, d)
			n += int64(len(d.Text))
		}
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
