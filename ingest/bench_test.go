package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadJSONL is reading: a JSON Lines file of about 2 MB (copies of the bundled sample
// reports under numbered outlets) into documents, bytes of file per second.
func BenchmarkReadJSONL(b *testing.B) {
	var base []map[string]any
	for _, f := range []string{"../testdata/corpus/wires.jsonl", "../testdata/corpus/regional.jsonl"} {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				base = append(base, m)
			}
		}
		fh.Close()
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(out)
	var size int64
	for copyNo := 0; size < 2<<20; copyNo++ {
		for _, m := range base {
			m["source"] = fmt.Sprintf("Bench Wire %d", copyNo)
			line, _ := json.Marshal(m)
			n, _ := w.Write(append(line, '\n'))
			size += int64(n)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	out.Close()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		docs, bad, err := Read(path, Options{})
		if err != nil || len(bad) > 0 || len(docs) == 0 {
			b.Fatalf("%d documents, %d bad records, %v", len(docs), len(bad), err)
		}
	}
}
