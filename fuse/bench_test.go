package fuse

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/ingest"
)

// BenchmarkMerge is fusion: the mentions the extractor codes in the bundled sample reports, each
// report as published by three outlets, clustered into events and each event's fields reconciled
// (Cluster, then Build per event). Bytes are those of the reports' text. Clustering compares a
// mention with the events that share its days, so the figure depends on how many mentions are fused
// together: this is one neighbourhood of about 120 reports.
func BenchmarkMerge(b *testing.B) {
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/corpus/*.jsonl")
	var recs []doc.MentionRecord
	var n int64
	for _, f := range files {
		ds, _, err := ingest.Read(f, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range ds {
			for outlet := range 3 {
				d := doc.Document{Source: fmt.Sprintf("%s %d", r.Source, outlet), Published: r.Published.Add(time.Duration(outlet) * time.Hour), Text: r.Text}
				d.ID = doc.ContentID(d.Source, d.Text)
				ref := doc.DocRef{ID: d.ID, Source: d.Source, Published: d.Published}
				for i, m := range x.Extract(d) {
					recs = append(recs, doc.MentionRecord{Doc: ref, Idx: i, Mention: m})
				}
				n += int64(len(d.Text))
			}
		}
	}
	if len(recs) == 0 {
		b.Fatal("no mentions in the corpus")
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, g := range Cluster(recs) {
			Build(g, nil)
		}
	}
}
