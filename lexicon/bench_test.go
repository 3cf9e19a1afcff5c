package lexicon

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// BenchmarkScan is the dictionary scan of the sample corpus's sentences (tokenised beforehand),
// bytes of text per second.
func BenchmarkScan(b *testing.B) {
	lex, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/corpus/*.jsonl")
	var sents [][]doc.Token
	var n int64
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &r) != nil {
				continue
			}
			for _, s := range strings.SplitAfter(r.Text, ". ") {
				sents = append(sents, doc.Tokenize(s, 0))
				n += int64(len(s))
			}
		}
		fh.Close()
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, toks := range sents {
			lex.Scan(toks)
		}
	}
}

// BenchmarkBuild is the cost of building the embedded dictionaries (Default does it once per
// process).
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(nil); err != nil {
			b.Fatal(err)
		}
	}
}
